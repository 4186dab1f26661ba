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

Speed (docs/decisions/0024-fast-exact-spc.md)
    The long-double arithmetic is done on Python integers (the doubles at one common binary
    scale), rounding to 64 bits only when a result does not fit, and skipping whole passes when
    bounds show nothing can round; each rule is one pass over the segment; points are built in one
    step. The first, plain implementation is kept as the tests' oracle
    (tests/domain/reference_spc.py), and the results must equal it exactly.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import groupby, pairwise
from operator import itemgetter
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


# --- R's mean(), operation by operation, in integers -----------------------------------------
#
# Every double is an integer times a power of two, so a list of doubles is a list of integers at
# one common scale 2**exp, and a long double (64-bit significand) is an integer rounded to 64
# significant bits at that scale. Sums and differences of such integers are exact; only the
# x87 rounding after each operation has to be done by hand, and it is a no-op (skipped) whenever a
# result fits in 64 bits, which is the common case.

_EXTENDED_BITS = 64  # x87 80-bit long double significand, as LDOUBLE in R on x86-64
_EXTENDED_LIMIT = 1 << _EXTENDED_BITS  # integers below this in magnitude are exact long doubles


def _round_extended(x: int) -> int:
    """x rounded to 64 significant binary digits, ties to even, at the same scale."""
    if -_EXTENDED_LIMIT < x < _EXTENDED_LIMIT:
        return x
    magnitude = -x if x < 0 else x
    drop = magnitude.bit_length() - _EXTENDED_BITS
    kept = magnitude >> drop
    rest = magnitude - (kept << drop)
    half = 1 << (drop - 1)
    if rest > half or (rest == half and kept & 1):
        kept += 1
    magnitude = kept << drop
    return -magnitude if x < 0 else magnitude


def _divide_extended(numerator: int, n: int) -> tuple[int, int]:
    """numerator / n (n > 0) rounded to 64 significant binary digits, ties to even, as
    (m, e) meaning m * 2**e in the numerator's scale."""
    if numerator == 0:
        return 0, 0
    magnitude = -numerator if numerator < 0 else numerator
    # Scale so that the quotient has 66 or 67 bits: 2 or 3 to drop, with the remainder as sticky.
    shift = _EXTENDED_BITS + 2 + n.bit_length() - magnitude.bit_length()
    if shift >= 0:
        quotient, remainder = divmod(magnitude << shift, n)
    else:
        quotient, remainder = divmod(magnitude, n << -shift)
    drop = quotient.bit_length() - _EXTENDED_BITS
    low = quotient & ((1 << drop) - 1)
    quotient >>= drop
    half = 1 << (drop - 1)
    if low > half or (low == half and (remainder or quotient & 1)):
        quotient += 1
    return (-quotient if numerator < 0 else quotient), drop - shift


def _extended_sum(terms: Iterable[int]) -> int:
    """The long double sum: each term and each partial sum rounded to 64 bits, in order."""
    total = 0
    for term in terms:
        if not -_EXTENDED_LIMIT < term < _EXTENDED_LIMIT:
            term = _round_extended(term)
        total += term
        if not -_EXTENDED_LIMIT < total < _EXTENDED_LIMIT:
            total = _round_extended(total)
    return total


def _as_integers(values: Sequence[float]) -> tuple[list[int], int, int, int]:
    """Integers m_i and one exponent e with values[i] == m_i * 2**e exactly, with the largest
    and smallest m_i. An infinity or NaN raises OverflowError or ValueError (as Fraction(value)
    does)."""
    if -math.inf < sum(values) < math.inf:  # every value finite (and the sum did not overflow)
        smallest = min(filter(None, map(abs, values)), default=0.0)
        if not smallest:
            return [0] * len(values), 0, 0, 0
        top, bottom = max(values), min(values)
        # The smallest magnitude has the finest last bit: 2**(its exponent - 53).
        shift = 53 - math.frexp(smallest)[1]
        if shift <= 1023 and math.frexp(max(top, -bottom))[1] + shift <= 1023:
            scale = 2.0**shift  # multiplying by it is exact and every product is an integer
            return [int(v * scale) for v in values], -shift, int(top * scale), int(bottom * scale)
    # Subnormals, extreme ranges, infinities and NaN: the slower exact way.
    ratios = [v.as_integer_ratio() for v in values]
    denominator = max(q for _, q in ratios)  # a power of two
    scaled = [p * (denominator // q) for p, q in ratios]
    return scaled, 1 - denominator.bit_length(), max(scaled), min(scaled)


def _fits(total: int, top: int, bottom: int, n: int) -> bool:
    """Whether every partial sum of n integers between bottom and top, summing to total, is
    below 2**64 in magnitude (so the long double sum is exact)."""
    if bottom >= 0:
        return total < _EXTENDED_LIMIT
    if top <= 0:
        return -total < _EXTENDED_LIMIT
    return n * max(top, -bottom) < _EXTENDED_LIMIT


def _r_mean(values: Sequence[float]) -> float:
    """R's mean() of finite doubles: a long-double sum divided by n, plus the long-double mean of
    the residuals; then rounded to double. NaN for no values, as in R."""
    if not values:
        return math.nan
    mean, exp = _extended_mean(values)
    # int -> float and int / int are correctly rounded (ties to even), subnormals included.
    return float(mean << exp) if exp >= 0 else mean / (1 << -exp)


def _extended_mean(values: Sequence[float]) -> tuple[int, int]:
    """R's long-double mean of one or more finite doubles, before it is rounded to double, as
    (m, e) meaning m * 2**e with m of at most 64 significant bits."""
    n = len(values)
    scaled, exp, top, bottom = _as_integers(values)
    exact_total = sum(scaled)
    if _fits(exact_total, top, bottom, n):
        total = exact_total
    else:
        # Drop the trailing zero bits every value shares (integer data scaled up), then look again.
        common = math.gcd(*scaled)
        zeros = (common & -common).bit_length() - 1
        if zeros > 0:
            scaled = [x >> zeros for x in scaled]
            exact_total >>= zeros
            top >>= zeros
            bottom >>= zeros
            exp += zeros
        total = exact_total if _fits(exact_total, top, bottom, n) else _extended_sum(scaled)
    mean, mean_exp = _divide_extended(total, n)
    mean_exp += exp

    # The correction pass: the sum of (value - mean), each difference and each partial sum
    # rounded, worked at the finer of the two scales.
    fine = min(exp, mean_exp)
    up = exp - fine
    mean_fine = mean << (mean_exp - fine)
    widest = max((top << up) - mean_fine, mean_fine - (bottom << up))
    if n * widest < _EXTENDED_LIMIT:
        residual = (exact_total << up) - n * mean_fine  # no rounding anywhere: the exact sum
    elif widest < _EXTENDED_LIMIT:
        # Each difference is exact; only partial sums may need rounding.
        residual = 0
        for x in scaled:
            residual += (x << up) - mean_fine
            if not -_EXTENDED_LIMIT < residual < _EXTENDED_LIMIT:
                residual = _round_extended(residual)
    else:
        residual = _extended_sum([(x << up) - mean_fine for x in scaled])
    if residual:
        correction, correction_exp = _divide_extended(residual, n)
        correction_exp += fine
        low = min(mean_exp, correction_exp)
        mean = _round_extended((mean << (mean_exp - low)) + (correction << (correction_exp - low)))
        mean_exp = low
    return mean, mean_exp


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
        if type(date) is not datetime.date and (
            isinstance(date, datetime.datetime) or not isinstance(date, datetime.date)
        ):
            raise ValueError(f"Dates must be calendar dates (datetime.date), not {date!r}.")
        if date in seen:
            raise ValueError(f"The date {date.isoformat()} appears more than once.")
        seen.add(date)
        number: float
        if type(value) is float:
            number = value
        elif value is None:
            number = math.nan
        elif isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
            raise ValueError(f"The value for {date.isoformat()} is not a number: {value!r}.")
        else:
            number = float(value)
        if not -math.inf < number < math.inf:
            if math.isnan(number):
                raise ValueError(
                    f"The value for {date.isoformat()} is missing: missing periods are refused, "
                    "never treated as zero. Leave the period out or record its value."
                )
            raise ValueError(f"The value for {date.isoformat()} is not finite: {value!r}.")
        cleaned.append((date, number))
    if not cleaned:
        raise ValueError("At least one point is needed.")
    cleaned.sort(key=itemgetter(0))
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


@dataclass(frozen=True, slots=True)
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
    moving_ranges = [abs(b - a) for a, b in pairwise(baseline)]
    mr_bar = _r_mean(moving_ranges)  # NaN when there is none
    if screen_outliers and not math.isnan(mr_bar):
        cut_off = SCREENING_FACTOR * mr_bar
        kept = [mr for mr in moving_ranges if mr < cut_off]
        if len(kept) != len(moving_ranges):  # the same list has the same mean: skip the work
            mr_bar = _r_mean(kept)
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


def _flag_long_stretches(signs: Sequence[int], length: int, offset: int, flags: list[bool]) -> None:
    """Set flags[i + offset ... j] for every maximal stretch signs[i..j] of one non-zero sign with
    at least `length` members: each point of it is in some window of `length` that qualifies."""
    start = 0
    for key, group in groupby(signs):
        count = len(list(group))
        if key and count >= length:
            flags[start : start + count + offset] = [True] * (count + offset)
        start += count


def _rules(
    values: Sequence[float], limits: _Limits
) -> tuple[list[int], list[bool], list[bool], list[str], list[SpecialCause | None]]:
    """Side, outside, near, label and special cause of each point of one segment, each rule in one
    pass over the segment."""
    n = len(values)
    mean = limits.mean
    # For finite doubles the sign of a difference is the comparison (no underflow to zero).
    sides = [(v > mean) - (v < mean) for v in values]
    lower, upper = limits.lower, limits.upper
    lower_near, upper_near = limits.lower_near, limits.upper_near
    if lower is None or upper is None or lower_near is None or upper_near is None:
        # Undefined limits: outside and near are unknown, which every rule treats as false.
        outside = [False] * n
        near = [False] * n
    else:
        outside = [v > upper or v < lower for v in values]
        near = [
            not out and (v > upper_near or v < lower_near)
            for v, out in zip(values, outside, strict=True)
        ]

    trend = [False] * n
    run = [False] * n
    # steps[i] is the sign of values[i + 1] - values[i].
    steps = [(b > a) - (b < a) for a, b in pairwise(values)]
    if n >= TREND_LENGTH:
        # A stretch of TREND_LENGTH - 1 equal steps covers one point more than it has steps.
        _flag_long_stretches(steps, TREND_LENGTH - 1, 1, trend)
    if n >= RUN_LENGTH:
        _flag_long_stretches(sides, RUN_LENGTH, 0, run)
    two_of_three = [False] * n
    if True in near:
        for s in range(n - 2):
            side = sides[s]
            if (
                side
                and sides[s + 1] == side
                and sides[s + 2] == side
                and near[s] + near[s + 1] + near[s + 2] >= 2
            ):
                for i in (s, s + 1, s + 2):
                    if near[i]:
                        two_of_three[i] = True

    if True not in outside and True not in trend and True not in two_of_three and True not in run:
        return sides, outside, near, [COMMON_CAUSE_LABEL] * n, [None] * n
    labels: list[str] = []
    causes: list[SpecialCause | None] = []
    for i in range(n):
        if outside[i]:
            labels.append("Above UCL" if sides[i] == 1 else "Below LCL")
            causes.append("outside_limits")
        elif trend[i]:
            # The step to the next point when it is in the trend too, else the step to this one.
            step = steps[i] if i + 1 < n and trend[i + 1] else steps[i - 1] if i > 0 else 0
            labels.append(_TREND_LABELS[step == 1])
            causes.append("trend")
        elif two_of_three[i]:
            labels.append("2 in 3 Above CL" if sides[i] > 0 else "2 in 3 Below CL")
            causes.append("two_of_three")
        elif run[i]:
            labels.append("7 Points Above CL" if sides[i] > 0 else "7 Points Below CL")
            causes.append("run")
        else:
            labels.append(COMMON_CAUSE_LABEL)
            causes.append(None)
    return sides, outside, near, labels, causes


_TREND_LABELS = {True: "7 Point Trend (Increasing)", False: "7 Point Trend (Decreasing)"}


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
    if rebase_dates.isdisjoint(date for date, _ in ordered):
        segments.append((0, ordered))
    else:
        number = 0
        for date, value in ordered:
            if date in rebase_dates:
                number += 1
            if not segments or segments[-1][0] != number:
                segments.append((number, []))
            segments[-1][1].append((date, value))

    point_types = _POINT_TYPES[direction]
    out_points: list[SpcPoint] = []
    summaries: list[tuple[int, list[SpcPoint], _Limits]] = []
    for number, members in segments:
        values = [value for _, value in members]
        limits = _limits(values, fix_after, screen_outliers)
        sides, outside, near, labels, causes = _rules(values, limits)
        segment_points = _points(
            number,
            members,
            limits,
            sides,
            outside,
            near,
            labels,
            causes,
            [point_types[label] for label in labels],
        )
        out_points.extend(segment_points)
        summaries.append((number, segment_points, limits))

    latest = out_points[-1]
    target_value = None if target is None else float(target)
    assurance = assurance_icon_for(target_value, direction, latest.lower_limit, latest.upper_limit)
    segment_summaries = tuple(
        _segment(number, members, limits, assurance if index == len(summaries) - 1 else None)
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


# Every label's point type for each direction, worked out once.
_POINT_TYPES: dict[Direction, dict[str, PointType]] = {
    direction: {
        label: point_type_for(label, direction)
        for label in (
            COMMON_CAUSE_LABEL,
            "Above UCL",
            "Below LCL",
            *_TREND_LABELS.values(),
            "2 in 3 Above CL",
            "2 in 3 Below CL",
            "7 Points Above CL",
            "7 Points Below CL",
        )
    }
    for direction in DIRECTIONS
}


def _points(
    number: int,
    members: Sequence[tuple[datetime.date, float]],
    limits: _Limits,
    sides: Sequence[int],
    outside: Sequence[bool],
    near: Sequence[bool],
    labels: Sequence[str],
    causes: Sequence[SpecialCause | None],
    types: Sequence[PointType],
) -> list[SpcPoint]:
    """The segment's SpcPoints. Each is made by filling its __dict__ in one step: the same object
    SpcPoint(...) gives (no __post_init__, fields in order), at a fifth of the cost of the frozen
    dataclass __init__, which sets each field through object.__setattr__."""
    new, fill = object.__new__, object.__setattr__
    mean, lower, upper = limits.mean, limits.lower, limits.upper
    lower_near, upper_near = limits.lower_near, limits.upper_near
    made: list[SpcPoint] = []
    for (date, value), side, out, is_near, label, cause, point_type in zip(
        members, sides, outside, near, labels, causes, types, strict=True
    ):
        point = new(SpcPoint)
        fill(
            point,
            "__dict__",
            {
                "date": date,
                "value": value,
                "segment": number,
                "mean": mean,
                "lower_limit": lower,
                "upper_limit": upper,
                "lower_near_limit": lower_near,
                "upper_near_limit": upper_near,
                "side": side,
                "outside_limits": out,
                "near_limits": is_near,
                "label": label,
                "special_cause": cause,
                "point_type": point_type,
            },
        )
        made.append(point)
    return made


def _segment(
    number: int, members: Sequence[SpcPoint], limits: _Limits, assurance: AssuranceIcon | None
) -> SpcSegment:
    types = [p.point_type for p in members]
    return SpcSegment(
        number=number,
        start=members[0].date,
        end=members[-1].date,
        n=len(members),
        baseline_n=limits.baseline_n,
        mean=limits.mean,
        lower_limit=limits.lower,
        upper_limit=limits.upper,
        common_cause=types.count("common_cause"),
        improvement=types.count("improvement"),
        concern=types.count("concern"),
        neutral_high=types.count("neutral_high"),
        neutral_low=types.count("neutral_low"),
        last_point_type=types[-1],
        short_group_warning=len(members) < SHORT_GROUP_THRESHOLD,
        assurance_icon=assurance,
    )
