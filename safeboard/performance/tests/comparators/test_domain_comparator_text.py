"""Comparator names, codes and sources are one line of plain text (the pure rule)."""

from decimal import Decimal

import pytest

from safeboard.performance.domain import comparators as c

HEADER = ["time_period", "geographic_level", "area_code", "area_name", "measure", "value", "symbol"]


def _parse(*rows):
    return c.parse_table(HEADER, enumerate(rows, start=2))


@pytest.mark.parametrize(
    ("column", "text", "problem"),
    [
        ("area_name", "Eng\nland", "area_name must be on one line"),
        ("area_name", "Eng\x00land", "area_name must not contain null characters"),
        ("area_code", "E92\t000001", "area_code must not contain control characters"),
        ("area_name", "<script>alert(1)</script>", "area_name must not contain HTML markup"),
        ("area_code", "<b>E92</b>", "area_code must not contain HTML markup"),
        ("source_file", "<!-- x -->", "source_file must not contain HTML markup"),
    ],
)
def test_it_names_what_is_wrong_with_a_one_line_value(column, text, problem):
    assert (c.one_line_problem(column, text) or "").startswith(problem)


@pytest.mark.parametrize("text", ["England", "Bath & North East Somerset", "St. Helens", "a < b"])
def test_it_accepts_plain_names(text):
    assert c.one_line_problem("area_name", text) is None


def test_it_refuses_the_row_and_keeps_no_series_from_it():
    parsed = _parse(
        ["2025", "National", "E92000001", "England", "referrals", "100", ""],
        ["2025", "National", "E06000001", "<i>Hartlepool</i>", "referrals", "5", ""],
    )
    assert parsed.errors == [
        "Row 3: area_name must not contain HTML markup such as <script>: write plain text."
    ]
    assert list(parsed.series) == [("referrals", "E92000001")]


def test_it_reads_a_table_by_column_name_in_any_order():
    header = ["symbol", "value", "measure", "area_name", "area_code", "time_period"]
    parsed = c.parse_table(header, [(2, ["", "7", "referrals", "England", "E92000001", "2025"])])
    assert parsed.errors == []
    point = parsed.series[("referrals", "E92000001")].ordered()[0]
    assert (point.label, point.value) == ("2024/25", Decimal(7))


def test_it_asks_for_missing_columns_once():
    parsed = c.parse_table(["time_period", "value"], [(2, ["2025", "1"])])
    assert len(parsed.errors) == 1
    assert "missing the columns area_code, area_name, measure, symbol" in parsed.errors[0]
