import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.core.domain import financial_years as fy


def test_it_labels_a_year_from_its_start_year():
    assert fy.label(2011) == "2011/12"
    assert fy.label(1999) == "1999/00"
    assert fy.label(2009) == "2009/10"


def test_it_displays_a_year_with_an_en_dash():
    assert fy.display(2011) == "2011–12"
    assert fy.display(1999) == "1999–00"


def test_it_labels_the_year_ending_in_march():
    assert fy.label_ending(2025) == "2024/25"
    assert fy.label_ending(2000) == "1999/00"


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (datetime.date(2017, 4, 1), 2017),
        (datetime.date(2017, 5, 5), 2017),
        (datetime.date(2018, 3, 31), 2017),
        (datetime.date(2018, 1, 1), 2017),
        (datetime.date(2017, 3, 31), 2016),
    ],
)
def test_it_finds_the_financial_year_of_a_date(day, start_year):
    assert fy.of(day) == start_year


def test_it_gives_the_first_and_last_day():
    assert fy.start(2011) == datetime.date(2011, 4, 1)
    assert fy.end(2011) == datetime.date(2012, 3, 31)
    assert fy.end(1999) == datetime.date(2000, 3, 31)


@pytest.mark.parametrize(
    "typed",
    ["2011/12", "2011-12", "2011/2012", "2011–12", "2011 to 2012", " 2011 / 12 ", "2011 TO 12"],
)
def test_it_reads_the_usual_ways_of_writing_a_year(typed):
    assert fy.parse(typed) == 2011


@pytest.mark.parametrize("typed", ["2011/13", "2011/2013", "2011/11", "1999/01"])
def test_it_refuses_two_years_that_do_not_follow_each_other(typed):
    with pytest.raises(fy.FinancialYearError) as error:
        fy.parse(typed)
    assert error.value.mismatched
    assert "is not a financial year" in error.value.message


@pytest.mark.parametrize(
    "typed", ["", "next year", "<script>", "11/12", "2011", "2011/1", "20111/12"]
)
def test_it_refuses_text_that_is_not_a_year_with_an_example(typed):
    with pytest.raises(fy.FinancialYearError) as error:
        fy.parse(typed)
    assert not error.value.mismatched
    assert error.value.message == "Enter a financial year like 2011/12."


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2011/12", True),
        ("1999/00", True),
        ("2011/13", False),
        ("2011-12", False),
        ("2011/2012", False),
        (" 2011/12", False),
        ("2011/12\n", False),
    ],
)
def test_it_knows_the_stored_label_exactly(text, ok):
    assert fy.is_label(text) is ok


@given(st.integers(min_value=1000, max_value=9998))
def test_it_reads_back_every_label_it_makes(start_year):
    assert fy.parse(fy.label(start_year)) == start_year
    assert fy.parse(fy.display(start_year)) == start_year
    assert fy.is_label(fy.label(start_year))
    assert fy.of(fy.start(start_year)) == start_year
    assert fy.of(fy.end(start_year)) == start_year
    assert fy.end(start_year) + datetime.timedelta(days=1) == fy.start(start_year + 1)
