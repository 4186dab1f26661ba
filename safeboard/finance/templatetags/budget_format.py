"""Budget figures as people read them: `{{ amount|pounds }}` -> "£84,250", `{{ share|percent }}`
-> "44.2%", `{{ post.fte|quantity }}` -> "1.4" (or "Not recorded")."""

from __future__ import annotations

from decimal import Decimal

from django import template

from safeboard.finance.domain.money import format_percent, format_pounds

register = template.Library()

NOT_RECORDED = "Not recorded"


@register.filter
def pounds(value: Decimal | int | None) -> str:
    return NOT_RECORDED if value is None else format_pounds(value)


@register.filter
def percent(value: Decimal | None) -> str:
    return format_percent(value)


@register.filter
def quantity(value: Decimal | int | None) -> str:
    """A number of posts or FTE without trailing zeros: 1.40 -> "1.4", 2.0 -> "2"."""
    if value is None:
        return NOT_RECORDED
    return format(Decimal(value).normalize(), "f")
