"""UK financial years (1 April to 31 March), the one place their labels are made and read.

A financial year is named by the calendar year it starts in: the year starting 1 April 2011 is
start year 2011, labelled "2011/12" (the stored and file form) and displayed "2011–12" in running
text. Every app (finance's budget years, performance's periods and comparators, plan files) uses
these helpers instead of formatting or parsing labels itself.

Pure Python: no Django.
"""

from __future__ import annotations

import datetime
import re

# "2011/12", "2011-12", "2011/2012", "2011–12" (en dash) and "2011 to 2012".
_LABEL = re.compile(
    r"\s*(?P<start>\d{4})\s*(?:/|-|\u2013|to)\s*(?P<end>\d{4}|\d{2})\s*", re.IGNORECASE
)
# Exactly the stored form: four digits, a slash, two digits.
_STRICT = re.compile(r"(?P<start>\d{4})/(?P<end>\d{2})")
EXAMPLE = "2011/12"


class FinancialYearError(ValueError):
    """Text that is not a financial year. `message` is fit to show a person; `mismatched` says
    the text had the right shape but its two years do not follow each other ("2011/13")."""

    def __init__(self, message: str, *, mismatched: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.mismatched = mismatched


def label(start_year: int) -> str:
    """2011 -> "2011/12"; 1999 -> "1999/00"."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def display(start_year: int) -> str:
    """2011 -> "2011–12", for running text (an en dash, as GOV.UK style writes ranges)."""
    return f"{start_year}\u2013{(start_year + 1) % 100:02d}"


def label_ending(end_year: int) -> str:
    """The label of the year ending 31 March `end_year`: 2025 -> "2024/25"."""
    return label(end_year - 1)


def of(day: datetime.date) -> int:
    """The start year of the financial year containing `day`: 5 May 2017 and 5 March 2018 ->
    2017."""
    return day.year if day.month >= 4 else day.year - 1


def start(start_year: int) -> datetime.date:
    """The first day: 2011 -> 1 April 2011."""
    return datetime.date(start_year, 4, 1)


def end(start_year: int) -> datetime.date:
    """The last day: 2011 -> 31 March 2012."""
    return datetime.date(start_year + 1, 3, 31)


def follows(start_year: int, second: str) -> bool:
    """Whether `second` ("12" or "2012") is the year after `start_year`."""
    if len(second) == 4:
        return int(second) == start_year + 1
    return int(second) == (start_year + 1) % 100


def parse(text: str) -> int:
    """The start year of the financial year written `text`, in any of the usual forms
    ("2011/12", "2011-12", "2011/2012", "2011–12", "2011 to 2012"). Raises FinancialYearError
    with a message for people."""
    match = _LABEL.fullmatch(text)
    if match is None:
        raise FinancialYearError(f"Enter a financial year like {EXAMPLE}.")
    start_year = int(match["start"])
    if not follows(start_year, match["end"]):
        raise FinancialYearError(
            f"{text.strip()} is not a financial year: the second year must follow the first, "
            f"like {EXAMPLE}.",
            mismatched=True,
        )
    return start_year


def is_label(text: str) -> bool:
    """Whether `text` is exactly a stored label ("2011/12": four digits, a slash, the next
    year's last two digits), as plan files and the budget store it."""
    match = _STRICT.fullmatch(text)
    return match is not None and follows(int(match["start"]), match["end"])
