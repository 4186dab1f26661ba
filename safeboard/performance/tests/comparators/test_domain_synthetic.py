import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.performance.domain.synthetic import Design, generate


def test_it_makes_the_same_series_from_the_same_seed():
    design = Design(level=50, sd=5)
    assert generate(design, 36, seed=7) == generate(design, 36, seed=7)
    assert generate(design, 36, seed=7) != generate(design, 36, seed=8)


@given(
    level=st.floats(min_value=-50, max_value=200),
    sd=st.floats(min_value=0, max_value=60),
    seed=st.integers(0, 10**6),
)
def test_it_keeps_counts_whole_and_not_negative_and_percentages_in_range(level, sd, seed):
    counts = generate(Design(level=level, sd=sd, kind="count"), 24, seed=seed)
    assert all(v >= 0 and v == int(v) for v in counts)
    percents = generate(Design(level=level, sd=sd, kind="percentage"), 24, seed=seed)
    assert all(0 <= v <= 100 for v in percents)


def test_it_shifts_the_level_from_the_point_given():
    values = generate(Design(level=100, sd=5, shape="shift", at=24, size=4), 48, seed=1)
    assert statistics.mean(values[24:]) - statistics.mean(values[:24]) > 15


def test_it_trends():
    values = generate(Design(level=100, sd=5, shape="trend", size=6), 48, seed=1)
    assert statistics.mean(values[-12:]) - statistics.mean(values[:12]) > 20


def test_it_puts_one_outlier_where_asked():
    values = generate(Design(level=100, sd=5, shape="outlier", at=30, size=5), 48, seed=1)
    assert values[30] == 125
    others = values[:30] + values[31:]
    assert max(others) < 113


def test_it_refuses_an_empty_series():
    with pytest.raises(ValueError, match="at least 1"):
        generate(Design(level=1, sd=1), 0, seed=1)
