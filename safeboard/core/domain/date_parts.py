"""A date typed into the three inputs (day, month, year) of a GOV.UK date input, or what is wrong
with it, in the words the GOV.UK Design System asks for. Pure Python, shared by every app through
`safeboard.ui.forms.DateInputField`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

DatePart = Literal["day", "month", "year"]
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


@dataclass(frozen=True)
class DateProblem:
    part: DatePart  # the first input to highlight and link to
    message: str


def parse_date_parts(day: str, month: str, year: str, *, label: str) -> datetime.date | DateProblem:
    """A date from the three inputs of a GOV.UK date input, or what is wrong with them.
    `label` names the date in messages, e.g. "Meeting date"."""
    parts: dict[DatePart, str] = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
    missing = [name for name, value in parts.items() if not value]
    if len(missing) == 3:
        return DateProblem("day", f"Enter the {label.lower()}")
    if missing:
        return DateProblem(missing[0], f"{label} must include a {' and '.join(missing)}")
    for name, value in parts.items():
        if not value.isdigit() or not value.isascii():
            return DateProblem(name, f"{label} must be a real date, written in numbers")
    if len(parts["year"]) != 4:
        return DateProblem("year", "Year must include 4 numbers")
    number = {name: int(value) for name, value in parts.items()}
    if not EARLIEST_YEAR <= number["year"] <= LATEST_YEAR:
        return DateProblem("year", f"{label} must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    if not 1 <= number["month"] <= 12:
        return DateProblem("month", f"{label} must be a real date")
    try:
        return datetime.date(number["year"], number["month"], number["day"])
    except ValueError:
        return DateProblem("day", f"{label} must be a real date")
