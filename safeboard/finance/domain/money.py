"""Money as people type it and read it: pounds and pence, held as Decimal, never float.

`to_amount` turns what a person typed ("£1,234.50", "1234.5") or a Decimal from a file into a
positive Decimal with two decimal places, or raises `AmountError` with a message that says what is
wrong and how to fix it. `format_pounds` writes an amount the way a UK budget table does: "£84,250"
for whole pounds, "£1,234.50" when there are pence.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation

PENNY = Decimal("0.01")
# The largest amount the database column holds (12 digits, 2 of them after the point).
MAX_AMOUNT = Decimal("9999999999.99")

# Whole pounds with correct thousands separators ("1,234,567") or none ("1234567"), then pence.
_AMOUNT = re.compile(r"^(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d+))?$")
_MINUS = ("-", "\u2212", "(")


class AmountError(ValueError):
    """An amount a person gave that cannot be used. `message` is fit to show them."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def as_decimal(value: Decimal | int) -> Decimal:
    """`value` as a Decimal. Refuses float (and bool) outright: money is never binary floating
    point, so a float reaching here is a programming error, not a person's typing."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"money must be a Decimal or int, not {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError("money must be a finite number")
    return result


def capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def to_amount(value: Decimal | int | str, *, name: str = "the amount") -> Decimal:
    """A positive amount of at most £9,999,999,999.99 in whole pence, as a Decimal with 2 places.

    Text may start with "£" and use commas between thousands. `name` ("the contribution") is
    used in the error messages.
    """
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if not text:
            raise AmountError(f"Enter {name}.")
        if text.startswith(_MINUS):
            raise AmountError(f"{capitalised(name)} must be more than £0.")
        text = text.removeprefix("£")
        match = _AMOUNT.match(text)
        if match is None:
            raise AmountError(f"Enter {name} as an amount in pounds, like £1,234.50.")
        try:
            amount = Decimal(match["pounds"].replace(",", "") + "." + (match["pence"] or "0"))
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
            raise AmountError(f"Enter {name} as an amount in pounds, like £1,234.50.") from exc
    else:
        amount = as_decimal(value)
    if amount <= 0:
        raise AmountError(f"{capitalised(name)} must be more than £0.")
    if amount > MAX_AMOUNT:
        raise AmountError(f"{capitalised(name)} must be less than £10,000,000,000.")
    if amount != amount.quantize(PENNY, rounding=ROUND_DOWN):
        raise AmountError(
            f"{capitalised(name)} must be in pounds and pence, with no more than 2 decimal "
            "places, like £1,234.50."
        )
    return amount.quantize(PENNY)


def format_pounds(value: Decimal | int) -> str:
    """ "£84,250" when the amount is whole pounds, "£1,234.50" when it has pence; a negative
    amount gets a leading minus: "-£500"."""
    amount = as_decimal(value).quantize(PENNY)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount == amount.to_integral_value():
        return f"{sign}£{int(amount):,}"
    return f"{sign}£{amount:,.2f}"


def format_percent(value: Decimal | None) -> str:
    """A share already rounded by `budget.share_of`: "44.2%". None (no total to share) is "–"."""
    if value is None:
        return "–"
    return f"{as_decimal(value)}%"
