"""The baseline forecast and "turned the curve" (Outcomes Based Accountability). Pure Python.

OBA's baseline has two parts: the history, and a forecast of where the curve was heading if
nothing changed. Safeboard's forecast method, stated exactly:

Baseline
    The series is put in period order. The baseline is every point up to and including
    `baseline_end` when it is given; otherwise the first half of the series (n // 2 points,
    rounded down). At least 3 baseline points are needed, and at least one point must follow
    them when `baseline_end` is not given; with fewer there is no forecast (None).

Line
    An ordinary least-squares straight line is fitted to the baseline values against their
    position x = 0, 1, 2, ... in the series (periods are equally spaced, so a position is a
    period): slope = sum((x - x̄)(y - ȳ)) / sum((x - x̄)²), intercept = ȳ - slope * x̄. The
    forecast for the point at position x is intercept + slope * x: fitted values over the
    baseline and the projection over every later period.

Turned the curve
    Judged on the latest point, and only when it lies after the baseline: the latest actual is
    better than the forecast for that period. "Better" depends on the polarity: higher ("higher"),
    lower ("lower"), or a smaller distance from the latest target ("target"; no target, no
    judgement). "neutral" makes no judgement (None). Equal is not better, and a difference
    within floating-point noise (1e-9 of the larger magnitude, or 1e-9 near zero) counts as
    equal, so a perfectly linear series never turns its own curve.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Polarity = Literal["higher", "lower", "target", "neutral"]
MIN_BASELINE_POINTS = 3


@dataclass(frozen=True)
class Line:
    slope: float
    intercept: float

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x


@dataclass(frozen=True)
class Forecast:
    line: Line
    baseline_count: int
    # One forecast value per point of the series, in period order (fitted, then projected).
    dates: tuple[datetime.date, ...]
    values: tuple[float, ...]

    @property
    def baseline_end(self) -> datetime.date:
        return self.dates[self.baseline_count - 1]

    def value_for(self, date: datetime.date) -> float | None:
        try:
            return self.values[self.dates.index(date)]
        except ValueError:
            return None

    def is_projected(self, date: datetime.date) -> bool:
        return date > self.baseline_end


def fit_line(values: Sequence[float]) -> Line:
    """The least-squares line through (0, values[0]), (1, values[1]), ... At least 2 values."""
    n = len(values)
    if n < 2:
        raise ValueError("At least two values are needed to fit a line.")
    x_mean = (n - 1) / 2
    y_mean = sum(values) / n
    sxx = sum((x - x_mean) ** 2 for x in range(n))
    sxy = sum((x - x_mean) * (y - y_mean) for x, y in enumerate(values))
    slope = sxy / sxx
    return Line(slope=slope, intercept=y_mean - slope * x_mean)


def baseline_forecast(
    points: Sequence[tuple[datetime.date, float]], *, baseline_end: datetime.date | None = None
) -> Forecast | None:
    """The forecast for every point of the series, or None without enough baseline (see above)."""
    ordered = sorted(points, key=lambda point: point[0])
    if baseline_end is not None:
        count = sum(1 for date, _ in ordered if date <= baseline_end)
    else:
        count = len(ordered) // 2
        if count >= len(ordered):
            return None
    if count < MIN_BASELINE_POINTS:
        return None
    line = fit_line([float(value) for _, value in ordered[:count]])
    return Forecast(
        line=line,
        baseline_count=count,
        dates=tuple(date for date, _ in ordered),
        values=tuple(line.at(x) for x in range(len(ordered))),
    )


TOLERANCE = 1e-9


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def is_better(
    actual: float, expected: float, polarity: str, target: float | None = None
) -> bool | None:
    """Whether `actual` beats `expected` given the polarity; None when no judgement is made."""
    if polarity == "target" and target is not None:
        actual, expected, polarity = abs(actual - target), abs(expected - target), "lower"
    if polarity in ("higher", "lower") and _same(actual, expected):
        return False
    if polarity == "higher":
        return actual > expected
    if polarity == "lower":
        return actual < expected
    return None


def turned_the_curve(
    points: Sequence[tuple[datetime.date, float]],
    forecast: Forecast | None,
    polarity: str,
    *,
    target: float | None = None,
) -> bool | None:
    """True when the latest actual (after the baseline) beats its forecast; None when there is
    no forecast, the latest point is in the baseline, or the polarity makes no judgement."""
    if forecast is None or not points:
        return None
    latest_date, latest = max(points, key=lambda point: point[0])
    if not forecast.is_projected(latest_date):
        return None
    expected = forecast.value_for(latest_date)
    if expected is None:
        return None
    return is_better(float(latest), expected, polarity, target)
