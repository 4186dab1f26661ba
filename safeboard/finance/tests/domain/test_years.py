import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.core.domain.financial_years import label as financial_year_label
from safeboard.finance.domain.years import (
    FIRST_YEAR,
    LAST_YEAR,
    YearError,
    check_start_year,
    year_label,
)


def test_it_labels_a_financial_year_as_the_seed_does():
    assert financial_year_label(2011) == "2011/12"
    assert financial_year_label(1999) == "1999/00"
    assert financial_year_label(2009) == "2009/10"


@pytest.mark.parametrize(
    "typed", ["2011/12", "2011-12", "2011/2012", "2011–12", "2011 to 2012", " 2011 / 12 ", ""]
)
def test_it_accepts_the_usual_ways_of_writing_a_financial_year(typed):
    assert year_label(typed, start_year=2011) == "2011/12"


@pytest.mark.parametrize("typed", ["2012/13", "2011/13", "2010/11", "2011/2013"])
def test_it_refuses_a_label_for_another_year(typed):
    with pytest.raises(YearError) as error:
        year_label(typed, start_year=2011)
    assert error.value.field == "label"
    assert error.value.message == (
        "The label must be the financial year starting in 2011: enter 2011/12."
    )


@pytest.mark.parametrize("typed", ["next year", "<script>", "11/12", "2011"])
def test_it_refuses_a_label_that_is_not_a_financial_year(typed):
    with pytest.raises(YearError) as error:
        year_label(typed, start_year=2011)
    assert error.value.message == "Enter the label as a financial year, like 2011/12."


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, LAST_YEAR + 1, 0, 20111])
def test_it_refuses_an_unlikely_start_year(year):
    with pytest.raises(YearError) as error:
        check_start_year(year)
    assert error.value.field == "start_year"


@given(st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR))
def test_it_accepts_its_own_label_for_every_year(year):
    label = financial_year_label(year)
    assert year_label(label, start_year=year) == label
    assert year_label(f"{year}/{year + 1}", start_year=year) == label
