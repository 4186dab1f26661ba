import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.performance.domain import periods as p

D = datetime.date


def test_it_labels_periods_by_the_uk_financial_year():
    assert p.label(D(2017, 4, 1), "quarterly") == "2017/18 Q1"
    assert p.label(D(2018, 1, 1), "quarterly") == "2017/18 Q4"
    assert p.label(D(2017, 4, 1), "annual") == "2017/18"
    assert p.label(D(1999, 4, 1), "annual") == "1999/00"
    assert p.label(D(2017, 11, 1), "monthly") == "November 2017"


def test_it_finds_the_period_containing_a_day():
    assert p.period_start(D(2018, 3, 31), "quarterly") == D(2018, 1, 1)
    assert p.period_start(D(2018, 3, 31), "annual") == D(2017, 4, 1)
    assert p.period_start(D(2018, 4, 1), "annual") == D(2018, 4, 1)
    assert p.period_start(D(2017, 8, 15), "quarterly") == D(2017, 7, 1)
    assert p.period_end(D(2017, 4, 1), "quarterly") == D(2017, 6, 30)


def test_it_lists_every_period_between_two_days():
    assert list(p.periods(D(2017, 5, 5), D(2018, 2, 1), "quarterly")) == [
        D(2017, 4, 1),
        D(2017, 7, 1),
        D(2017, 10, 1),
        D(2018, 1, 1),
    ]
    assert len(list(p.periods(D(2014, 4, 1), D(2017, 3, 1), "monthly"))) == 36


@pytest.mark.parametrize(
    ("text", "frequency", "expected"),
    [
        ("2017/18 Q1", "quarterly", D(2017, 4, 1)),
        ("2017/18 q4", "quarterly", D(2018, 1, 1)),
        ("2017-2018 Q2", "quarterly", D(2017, 7, 1)),
        ("2017/18", "annual", D(2017, 4, 1)),
        ("April 2017", "monthly", D(2017, 4, 1)),
        ("Sep 2019", "monthly", D(2019, 9, 1)),
        ("2017-07-01", "quarterly", D(2017, 7, 1)),
    ],
)
def test_it_reads_periods_people_write(text, frequency, expected):
    assert p.parse(text, frequency) == expected


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("2017/19 Q1", "quarterly"),
        ("2017/18", "quarterly"),
        ("2017/18 Q5", "quarterly"),
        ("2017/18 Q1", "annual"),
        ("Ju 2017", "monthly"),
        ("2017-08-01", "quarterly"),
        ("2017-02-30", "monthly"),
        ("last year", "annual"),
    ],
)
def test_it_refuses_what_is_not_a_period_with_an_example(text, frequency):
    with pytest.raises(p.PeriodError) as error:
        p.parse(text, frequency)
    assert "Enter the period like" in str(error.value)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)), st.sampled_from(p.FREQUENCIES))
def test_it_round_trips_every_label(day, frequency):
    start = p.period_start(day, frequency)
    assert start <= day <= p.period_end(start, frequency)
    assert p.parse(p.label(start, frequency), frequency) == start
    assert p.period_start(p.next_period(start, frequency), frequency) == p.next_period(
        start, frequency
    )
