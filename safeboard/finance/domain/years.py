"""Financial years and their labels. An English public-sector financial year runs from April to
March, so the year starting in 2011 is written "2011/12"."""

from __future__ import annotations

import re

FIRST_YEAR = 1990
LAST_YEAR = 2100

_LABEL = re.compile(r"^(?P<start>\d{4})\s*(?:/|-|\u2013|to)\s*(?P<end>\d{4}|\d{2})$")


class YearError(ValueError):
    """A start year or label that cannot be used. `message` is fit to show a person."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def financial_year_label(start_year: int) -> str:
    """2011 -> "2011/12"; 1999 -> "1999/00"."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


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
    expected = financial_year_label(start_year)
    text = label.strip()
    if not text:
        return expected
    match = _LABEL.match(text)
    if match is None:
        raise YearError(f"Enter the label as a financial year, like {expected}.", field="label")
    start, end = int(match["start"]), match["end"]
    end_matches = int(end) == start + 1 if len(end) == 4 else int(end) == (start + 1) % 100
    if start != start_year or not end_matches:
        raise YearError(
            f"The label must be the financial year starting in {start_year}: enter {expected}.",
            field="label",
        )
    return expected
