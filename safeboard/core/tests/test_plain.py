"""Plain reads give dates and times as the ORM would, on either database."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from safeboard.core import plain

UTC = datetime.UTC


def test_a_date_comes_back_as_a_date_from_its_text_or_itself():
    assert plain.day("2024-03-01") == datetime.date(2024, 3, 1)
    assert plain.day(datetime.date(2024, 3, 1)) == datetime.date(2024, 3, 1)


def test_a_time_without_its_zone_is_utc_and_an_aware_one_is_kept():
    naive = datetime.datetime(2024, 6, 30, 23, 30)
    assert plain.moment(naive) == datetime.datetime(2024, 6, 30, 23, 30, tzinfo=UTC)
    aware = datetime.datetime(
        2024, 6, 30, 23, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    assert plain.moment(aware) is aware
    assert plain.moment(None) is None


@pytest.mark.django_db
def test_rows_runs_one_statement_with_its_values_bound():
    hostile = "x'); DROP TABLE accounts_user; --"
    assert plain.rows("SELECT %s, %s", [hostile, 7]) == [(hostile, 7)]
    with connection.cursor() as cursor:  # the table is still there
        cursor.execute("SELECT COUNT(*) FROM accounts_user")
