"""The baseline forecast and "turned the curve", against lines worked out by hand."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.performance.domain.forecast import (
    baseline_forecast,
    fit_line,
    is_better,
    turned_the_curve,
)


def months(values):
    return [
        (datetime.date(2020 + (3 + i) // 12, (3 + i) % 12 + 1, 1), v) for i, v in enumerate(values)
    ]


def test_it_fits_the_least_squares_line_worked_by_hand():
    # x = 0, 1, 2, 3; y = 1, 3, 2, 4: x̄ = 1.5, ȳ = 2.5, Sxy = 4, Sxx = 5 → slope 0.8, a = 1.3.
    line = fit_line([1, 3, 2, 4])
    assert line.slope == pytest.approx(0.8)
    assert line.intercept == pytest.approx(1.3)


def test_it_needs_two_values_for_a_line():
    with pytest.raises(ValueError, match="two values"):
        fit_line([1])


def test_it_uses_the_first_half_as_baseline_and_projects_the_rest():
    # Baseline 10, 12, 14 (slope 2, intercept 10); projected 16, 18, 20.
    forecast = baseline_forecast(months([10, 12, 14, 30, 30, 30]))
    assert forecast is not None
    assert forecast.baseline_count == 3
    assert forecast.values == pytest.approx((10, 12, 14, 16, 18, 20))
    assert forecast.is_projected(datetime.date(2020, 7, 1))
    assert not forecast.is_projected(datetime.date(2020, 6, 1))


def test_it_uses_the_baseline_end_when_given():
    # Baseline: the first 4 points 5, 5, 6, 6 → slope 0.4, intercept 4.9.
    points = months([5, 5, 6, 6, 9, 9])
    forecast = baseline_forecast(points, baseline_end=datetime.date(2020, 7, 1))
    assert forecast is not None
    assert forecast.baseline_count == 4
    assert forecast.values[5] == pytest.approx(4.9 + 0.4 * 5)


def test_it_makes_no_forecast_with_fewer_than_three_baseline_points():
    assert baseline_forecast(months([1, 2, 3, 4, 5])) is None  # first half is 2 points
    assert baseline_forecast(months([1, 2, 3]), baseline_end=datetime.date(2020, 5, 1)) is None
    assert baseline_forecast([]) is None


@pytest.mark.parametrize(
    ("polarity", "latest", "target", "expected"),
    [
        ("higher", 25, None, True),  # forecast for the latest is 20
        ("higher", 15, None, False),
        ("lower", 15, None, True),
        ("lower", 25, None, False),
        ("target", 21, 22, True),  # 1 from target against the forecast's 2
        ("target", 17, 22, False),
        ("target", 25, None, None),
        ("neutral", 25, None, None),
    ],
)
def test_it_judges_turning_the_curve_by_polarity(polarity, latest, target, expected):
    points = months([10, 12, 14, 16, 18, latest])
    forecast = baseline_forecast(points)
    assert turned_the_curve(points, forecast, polarity, target=target) is expected


def test_it_makes_no_judgement_while_the_latest_point_is_in_the_baseline():
    points = months([10, 12, 14, 16])
    forecast = baseline_forecast(points, baseline_end=datetime.date(2020, 7, 1))
    assert turned_the_curve(points, forecast, "higher") is None
    assert turned_the_curve(points, None, "higher") is None


def test_it_counts_equal_as_not_better():
    assert is_better(5, 5, "higher") is False
    assert is_better(5, 5, "lower") is False


@given(
    intercept=st.floats(-1e6, 1e6, allow_nan=False),
    slope=st.floats(-1e4, 1e4, allow_nan=False),
    n=st.integers(6, 60),
    polarity=st.sampled_from(["higher", "lower", "target"]),
)
def test_it_never_lets_a_perfectly_linear_series_turn_its_own_curve(intercept, slope, n, polarity):
    points = months([intercept + slope * i for i in range(n)])
    forecast = baseline_forecast(points)
    assert forecast is not None
    for (_, actual), expected in zip(points, forecast.values, strict=True):
        assert actual == pytest.approx(expected, rel=1e-9, abs=1e-6)
    assert turned_the_curve(points, forecast, polarity, target=intercept) is False
