"""The rules of agency returns, as plain Python (no Django).

Status (the values match models.ReturnStatus):

    expected ─┐
    draft ────┼─ submit ─→ submitted ─ approve ───→ approved (locked: no more edits)
    returned ─┘                      └ send back ─→ returned (with the analyst's reason)

Values can be entered while a return is expected, a draft or sent back; never once submitted
(it is with the analyst) or approved (it is the official figure).

Checks on one value: a count, a numerator or a denominator is never below zero (a count of
children cannot be -3), and a numerator is never more than its denominator (a percentage or rate
counts part of a whole: 520 seen out of 480 is a mistake, not 108%); `resolve_figures` refuses
either naming the column, for the web form and for every uploaded file alike.

Checks on the values of one agency for one period:

* part of whole: a part (say "children on a plan for neglect") can never be more than its whole
  ("children on a plan") for the same period and agency. This is an error: the values are refused.
* small-count outliers (counts only): with at least six earlier values, a new value is flagged
  when it lies outside the range of those values widened by a Poisson-style margin of three
  standard deviations, taking the variance of a count to be its size:

      high = max(previous) + 3 * sqrt(max(max(previous), 1))
      low  = min(previous) - 3 * sqrt(max(max(previous), 1))

  so 0, 1, 2 ... 4 allows up to 10, while 100 ... 120 allows 87 to 153. A flag is not an error:
  a draft can be saved, but submitting a flagged value needs a comment saying why it is unusual.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

EXPECTED, DRAFT, SUBMITTED, RETURNED, APPROVED = (
    "expected",
    "draft",
    "submitted",
    "returned",
    "approved",
)
EDITABLE = frozenset({EXPECTED, DRAFT, RETURNED})
SUBMITTABLE = EDITABLE
OUTLIER_MIN_HISTORY = 6
OUTLIER_HISTORY = 12


class ReturnRuleError(ValueError):
    """A step the return's status does not allow; the message is for people."""


def check_editable(status: str) -> None:
    if status == APPROVED:
        raise ReturnRuleError("This return has been approved and is locked: it cannot be changed.")
    if status == SUBMITTED:
        raise ReturnRuleError(
            "This return has been submitted and is waiting for an analyst. Ask them to send it "
            "back if it needs changing."
        )
    if status not in EDITABLE:
        raise ReturnRuleError(f"A return that is {status} cannot be changed.")


def after_save(status: str) -> str:
    """Saving values makes an expected return a draft; a sent-back return stays sent back."""
    check_editable(status)
    return DRAFT if status == EXPECTED else status


def after_submit(status: str) -> str:
    if status not in SUBMITTABLE:
        if status == SUBMITTED:
            raise ReturnRuleError("This return has already been submitted.")
        raise ReturnRuleError("This return has been approved and is locked: it cannot be changed.")
    return SUBMITTED


def after_approve(status: str) -> str:
    if status != SUBMITTED:
        raise ReturnRuleError("Only a submitted return can be approved.")
    return APPROVED


def after_send_back(status: str, reason: str) -> str:
    if status != SUBMITTED:
        raise ReturnRuleError("Only a submitted return can be sent back.")
    if not reason.strip():
        raise ReturnRuleError("Enter the reason for sending the return back.")
    return RETURNED


# Numbers ----------------------------------------------------------------------------------------

NUMBER_MESSAGE = "enter a number, like 12 or 3.5"
MAX_ABS = Decimal("9999999999")  # what a DecimalField(14, 4) holds


def parse_number(text: object) -> Decimal | None:
    """A number typed or read from a spreadsheet cell; blank is None. Raises ValueError with a
    message for people ("enter a number ...") for anything else."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(NUMBER_MESSAGE)
    if isinstance(text, int | float | Decimal):
        if isinstance(text, float) and not math.isfinite(text):
            raise ValueError(NUMBER_MESSAGE)
        number = Decimal(str(text))
    else:
        cleaned = str(text).strip().replace(",", "")
        if cleaned == "":
            return None
        try:
            number = Decimal(cleaned)
        except InvalidOperation as exc:
            raise ValueError(NUMBER_MESSAGE) from exc
        if not number.is_finite():
            raise ValueError(NUMBER_MESSAGE)
    if abs(number) > MAX_ABS:
        raise ValueError("enter a number smaller than 10,000,000,000")
    return number.quantize(Decimal("0.0001"))


RATIO_UNITS: dict[str, int] = {"percentage": 100, "rate_1000": 1000, "rate_10000": 10000}


def has_ratio(unit: str) -> bool:
    return unit in RATIO_UNITS


def ratio_value(unit: str, numerator: Decimal, denominator: Decimal) -> Decimal:
    """A percentage or rate from its numerator and denominator, to 4 decimal places."""
    if denominator == 0:
        raise ValueError("the denominator cannot be 0")
    result = numerator / denominator * RATIO_UNITS[unit]
    return result.quantize(Decimal("0.0001"))


@dataclass(frozen=True)
class Figures:
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None


COUNT = "count"


def negative_problems(
    unit: str, value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None
) -> list[tuple[str, str]]:
    """(column, message) for each figure below zero that can never be: a count, a numerator, a
    denominator. Other units (money, days, a percentage typed as a value) may be negative."""
    problems = []
    if unit == COUNT and value is not None and value < 0:
        problems.append(("value", "a count cannot be negative: enter 0 or more"))
    for column, number in (("numerator", numerator), ("denominator", denominator)):
        if number is not None and number < 0:
            problems.append((column, f"the {column} cannot be negative: enter 0 or more"))
    return problems


def resolve_figures(
    unit: str, value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None
) -> tuple[Figures, list[tuple[str, str]]]:
    """The value to store: computed from numerator and denominator where the unit has them.
    Returns the figures and a list of (column, message) problems."""
    if not has_ratio(unit):
        if numerator is not None or denominator is not None:
            return Figures(value, None, None), [
                ("numerator", "leave numerator and denominator blank: this measure has neither")
            ]
        return Figures(value, None, None), negative_problems(unit, value, None, None)
    negative = negative_problems(unit, value, numerator, denominator)
    if negative:
        return Figures(value, numerator, denominator), negative
    if numerator is None and denominator is None:
        return Figures(value, None, None), []
    if numerator is None or denominator is None:
        missing = "numerator" if numerator is None else "denominator"
        return Figures(value, numerator, denominator), [
            (missing, f"enter the {missing} as well, or leave both blank")
        ]
    if denominator and numerator > denominator:
        return Figures(value, numerator, denominator), [
            (
                "numerator",
                f"the numerator ({_fmt(numerator)}) cannot be more than the denominator "
                f"({_fmt(denominator)}): it counts part of it. Check both figures",
            )
        ]
    try:
        computed = ratio_value(unit, numerator, denominator)
    except ValueError as exc:
        return Figures(value, numerator, denominator), [("denominator", str(exc))]
    return Figures(computed, numerator, denominator), []


# Part of whole ----------------------------------------------------------------------------------


def part_of_whole_errors(
    values: Mapping[str, Decimal | None], rules: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(part code, message) for each rule broken: a part bigger than its whole. `values` maps
    indicator codes to the values of one agency (or the partnership) for one period."""
    errors = []
    for part, whole in rules:
        part_value, whole_value = values.get(part), values.get(whole)
        if part_value is None or whole_value is None:
            continue
        if part_value > whole_value:
            errors.append(
                (
                    part,
                    f"{part} ({_fmt(part_value)}) cannot be more than {whole} "
                    f"({_fmt(whole_value)}), which it is part of. Check both values.",
                )
            )
    return errors


def plain_number(number: Decimal) -> str:
    """A figure as a person writes it: 336, 12.5, 0.25 (never "336.0000", the stored scale)."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_fmt = plain_number


def short_definition(text: str, limit: int = 160) -> str:
    """The first sentence of an indicator's definition, at most `limit` characters (cut at a word,
    with "…"), for the hint beside a box: the whole definition is on the indicator's page."""
    words = " ".join(text.split())
    for end in (". ", "? ", "! "):
        at = words.find(end)
        if 0 < at < limit:
            words = words[: at + 1]
            break
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


# Outliers ---------------------------------------------------------------------------------------


def outlier_range(previous: Sequence[float | Decimal]) -> tuple[float, float] | None:
    """The usual range given earlier counts (see the module docstring), or None when there are
    fewer than six earlier values to judge by."""
    if len(previous) < OUTLIER_MIN_HISTORY:
        return None
    numbers = [float(p) for p in previous]
    high, low = max(numbers), min(numbers)
    margin = 3 * math.sqrt(max(high, 1.0))
    return low - margin, high + margin


def is_outlier(value: float | Decimal | None, previous: Sequence[float | Decimal]) -> bool:
    if value is None:
        return False
    limits = outlier_range(previous)
    if limits is None:
        return False
    low, high = limits
    return float(value) < low or float(value) > high


def outlier_message(code: str, limits: tuple[float, float]) -> str:
    low, high = max(limits[0], 0.0), limits[1]
    return (
        f"{code}: this value is outside the usual range ({low:.0f} to {high:.0f}). "
        "Check it, and add a comment saying why it is unusual."
    )


# Completeness and timeliness --------------------------------------------------------------------


def completeness(entered: int, expected: int) -> float | None:
    """The share of expected values entered, 0 to 1; None when nothing is expected."""
    if expected <= 0:
        return None
    return min(entered, expected) / expected


ON_TIME, LATE, OVERDUE, NOT_DUE = "on_time", "late", "overdue", "not_due"
TIMELINESS_LABELS = {
    ON_TIME: "On time",
    LATE: "Late",
    OVERDUE: "Overdue",
    NOT_DUE: "Not yet due",
}


def timeliness(submitted_on: datetime.date | None, due: datetime.date, today: datetime.date) -> str:
    """On time when submitted on or before the due date; late when submitted after it; overdue
    when not submitted and the due date has passed; otherwise not yet due."""
    if submitted_on is not None:
        return ON_TIME if submitted_on <= due else LATE
    return OVERDUE if today > due else NOT_DUE
