from decimal import Decimal

import pytest

from safeboard.finance.templatetags.budget_format import percent, pounds, quantity


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1.40"), "1.4"),
        (Decimal("2.0"), "2"),
        (Decimal("10.00"), "10"),
        (Decimal("0.50"), "0.5"),
        (None, "Not recorded"),
    ],
)
def test_it_shows_posts_and_fte_without_trailing_zeros(value, shown):
    assert quantity(value) == shown


def test_it_shows_money_and_shares_or_says_they_are_not_recorded():
    assert pounds(Decimal("84250.00")) == "£84,250"
    assert pounds(None) == "Not recorded"
    assert percent(Decimal("44.2")) == "44.2%"
    assert percent(None) == "–"
