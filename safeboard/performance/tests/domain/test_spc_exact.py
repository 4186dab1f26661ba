"""The fast SPC gives exactly what the first, plain implementation gave.

`reference_spc.py` beside this file is spc.py as it was before it was made fast (Fractions for
R's long-double mean, window scans for the rules), kept unchanged as the oracle: its `_r_mean`
does every x87 operation on exact rationals and rounds each one to 64 bits by hand. Results are
compared through repr() of their fields, so every float must match to the last bit (a -0.0 or a
one-ulp difference fails) and every label, point type and icon must match.
"""

import dataclasses
import datetime
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeboard.performance.domain import spc as fast
from safeboard.performance.tests.domain import reference_spc as reference

# --- R's mean() --------------------------------------------------------------------------------
#
# The oracle: the first implementation of R's mean(), every x87 operation done on exact rationals
# and rounded to 64 significant bits by hand (as reference_spc.py still has it), but returning the
# long double itself rather than the double, so that the tests see any difference at all.


def oracle_extended_mean(values) -> Fraction:
    exact = [Fraction(v) for v in values]
    n = len(exact)
    total = Fraction(0)
    for v in exact:
        total = ext(total + v)
    mean = ext(total / n)
    residual = Fraction(0)
    for v in exact:
        residual = ext(residual + ext(v - mean))
    return ext(mean + ext(residual / n))


ext = reference._ext  # exact rational rounded to 64 significant bits, ties to even
oracle_r_mean = reference._r_mean  # the same, rounded to double: what spc() used to use


def fast_extended_mean(values) -> Fraction:
    mantissa, exponent = fast._extended_mean(values)
    return Fraction(mantissa) * Fraction(2) ** exponent


def same_float(a: float, b: float) -> bool:
    return repr(a) == repr(b)  # repr round-trips: equal text is equal bits (NaN and -0.0 too)


# Each kind of value the mean meets: any finite double (subnormals and 1e308 included), huge and
# tiny magnitudes, decimals with many places, percentages, whole numbers, and a few values that
# repeat so that sums cancel and ties are common.
finite = st.floats(allow_nan=False, allow_infinity=False)
huge_or_tiny = st.one_of(
    st.floats(min_value=1e280, max_value=1e308),
    st.floats(min_value=-1e308, max_value=-1e280),
    st.floats(min_value=-1e-290, max_value=1e-290, allow_subnormal=True),
)
decimals = st.integers(min_value=0, max_value=15).flatmap(
    lambda places: st.decimals(
        min_value=-(10**6), max_value=10**6, places=places, allow_nan=False, allow_infinity=False
    ).map(float)
)
percentages = st.decimals(min_value=0, max_value=100, places=2).map(float)
whole = st.integers(min_value=-(2**60), max_value=2**60).map(float)
repeated = st.sampled_from([0.1, 0.2, 0.3, -0.1, 1e16, -1e16, 1.0, 3.0, 0.0, -0.0, 2.0**-1074])
any_value = st.one_of(finite, huge_or_tiny, decimals, percentages, whole, repeated)


def check_mean(values) -> None:
    assert fast_extended_mean(values) == oracle_extended_mean(values)
    assert same_float(fast._r_mean(values), oracle_r_mean(values))


@settings(max_examples=400)
@given(st.lists(any_value, min_size=1, max_size=60))
def test_it_computes_r_mean_exactly_as_the_fraction_implementation(values):
    check_mean(values)


@settings(max_examples=200)
@given(
    st.sampled_from([finite, huge_or_tiny, decimals, percentages, whole, repeated]).flatmap(
        lambda kind: st.lists(kind, min_size=1, max_size=60)
    )
)
def test_it_computes_r_mean_exactly_for_lists_of_one_kind(values):
    check_mean(values)


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=40))
def test_it_computes_r_mean_exactly_when_values_cancel(values):
    # Mixed signs that almost cancel: a mean near zero, far finer than the values.
    check_mean(values + [-v for v in values[:-1]])


@given(st.integers(min_value=-(2**200), max_value=2**200))
def test_it_rounds_an_integer_to_64_bits_as_the_fraction_implementation(x):
    assert fast._round_extended(x) == ext(Fraction(x))


@given(
    st.integers(min_value=-(2**200), max_value=2**200), st.integers(min_value=1, max_value=10**6)
)
def test_it_divides_to_64_bits_as_the_fraction_implementation(numerator, n):
    mantissa, exponent = fast._divide_extended(numerator, n)
    assert abs(mantissa) < 2**64 + 1
    assert Fraction(mantissa) * Fraction(2) ** exponent == ext(Fraction(numerator, n))


@given(st.lists(st.integers(min_value=-(2**70), max_value=2**70)))
def test_it_sums_in_long_double_as_the_fraction_implementation(terms):
    total = Fraction(0)
    for term in terms:
        total = ext(total + ext(Fraction(term)))
    assert fast._extended_sum(terms) == total


@pytest.mark.parametrize(
    "values",
    [
        [],
        [0.0],
        [-0.0, -0.0],
        [5e-324],
        [5e-324, -5e-324, 5e-324],
        [1.7976931348623157e308, 1.7976931348623157e308],
        [1.7976931348623157e308, -1.7976931348623157e308, 5e-324],
        [1e308, 1e-308, -1e308],
        [0.1, 0.2, 0.3],
        [2.0**64, 1.0, -(2.0**64)],
        [float(2**53 + 1 - 1), 1.0, 1.0],
    ],
)
def test_it_computes_r_mean_exactly_at_the_edges(values):
    if values:
        assert fast_extended_mean(values) == oracle_extended_mean(values)
    assert same_float(fast._r_mean(values), oracle_r_mean(values))


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_it_refuses_a_non_finite_value_in_r_mean_as_before(bad):
    with pytest.raises((OverflowError, ValueError)) as old:
        oracle_r_mean([1.0, bad])
    with pytest.raises(type(old.value)):
        fast._r_mean([1.0, bad])


# --- Whole results ------------------------------------------------------------------------------


def plain(result) -> str:
    """Every field of a result (nested dataclasses as tuples), exactly."""
    return repr(dataclasses.astuple(result))


START = datetime.date(2020, 1, 1)

value_kinds = [
    st.integers(min_value=-3, max_value=3).map(float),  # ties, runs, points on the mean
    st.integers(min_value=0, max_value=500).map(float),  # counts
    percentages,
    st.decimals(min_value=10, max_value=90, places=1).map(float),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=-1e300, max_value=1e300, allow_nan=False),
]


@st.composite
def series(draw):
    kind = draw(st.sampled_from(["mixed", "one kind", "trend", "constant"]))
    n = draw(st.integers(min_value=1, max_value=45))
    if kind == "mixed":
        values = draw(st.lists(st.one_of(value_kinds), min_size=n, max_size=n))
    elif kind == "one kind":
        strategy = draw(st.sampled_from(value_kinds))
        values = draw(st.lists(strategy, min_size=n, max_size=n))
    elif kind == "trend":
        step = draw(st.sampled_from([0.5, 1.0, -1.0, 0.1]))
        breaks = draw(st.sets(st.integers(min_value=0, max_value=n), max_size=3))
        values, value = [], draw(st.decimals(0, 100, places=1).map(float))
        for i in range(n):
            step = -step if i in breaks else step
            value = round(value + step, 1)
            values.append(value)
    else:
        values = [draw(percentages)] * n
    offsets = draw(st.permutations(range(n)))  # dates in any order
    return [
        (START + datetime.timedelta(days=31 * o), v) for o, v in zip(offsets, values, strict=True)
    ]


@st.composite
def options(draw, points):
    dates = [d for d, _ in points]
    return {
        "direction": draw(st.sampled_from(fast.DIRECTIONS)),
        "screen_outliers": draw(st.booleans()),
        "fix_after": draw(st.one_of(st.none(), st.integers(min_value=12, max_value=20))),
        "target": draw(st.one_of(st.none(), st.sampled_from([v for _, v in points]), finite)),
        "rebase": draw(st.lists(st.sampled_from(dates), max_size=3)),
    }


@settings(max_examples=300)
@given(st.data())
def test_it_gives_the_same_results_as_the_reference_implementation(data):
    points = data.draw(series())
    opts = data.draw(options(points))
    try:
        expected = plain(reference.spc(points, **opts))
    except OverflowError:
        # A moving range beyond the largest double: the reference fails, and so must we.
        with pytest.raises(OverflowError):
            fast.spc(points, **opts)
        return
    assert plain(fast.spc(points, **opts)) == expected


@given(st.lists(percentages, min_size=7, max_size=40), st.sampled_from(fast.DIRECTIONS))
def test_it_labels_every_point_as_the_reference_does(values, direction):
    points = [(START + datetime.timedelta(days=i), v) for i, v in enumerate(values)]
    new = fast.spc(points, direction=direction, target=50.0)
    old = reference.spc(points, direction=direction, target=50.0)
    assert [(p.label, p.point_type, p.special_cause) for p in new.points] == [
        (p.label, p.point_type, p.special_cause) for p in old.points
    ]
    assert (new.variation_icon, new.assurance_icon) == (old.variation_icon, old.assurance_icon)


def test_it_sees_special_causes_in_the_comparison():
    # The comparison above must meet every rule, or it would prove little: this series has each.
    # Limits fixed on 50, 52, ...: mean 51, limits 45.68 and 56.32, near lines 47.45 and 54.55.
    values = [50.0, 52.0] * 6 + [60.0, 49.0] + [46.0 + i for i in range(7)] + [49.0]
    values += [52.0, 53.0] * 3 + [52.0, 49.0] + [55.0, 53.0, 55.0, 49.0]
    points = [(START + datetime.timedelta(days=i), v) for i, v in enumerate(values)]
    result = fast.spc(points, fix_after=12)
    causes = {p.special_cause for p in result.points}
    assert causes == {None, "outside_limits", "trend", "run", "two_of_three"}
    assert plain(result) == plain(reference.spc(points, fix_after=12))


# --- The point objects ---------------------------------------------------------------------------


def test_it_builds_points_that_are_ordinary_frozen_spc_points():
    points = [(START + datetime.timedelta(days=i), float(i % 4)) for i in range(10)]
    result = fast.spc(points, target=1.0)
    for point in result.points:
        assert type(point) is fast.SpcPoint
        fields = {f.name: getattr(point, f.name) for f in dataclasses.fields(fast.SpcPoint)}
        rebuilt = fast.SpcPoint(**fields)
        assert rebuilt == point
        assert hash(rebuilt) == hash(point)
        assert repr(rebuilt) == repr(point)
        assert dataclasses.replace(point, value=9.0).value == 9.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            point.value = 2.0  # type: ignore[misc]


def test_it_keeps_the_public_fields_of_the_result_types():
    for name in ("SpcPoint", "SpcSegment", "SpcResult"):
        new, old = getattr(fast, name), getattr(reference, name)
        assert [(f.name, str(f.type)) for f in dataclasses.fields(new)] == [
            (f.name, str(f.type)) for f in dataclasses.fields(old)
        ]


def test_it_refuses_the_same_bad_input_with_the_same_message():
    day = START
    cases: list[list[tuple[Any, Any]]] = [
        [(day, 1.0), (day, 2.0)],
        [(day, None)],
        [(day, math.nan)],
        [(day, math.inf)],
        [(day, "3")],
        [(day, True)],
        [(datetime.datetime(2020, 1, 1), 1.0)],
        [],
    ]
    for points in cases:
        with pytest.raises(ValueError, match=r"\.$") as old:
            reference.spc(points)
        with pytest.raises(ValueError, match=r"\.$") as new:
            fast.spc(points)
        assert str(new.value) == str(old.value)
