"""XmR statistical process control, NHS "Making Data Count" style. Pure Python: no Django.

This reproduces what the R package NHSRplotthedots 0.2.2 (`ptd_spc()`) computes, as specified in
the project's reference description of that package (spc-making-data-count.md). In brief:

Ordering and segments
    Points are sorted by date; dates must be unique and every value present (a missing period is
    refused, never treated as zero). A point whose date is exactly one of the `rebase` dates starts
    a new segment; the segment number is the count of rebase dates met so far (0 at the start, so a
    rebase on the first date makes the first segment number 1). A rebase date that matches no point
    does nothing. Everything below is computed separately for each segment, and no rule window
    spans a segment boundary.

Centre line and limits (per segment)
    The baseline is the segment's first k points: all of them, or the first `fix_after` (>= 12,
    counted within the segment) when fixing. mean = mean of the baseline; moving ranges
    MR_i = |x_i - x_(i-1)| over the baseline only; MRbar0 = their mean. With screening (default)
    only MRs strictly below 3.267 x MRbar0 are kept, once (no second pass), and MRbar is their
    mean; without screening MRbar = MRbar0. Limits are mean +/- 2.66 x MRbar; the "near" lines are
    mean +/- 2 x (2.66 / 3) x MRbar. Nothing is rounded or clamped. When MRbar is undefined (a
    one-point segment; or a constant baseline with screening, where every MR of 0 fails 0 < 0)
    the limits are undefined (None here, NaN in R) and no point is outside or near them. The same
    mean and limits apply to every point of the segment, including points after the fixing point.

Per-point flags
    outside = x > UPL or x < LPL (strict); side = +1 / -1 / 0 for above / below / exactly on the
    mean; near = not outside and (x > nUPL or x < nLPL) (strict).

Rules (within a segment)
    (a) outside the limits;
    (b) trend: every point of any 7 consecutive points whose 6 changes are all strictly up or all
        strictly down (a tie breaks it);
    (c) two of three: a window of 3 consecutive points with at least 2 near points and all 3
        strictly on the same side of the mean; only the near points of such a window are flagged;
    (d) run: every point of any 7 consecutive points strictly on the same side of the mean.
    Each point takes the first that applies, in that order, else "Common Cause".

Trend direction of a trend point: the sign of (next - this) when the next point is also a trend
point, else the sign of (this - previous); +1 is "Increasing", 0 or -1 "Decreasing".

Point type: labels with "Above"/"Increasing" are high, "Below"/"Decreasing" low; high is an
improvement when the direction is "increase", a concern when "decrease", neutral_high when
"neutral" (and conversely for low). The variation icon comes from the latest point only; the
assurance icon compares the target with the latest point's limits, strictly, and is
"inconsistent" when the target equals a limit or the limits are undefined, and absent without a
target or when the direction is neutral.

Floating point
    R's `mean()` sums in 80-bit extended precision and then adds a correction pass; `_r_mean`
    reproduces that operation by operation (on x86-64, where R is almost always run), so means and
    limits come out bit-for-bit the same as the package's. The comparisons are then exact, as in the
    package: "on the mean" means x == mean, and a point on a limit is not outside. (A tolerance
    would disagree with the package whenever a value looks like a decimal tie with the mean but is
    not one in binary, which happens in about a fifth of such ties on real decimal data.)
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, get_args

Direction = Literal["increase", "decrease", "neutral"]
SpecialCause = Literal["outside_limits", "trend", "two_of_three", "run"]
PointType = Literal["common_cause", "improvement", "concern", "neutral_high", "neutral_low"]
VariationIcon = Literal[
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
]
AssuranceIcon = Literal["pass", "fail", "inconsistent"]

DIRECTIONS: tuple[Direction, ...] = get_args(Direction)

# A value as callers hold it: a float, an int, or a Decimal from a database column.
Number = float | Decimal | Fraction

# Constants of the method (reference section 1), computed the way the package computes them.
LIMIT_FACTOR = 2.66
NEAR_LIMIT_FACTOR = 2 * (LIMIT_FACTOR / 3)
SCREENING_FACTOR = 3.267
RUN_LENGTH = 7
TREND_LENGTH = 7
MIN_FIX_AFTER = 12
SHORT_GROUP_THRESHOLD = 13

COMMON_CAUSE_LABEL = "Common Cause"

# The package's names for the point types, for anyone comparing output with it.
R_POINT_TYPES: dict[PointType, str] = {
    "common_cause": "common_cause",
    "improvement": "special_cause_improvement",
    "concern": "special_cause_concern",
    "neutral_high": "special_cause_neutral_high",
    "neutral_low": "special_cause_neutral_low",
}


@dataclass(frozen=True)
class SpcPoint:
    date: datetime.date
    value: float
    segment: int
    mean: float
    lower_limit: float | None
    upper_limit: float | None
    lower_near_limit: float | None
    upper_near_limit: float | None
    # +1 above the mean, -1 below, 0 exactly on it (the package's relative_to_mean).
    side: int
    # Beyond a process limit (strictly); False when the limits are undefined.
    outside_limits: bool
    # Beyond a near ("2 sigma") line (strictly) but not outside; False when limits are undefined.
    near_limits: bool
    # The package's special_cause_type, e.g. "Above UCL", "7 Point Trend (Increasing)".
    label: str
    special_cause: SpecialCause | None
    point_type: PointType

    @property
    def special_cause_flag(self) -> bool:
        return self.special_cause is not None


@dataclass(frozen=True)
class SpcSegment:
    number: int
    start: datetime.date
    end: datetime.date
    n: int
    # Points the mean and limits were computed from (n, or fix_after when fewer).
    baseline_n: int
    mean: float
    lower_limit: float | None
    upper_limit: float | None
    common_cause: int
    improvement: int
    concern: int
    neutral_high: int
    neutral_low: int
    last_point_type: PointType
    # True when n < 13: the limits are "trial limits".
    short_group_warning: bool
    # Only on the latest segment (as in the package's summary()).
    assurance_icon: AssuranceIcon | None


@dataclass(frozen=True)
class SpcResult:
    points: tuple[SpcPoint, ...]
    segments: tuple[SpcSegment, ...]
    variation_icon: VariationIcon
    assurance_icon: AssuranceIcon | None
    direction: Direction
    target: float | None
    fix_after: int | None
    screen_outliers: bool


# --- R's mean(), operation by operation -------------------------------------------------------

_EXTENDED_BITS = 64  # x87 80-bit long double significand, as LDOUBLE in R on x86-64


def _round_to_bits(q: Fraction, bits: int) -> Fraction:
    """q rounded to `bits` significant binary digits, ties to even (IEEE round-to-nearest)."""
    if q == 0:
        return q
    negative = q < 0
    num, den = abs(q.numerator), q.denominator
    exponent = num.bit_length() - den.bit_length()  # 2**exponent <= |q| < 2**(exponent + 1) ...
    if (num < den << exponent) if exponent >= 0 else (num << -exponent < den):
        exponent -= 1  # ... after this correction
    shift = bits - 1 - exponent
    if shift >= 0:
        mantissa, remainder = divmod(num << shift, den)
        scaled_den = den
    else:
        scaled_den = den << -shift
        mantissa, remainder = divmod(num, scaled_den)
    if 2 * remainder > scaled_den or (2 * remainder == scaled_den and mantissa & 1):
        mantissa += 1
    result = Fraction(mantissa, 1 << shift) if shift >= 0 else Fraction(mantissa << -shift)
    return -result if negative else result


def _ext(q: Fraction) -> Fraction:
    return _round_to_bits(q, _EXTENDED_BITS)


def _r_mean(values: Sequence[float]) -> float:
    """R's mean() of finite doubles: a long-double sum divided by n, plus the long-double mean of
    the residuals; then rounded to double. NaN for no values, as in R."""
    n = len(values)
    if n == 0:
        return math.nan
    exact = [Fraction(v) for v in values]
    total = Fraction(0)
    for v in exact:
        total = _ext(total + v)
    mean = _ext(total / n)
    residual = Fraction(0)
    for v in exact:
        residual = _ext(residual + _ext(v - mean))
    mean = _ext(mean + _ext(residual / n))
    return float(mean)  # Fraction -> float is correctly rounded (ties to even)


# --- Validation -------------------------------------------------------------------------------


def validated_series(
    points: Iterable[tuple[datetime.date, Number | None]],
) -> list[tuple[datetime.date, float]]:
    """The points as (date, float) in date order. Raises ValueError for a date that is not a
    calendar date, a repeated date, a missing (None/NaN), non-numeric or infinite value, or no
    points at all."""
    seen: set[datetime.date] = set()
    cleaned: list[tuple[datetime.date, float]] = []
    for date, value in points:
        if isinstance(date, datetime.datetime) or not isinstance(date, datetime.date):
            raise ValueError(f"Dates must be calendar dates (datetime.date), not {date!r}.")
        if date in seen:
            raise ValueError(f"The date {date.isoformat()} appears more than once.")
        seen.add(date)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction)
        ):
            raise ValueError(f"The value for {date.isoformat()} is not a number: {value!r}.")
        number = math.nan if value is None else float(value)
        if math.isnan(number):
            raise ValueError(
                f"The value for {date.isoformat()} is missing: missing periods are refused, "
                "never treated as zero. Leave the period out or record its value."
            )
        if not math.isfinite(number):
            raise ValueError(f"The value for {date.isoformat()} is not finite: {value!r}.")
        cleaned.append((date, number))
    if not cleaned:
        raise ValueError("At least one point is needed.")
    cleaned.sort(key=lambda point: point[0])
    return cleaned


def _validate_options(direction: str, target: Number | None, fix_after: int | None) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(
            f"Unknown direction {direction!r}: use one of {', '.join(map(repr, DIRECTIONS))}."
        )
    if fix_after is not None and (isinstance(fix_after, bool) or not isinstance(fix_after, int)):
        raise ValueError(f"fix_after must be a whole number of points, not {fix_after!r}.")
    if fix_after is not None and fix_after < MIN_FIX_AFTER:
        raise ValueError(f"fix_after must be at least {MIN_FIX_AFTER} points, not {fix_after}.")
    if target is not None and (
        isinstance(target, bool)
        or not isinstance(target, int | float | Decimal | Fraction)
        or math.isnan(target)
    ):
        raise ValueError(f"The target must be a number, not {target!r}.")


# --- Per segment ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Limits:
    mean: float
    lower: float | None
    upper: float | None
    lower_near: float | None
    upper_near: float | None
    baseline_n: int


def _limits(values: Sequence[float], fix_after: int | None, screen_outliers: bool) -> _Limits:
    k = len(values) if fix_after is None else min(len(values), fix_after)
    baseline = values[:k]
    mean = _r_mean(baseline)
    moving_ranges = [abs(baseline[i] - baseline[i - 1]) for i in range(1, k)]
    mr_bar = _r_mean(moving_ranges)  # NaN when there is none
    if screen_outliers and not math.isnan(mr_bar):
        cut_off = SCREENING_FACTOR * mr_bar
        mr_bar = _r_mean([mr for mr in moving_ranges if mr < cut_off])
    if math.isnan(mr_bar):
        return _Limits(mean, None, None, None, None, k)
    return _Limits(
        mean=mean,
        lower=mean - (LIMIT_FACTOR * mr_bar),
        upper=mean + (LIMIT_FACTOR * mr_bar),
        lower_near=mean - (NEAR_LIMIT_FACTOR * mr_bar),
        upper_near=mean + (NEAR_LIMIT_FACTOR * mr_bar),
        baseline_n=k,
    )


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _part_of_window(window_ends: Sequence[bool], length: int) -> list[bool]:
    """Point i is flagged when any qualifying window of `length` points ending at i..i+length-1
    contains it."""
    n = len(window_ends)
    return [any(window_ends[j] for j in range(i, min(n, i + length))) for i in range(n)]


def _trend_flags(values: Sequence[float]) -> list[bool]:
    n = len(values)
    ends = [False] * n
    for j in range(TREND_LENGTH - 1, n):
        steps = [_sign(values[i] - values[i - 1]) for i in range(j - TREND_LENGTH + 2, j + 1)]
        ends[j] = all(s == 1 for s in steps) or all(s == -1 for s in steps)
    return _part_of_window(ends, TREND_LENGTH)


def _run_flags(sides: Sequence[int]) -> list[bool]:
    n = len(sides)
    ends = [False] * n
    for j in range(RUN_LENGTH - 1, n):
        window = sides[j - RUN_LENGTH + 1 : j + 1]
        ends[j] = sides[j] != 0 and all(s == sides[j] for s in window)
    return _part_of_window(ends, RUN_LENGTH)


def _two_of_three_flags(near: Sequence[bool], sides: Sequence[int]) -> list[bool]:
    n = len(near)
    qualifies = [
        sum(near[s : s + 3]) >= 2 and abs(sum(sides[s : s + 3])) == 3 for s in range(n - 2)
    ]
    return [
        near[i] and any(qualifies[s] for s in range(max(0, i - 2), min(i, n - 3) + 1))
        for i in range(n)
    ]


@dataclass(frozen=True)
class _Flags:
    side: int
    outside: bool
    near: bool
    label: str
    special_cause: SpecialCause | None


def _flags(values: Sequence[float], limits: _Limits) -> list[_Flags]:
    mean = limits.mean
    sides = [_sign(v - mean) for v in values]
    outside: list[bool] = []
    near: list[bool] = []
    for v in values:
        if limits.lower is None or limits.upper is None:
            # Undefined limits: outside and near are unknown, which every rule treats as false.
            outside.append(False)
            near.append(False)
            continue
        assert limits.lower_near is not None
        assert limits.upper_near is not None
        is_outside = v > limits.upper or v < limits.lower
        outside.append(is_outside)
        near.append(not is_outside and (v > limits.upper_near or v < limits.lower_near))
    trend = _trend_flags(values)
    two_of_three = _two_of_three_flags(near, sides)
    run = _run_flags(sides)

    n = len(values)
    flags: list[_Flags] = []
    for i in range(n):
        above_or_below = "Above" if sides[i] > 0 else "Below"
        label: str
        cause: SpecialCause | None
        if outside[i]:
            label, cause = ("Above UCL" if sides[i] == 1 else "Below LCL"), "outside_limits"
        elif trend[i]:
            if i + 1 < n and trend[i + 1]:
                step = _sign(values[i + 1] - values[i])
            else:
                step = _sign(values[i] - values[i - 1]) if i > 0 else 0
            way = "Increasing" if step == 1 else "Decreasing"
            label, cause = f"7 Point Trend ({way})", "trend"
        elif two_of_three[i]:
            label, cause = f"2 in 3 {above_or_below} CL", "two_of_three"
        elif run[i]:
            label, cause = f"7 Points {above_or_below} CL", "run"
        else:
            label, cause = COMMON_CAUSE_LABEL, None
        flags.append(_Flags(sides[i], outside[i], near[i], label, cause))
    return flags


def point_type_for(label: str, direction: Direction) -> PointType:
    """The point type of a label given the improvement direction (reference section 7)."""
    if "Above" in label or "Increasing" in label:
        high = 1
    elif "Below" in label or "Decreasing" in label:
        high = -1
    else:
        return "common_cause"
    if direction == "neutral":
        return "neutral_high" if high > 0 else "neutral_low"
    improving = high if direction == "increase" else -high
    return "improvement" if improving > 0 else "concern"


def variation_icon_for(point_type: PointType, direction: Direction) -> VariationIcon:
    """The variation icon for the latest point's type (reference section 8)."""
    if point_type == "improvement":
        return "improvement_high" if direction == "increase" else "improvement_low"
    if point_type == "concern":
        return "concern_low" if direction == "increase" else "concern_high"
    return point_type


def assurance_icon_for(
    target: float | None,
    direction: Direction,
    lower_limit: float | None,
    upper_limit: float | None,
) -> AssuranceIcon | None:
    """The assurance icon (reference section 9): strict comparisons; undefined limits or a target
    on a limit give "inconsistent"; no target or a neutral direction give no icon."""
    if target is None or direction == "neutral":
        return None
    increasing = direction == "increase"
    if upper_limit is not None and target > upper_limit:
        return "fail" if increasing else "pass"
    if lower_limit is not None and target < lower_limit:
        return "pass" if increasing else "fail"
    return "inconsistent"


# --- Entry point ------------------------------------------------------------------------------


def spc(
    points: Iterable[tuple[datetime.date, Number | None]],
    *,
    direction: Direction = "increase",
    target: Number | None = None,
    rebase: Iterable[datetime.date] = (),
    fix_after: int | None = None,
    screen_outliers: bool = True,
) -> SpcResult:
    """XmR chart values and Making Data Count signals for one series of (date, value) points.

    Raises ValueError for duplicate dates, missing or non-finite values, an unknown direction, a
    fix_after below 12, a target that is not a number, or no points at all.
    """
    _validate_options(direction, target, fix_after)
    ordered = validated_series(points)
    rebase_dates = set(rebase)

    # Split into segments: a point on a rebase date starts the next one.
    segments: list[tuple[int, list[tuple[datetime.date, float]]]] = []
    number = 0
    for date, value in ordered:
        if date in rebase_dates:
            number += 1
        if not segments or segments[-1][0] != number:
            segments.append((number, []))
        segments[-1][1].append((date, value))

    out_points: list[SpcPoint] = []
    summaries: list[tuple[int, list[SpcPoint], _Limits]] = []
    for number, members in segments:
        values = [value for _, value in members]
        limits = _limits(values, fix_after, screen_outliers)
        segment_points = [
            SpcPoint(
                date=date,
                value=value,
                segment=number,
                mean=limits.mean,
                lower_limit=limits.lower,
                upper_limit=limits.upper,
                lower_near_limit=limits.lower_near,
                upper_near_limit=limits.upper_near,
                side=flag.side,
                outside_limits=flag.outside,
                near_limits=flag.near,
                label=flag.label,
                special_cause=flag.special_cause,
                point_type=point_type_for(flag.label, direction),
            )
            for (date, value), flag in zip(members, _flags(values, limits), strict=True)
        ]
        out_points.extend(segment_points)
        summaries.append((number, segment_points, limits))

    latest = out_points[-1]
    target_value = None if target is None else float(target)
    assurance = assurance_icon_for(target_value, direction, latest.lower_limit, latest.upper_limit)
    segment_summaries = tuple(
        SpcSegment(
            number=number,
            start=members[0].date,
            end=members[-1].date,
            n=len(members),
            baseline_n=limits.baseline_n,
            mean=limits.mean,
            lower_limit=limits.lower,
            upper_limit=limits.upper,
            common_cause=sum(p.point_type == "common_cause" for p in members),
            improvement=sum(p.point_type == "improvement" for p in members),
            concern=sum(p.point_type == "concern" for p in members),
            neutral_high=sum(p.point_type == "neutral_high" for p in members),
            neutral_low=sum(p.point_type == "neutral_low" for p in members),
            last_point_type=members[-1].point_type,
            short_group_warning=len(members) < SHORT_GROUP_THRESHOLD,
            assurance_icon=assurance if index == len(summaries) - 1 else None,
        )
        for index, (number, members, limits) in enumerate(summaries)
    )
    return SpcResult(
        points=tuple(out_points),
        segments=segment_summaries,
        variation_icon=variation_icon_for(latest.point_type, direction),
        assurance_icon=assurance,
        direction=direction,
        target=target_value,
        fix_after=fix_after,
        screen_outliers=screen_outliers,
    )
