"""Makers for the URL kwargs of the indicators pages (see tests/url_records.py). Every maker works
on one indicator per partnership, so that pages naming several records (a target and its
indicator) agree."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from safeboard.performance.models import (
    DataDevelopmentItem,
    Indicator,
    IndicatorPartner,
    SpcRebase,
    Target,
    Value,
)
from safeboard.performance.tests.factories import IndicatorFactory, TargetFactory, ValueFactory
from safeboard.plans.tests.url_records import theme_id as plans_theme_id

CODE = "url-walk"


def _indicator(tenancy: Any, partnership: Any) -> Indicator:
    existing = Indicator.objects.filter(partnership=partnership, code=CODE).first()
    if existing:
        return existing
    indicator = IndicatorFactory(partnership=partnership, code=CODE, is_bellwether=True)
    for month in range(4, 10):
        ValueFactory(
            indicator=indicator,
            period_start=f"2020-{month:02d}-01",
            value=Decimal(10 + month % 3),
        )
    indicator.themes.add(plans_theme_id(tenancy, partnership))
    return indicator


def indicator_id(tenancy: Any, partnership: Any) -> int:
    return _indicator(tenancy, partnership).pk


def target_id(tenancy: Any, partnership: Any) -> int:
    indicator = _indicator(tenancy, partnership)
    existing = Target.objects.filter(indicator=indicator).first()
    return (existing or TargetFactory(indicator=indicator)).pk


def partner_id(tenancy: Any, partnership: Any) -> int:
    indicator = _indicator(tenancy, partnership)
    existing = IndicatorPartner.objects.filter(indicator=indicator).first()
    if existing is None:
        existing = IndicatorPartner.objects.create(
            partnership=partnership, indicator=indicator, name="Schools", role="Spot neglect"
        )
    return existing.pk


def item_id(tenancy: Any, partnership: Any) -> int:
    indicator = _indicator(tenancy, partnership)
    existing = DataDevelopmentItem.objects.filter(indicator=indicator).first()
    if existing is None:
        existing = DataDevelopmentItem.objects.create(
            partnership=partnership, indicator=indicator, title="Repeat referrals by school"
        )
    return existing.pk


def rebase_id(tenancy: Any, partnership: Any) -> int:
    indicator = _indicator(tenancy, partnership)
    existing = SpcRebase.objects.filter(indicator=indicator).first()
    if existing is None:
        existing = SpcRebase.objects.create(
            partnership=partnership,
            indicator=indicator,
            period_start="2020-07-01",
            reason="New front door",
        )
    return existing.pk


def value_id(tenancy: Any, partnership: Any) -> int:
    """A partnership-level value of the indicator (the figure its report card shows)."""
    indicator = _indicator(tenancy, partnership)
    return Value.objects.filter(indicator=indicator, agency__isnull=True).order_by("pk")[0].pk


def theme_id(tenancy: Any, partnership: Any) -> int:
    """The plans app's theme (the scorecard pages name a plan theme)."""
    _indicator(tenancy, partnership)
    return plans_theme_id(tenancy, partnership)


URL_RECORDS: dict[str, Callable[[Any, Any], int]] = {
    "indicator_id": indicator_id,
    "target_id": target_id,
    "partner_id": partner_id,
    "item_id": item_id,
    "rebase_id": rebase_id,
    "value_id": value_id,
    "theme_id": theme_id,
    # A section of the composite report is named by its priority (or "other").
    "section": theme_id,
}
