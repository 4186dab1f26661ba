import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.performance.domain.trends import (
    POLARITIES,
    baseline_change,
    compare_with_target,
    current_trend,
    long_trend,
    short_trend,
)


def month(i: int) -> datetime.date:
    return datetime.date(2022 + i // 12, i % 12 + 1, 1)


def series(*values):
    return [(month(i), v) for i, v in enumerate(values)]


# --- Current trend ---------------------------------------------------------------------------


def test_it_counts_the_periods_of_the_current_trend():
    trend = current_trend(series(5, 3, 4, 5, 6), "higher_is_better")
    assert (trend.direction, trend.periods, trend.judgement) == ("up", 3, "improving")


def test_it_judges_the_current_trend_by_polarity():
    assert current_trend(series(6, 5, 4), "lower_is_better").judgement == "improving"
    assert current_trend(series(6, 5, 4), "higher_is_better").judgement == "getting_worse"
    assert current_trend(series(6, 5, 4), "no_preferred_direction").judgement is None


def test_it_ends_a_trend_at_a_flat_period():
    trend = current_trend(series(1, 2, 3, 3, 4), "higher_is_better")
    assert (trend.direction, trend.periods) == ("up", 1)


def test_it_reports_a_flat_current_trend():
    trend = current_trend(series(1, 2, 2, 2), "higher_is_better")
    assert (trend.direction, trend.periods, trend.judgement) == ("flat", 2, "no_change")


def test_it_has_no_current_trend_with_one_point():
    trend = current_trend(series(7), "higher_is_better")
    assert (trend.direction, trend.periods, trend.judgement) == (None, 0, None)


def test_it_judges_closer_to_target_by_absolute_distance():
    # 8 -> 11 with target 10: distance 2 -> 1, improving although it overshot.
    assert current_trend(series(8, 11), "closer_to_target_is_better", target=10).judgement == (
        "improving"
    )
    assert current_trend(series(11, 8), "closer_to_target_is_better", target=10).judgement == (
        "getting_worse"
    )
    assert current_trend(series(9, 11), "closer_to_target_is_better", target=10).judgement == (
        "no_change"
    )


def test_it_needs_a_target_when_closer_to_target_is_better():
    with pytest.raises(ValueError, match="target is needed"):
        current_trend(series(1, 2), "closer_to_target_is_better")


def test_it_refuses_an_unknown_polarity():
    with pytest.raises(ValueError, match="Unknown polarity"):
        short_trend(series(1, 2), "up")  # type: ignore[arg-type]


def test_it_sorts_by_date_and_refuses_missing_values():
    shuffled = list(reversed(series(1, 2, 3)))
    assert current_trend(shuffled, "higher_is_better").periods == 2
    with pytest.raises(ValueError, match="missing periods are refused"):
        current_trend(series(1, None, 3), "higher_is_better")


# --- Baseline % change -----------------------------------------------------------------------


def test_it_gives_the_percentage_change_from_the_first_value():
    change = baseline_change(series(40, 45, 50), "higher_is_better")
    assert (change.baseline, change.latest, change.change) == (40.0, 50.0, 10.0)
    assert change.percent_change == 25.0
    assert (change.direction, change.judgement) == ("up", "improving")


def test_it_gives_the_percentage_change_from_a_chosen_baseline():
    change = baseline_change(series(40, 80, 60), "lower_is_better", baseline_date=month(1))
    assert change.percent_change == -25.0
    assert change.judgement == "improving"


def test_it_divides_by_the_size_of_a_negative_baseline():
    assert baseline_change(series(-10, -5), "higher_is_better").percent_change == 50.0


def test_it_gives_no_percentage_change_from_a_zero_baseline():
    change = baseline_change(series(0, 5), "higher_is_better")
    assert change.percent_change is None
    assert change.change == 5.0


def test_it_computes_in_decimals():
    assert baseline_change(series(0.1, 0.3), "higher_is_better").change == 0.2


def test_it_refuses_a_baseline_date_with_no_point():
    with pytest.raises(ValueError, match="no point on the baseline date"):
        baseline_change(series(1, 2), "higher_is_better", baseline_date=month(9))


# --- Short and long trends -------------------------------------------------------------------


def test_it_compares_the_latest_value_with_the_previous_one():
    short = short_trend(series(10, 12, 11), "higher_is_better")
    assert (short.comparator, short.direction, short.judgement) == (12.0, "down", "getting_worse")
    assert short_trend(series(10, 12, 11), "lower_is_better").judgement == "improving"
    assert short_trend(series(10, 12, 12), "lower_is_better").judgement == "no_change"
    assert short_trend(series(10, 12, 11), "no_preferred_direction").judgement is None


def test_it_has_no_short_trend_with_one_point():
    short = short_trend(series(10), "higher_is_better")
    assert (short.comparator, short.direction, short.judgement) == (None, None, None)


def test_it_compares_the_latest_value_with_the_average_of_the_previous_four():
    # Previous four: 2, 4, 6, 8 (the 100 is older) -> 5; latest 5 -> no change.
    long = long_trend(series(100, 2, 4, 6, 8, 5), "higher_is_better")
    assert (long.comparator, long.direction, long.judgement) == (5.0, "flat", "no_change")
    assert long_trend(series(100, 2, 4, 6, 8, 6), "higher_is_better").judgement == "improving"


def test_it_averages_exactly_in_decimals():
    # (0.1 + 0.2 + 0.3 + 0.4) / 4 = 0.25 exactly.
    long = long_trend(series(0.1, 0.2, 0.3, 0.4, 0.25), "higher_is_better")
    assert long.judgement == "no_change"


def test_it_uses_the_number_of_periods_asked_for():
    assert long_trend(series(1, 9, 3), "higher_is_better", periods=2).comparator == 5.0


def test_it_has_no_long_trend_without_enough_history():
    assert long_trend(series(1, 2, 3, 4), "higher_is_better").comparator is None


def test_it_refuses_fewer_than_one_period():
    with pytest.raises(ValueError, match="periods"):
        long_trend(series(1, 2), "higher_is_better", periods=0)


def test_it_compares_with_the_same_period_last_year():
    points = [(datetime.date(2023, 3, 1), 40), (datetime.date(2023, 4, 1), 10)]
    points += [(datetime.date(2024, 2, 1), 20), (datetime.date(2024, 3, 1), 30)]
    long = long_trend(points, "lower_is_better", basis="same_period_last_year")
    assert (long.comparator, long.direction, long.judgement) == (40.0, "down", "improving")


def test_it_compares_29_february_with_28_february():
    points = [(datetime.date(2023, 2, 28), 5), (datetime.date(2024, 2, 29), 5)]
    long = long_trend(points, "higher_is_better", basis="same_period_last_year")
    assert long.judgement == "no_change"


def test_it_has_no_same_period_last_year_without_a_point_on_that_date():
    points = [(datetime.date(2023, 3, 2), 40), (datetime.date(2024, 3, 1), 30)]
    long = long_trend(points, "higher_is_better", basis="same_period_last_year")
    assert long.comparator is None


def test_it_refuses_an_unknown_long_trend_basis():
    with pytest.raises(ValueError, match="Unknown basis"):
        long_trend(series(1, 2), "higher_is_better", basis="median")  # type: ignore[arg-type]


# --- Against a target ------------------------------------------------------------------------


def test_it_gives_the_variance_and_percent_of_target():
    result = compare_with_target(90, 80, "higher_is_better")
    assert (result.variance, result.variance_percent, result.percent_of_target) == (
        10.0,
        12.5,
        112.5,
    )
    assert (result.favourable_variance, result.judgement) == (10.0, "better_than_target")


def test_it_judges_lower_is_better_against_a_target():
    result = compare_with_target(90, 80, "lower_is_better")
    assert (result.favourable_variance, result.judgement) == (-10.0, "worse_than_target")
    assert compare_with_target(70, 80, "lower_is_better").judgement == "better_than_target"


def test_it_judges_closer_to_target_by_distance():
    above = compare_with_target(90, 80, "closer_to_target_is_better")
    below = compare_with_target(70, 80, "closer_to_target_is_better")
    assert (above.distance, above.favourable_variance, above.judgement) == (
        10.0,
        -10.0,
        "off_target",
    )
    assert (below.distance, below.favourable_variance, below.judgement) == (
        10.0,
        -10.0,
        "off_target",
    )
    assert compare_with_target(80, 80, "closer_to_target_is_better").judgement == "on_target"


def test_it_does_not_judge_when_there_is_no_preferred_direction():
    result = compare_with_target(90, 80, "no_preferred_direction")
    assert (result.favourable_variance, result.judgement) == (None, None)
    assert result.variance == 10.0


def test_it_is_on_target_when_equal():
    assert compare_with_target(0.3, 0.3, "higher_is_better").judgement == "on_target"


def test_it_gives_no_percentages_for_a_zero_target():
    result = compare_with_target(5, 0, "lower_is_better")
    assert (result.variance_percent, result.percent_of_target) == (None, None)
    assert result.judgement == "worse_than_target"


def test_it_computes_target_measures_in_decimals():
    result = compare_with_target(0.3, 0.1, "higher_is_better")
    assert (result.variance, result.percent_of_target) == (0.2, 300.0)


def test_it_refuses_a_target_that_is_not_a_finite_number():
    with pytest.raises(ValueError, match="finite"):
        compare_with_target(1, float("nan"), "higher_is_better")


@given(
    st.decimals(min_value=-1000, max_value=1000, places=2).map(float),
    st.decimals(min_value=-1000, max_value=1000, places=2).map(float),
    st.sampled_from(POLARITIES),
)
def test_it_makes_the_favourable_variance_positive_only_when_better(actual, target, polarity):
    result = compare_with_target(actual, target, polarity)
    if result.favourable_variance is None:
        assert result.judgement is None
    elif result.favourable_variance > 0:
        assert result.judgement == "better_than_target"
    elif result.favourable_variance == 0:
        assert result.judgement == "on_target"
    else:
        assert result.judgement in {"worse_than_target", "off_target"}
    assert result.distance == abs(result.variance)
