"""Properties of `spc` that hold for any series."""

import datetime
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from safeboard.performance.domain.spc import DIRECTIONS, spc
from safeboard.performance.domain.spc_cli import to_json

START = datetime.date(2020, 1, 1)
LABELS = {
    "Above UCL",
    "Below LCL",
    "7 Point Trend (Increasing)",
    "7 Point Trend (Decreasing)",
    "2 in 3 Above CL",
    "2 in 3 Below CL",
    "7 Points Above CL",
    "7 Points Below CL",
    "Common Cause",
}

# Small integers give ties, constant stretches and points on the mean; floats give the rest.
values = st.one_of(
    st.integers(min_value=-3, max_value=3).map(float),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.decimals(min_value=0, max_value=100, places=1).map(float),
)


@st.composite
def series(draw, min_size=1, max_size=40):
    offsets = draw(
        st.lists(
            st.integers(min_value=0, max_value=400),
            min_size=min_size,
            max_size=max_size,
            unique=True,
        )
    )
    return [(START + datetime.timedelta(days=o), draw(values)) for o in offsets]


options = st.fixed_dictionaries(
    {
        "direction": st.sampled_from(DIRECTIONS),
        "screen_outliers": st.booleans(),
        "fix_after": st.one_of(st.none(), st.integers(min_value=12, max_value=20)),
        "target": st.one_of(st.none(), st.floats(min_value=-1e6, max_value=1e6)),
    }
)


@given(series(), options)
def test_it_puts_the_limits_symmetrically_around_the_mean(points, opts):
    for point in spc(points, **opts).points:
        if point.upper_limit is None:
            assert point.lower_limit is None
            continue
        assert point.lower_limit is not None
        assert point.lower_near_limit is not None
        assert point.upper_near_limit is not None
        above, below = point.upper_limit - point.mean, point.mean - point.lower_limit
        assert above >= 0
        assert math.isclose(above, below, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, abs(point.mean)))
        assert point.lower_limit <= point.lower_near_limit <= point.mean
        assert point.mean <= point.upper_near_limit <= point.upper_limit


@given(series(), options, st.randoms(use_true_random=False))
def test_it_does_not_depend_on_the_input_order(points, opts, random):
    shuffled = list(points)
    random.shuffle(shuffled)
    assert spc(shuffled, **opts) == spc(points, **opts)


@given(series(), options)
def test_it_never_writes_nan_into_json(points, opts):
    def refuse(constant):
        raise AssertionError(f"{constant} in JSON")

    document = json.loads(to_json(spc(points, **opts)), parse_constant=refuse)
    assert len(document["points"]) == len(points)


@given(series(), options)
def test_it_gives_every_point_exactly_one_known_label(points, opts):
    result = spc(points, **opts)
    for point in result.points:
        assert point.label in LABELS
        assert (point.special_cause is None) == (point.label == "Common Cause")
        assert (point.point_type == "common_cause") == (point.label == "Common Cause")
    assert [p.date for p in result.points] == sorted(d for d, _ in points)


@given(series(min_size=2), options, st.data())
def test_it_computes_each_segment_as_if_it_were_alone(points, opts, data):
    dates = sorted(d for d, _ in points)
    rebase = data.draw(st.lists(st.sampled_from(dates), max_size=3))
    opts = {**opts, "target": None}
    whole = spc(points, rebase=rebase, **opts)
    for segment in whole.segments:
        inside = [p for p in whole.points if p.segment == segment.number]
        alone = spc([(p.date, p.value) for p in inside], **opts)
        assert [(p.mean, p.lower_limit, p.upper_limit, p.label) for p in inside] == [
            (p.mean, p.lower_limit, p.upper_limit, p.label) for p in alone.points
        ]
        assert segment.n == len(inside)
        assert segment.common_cause + segment.improvement + segment.concern + (
            segment.neutral_high + segment.neutral_low
        ) == len(inside)


@settings(max_examples=50)
@given(series(), options)
def test_it_takes_the_variation_icon_from_the_latest_point(points, opts):
    result = spc(points, **opts)
    latest = result.points[-1].point_type
    icon = result.variation_icon
    if latest == "common_cause":
        assert icon == "common_cause"
    else:
        assert icon.split("_")[0] == latest.split("_")[0]
