"""The pure rules every values upload and the return form share: no negative counts, numerators
or denominators; each column named once; one-line columns on one line."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.performance.domain import returns as rules
from safeboard.performance.domain.tidy import (
    COLUMNS,
    IndicatorInfo,
    TidyError,
    column_letter,
    header_index,
    parse_rows,
)

INDICATORS = {
    "cp-all": IndicatorInfo(1, "cp-all", "monthly", "count"),
    "seen": IndicatorInfo(2, "seen", "monthly", "percentage"),
    "spend": IndicatorInfo(3, "spend", "monthly", "money"),
}


def _messages(*rows):
    numbered = [(n, row) for n, row in enumerate(rows, start=2)]
    _, errors = parse_rows(
        numbered, header_index(list(COLUMNS)), indicators=INDICATORS, agencies={}
    )
    return [str(e) for e in errors]


class TestNegativeFigures:
    def test_it_refuses_a_negative_count_naming_the_value(self):
        _, problems = rules.resolve_figures("count", Decimal(-1), None, None)
        assert problems == [("value", "a count cannot be negative: enter 0 or more")]

    @pytest.mark.parametrize(
        ("numerator", "denominator", "columns"),
        [(-1, 4, ["numerator"]), (1, -4, ["denominator"]), (-1, -4, ["numerator", "denominator"])],
    )
    def test_it_refuses_a_negative_numerator_or_denominator_naming_each(
        self, numerator, denominator, columns
    ):
        _, problems = rules.resolve_figures(
            "percentage", None, Decimal(numerator), Decimal(denominator)
        )
        assert [column for column, _ in problems] == columns
        assert all("cannot be negative" in message for _, message in problems)

    @pytest.mark.parametrize("unit", ["money", "days", "percentage", "rate_10000"])
    def test_it_allows_a_negative_value_where_the_unit_can_be_below_zero(self, unit):
        figures, problems = rules.resolve_figures(unit, Decimal("-2.5"), None, None)
        assert problems == []
        assert figures.value == Decimal("-2.5")

    def test_it_allows_zero(self):
        assert rules.resolve_figures("count", Decimal(0), None, None)[1] == []
        assert rules.resolve_figures("percentage", None, Decimal(0), Decimal(4))[1] == []

    @given(st.integers(min_value=-(10**6), max_value=10**6))
    def test_it_refuses_exactly_the_counts_below_zero(self, number):
        problems = rules.negative_problems("count", Decimal(number), None, None)
        assert bool(problems) is (number < 0)

    def test_it_names_the_row_of_a_negative_count_in_a_file(self):
        assert _messages(
            ["cp-all", "April 2020", "", "-3", "", "", ""],
            ["seen", "April 2020", "", "", "-1", "4", ""],
            ["spend", "April 2020", "", "-250", "", "", ""],
        ) == [
            "Row 2, value: a count cannot be negative: enter 0 or more",
            "Row 3, numerator: the numerator cannot be negative: enter 0 or more",
        ]


class TestColumnsNamedOnce:
    @pytest.mark.parametrize(
        "header",
        [
            ["indicator_code", "period", "value", "value"],
            ["indicator_code", "period", "Value", " VALUE "],
            ["indicator_code", "period", "indicator code", "value"],
            ["Indicator Code", "period", "indicator_code", "value"],
        ],
    )
    def test_it_refuses_a_column_named_twice_naming_both_letters(self, header):
        with pytest.raises(TidyError, match=r"named twice \(columns [A-D] and [A-D]\)"):
            header_index(header)

    def test_it_ignores_other_columns_named_twice(self):
        index = header_index(["indicator_code", "period", "value", "note", "note"])
        assert index == {"indicator_code": 0, "period": 1, "value": 2}

    @pytest.mark.parametrize(
        ("position", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ")]
    )
    def test_it_names_columns_as_a_spreadsheet_does(self, position, letter):
        assert column_letter(position) == letter


class TestOneLineColumns:
    @pytest.mark.parametrize(
        ("row", "message"),
        [
            (["cp\nall", "April 2020", "", "3"], "Row 2, indicator_code: it must be on one line"),
            (["cp-all", "April\u20282020", "", "3"], "Row 2, period: it must be on one line"),
            (
                ["cp-all", "April 2020", "po\x00lice", "3"],
                "Row 2, agency: it must not contain null",
            ),
        ],
    )
    def test_it_refuses_a_line_break_or_control_character(self, row, message):
        problems = _messages([*row, "", "", ""])
        assert len(problems) == 1
        assert problems[0].startswith(message)

    def test_it_still_allows_a_comment_on_several_lines(self):
        assert _messages(["cp-all", "April 2020", "", "3", "", "", "First line\nsecond"]) == []
