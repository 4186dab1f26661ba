"""A partnership with real work for each role, as the home page and the reminders meet it:
overdue and due-soon actions, returns owed, waiting and late, a red priority, and an indicator
whose latest point is special-cause concern."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.tests.factories import AgencyFactory
from safeboard.performance.indicators.analysis import analysis_refresh
from safeboard.performance.models import AgencyReturn, Indicator, ReturnStatus, Value
from safeboard.performance.tests.factories import AgencyReturnFactory, IndicatorFactory
from safeboard.plans.models import Action
from safeboard.plans.tests.factories import (
    ActionFactory,
    GroupFactory,
    PlanFactory,
    ThemeFactory,
)

TODAY = dt.date(2027, 3, 10)


@dataclass
class HomeWorld:
    overdue: Action  # led by our agency lead's agency
    due_soon: Action  # owned by our group chair's group
    mine: Action  # the chair is its lead person
    later: Action  # due in two months: on nobody's home page
    done: Action  # overdue but complete: never counted
    owed: AgencyReturn  # our agency's, overdue
    waiting: AgencyReturn  # submitted, waiting for approval
    concern: Indicator


def build(tenancy, *, today: dt.date = TODAY) -> HomeWorld:
    ours = tenancy.ours
    plan = PlanFactory(partnership=ours, key="home", title="Business plan")
    priority = ThemeFactory(plan=plan, title="Tackle neglect")
    group = GroupFactory(
        partnership=ours, name="Neglect group", chair=tenancy.members[Role.GROUP_CHAIR]
    )

    def action(title: str, days: int, **fields):
        made = ActionFactory(plan=plan, title=title, due_date=today + dt.timedelta(days), **fields)
        made.themes.add(priority)
        return made

    world = HomeWorld(
        overdue=action("Audit referrals", -5, lead_agency=tenancy.agency, rag="red"),
        due_soon=action("Neglect toolkit", 7, group=group, rag="green"),
        mine=action("Chair's review", 3, lead_person=tenancy.members[Role.CHAIR], rag="amber"),
        later=action("Annual report", 60, lead_agency=tenancy.agency, rag="green"),
        done=action("Old audit", -30, lead_agency=tenancy.agency, status="complete"),
        owed=AgencyReturnFactory(
            agency=tenancy.agency,
            period_start=dt.date(2027, 1, 1),
            due_date=today - dt.timedelta(days=2),
        ),
        waiting=AgencyReturnFactory(
            agency=tenancy.agency,
            period_start=dt.date(2026, 12, 1),
            due_date=today - dt.timedelta(days=30),
            status=ReturnStatus.SUBMITTED,
            submitted_at=dt.datetime(2027, 1, 2, 9, tzinfo=dt.UTC),
        ),
        concern=IndicatorFactory(
            partnership=ours, name="Children waiting for assessment", polarity="lower"
        ),
    )
    months = [dt.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(15)]
    Value.objects.bulk_create(
        Value(
            partnership=ours,
            indicator=world.concern,
            period_start=month,
            value=Decimal(10 + i % 2 if i < 12 else 40),
        )
        for i, month in enumerate(months)
    )
    analysis_refresh(indicator_ids=[world.concern.pk])
    return world


def grow(tenancy, n: int, *, today: dt.date = TODAY) -> None:
    """`n` more of everything a panel lists: overdue and due-soon actions of each kind of owner,
    unrated actions, returns owed, waiting and late, and indicators showing concern."""
    ours = tenancy.ours
    plan = PlanFactory(partnership=ours, key=f"more-{n}", title=f"Plan {n}")
    priorities = [ThemeFactory(plan=plan, title=f"Priority {n}-{i}") for i in range(n)]
    group = GroupFactory(partnership=ours, chair=tenancy.members[Role.GROUP_CHAIR])
    for i in range(n):
        for fields in (
            {"lead_agency": tenancy.agency, "rag": "red"},
            {"group": group, "rag": "amber"},
            {"lead_person": tenancy.members[Role.CHAIR]},
        ):
            made = ActionFactory(plan=plan, due_date=today + dt.timedelta(i - n // 2), **fields)
            made.themes.add(priorities[i])
    agencies = [AgencyFactory(partnership=ours) for _ in range(n)]
    for i, agency in enumerate(agencies):
        AgencyReturnFactory(agency=agency, due_date=today - dt.timedelta(days=i + 1))
        AgencyReturnFactory(
            agency=agency,
            period_start=dt.date(2020, 5, 1),
            status=ReturnStatus.SUBMITTED,
            submitted_at=dt.datetime(2027, 1, 2, 9, tzinfo=dt.UTC),
        )
        AgencyReturnFactory(
            agency=tenancy.agency,
            period_start=dt.date(1990 + i, n % 12 + 1, 1),
            due_date=today - dt.timedelta(days=i),
        )
    indicators = [
        IndicatorFactory(partnership=ours, name=f"Measure {n}-{i}", polarity="lower")
        for i in range(n)
    ]
    months = [dt.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(15)]
    Value.objects.bulk_create(
        Value(
            partnership=ours,
            indicator=indicator,
            period_start=month,
            value=Decimal(10 + j % 2 if j < 12 else 40),
        )
        for indicator in indicators
        for j, month in enumerate(months)
    )
    analysis_refresh(indicator_ids=[i.pk for i in indicators])
