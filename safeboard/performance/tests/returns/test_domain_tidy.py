from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from safeboard.performance.domain.tidy import (
    COLUMNS,
    IndicatorInfo,
    TidyError,
    header_index,
    parse_rows,
)

INDICATORS = {
    "cp-all": IndicatorInfo(1, "cp-all", "monthly", "count"),
    "seen": IndicatorInfo(2, "seen", "quarterly", "percentage"),
    "fy": IndicatorInfo(3, "fy", "annual", "count"),
}
AGENCIES = {"police": 7, "ourshire police": 7}
INDEX = header_index(list(COLUMNS))


def parse(*rows):
    numbered = [(n, row) for n, row in enumerate(rows, start=2)]
    return parse_rows(numbered, INDEX, indicators=INDICATORS, agencies=AGENCIES)


def messages(*rows):
    return [str(e) for e in parse(*rows)[1]]


def test_it_reads_every_period_label_and_an_iso_start():
    rows, errors = parse(
        ("cp-all", "April 2017", "", "3", "", "", ""),
        ("CP-ALL", "2017-05-01", "police", 4, None, None, "fine"),
        ("seen", "2017/18 Q2", "Ourshire Police", "", 3, 4, ""),
        ("fy", "2017/18", "", 10.0, None, None, None),
    )
    assert errors == []
    assert [(r.indicator_id, r.period_start, r.agency_id, r.value) for r in rows] == [
        (1, datetime.date(2017, 4, 1), None, Decimal("3")),
        (1, datetime.date(2017, 5, 1), 7, Decimal("4")),
        (2, datetime.date(2017, 7, 1), 7, Decimal("75")),
        (3, datetime.date(2017, 4, 1), None, Decimal("10")),
    ]


def test_it_reads_a_spreadsheet_date_as_the_period_start():
    rows, errors = parse(("cp-all", datetime.datetime(2017, 4, 1), None, 3, None, None, None))
    assert errors == []
    assert rows[0].period_start == datetime.date(2017, 4, 1)


def test_it_names_the_row_and_column_of_every_problem():
    assert messages(
        ("nope", "April 2017", "", "3", "", "", ""),
        ("cp-all", "2017/18 Q1", "", "3", "", "", ""),
        ("cp-all", "April 2017", "", "three", "", "", ""),
        ("cp-all", "April 2017", "their police", "3", "", "", ""),
        ("cp-all", "April 2017", "", "3", "", "", "<script>\x07"),
        ("cp-all", "April 2017", "", "", "", "", ""),
    ) == [
        "Row 2, indicator_code: there is no indicator with the code 'nope'. Check the code "
        "against the data set",
        "Row 3, period: cp-all is monthly: enter the period like April 2017.",
        "Row 4, value: enter a number, like 12 or 3.5",
        "Row 5, agency: there is no agency 'their police' in this partnership. Use the agency's "
        "key or name, or leave it blank for the partnership total",
        "Row 6, comment: remove the control characters (invisible characters) from it",
        "Row 7, value: enter the value, or remove the row",
    ]


def test_it_refuses_a_duplicate_row():
    assert messages(
        ("cp-all", "April 2017", "", "3", "", "", ""),
        ("cp-all", "2017-04-01", "", "4", "", "", ""),
    ) == ["Row 3: this repeats row 2 (the same indicator, period and agency). Remove one of them"]


def test_it_skips_blank_rows():
    rows, errors = parse(
        ("", None, "", "", "", "", ""), ("cp-all", "April 2017", "", 1, "", "", "")
    )
    assert errors == []
    assert len(rows) == 1


def test_it_asks_for_the_missing_columns():
    with pytest.raises(TidyError, match="Missing: period"):
        header_index(["indicator_code", "value"])


def test_it_accepts_columns_in_any_order_with_extra_columns():
    index = header_index(["Value", "unit", "Indicator Code", "period"])
    rows, errors = parse_rows(
        [(2, ("5", "Count", "cp-all", "April 2017"))],
        index,
        indicators=INDICATORS,
        agencies=AGENCIES,
    )
    assert errors == []
    assert rows[0].value == Decimal("5")
