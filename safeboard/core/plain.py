"""Plain reads: one SQL statement run without the ORM, for the few reads made on every view of the
most-read pages, where building an ORM query costs more than running it (decision 0034).

A plain statement takes its table names from the models' metadata and binds every value as a
parameter. What it returns is as the database driver gives it, so dates and times are turned
into what the ORM would give with `day` and `moment`: SQLite gives a date or time as stored
(a time without its zone, which is UTC), PostgreSQL gives them typed and aware.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, overload

from django.db import connection
from django.utils import timezone


def rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Every row of one statement, as tuples of plain values."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def day(value: Any) -> datetime.date:
    """A date read by a plain statement (a date, or its ISO text)."""
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


@overload
def moment(value: datetime.datetime) -> datetime.datetime: ...
@overload
def moment(value: None) -> None: ...
def moment(value: datetime.datetime | None) -> datetime.datetime | None:
    """A time read by a plain statement, aware as the ORM gives it (USE_TZ: stored in UTC)."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, datetime.UTC)
