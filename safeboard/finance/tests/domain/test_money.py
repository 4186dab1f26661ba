from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.finance.domain.money import (
    MAX_AMOUNT,
    AmountError,
    format_percent,
    format_pounds,
    to_amount,
)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("£1,234.50", Decimal("1234.50")),
        ("1234.5", Decimal("1234.50")),
        ("84250", Decimal("84250.00")),
        ("84,250", Decimal("84250.00")),
        (" £ 2,656 ", Decimal("2656.00")),
        ("0.01", Decimal("0.01")),
        ("1,000,000.00", Decimal("1000000.00")),
        ("7.500", Decimal("7.50")),
    ],
)
def test_it_reads_amounts_as_people_type_them(typed, amount):
    result = to_amount(typed, name="the contribution")
    assert result == amount
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the contribution."),
        ("abc", "Enter the contribution as an amount in pounds, like £1,234.50."),
        ("12,34", "Enter the contribution as an amount in pounds, like £1,234.50."),
        ("1.2.3", "Enter the contribution as an amount in pounds, like £1,234.50."),
        ("1e5", "Enter the contribution as an amount in pounds, like £1,234.50."),
        ("NaN", "Enter the contribution as an amount in pounds, like £1,234.50."),
        (
            "<script>alert(1)</script>",
            "Enter the contribution as an amount in pounds, like £1,234.50.",
        ),
        ("-5", "The contribution must be more than £0."),
        ("\u22125", "The contribution must be more than £0."),
        ("(5)", "The contribution must be more than £0."),
        ("0", "The contribution must be more than £0."),
        ("0.00", "The contribution must be more than £0."),
        (
            "1.234",
            "The contribution must be in pounds and pence, with no more than 2 decimal "
            "places, like £1,234.50.",
        ),
        ("10000000000", "The contribution must be less than £10,000,000,000."),
    ],
)
def test_it_refuses_what_is_not_an_amount_and_says_how_to_fix_it(typed, message):
    with pytest.raises(AmountError) as error:
        to_amount(typed, name="the contribution")
    assert error.value.message == message


def test_it_checks_decimals_and_ints_from_files_the_same_way():
    assert to_amount(Decimal("84250"), name="x") == Decimal("84250.00")
    assert to_amount(332, name="x") == Decimal("332.00")
    with pytest.raises(AmountError):
        to_amount(Decimal("-1"), name="x")
    with pytest.raises(AmountError):
        to_amount(Decimal("0.001"), name="x")
    with pytest.raises(TypeError):
        to_amount(1.5, name="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        to_amount(Decimal("Infinity"), name="x")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("84250"), "£84,250"),
        (Decimal("84250.00"), "£84,250"),
        (Decimal("275600.00"), "£275,600"),
        (Decimal("1234.5"), "£1,234.50"),
        (Decimal("0.07"), "£0.07"),
        (Decimal("0"), "£0"),
        (Decimal("-500"), "-£500"),
        (Decimal("-0.01"), "-£0.01"),
        (1000000, "£1,000,000"),
    ],
)
def test_it_shows_pounds_with_thousands_separators_and_pence_only_when_there_are_some(
    amount, shown
):
    assert format_pounds(amount) == shown


def test_it_shows_a_share_as_a_percentage():
    assert format_percent(Decimal("44.2")) == "44.2%"
    assert format_percent(Decimal("100.0")) == "100.0%"
    assert format_percent(None) == "–"


@given(st.integers(min_value=1, max_value=int(MAX_AMOUNT * 100)))
def test_it_reads_back_every_amount_it_shows(pence):
    amount = Decimal(pence).scaleb(-2)
    assert to_amount(format_pounds(amount), name="x") == amount
    assert to_amount(str(amount), name="x") == amount
