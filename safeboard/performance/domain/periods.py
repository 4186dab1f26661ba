"""Reporting periods, labelled by the UK financial year (April to March).

A period is identified by the date it starts: the 1st of a month for monthly data; 1 April, July,
October or January for quarters (Q1 is April–June); 1 April for a year. Labels:

    monthly    "April 2017"
    quarterly  "2017/18 Q1"  (Q4 of 2017/18 starts 1 January 2018)
    annual     "2017/18"
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from safeboard.core.domain import financial_years

MONTHLY, QUARTERLY, ANNUAL = "monthly", "quarterly", "annual"
FREQUENCIES = (MONTHLY, QUARTERLY, ANNUAL)
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_MONTHS_PER = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}


class PeriodError(ValueError):
    pass


def period_start(day: datetime.date, frequency: str) -> datetime.date:
    """The start of the period of `frequency` that contains `day`."""
    if frequency == MONTHLY:
        return day.replace(day=1)
    if frequency == QUARTERLY:
        months_in = (day.month - 4) % 12
        start = financial_years.start(financial_years.of(day))
        return add_months(start, months_in - months_in % 3)
    if frequency == ANNUAL:
        return financial_years.start(financial_years.of(day))
    raise PeriodError(f"Unknown frequency {frequency!r}.")


def is_period_start(day: datetime.date, frequency: str) -> bool:
    return period_start(day, frequency) == day


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + (day.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def next_period(start: datetime.date, frequency: str) -> datetime.date:
    return add_months(start, _MONTHS_PER[frequency])


def period_end(start: datetime.date, frequency: str) -> datetime.date:
    return next_period(start, frequency) - datetime.timedelta(days=1)


def periods(first: datetime.date, last: datetime.date, frequency: str) -> Iterator[datetime.date]:
    """Every period start from the period containing `first` to the one containing `last`."""
    current, end = period_start(first, frequency), period_start(last, frequency)
    while current <= end:
        yield current
        current = next_period(current, frequency)


def label(start: datetime.date, frequency: str) -> str:
    if frequency == MONTHLY:
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if frequency == QUARTERLY:
        quarter = (start.month - 4) % 12 // 3 + 1
        return f"{financial_years.label(financial_years.of(start))} Q{quarter}"
    if frequency == ANNUAL:
        return financial_years.label(financial_years.of(start))
    raise PeriodError(f"Unknown frequency {frequency!r}.")


# A financial year (read by core.domain.financial_years), then perhaps a quarter.
_FY = re.compile(r"^\s*(\d{4}\s*[/-]\s*(?:\d{2}|\d{4}))\s*(?:Q([1-4]))?\s*$", re.IGNORECASE)
_MONTH = re.compile(r"^\s*([A-Za-z]+)\s+(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse(text: str, frequency: str) -> datetime.date:
    """The start of the period written `text`: "2017/18 Q1", "2017/18", "April 2017" or an ISO
    date that starts a period ("2017-04-01"). Raises PeriodError with a message for people."""
    example = {MONTHLY: "April 2017", QUARTERLY: "2017/18 Q1", ANNUAL: "2017/18"}[frequency]
    wrong = f"Enter the period like {example}."
    if match := _ISO.match(text):
        try:
            day = datetime.date(*(int(g) for g in match.groups()))
        except ValueError as exc:
            raise PeriodError(wrong) from exc
        if not is_period_start(day, frequency):
            raise PeriodError(f"{text.strip()} does not start a {frequency} period. {wrong}")
        return day
    if frequency in (QUARTERLY, ANNUAL) and (match := _FY.match(text)):
        quarter = match[2]
        try:
            year = financial_years.parse(match[1])
        except financial_years.FinancialYearError as exc:
            raise PeriodError(f"{text.strip()} is not a financial year. {wrong}") from exc
        if frequency == ANNUAL:
            if quarter:
                raise PeriodError(wrong)
            return financial_years.start(year)
        if not quarter:
            raise PeriodError(f"Say which quarter. {wrong}")
        return add_months(financial_years.start(year), (int(quarter) - 1) * 3)
    if frequency == MONTHLY and (match := _MONTH.match(text)):
        names = [m.lower() for m in _MONTHS]
        name = match[1].lower()
        candidates = [i for i, m in enumerate(names) if m.startswith(name) and len(name) >= 3]
        if len(candidates) == 1:
            return datetime.date(int(match[2]), candidates[0] + 1, 1)
    raise PeriodError(wrong)
