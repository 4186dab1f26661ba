"""Staffing totals. A plan often states some posts without a full-time equivalent ("1 Business
Manager"), so totals are of what is known, and say how many posts are left out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from .money import as_decimal, capitalised


@dataclass(frozen=True)
class KnownTotal:
    """The sum of the values that are recorded, and how many were not recorded. `total` is None
    when nothing is recorded, so a page never shows an invented 0."""

    total: Decimal | None
    not_recorded: int


def known_total(values: Iterable[Decimal | int | None]) -> KnownTotal:
    known: list[Decimal] = []
    missing = 0
    for value in values:
        if value is None:
            missing += 1
        else:
            known.append(as_decimal(value))
    return KnownTotal(sum(known, Decimal(0)) if known else None, missing)


class QuantityError(ValueError):
    """A number of posts or an FTE that cannot be used. `message` is fit to show a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_QUANTITY = re.compile(r"^\d+(?:\.\d+)?$")


def to_quantity(
    value: Decimal | int | str | None, *, name: str, places: int, maximum: Decimal
) -> Decimal | None:
    """A number of posts or FTE: blank is None (not recorded); otherwise a number from 0 to
    `maximum` with at most `places` decimal places, like 1.4. `name` is used in messages."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.startswith(("-", "\u2212")):
            raise QuantityError(f"{capitalised(name)} must be 0 or more.")
        if _QUANTITY.match(text) is None:
            raise QuantityError(f"Enter {name} as a number, like 1.4, or leave it blank.")
        number = Decimal(text)
    else:
        number = as_decimal(value)
    if number < 0:
        raise QuantityError(f"{capitalised(name)} must be 0 or more.")
    if number > maximum:
        raise QuantityError(f"{capitalised(name)} must be {maximum} or less.")
    step = Decimal(1).scaleb(-places)
    if number != number.quantize(step, rounding=ROUND_DOWN):
        noun = "place" if places == 1 else "places"
        raise QuantityError(
            f"{capitalised(name)} must have no more than {places} decimal {noun}, like 1.4."
        )
    return number.quantize(step)
