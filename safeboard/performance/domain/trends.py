"""Simple trend and target measures for performance reports. Pure Python: no Django.

These are the conventions Safeboard uses; scorecard products differ in the details, so each one is
stated exactly here.

Input
    A series is a sequence of (date, value) points. It is put in date order; a repeated date, a
    missing value (None or NaN) or an infinite value is refused with ValueError, as in `spc`.
    Arithmetic is done on each value's shortest decimal form (the way it prints, so 0.1 + 0.2 is
    0.3 here) with exact fractions, and a result is rounded to the nearest float only at the end.
    "Equal" means exactly equal: there is no tolerance.

Polarity (which way is good)
    "higher_is_better", "lower_is_better", "closer_to_target_is_better" (good means a smaller
    absolute distance |value - target|; a target is then required) or "no_preferred_direction"
    (movements are reported, never judged: every judgement is None).

Movement between two values a (earlier) and b (later): "up" if b > a, "down" if b < a, "flat"
if equal. The judgement of that movement: "no_change" when flat (or, for closer-to-target, when
both are the same distance from the target); otherwise "improving" when the movement is the good
way (up for higher-is-better, down for lower-is-better, a smaller distance for closer-to-target)
and "getting_worse" when it is not.

Current trend (Clear Impact Scorecard style) -- `current_trend`
    The movement of the latest period (latest value against the one before), and `periods`: how
    many consecutive periods, counting back from the latest, moved the same way. A period is one
    step between consecutive points, so 3, 4, 5 is 2 periods "up"; a flat step ends an up or down
    streak, and consecutive flat steps make a "flat" streak. Fewer than two points: no direction,
    0 periods. The judgement is that of the latest period's movement.

Baseline % change (Clear Impact Scorecard style) -- `baseline_change`
    change = latest - baseline and percent_change = change / |baseline| x 100, where the baseline
    is the first point, or the point on `baseline_date` when given. Dividing by the absolute value
    keeps the sign meaning "went up". percent_change is None when the baseline is 0. The judgement
    is that of the movement from baseline to latest.

Short trend (Pentana style) -- `short_trend`
    The latest value against the previous period's value: movement and judgement as above. None
    of either with fewer than two points.

Long trend (Pentana style) -- `long_trend`
    basis="average" (default): the latest value against the plain average of the `periods`
    (default 4) values immediately before it; no comparison (None) when fewer than `periods`
    earlier values exist. basis="same_period_last_year": the latest value against the value dated
    exactly one calendar year earlier (29 February compares with 28 February); None when there is
    no point on that date.

Against a target -- `compare_with_target`
    variance = actual - target; variance_percent = variance / |target| x 100; percent_of_target =
    actual / target x 100; distance = |actual - target|. Both percentages are None when the target
    is 0. favourable_variance is the variance signed so that positive is good: actual - target
    (higher is better), target - actual (lower is better), -distance (closer to target is better:
    never positive, 0 on target), None (no preferred direction). The judgement: "on_target" when
    actual equals target; otherwise "better_than_target" / "worse_than_target" for higher- and
    lower-is-better, "off_target" for closer-to-target, and None for no preferred direction.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, get_args

from safeboard.performance.domain.spc import Number, validated_series

Polarity = Literal[
    "higher_is_better",
    "lower_is_better",
    "closer_to_target_is_better",
    "no_preferred_direction",
]
Movement = Literal["up", "down", "flat"]
Judgement = Literal["improving", "getting_worse", "no_change"]
TargetJudgement = Literal["on_target", "better_than_target", "worse_than_target", "off_target"]
LongTrendBasis = Literal["average", "same_period_last_year"]

POLARITIES: tuple[Polarity, ...] = get_args(Polarity)
LONG_TREND_BASES: tuple[LongTrendBasis, ...] = get_args(LongTrendBasis)
DEFAULT_LONG_TREND_PERIODS = 4


@dataclass(frozen=True)
class CurrentTrend:
    direction: Movement | None
    periods: int
    judgement: Judgement | None


@dataclass(frozen=True)
class BaselineChange:
    baseline_date: datetime.date
    baseline: float
    latest_date: datetime.date
    latest: float
    change: float
    percent_change: float | None
    direction: Movement
    judgement: Judgement | None


@dataclass(frozen=True)
class PeriodComparison:
    latest_date: datetime.date
    latest: float
    # What the latest value was compared with (None: not enough history).
    comparator: float | None
    direction: Movement | None
    judgement: Judgement | None


@dataclass(frozen=True)
class TargetComparison:
    actual: float
    target: float
    variance: float
    variance_percent: float | None
    percent_of_target: float | None
    distance: float
    favourable_variance: float | None
    judgement: TargetJudgement | None


def _exact(value: Number) -> Fraction:
    """The value as an exact fraction of its shortest decimal form."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise ValueError(f"Not a number: {value!r}.")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"Not a finite number: {value!r}.")
        return Fraction(value)
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"Not a finite number: {value!r}.")
    return Fraction(repr(number))


def _check(polarity: str, target: Number | None) -> Fraction | None:
    if polarity not in POLARITIES:
        raise ValueError(
            f"Unknown polarity {polarity!r}: use one of {', '.join(map(repr, POLARITIES))}."
        )
    exact_target = None if target is None else _exact(target)
    if polarity == "closer_to_target_is_better" and exact_target is None:
        raise ValueError("A target is needed when closer to the target is better.")
    return exact_target


def _movement(earlier: Fraction, later: Fraction) -> Movement:
    if later > earlier:
        return "up"
    if later < earlier:
        return "down"
    return "flat"


def _judge(
    earlier: Fraction, later: Fraction, polarity: Polarity, target: Fraction | None
) -> Judgement | None:
    if polarity == "no_preferred_direction":
        return None
    if polarity == "closer_to_target_is_better":
        assert target is not None
        # Smaller distance is better: compare the distances as "values", lower being better.
        earlier, later, polarity = abs(earlier - target), abs(later - target), "lower_is_better"
    movement = _movement(earlier, later)
    if movement == "flat":
        return "no_change"
    good = "up" if polarity == "higher_is_better" else "down"
    return "improving" if movement == good else "getting_worse"


def _series(
    points: Iterable[tuple[datetime.date, Number | None]],
) -> list[tuple[datetime.date, Fraction]]:
    return [(date, _exact(value)) for date, value in validated_series(points)]


def current_trend(
    points: Iterable[tuple[datetime.date, Number | None]],
    polarity: Polarity,
    *,
    target: Number | None = None,
) -> CurrentTrend:
    exact_target = _check(polarity, target)
    values = [value for _, value in _series(points)]
    if len(values) < 2:
        return CurrentTrend(direction=None, periods=0, judgement=None)
    moves = [_movement(a, b) for a, b in itertools.pairwise(values)]
    direction = moves[-1]
    periods = 0
    for move in reversed(moves):
        if move != direction:
            break
        periods += 1
    return CurrentTrend(
        direction=direction,
        periods=periods,
        judgement=_judge(values[-2], values[-1], polarity, exact_target),
    )


def baseline_change(
    points: Iterable[tuple[datetime.date, Number | None]],
    polarity: Polarity,
    *,
    baseline_date: datetime.date | None = None,
    target: Number | None = None,
) -> BaselineChange:
    exact_target = _check(polarity, target)
    series = _series(points)
    if baseline_date is None:
        base_date, base = series[0]
    else:
        matches = [(date, value) for date, value in series if date == baseline_date]
        if not matches:
            raise ValueError(f"There is no point on the baseline date {baseline_date.isoformat()}.")
        base_date, base = matches[0]
    latest_date, latest = series[-1]
    change = latest - base
    return BaselineChange(
        baseline_date=base_date,
        baseline=float(base),
        latest_date=latest_date,
        latest=float(latest),
        change=float(change),
        percent_change=None if base == 0 else float(change / abs(base) * 100),
        direction=_movement(base, latest),
        judgement=_judge(base, latest, polarity, exact_target),
    )


def _compare(
    latest_date: datetime.date,
    latest: Fraction,
    comparator: Fraction | None,
    polarity: Polarity,
    target: Fraction | None,
) -> PeriodComparison:
    if comparator is None:
        return PeriodComparison(latest_date, float(latest), None, None, None)
    return PeriodComparison(
        latest_date=latest_date,
        latest=float(latest),
        comparator=float(comparator),
        direction=_movement(comparator, latest),
        judgement=_judge(comparator, latest, polarity, target),
    )


def short_trend(
    points: Iterable[tuple[datetime.date, Number | None]],
    polarity: Polarity,
    *,
    target: Number | None = None,
) -> PeriodComparison:
    exact_target = _check(polarity, target)
    series = _series(points)
    latest_date, latest = series[-1]
    previous = series[-2][1] if len(series) >= 2 else None
    return _compare(latest_date, latest, previous, polarity, exact_target)


def _one_year_earlier(date: datetime.date) -> datetime.date:
    if date.month == 2 and date.day == 29:
        return datetime.date(date.year - 1, 2, 28)
    return date.replace(year=date.year - 1)


def long_trend(
    points: Iterable[tuple[datetime.date, Number | None]],
    polarity: Polarity,
    *,
    periods: int = DEFAULT_LONG_TREND_PERIODS,
    basis: LongTrendBasis = "average",
    target: Number | None = None,
) -> PeriodComparison:
    exact_target = _check(polarity, target)
    if basis not in LONG_TREND_BASES:
        raise ValueError(
            f"Unknown basis {basis!r}: use one of {', '.join(map(repr, LONG_TREND_BASES))}."
        )
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 1:
        raise ValueError(f"periods must be a whole number of at least 1, not {periods!r}.")
    series = _series(points)
    latest_date, latest = series[-1]
    comparator: Fraction | None = None
    if basis == "average":
        earlier: Sequence[Fraction] = [value for _, value in series[:-1]][-periods:]
        if len(earlier) == periods:
            comparator = sum(earlier, Fraction(0)) / periods
    else:
        wanted = _one_year_earlier(latest_date)
        comparator = next((value for date, value in series if date == wanted), None)
    return _compare(latest_date, latest, comparator, polarity, exact_target)


def compare_with_target(actual: Number, target: Number, polarity: Polarity) -> TargetComparison:
    _check(polarity, target)
    exact_actual, exact_target = _exact(actual), _exact(target)
    variance = exact_actual - exact_target
    distance = abs(variance)
    favourable: Fraction | None
    judgement: TargetJudgement | None
    if polarity == "higher_is_better":
        favourable = variance
    elif polarity == "lower_is_better":
        favourable = -variance
    elif polarity == "closer_to_target_is_better":
        favourable = -distance
    else:
        favourable = None
    if favourable is None:
        judgement = None
    elif variance == 0:
        judgement = "on_target"
    elif polarity == "closer_to_target_is_better":
        judgement = "off_target"
    else:
        judgement = "better_than_target" if favourable > 0 else "worse_than_target"
    no_target = exact_target == 0
    return TargetComparison(
        actual=float(exact_actual),
        target=float(exact_target),
        variance=float(variance),
        variance_percent=None if no_target else float(variance / abs(exact_target) * 100),
        percent_of_target=None if no_target else float(exact_actual / exact_target * 100),
        distance=float(distance),
        favourable_variance=None if favourable is None else float(favourable),
        judgement=judgement,
    )
