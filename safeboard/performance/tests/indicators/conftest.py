"""An indicator of `ours` with two years of monthly values (a shift up half way), targets, a
priority, a plan action, a partner and a data development item."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pytest

from safeboard.performance.domain import periods
from safeboard.performance.models import (
    DataDevelopmentItem,
    Indicator,
    IndicatorPartner,
    Polarity,
    Target,
    Value,
)
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.plans.models import Action, Theme
from safeboard.plans.tests.factories import ActionFactory, PlanFactory, ThemeFactory

START = datetime.date(2019, 4, 1)
SHIFTED = [
    10,
    11,
    9,
    10,
    12,
    10,
    11,
    9,
    10,
    11,
    10,
    12,
    18,
    19,
    17,
    18,
    20,
    19,
    18,
    19,
    17,
    18,
    19,
    20,
]


@dataclass
class IndicatorWorld:
    indicator: Indicator
    theme: Theme
    action: Action
    months: list[datetime.date]


def add_values(indicator: Indicator, values: Sequence[float], start: datetime.date = START) -> None:
    day = start
    rows = []
    for v in values:
        rows.append(
            Value(
                partnership=indicator.partnership,
                indicator=indicator,
                period_start=day,
                value=Decimal(str(v)),
            )
        )
        day = periods.next_period(day, indicator.frequency)
    Value.objects.bulk_create(rows)


@pytest.fixture
def world(tenancy) -> IndicatorWorld:
    ours = tenancy.ours
    plan = PlanFactory(partnership=ours, title="Business plan", key="bp")
    theme = ThemeFactory(plan=plan, title="Neglect")
    action = ActionFactory(plan=plan, title="Launch the neglect toolkit")
    indicator = IndicatorFactory(
        partnership=ours,
        code="NEL-01",
        name="Children in need per month",
        polarity=Polarity.HIGHER,
        is_bellwether=True,
        is_illustrative=True,
        story_behind_baseline="Referrals rose after the campaign.",
        what_works="Early help.",
    )
    indicator.themes.add(theme)
    indicator.actions.add(action)
    add_values(indicator, SHIFTED)
    months = list(periods.periods(START, datetime.date(2021, 3, 1), "monthly"))
    Target.objects.create(
        partnership=ours, indicator=indicator, period_start=months[-1], value=Decimal("2")
    )
    IndicatorPartner.objects.create(
        partnership=ours, indicator=indicator, agency=tenancy.agency, role="Refer early"
    )
    DataDevelopmentItem.objects.create(
        partnership=ours, indicator=indicator, title="Referrals by school"
    )
    return IndicatorWorld(indicator=indicator, theme=theme, action=action, months=months)
