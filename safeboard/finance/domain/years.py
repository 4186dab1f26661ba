"""Budget years: the range of start years a budget may have, and a year's label checked against
its start year. Labels are made and read by `core.domain.financial_years` (an English
public-sector financial year runs from April to March, so the year starting in 2011 is written
"2011/12")."""

from __future__ import annotations

from safeboard.core.domain import financial_years

FIRST_YEAR = 1990
LAST_YEAR = 2100


class YearError(ValueError):
    """A start year or label that cannot be used. `message` is fit to show a person."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def check_start_year(start_year: int) -> int:
    if not FIRST_YEAR <= start_year <= LAST_YEAR:
        raise YearError(
            f"Enter a start year between {FIRST_YEAR} and {LAST_YEAR}, like 2011.",
            field="start_year",
        )
    return start_year


def year_label(label: str, *, start_year: int) -> str:
    """The label for the financial year starting in `start_year`, written "2011/12".

    A blank label is made from the start year. "2011/12", "2011-12", "2011/2012", "2011–12" and
    "2011 to 2012" are all read as 2011/12; a label for any other year is refused, so a year's
    label and its start year cannot disagree.
    """
    check_start_year(start_year)
    expected = financial_years.label(start_year)
    if not label.strip():
        return expected
    try:
        start = financial_years.parse(label)
    except financial_years.FinancialYearError as exc:
        if not exc.mismatched:
            raise YearError(
                f"Enter the label as a financial year, like {expected}.", field="label"
            ) from exc
        start = None
    if start != start_year:
        raise YearError(
            f"The label must be the financial year starting in {start_year}: enter {expected}.",
            field="label",
        )
    return expected
