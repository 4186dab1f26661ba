"""Each rule and degenerate case of the XmR / Making Data Count reference, with hand-computed
expectations. Limits are compared with a relative tolerance of 1e-9 (as the reference advises);
ties are built from exactly representable values.

Most rule tests use a fixed baseline: twelve points alternating 0, 10 with fix_after=12, so
mean = 5, every moving range is 10, MRbar = 10, and
    UPL = 5 + 2.66 x 10 = 31.6,      LPL = 5 - 26.6 = -21.6,
    nUPL = 5 + 17.7333 = 22.7333,    nLPL = 5 - 17.7333 = -12.7333.
The baseline ends on 10 (above the mean); the points under test follow it.
"""

import datetime
import math

import pytest

from safeboard.performance.domain.spc import (
    R_POINT_TYPES,
    SpcResult,
    _r_mean,
    spc,
)

BASELINE = [0.0, 10.0] * 6
UPL, LPL = 31.6, -21.6
NEAR = 2 * (2.66 / 3) * 10


def day(i: int) -> datetime.date:
    return datetime.date(2024, 1, 1) + datetime.timedelta(days=i)


def series(values, start: int = 0):
    return [(day(start + i), v) for i, v in enumerate(values)]


def run(values, **options) -> SpcResult:
    return spc(series(values), **options)


def with_baseline(values, **options) -> SpcResult:
    """The baseline, then `values`, limits fixed on the baseline."""
    return spc(series(BASELINE + list(values)), fix_after=12, **options)


def labels(result: SpcResult, start: int = 0) -> list[str]:
    return [p.label for p in result.points[start:]]


def tail_labels(result: SpcResult) -> list[str]:
    return labels(result, len(BASELINE))


CC = "Common Cause"


# --- The baseline harness itself -------------------------------------------------------------


def test_it_computes_the_harness_limits():
    result = with_baseline([])
    point = result.points[0]
    assert point.mean == 5
    assert point.upper_limit == pytest.approx(UPL, rel=1e-9)
    assert point.lower_limit == pytest.approx(LPL, rel=1e-9)
    assert point.upper_near_limit == pytest.approx(5 + NEAR, rel=1e-9)
    assert point.lower_near_limit == pytest.approx(5 - NEAR, rel=1e-9)
    assert labels(result) == [CC] * 12


# --- 1. Inputs and validation ----------------------------------------------------------------


def test_it_sorts_unsorted_input_by_date():
    values = [3.0, 9.0, 4.0, 4.0, 12.0, 1.0, 5.0]
    ordered = spc(series(values))
    shuffled = spc(list(reversed(series(values))))
    assert ordered == shuffled
    assert [p.date for p in shuffled.points] == [day(i) for i in range(7)]


def test_it_refuses_duplicate_dates():
    with pytest.raises(ValueError, match="2024-01-01 appears more than once"):
        spc([(day(0), 1.0), (day(1), 2.0), (day(0), 3.0)])


@pytest.mark.parametrize("missing", [None, math.nan])
def test_it_refuses_a_missing_value_naming_its_date(missing):
    with pytest.raises(ValueError, match="2024-01-02 is missing") as caught:
        spc([(day(0), 1.0), (day(1), missing), (day(2), 3.0)])
    assert "missing periods are refused, never treated as zero" in str(caught.value)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, "3", True])
def test_it_refuses_values_that_are_not_finite_numbers(bad):
    with pytest.raises(ValueError, match="2024-01-02"):
        spc([(day(0), 1.0), (day(1), bad)])


def test_it_refuses_date_times():
    with pytest.raises(ValueError, match="calendar dates"):
        spc([(datetime.datetime(2024, 1, 1, 9, 0), 1.0)])


def test_it_refuses_an_unknown_direction():
    with pytest.raises(ValueError, match="Unknown direction 'up'"):
        run([1.0, 2.0], direction="up")


@pytest.mark.parametrize("fix_after", [11, 0, -1])
def test_it_refuses_fix_after_below_12(fix_after):
    with pytest.raises(ValueError, match="at least 12"):
        run([1.0] * 20, fix_after=fix_after)


def test_it_accepts_fix_after_of_12():
    assert run([1.0, 2.0] * 10, fix_after=12).points[0].mean == 1.5


def test_it_refuses_a_target_that_is_not_a_number():
    with pytest.raises(ValueError, match="target"):
        run([1.0, 2.0], target=math.nan)


def test_it_refuses_no_points():
    with pytest.raises(ValueError, match="At least one point"):
        spc([])


def test_it_accepts_integers_and_decimals():
    from decimal import Decimal

    result = spc([(day(0), 1), (day(1), Decimal("2.5"))])
    assert [p.value for p in result.points] == [1.0, 2.5]


# --- 2. Rebasing (segments) ------------------------------------------------------------------


def test_it_starts_a_new_segment_on_each_rebase_date():
    result = run([1.0] * 3 + [2.0] * 3 + [3.0] * 2, rebase=[day(3), day(6)])
    assert [p.segment for p in result.points] == [0, 0, 0, 1, 1, 1, 2, 2]
    assert [p.mean for p in result.points] == [1.0] * 3 + [2.0] * 3 + [3.0] * 2


def test_it_numbers_the_first_segment_1_when_rebasing_on_the_first_date():
    result = run([1.0, 2.0, 3.0, 4.0], rebase=[day(0), day(2)])
    assert [p.segment for p in result.points] == [1, 1, 2, 2]


def test_it_ignores_a_rebase_date_that_matches_no_row():
    values = [3.0, 9.0, 4.0, 4.0, 12.0, 1.0, 5.0]
    assert run(values, rebase=[day(100), datetime.date(1999, 1, 1)]) == run(values)


def test_it_resets_the_moving_ranges_at_a_rebase():
    # Segment 0: 1, 3, 1, 3 (MRs 2); segment 1: 101, 102, 101, 102 (MRs 1). The jump from 3 to
    # 101 is not a moving range of either segment.
    result = run([1.0, 3.0, 1.0, 3.0, 101.0, 102.0, 101.0, 102.0], rebase=[day(4)])
    first, second = result.points[0], result.points[4]
    assert (first.mean, first.upper_limit, first.lower_limit) == pytest.approx(
        (2.0, 2.0 + 5.32, 2.0 - 5.32), rel=1e-9
    )
    assert (second.mean, second.upper_limit, second.lower_limit) == pytest.approx(
        (101.5, 101.5 + 2.66, 101.5 - 2.66), rel=1e-9
    )
    assert labels(result) == [CC] * 8


def test_it_does_not_let_a_trend_span_a_rebase():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    assert "7 Point Trend (Increasing)" in labels(run(values))
    assert labels(run(values, rebase=[day(4)])) == [CC] * 8


def test_it_does_not_let_a_run_span_a_rebase():
    # Without screening: 9, 9, 9, 9, 1, then eight 9s. Mean 109/13: the eight 9s are a run.
    values = [9.0] * 4 + [1.0] + [9.0] * 8
    assert labels(run(values, screen_outliers=False), 5) == ["7 Points Above CL"] * 8
    # Rebased after four of them: [9, 9, 9, 9, 1, 9, 9, 9, 9] and [9, 9, 9, 9] (constant: every
    # point on its mean). Neither segment has seven in a row on one side (the 1 is below the
    # first segment's LCL of 8.11 - 2.66 x 2).
    rebased = run(values, screen_outliers=False, rebase=[day(9)])
    assert labels(rebased) == [CC] * 4 + ["Below LCL"] + [CC] * 8


def test_it_does_not_let_two_of_three_span_a_rebase():
    # Two near points (25, 25) after the baseline make two in three...
    values = [*BASELINE, 25.0, 25.0, *BASELINE]
    joined = spc(series(values), fix_after=12)
    assert labels(joined)[12:14] == ["2 in 3 Above CL"] * 2
    # ...but not when the second one starts a new segment.
    split = spc(series(values), fix_after=12, rebase=[day(13)])
    assert split.points[12].label == CC


# --- 3. Centre line and limits ---------------------------------------------------------------


def test_it_uses_every_point_of_the_segment_by_default():
    result = run([10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 50.0])
    # Mean (60 + 72 + 50) / 13 = 14; MRs: eleven 2s and one 38; MRbar0 = 60/12 = 5;
    # 38 >= 3.267 x 5 = 16.335 is screened out, so MRbar = 2.
    point = result.points[0]
    assert point.mean == 14.0
    assert point.upper_limit == pytest.approx(14 + 5.32, rel=1e-9)
    assert result.points[-1].label == "Above UCL"


def test_it_keeps_a_moving_range_strictly_below_the_screening_cut_off_only():
    # Moving ranges: 3267, eight of 748 and one of 749: mean 10000 / 10 = 1000 exactly, and
    # 3.267 x 1000 is exactly 3267.0 in floating point. 3267 < 3267 is false: it is dropped, so
    # MRbar = 6733 / 9. (Keeping it would give MRbar = 1000.)
    assert 3.267 * 1000 == 3267.0
    steps = [3267.0] + [748.0] * 8 + [749.0]
    values = [0.0]
    for i, step in enumerate(steps):
        values.append(values[-1] + (step if i % 2 == 0 else -step))
    point = run(values).points[0]
    mean = sum(values) / len(values)
    assert point.mean == pytest.approx(mean, rel=1e-9)
    assert point.upper_limit == pytest.approx(mean + 2.66 * 6733 / 9, rel=1e-9)


def test_it_keeps_a_moving_range_just_below_the_cut_off():
    # Moving ranges 3266.99, eight of 748, one of 749.01: mean 1000; 3266.99 < 3267 is kept.
    steps = [3266.99] + [748.0] * 8 + [749.01]
    values = [0.0]
    for i, step in enumerate(steps):
        values.append(values[-1] + (step if i % 2 == 0 else -step))
    point = run(values).points[0]
    assert point.upper_limit is not None
    assert point.upper_limit - point.mean == pytest.approx(2.66 * 1000, rel=1e-9)


def test_it_screens_the_moving_ranges_once_only():
    # Ten 0s, then 1, then 11: MRs are nine 0s, 1 and 10; MRbar0 = 11 / 11 = 1. Only 10 is at or
    # above 3.267, so MRbar = 1 / 10 = 0.1. A second pass would also drop the 1 (1 >= 0.3267).
    point = run([0.0] * 10 + [1.0, 11.0]).points[0]
    assert point.mean == 1.0
    assert point.upper_limit == pytest.approx(1.266, rel=1e-9)
    assert point.lower_limit == pytest.approx(0.734, rel=1e-9)


def test_it_does_not_screen_when_screening_is_off():
    point = run([0.0] * 10 + [1.0, 11.0], screen_outliers=False).points[0]
    assert point.upper_limit == pytest.approx(1 + 2.66, rel=1e-9)


def test_it_gives_undefined_limits_for_a_one_point_segment():
    result = run([4.0])
    point = result.points[0]
    assert point.mean == 4.0
    assert point.lower_limit is None
    assert point.upper_limit is None
    assert point.label == CC
    assert result.variation_icon == "common_cause"


def test_it_gives_undefined_limits_for_a_one_point_segment_after_a_rebase():
    result = run([1.0, 2.0, 1.0, 2.0, 50.0], rebase=[day(4)])
    last = result.points[-1]
    assert (last.mean, last.lower_limit, last.upper_limit, last.label) == (50.0, None, None, CC)


def test_it_gives_undefined_limits_for_a_constant_segment_with_screening():
    result = run([7.5] * 15)
    assert {(p.mean, p.lower_limit, p.upper_limit, p.label) for p in result.points} == {
        (7.5, None, None, CC)
    }


def test_it_gives_limits_equal_to_the_mean_for_a_constant_segment_without_screening():
    result = run([7.5] * 15, screen_outliers=False)
    assert {(p.mean, p.lower_limit, p.upper_limit, p.label) for p in result.points} == {
        (7.5, 7.5, 7.5, CC)
    }


def test_it_flags_every_point_off_the_mean_when_one_moving_range_is_screened_out():
    # 5, 5, 5, 5, 9, 9, 9: MRs 0, 0, 0, 4, 0, 0; MRbar0 = 4/6; 4 >= 3.267 x 4/6 = 2.178 is
    # dropped, MRbar = 0, so both limits equal the mean 47/7 and every point is outside.
    result = run([5.0, 5.0, 5.0, 5.0, 9.0, 9.0, 9.0])
    mean = 47 / 7
    assert {(p.mean, p.lower_limit, p.upper_limit) for p in result.points} == {(mean, mean, mean)}
    assert labels(result) == ["Below LCL"] * 4 + ["Above UCL"] * 3
    assert result.variation_icon == "improvement_high"


def test_it_does_not_round_or_clamp_the_limits():
    point = run([0.0, 10.0, 0.0, 10.0]).points[0]
    assert point.lower_limit is not None
    assert point.lower_limit == pytest.approx(5 - 26.6, rel=1e-9)
    assert point.lower_limit < 0


def test_it_fixes_the_limits_on_the_first_n_points_of_the_segment():
    result = with_baseline([100.0, -100.0])
    assert {p.mean for p in result.points} == {5.0}
    assert tail_labels(result) == ["Above UCL", "Below LCL"]
    assert result.segments[0].baseline_n == 12


def test_it_counts_fix_after_within_each_segment():
    # Segment 0: 3 points; segment 1: the baseline (12 points) then 100. Fixing after 12 points
    # counted from the rebase gives segment 1 the harness limits, so 100 is above the UCL.
    values = [50.0, 60.0, 70.0, *BASELINE, 100.0]
    result = spc(series(values), fix_after=12, rebase=[day(3)])
    assert result.points[3].mean == 5.0
    assert result.points[-1].upper_limit == pytest.approx(UPL, rel=1e-9)
    assert result.points[-1].label == "Above UCL"


def test_it_still_tests_points_after_the_fixing_point():
    result = with_baseline([4.0] * 7)
    assert tail_labels(result) == ["7 Points Below CL"] * 7


def test_it_applies_the_trend_and_run_rules_when_the_limits_are_undefined():
    # A constant baseline with screening leaves the limits undefined; the later points are far
    # above the mean but not "outside"; they still make a trend.
    result = spc(series([5.0] * 12 + [6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0]), fix_after=12)
    assert result.points[-1].upper_limit is None
    assert labels(result, 12) == ["7 Point Trend (Increasing)"] * 7
    result = spc(series([5.0] * 12 + [9.0] * 7), fix_after=12)
    assert labels(result, 12) == ["7 Points Above CL"] * 7


# --- 4. Per-point flags ----------------------------------------------------------------------


def test_it_treats_a_point_exactly_on_a_limit_as_near_not_outside():
    # Baseline -25, 25 x 6: mean 0, MRbar 50, UPL = 2.66 x 50 = 133.0 exactly.
    assert 0.0 + 2.66 * 50 == 133.0
    result = spc(series([-25.0, 25.0] * 6 + [133.0, 133.0, 133.5]), fix_after=12)
    on_limit, again, beyond = result.points[12:]
    assert not on_limit.outside_limits
    assert on_limit.near_limits
    assert beyond.outside_limits
    assert (on_limit.label, again.label, beyond.label) == (
        "2 in 3 Above CL",
        "2 in 3 Above CL",
        "Above UCL",
    )


def test_it_treats_a_point_exactly_on_the_near_line_as_not_near():
    near_line = 0.0 + (2 * (2.66 / 3)) * 50
    result = spc(series([-25.0, 25.0] * 6 + [near_line, near_line]), fix_after=12)
    assert result.points[12].upper_near_limit == near_line
    assert [p.near_limits for p in result.points[12:]] == [False, False]
    assert labels(result, 12) == [CC, CC]


def test_it_puts_a_point_exactly_on_the_mean_on_neither_side():
    result = with_baseline([5.0])
    assert result.points[-1].side == 0


def test_it_uses_r_accurate_mean_so_exact_decimal_ties_are_ties():
    # fsum(0.1, 0.2, 0.3) / 3 is one ulp below 0.2; R's mean() (and ours) gives 0.2 exactly.
    assert _r_mean([0.1, 0.2, 0.3]) == 0.2
    result = run([0.1, 0.2, 0.3])
    assert [p.side for p in result.points] == [-1, 0, 1]


def test_it_reproduces_r_mean_bit_for_bit_where_exact_rounding_would_differ():
    # Checked with R 4.2 on x86-64: mean(x) is 0.79999999999999982, so the 0.8 in the series is
    # (just) above the mean, not on it. The exactly rounded mean and fsum / n both give
    # 0.79999999999999971.
    values = [0.8, 5.9, 36.5, 72.8, 59.0, 63.8, 68.3, 92.6, 64.2, 65.6, 56.7, 15.1, 80.6, 91.5]
    values += [56.7, 35.6, 67.3, 79.4, 13.1, 61.6, 30.6, 53.4, 43.7, 98.6, 14.4, 11.7, 55.1]
    values += [43.8, 48.7, 10.8, 67.1, 4.0, 16.6, 17.1, 90.5, 28.8, 99.4, 44.0, 10.1, -1843.5]
    assert _r_mean(values) == 0.79999999999999982
    assert math.fsum(values) / len(values) == 0.79999999999999971
    assert run(values).points[0].side == 1


def test_it_compares_with_the_mean_exactly_like_the_package():
    # A value one ulp above the mean is above it (no tolerance).
    above = math.nextafter(5.0, math.inf)
    result = with_baseline([above])
    assert result.points[-1].side == 1


# --- 5. Rules --------------------------------------------------------------------------------


def test_it_flags_points_outside_the_limits():
    assert tail_labels(with_baseline([31.7, -21.7])) == ["Above UCL", "Below LCL"]


def test_it_flags_seven_rising_points_as_a_trend_even_across_the_mean():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    assert tail_labels(with_baseline(values)) == ["7 Point Trend (Increasing)"] * 7


def test_it_flags_seven_falling_points_as_a_trend():
    values = [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0]
    assert tail_labels(with_baseline(values)) == ["7 Point Trend (Decreasing)"] * 7


def test_it_does_not_flag_six_rising_points():
    assert tail_labels(with_baseline([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])) == [CC] * 6


def test_it_flags_all_nine_points_of_a_monotone_run_of_nine():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]
    assert tail_labels(with_baseline(values)) == ["7 Point Trend (Increasing)"] * 9


def test_it_breaks_a_trend_at_a_tie():
    assert tail_labels(with_baseline([1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0])) == [CC] * 8


def test_it_labels_a_peak_shared_by_a_rising_and_a_falling_trend_decreasing():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]
    inc, dec = "7 Point Trend (Increasing)", "7 Point Trend (Decreasing)"
    assert tail_labels(with_baseline(values)) == [inc] * 6 + [dec] * 7


def test_it_labels_the_end_of_a_rising_trend_followed_by_a_tie_decreasing():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]
    inc, dec = "7 Point Trend (Increasing)", "7 Point Trend (Decreasing)"
    assert tail_labels(with_baseline(values)) == [inc] * 6 + [dec] * 8


def test_it_labels_the_last_point_of_a_trend_from_the_step_before_it():
    # The last point of a rising trend, not followed by a trend point, looks back: Increasing.
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 2.0]
    assert tail_labels(with_baseline(values)) == ["7 Point Trend (Increasing)"] * 7 + [CC]


def test_it_flags_two_of_three_near_points_on_the_same_side_but_not_the_third():
    # 25 is near (22.73 < 25 < 31.6); 6 is above the mean but not near.
    assert tail_labels(with_baseline([25.0, 6.0, 25.0])) == [
        "2 in 3 Above CL",
        CC,
        "2 in 3 Above CL",
    ]


def test_it_flags_two_consecutive_near_points():
    assert tail_labels(with_baseline([4.0, -15.0, -15.0])) == [
        CC,
        "2 in 3 Below CL",
        "2 in 3 Below CL",
    ]


def test_it_does_not_flag_two_near_points_around_a_middle_point_on_the_other_side():
    assert tail_labels(with_baseline([25.0, 0.0, 25.0])) == [CC] * 3


def test_it_does_not_flag_two_near_points_around_a_point_on_the_mean():
    assert tail_labels(with_baseline([25.0, 5.0, 25.0])) == [CC] * 3


def test_it_does_not_count_an_outside_point_towards_two_of_three():
    assert tail_labels(with_baseline([32.0, 25.0])) == ["Above UCL", CC]


def test_it_flags_a_run_of_seven_on_one_side():
    assert tail_labels(with_baseline([4.0] * 7)) == ["7 Points Below CL"] * 7


def test_it_does_not_flag_six_on_one_side():
    assert tail_labels(with_baseline([4.0] * 6)) == [CC] * 6


def test_it_flags_all_eight_points_of_a_run_of_eight():
    assert tail_labels(with_baseline([4.0, 3.0] * 4)) == ["7 Points Below CL"] * 8


def test_it_breaks_a_run_at_a_point_on_the_mean():
    assert tail_labels(with_baseline([4.0, 4.0, 4.0, 5.0, 4.0, 4.0, 4.0, 4.0])) == [CC] * 8


def test_it_needs_seven_points_in_a_segment_for_trends_and_runs():
    # 1..6: mean 3.5, MRbar 1, limits 0.84 and 6.16: nothing outside, and six points make
    # neither a trend nor a run.
    assert labels(run([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])) == [CC] * 6
    assert labels(run([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]))[1] == "7 Point Trend (Increasing)"


# --- 6. Precedence ---------------------------------------------------------------------------


def test_it_prefers_outside_to_trend():
    # 1..7: mean 4, MRbar 1, limits 1.34 and 6.66: the ends are outside.
    trend = "7 Point Trend (Increasing)"
    assert labels(run([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])) == [
        "Below LCL",
        *[trend] * 5,
        "Above UCL",
    ]


def test_it_prefers_trend_to_two_of_three():
    values = [-2.0, 2.0, 6.0, 10.0, 14.0, 23.0, 24.0]
    result = with_baseline(values)
    assert [p.near_limits for p in result.points[-2:]] == [True, True]
    assert tail_labels(result) == ["7 Point Trend (Increasing)"] * 7


def test_it_prefers_trend_to_run():
    # 10 (the last baseline point), then 6..12: eight points above the mean, seven rising.
    result = with_baseline([6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0])
    assert labels(result, 11) == ["7 Points Above CL"] + ["7 Point Trend (Increasing)"] * 7


def test_it_prefers_two_of_three_to_run():
    result = with_baseline([6.0, 6.0, 25.0, 6.0, 25.0, 6.0, 6.0])
    run_, two = "7 Points Above CL", "2 in 3 Above CL"
    assert labels(result, 11) == [run_, run_, run_, two, run_, two, run_, run_]


def test_it_flags_special_cause_for_every_label_but_common_cause():
    result = with_baseline([31.7, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
    assert [p.special_cause for p in result.points[12:]] == ["outside_limits"] + ["trend"] * 8
    assert all(p.special_cause_flag for p in result.points[12:])
    assert not any(p.special_cause_flag for p in result.points[:12])


def test_it_names_each_special_cause():
    causes = {
        "Above UCL": "outside_limits",
        "7 Point Trend (Decreasing)": "trend",
        "2 in 3 Above CL": "two_of_three",
        "7 Points Below CL": "run",
    }
    # 31.7 outside; 9 .. 5.1 falling; two 25s near; seven 4s below. (The last baseline point and
    # the falling points are also eight above the mean: a run, under the trend.)
    result = with_baseline([31.7, 9.0, 8.0, 7.0, 6.0, 5.5, 5.2, 5.1, 25.0, 25.0, *[4.0] * 7])
    seen = {p.label: p.special_cause for p in result.points if p.label != CC}
    assert seen == {**causes, "7 Points Above CL": "run"}
    assert {p.label for p in result.points if p.special_cause is None} == {CC}


# --- 7. Direction and point type -------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "high", "low"),
    [
        ("increase", "improvement", "concern"),
        ("decrease", "concern", "improvement"),
        ("neutral", "neutral_high", "neutral_low"),
    ],
)
def test_it_turns_high_and_low_labels_into_point_types_by_direction(direction, high, low):
    result = with_baseline([31.7, -21.7, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], direction=direction)
    assert [p.point_type for p in result.points[12:15]] == [high, low, high]
    assert {p.point_type for p in result.points[:12]} == {"common_cause"}


def test_it_uses_the_packages_point_type_names_for_reference():
    assert R_POINT_TYPES["improvement"] == "special_cause_improvement"


# --- 8. Variation icon -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "last", "icon"),
    [
        ("increase", 40.0, "improvement_high"),
        ("increase", -40.0, "concern_low"),
        ("decrease", -40.0, "improvement_low"),
        ("decrease", 40.0, "concern_high"),
        ("neutral", 40.0, "neutral_high"),
        ("neutral", -40.0, "neutral_low"),
        ("increase", 6.0, "common_cause"),
    ],
)
def test_it_chooses_the_variation_icon_from_the_latest_point(direction, last, icon):
    assert with_baseline([last], direction=direction).variation_icon == icon


def test_it_ignores_earlier_signals_for_the_variation_icon():
    result = with_baseline([40.0, 6.0])
    assert result.points[-2].point_type == "improvement"
    assert result.variation_icon == "common_cause"


# --- 9. Assurance icon -----------------------------------------------------------------------

H_UPL = 133.0  # harness with -25, 25: mean 0, MRbar 50
H_LPL = -133.0


def assured(target, direction="increase", values=()):
    return spc(
        series([-25.0, 25.0] * 6 + list(values)),
        fix_after=12,
        target=target,
        direction=direction,
    ).assurance_icon


@pytest.mark.parametrize(
    ("target", "direction", "icon"),
    [
        (200.0, "increase", "fail"),
        (-200.0, "increase", "pass"),
        (0.0, "increase", "inconsistent"),
        (200.0, "decrease", "pass"),
        (-200.0, "decrease", "fail"),
        (0.0, "decrease", "inconsistent"),
        (H_UPL, "increase", "inconsistent"),
        (H_LPL, "increase", "inconsistent"),
        (H_UPL, "decrease", "inconsistent"),
        (math.nextafter(H_UPL, math.inf), "increase", "fail"),
        (math.nextafter(H_LPL, -math.inf), "decrease", "fail"),
    ],
)
def test_it_compares_the_target_with_the_limits_strictly(target, direction, icon):
    assert H_LPL == 0.0 - 2.66 * 50
    assert assured(target, direction) == icon


def test_it_gives_no_assurance_icon_without_a_target():
    assert assured(None) is None


def test_it_gives_no_assurance_icon_for_a_neutral_direction():
    assert assured(200.0, "neutral") is None


def test_it_gives_an_inconsistent_assurance_when_the_limits_are_undefined():
    assert run([5.0] * 5, target=100.0).assurance_icon == "inconsistent"
    assert run([5.0], target=-100.0).assurance_icon == "inconsistent"


def test_it_uses_the_latest_segments_limits_for_assurance():
    values = [0.0, 1.0] * 6 + [100.0, 101.0] * 6
    # Segment 0 (limits about 0.5 +/- 2.66) would pass a target of 50 consistently failing...
    result = run(values, rebase=[day(12)], target=50.0)
    # ...but the latest segment's limits are about 100.5 +/- 2.66: 50 is below the LPL.
    assert result.assurance_icon == "pass"
    assert result.segments[0].assurance_icon is None
    assert result.segments[1].assurance_icon == "pass"


# --- 10. Summary -----------------------------------------------------------------------------


def test_it_summarises_each_segment():
    values = BASELINE + [40.0] + [0.0, 10.0] * 3
    result = spc(series(values), rebase=[day(12)], fix_after=12, target=200.0)
    first, second = result.segments
    assert (first.number, first.n, first.start, first.end) == (0, 12, day(0), day(11))
    assert (first.mean, first.common_cause, first.improvement, first.concern) == (5.0, 12, 0, 0)
    assert first.upper_limit == pytest.approx(UPL, rel=1e-9)
    assert first.last_point_type == "common_cause"
    assert first.short_group_warning is True
    assert (second.number, second.n, second.baseline_n) == (1, 7, 7)
    assert second.assurance_icon == result.assurance_icon


def test_it_warns_about_short_segments_of_fewer_than_13_points():
    assert [s.short_group_warning for s in run([1.0, 2.0] * 6).segments] == [True]
    assert [s.short_group_warning for s in run([1.0, 2.0] * 6 + [1.0]).segments] == [False]


def test_it_counts_improvement_and_concern_points_per_segment():
    segment = with_baseline([40.0, -40.0, -40.0]).segments[0]
    assert (segment.common_cause, segment.improvement, segment.concern) == (12, 1, 2)
    assert segment.last_point_type == "concern"
    neutral = with_baseline([40.0, -40.0, -40.0], direction="neutral").segments[0]
    assert (neutral.neutral_high, neutral.neutral_low) == (1, 2)
