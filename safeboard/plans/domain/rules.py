"""Rules about a plan's years and an action's dates. Pure Python: no Django."""

from __future__ import annotations

import datetime

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def period_problem(start_year: int, end_year: int) -> str | None:
    """A plan runs from its first year to its last year, in that order."""
    for year in (start_year, end_year):
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            return f"Enter years between {EARLIEST_YEAR} and {LATEST_YEAR}"
    if end_year < start_year:
        return "The last year must be the same as or after the first year"
    return None


def action_dates_problem(
    start_date: datetime.date | None, due_date: datetime.date | None
) -> str | None:
    """An action cannot be due before it starts. Either date may be not recorded."""
    if start_date is not None and due_date is not None and due_date < start_date:
        return "The due date must be the same as or after the start date"
    return None


def progress_date_problem(date: datetime.date, today: datetime.date) -> str | None:
    """Progress is recorded for a day that has happened."""
    if date > today:
        return "The date of the update must be today or in the past"
    return None
