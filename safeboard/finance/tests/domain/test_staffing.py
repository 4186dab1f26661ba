from decimal import Decimal

import pytest

from safeboard.finance.domain.staffing import QuantityError, known_total, to_quantity


def test_it_totals_only_what_is_recorded_and_counts_the_rest():
    result = known_total([Decimal("1"), None, Decimal("1.4"), Decimal("1.5"), None])
    assert result.total == Decimal("3.9")
    assert result.not_recorded == 2


def test_it_gives_no_total_when_nothing_is_recorded():
    assert known_total([None, None]).total is None
    assert known_total([]).total is None


def test_it_refuses_float_quantities():
    with pytest.raises(TypeError):
        known_total([1.4])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1.4", Decimal("1.40")), ("2", Decimal("2.00")), ("", None), ("  ", None), (None, None)],
)
def test_it_reads_an_fte(typed, value):
    assert to_quantity(typed, name="the FTE", places=2, maximum=Decimal("9999.99")) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter the FTE as a number, like 1.4, or leave it blank."),
        ("-1", "The FTE must be 0 or more."),
        ("1.234", "The FTE must have no more than 2 decimal places, like 1.4."),
        ("10000", "The FTE must be 9999.99 or less."),
    ],
)
def test_it_refuses_a_bad_fte(typed, message):
    with pytest.raises(QuantityError) as error:
        to_quantity(typed, name="the FTE", places=2, maximum=Decimal("9999.99"))
    assert error.value.message == message


def test_it_refuses_a_number_of_posts_with_more_than_one_decimal_place():
    with pytest.raises(QuantityError, match="no more than 1 decimal place,"):
        to_quantity(Decimal("1.25"), name="the number of posts", places=1, maximum=Decimal("9"))
    with pytest.raises(QuantityError, match="0 or more"):
        to_quantity(Decimal("-1"), name="the number of posts", places=1, maximum=Decimal("9"))
