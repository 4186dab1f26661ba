from __future__ import annotations

import datetime
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.performance.domain import returns as rules


class TestStatus:
    @pytest.mark.parametrize("status", [rules.EXPECTED, rules.DRAFT, rules.RETURNED])
    def test_it_submits_an_open_return(self, status):
        assert rules.after_submit(status) == rules.SUBMITTED

    def test_it_makes_an_expected_return_a_draft_when_values_are_saved(self):
        assert rules.after_save(rules.EXPECTED) == rules.DRAFT
        assert rules.after_save(rules.RETURNED) == rules.RETURNED

    @pytest.mark.parametrize("status", [rules.SUBMITTED, rules.APPROVED])
    def test_it_refuses_edits_to_a_submitted_or_approved_return(self, status):
        with pytest.raises(rules.ReturnRuleError):
            rules.after_save(status)
        with pytest.raises(rules.ReturnRuleError):
            rules.after_submit(status)

    def test_it_locks_an_approved_return(self):
        with pytest.raises(rules.ReturnRuleError, match="locked"):
            rules.check_editable(rules.APPROVED)

    def test_it_approves_or_sends_back_only_a_submitted_return(self):
        assert rules.after_approve(rules.SUBMITTED) == rules.APPROVED
        assert rules.after_send_back(rules.SUBMITTED, "check row 2") == rules.RETURNED
        for status in (rules.EXPECTED, rules.DRAFT, rules.RETURNED, rules.APPROVED):
            with pytest.raises(rules.ReturnRuleError):
                rules.after_approve(status)
            with pytest.raises(rules.ReturnRuleError):
                rules.after_send_back(status, "reason")

    def test_it_needs_a_reason_to_send_back(self):
        with pytest.raises(rules.ReturnRuleError, match="reason"):
            rules.after_send_back(rules.SUBMITTED, "  ")


class TestNumbers:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [("12", Decimal("12")), (" 3.5 ", Decimal("3.5")), ("1,200", Decimal("1200")), ("", None)],
    )
    def test_it_reads_numbers(self, text, expected):
        assert rules.parse_number(text) == expected

    @pytest.mark.parametrize("text", ["twelve", "<script>", "NaN", "inf", "1e400", True])
    def test_it_refuses_text_where_a_number_belongs(self, text):
        with pytest.raises(ValueError, match="enter a number"):
            rules.parse_number(text)

    def test_it_works_out_a_percentage_from_numerator_and_denominator(self):
        figures, problems = rules.resolve_figures("percentage", None, Decimal(3), Decimal(12))
        assert problems == []
        assert figures.value == Decimal("25.0000")

    def test_it_asks_for_both_numerator_and_denominator(self):
        _, problems = rules.resolve_figures("rate_10000", None, Decimal(3), None)
        assert problems == [("denominator", "enter the denominator as well, or leave both blank")]

    @pytest.mark.parametrize("unit", ["percentage", "rate_1000", "rate_10000"])
    def test_it_refuses_a_numerator_more_than_its_denominator(self, unit):
        _, problems = rules.resolve_figures(unit, None, Decimal(520), Decimal(480))
        assert problems == [
            (
                "numerator",
                "the numerator (520) cannot be more than the denominator (480): it counts part of"
                " it. Check both figures",
            )
        ]
        figures, problems = rules.resolve_figures(unit, None, Decimal(480), Decimal(480))
        assert problems == []
        assert figures.value == rules.RATIO_UNITS[unit]

    def test_it_refuses_a_zero_denominator(self):
        _, problems = rules.resolve_figures("percentage", None, Decimal(3), Decimal(0))
        assert problems[0][0] == "denominator"

    def test_it_refuses_a_numerator_for_a_count(self):
        _, problems = rules.resolve_figures("count", Decimal(3), Decimal(3), None)
        assert problems


class TestPartOfWhole:
    def test_it_refuses_a_part_bigger_than_its_whole_naming_both(self):
        errors = rules.part_of_whole_errors(
            {"cp-neglect": Decimal(12), "cp-all": Decimal(10)}, [("cp-neglect", "cp-all")]
        )
        assert errors == [
            (
                "cp-neglect",
                "cp-neglect (12) cannot be more than cp-all (10), which it is part of. "
                "Check both values.",
            )
        ]

    def test_it_accepts_a_part_equal_to_its_whole_or_a_missing_value(self):
        rule = [("a", "b")]
        assert rules.part_of_whole_errors({"a": Decimal(5), "b": Decimal(5)}, rule) == []
        assert rules.part_of_whole_errors({"a": Decimal(5), "b": None}, rule) == []
        assert rules.part_of_whole_errors({"a": Decimal(5)}, rule) == []


counts = st.lists(st.integers(min_value=0, max_value=500), min_size=6, max_size=12)


class TestOutliers:
    def test_it_needs_six_earlier_values(self):
        assert rules.outlier_range([1, 2, 3, 4, 5]) is None
        assert not rules.is_outlier(1000, [1, 2, 3, 4, 5])

    def test_it_widens_the_range_by_a_poisson_margin(self):
        assert rules.outlier_range([0, 1, 2, 3, 4, 4]) == (0 - 6, 4 + 6)
        assert not rules.is_outlier(10, [0, 1, 2, 3, 4, 4])
        assert rules.is_outlier(11, [0, 1, 2, 3, 4, 4])

    def test_it_uses_a_margin_of_at_least_three_for_all_zero_history(self):
        assert rules.is_outlier(4, [0] * 6)
        assert not rules.is_outlier(3, [0] * 6)

    @given(counts)
    def test_it_never_flags_a_value_inside_the_earlier_range(self, previous):
        for value in (min(previous), max(previous), sorted(previous)[len(previous) // 2]):
            assert not rules.is_outlier(value, previous)

    @given(counts, st.integers(min_value=1, max_value=1000))
    def test_it_flags_exactly_the_values_beyond_the_margin(self, previous, extra):
        margin = 3 * math.sqrt(max(max(previous), 1))
        value = max(previous) + margin + extra
        assert rules.is_outlier(value, previous)
        assert rules.is_outlier(min(previous) - margin - extra, previous)

    def test_it_never_flags_a_missing_value(self):
        assert not rules.is_outlier(None, [1] * 6)


class TestCompletenessAndTimeliness:
    def test_it_measures_completeness(self):
        assert rules.completeness(3, 4) == 0.75
        assert rules.completeness(0, 0) is None
        assert rules.completeness(5, 4) == 1

    def test_it_judges_timeliness_against_the_due_date(self):
        due, today = datetime.date(2020, 5, 15), datetime.date(2020, 6, 1)
        assert rules.timeliness(due, due, today) == rules.ON_TIME
        assert rules.timeliness(due + datetime.timedelta(days=1), due, today) == rules.LATE
        assert rules.timeliness(None, due, today) == rules.OVERDUE
        assert rules.timeliness(None, due, datetime.date(2020, 5, 1)) == rules.NOT_DUE
