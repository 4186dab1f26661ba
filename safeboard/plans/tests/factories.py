from __future__ import annotations

import datetime

import factory

from safeboard.governance.models import Group, GroupType, Meeting
from safeboard.partnerships.tests.factories import PartnershipFactory
from safeboard.plans.models import (
    Action,
    Plan,
    ProgressUpdate,
    Statement,
    StatementKind,
    Theme,
    ThemeKind,
    WorkStream,
)


class GroupFactory(factory.django.DjangoModelFactory):
    """The plans app's own factory for governance groups (the governance app's are its own)."""

    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    key = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Sub-group {n}")
    group_type = GroupType.SUB_GROUP


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    partnership = factory.SelfAttribute("group.partnership")
    group = factory.SubFactory(GroupFactory)
    date = datetime.date(2017, 5, 10)
    title = "Board meeting"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    key = factory.Sequence(lambda n: f"plan-{n}")
    title = "Strategic Business Plan"
    start_year = 2017
    end_year = 2019


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    kind = StatementKind.VISION
    title = "Vision"
    body = "All children in the area are safe."


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    key = factory.Sequence(lambda n: f"theme-{n}")
    kind = ThemeKind.STRATEGIC_PRIORITY
    title = factory.Sequence(lambda n: f"Priority {n}")


class WorkStreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkStream

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    key = factory.Sequence(lambda n: f"work-stream-{n}")
    title = factory.Sequence(lambda n: f"Work stream {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    key = factory.Sequence(lambda n: f"action-{n}")
    title = factory.Sequence(lambda n: f"Action {n}")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    partnership = factory.SelfAttribute("action.partnership")
    date = datetime.date(2018, 1, 15)
    narrative = "Audit completed."
