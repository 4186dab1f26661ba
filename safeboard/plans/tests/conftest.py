"""A plan in `ours` with two groups and two agencies, for the plans app's tests.

Group A is chaired by our group chair; group B by nobody we know. Agency X is our agency lead's
agency (tenancy.agency); agency Y is another agency of ours."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from safeboard.governance.models import Group
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency
from safeboard.partnerships.tests.factories import AgencyFactory
from safeboard.plans.models import Action, Plan, Theme, WorkStream

from .factories import ActionFactory, GroupFactory, PlanFactory, ThemeFactory, WorkStreamFactory


@dataclass
class PlanWorld:
    plan: Plan
    group_a: Group
    group_b: Group
    agency_x: Agency
    agency_y: Agency
    neglect: Theme
    stream_a: WorkStream
    action_of_a: Action  # owned by group A, led by agency Y
    action_of_b: Action  # owned by group B, led by agency Y
    action_of_x: Action  # owned by group B, led by agency X


@pytest.fixture
def world(tenancy) -> PlanWorld:
    ours = tenancy.ours
    plan = PlanFactory(partnership=ours, title="Strategic Business Plan", key="sbp")
    group_a = GroupFactory(
        partnership=ours, name="Neglect Sub-Group", chair=tenancy.members[Role.GROUP_CHAIR]
    )
    group_b = GroupFactory(partnership=ours, name="Training Sub-Group")
    agency_y = AgencyFactory(partnership=ours, name="Ourshire Health")
    neglect = ThemeFactory(plan=plan, title="Neglect", outcome_wanted="Fewer children neglected")
    stream_a = WorkStreamFactory(plan=plan, title="Neglect strategy", group=group_a)
    stream_a.themes.add(neglect)
    return PlanWorld(
        plan=plan,
        group_a=group_a,
        group_b=group_b,
        agency_x=tenancy.agency,
        agency_y=agency_y,
        neglect=neglect,
        stream_a=stream_a,
        action_of_a=ActionFactory(
            plan=plan,
            title="Launch the neglect toolkit",
            group=group_a,
            lead_agency=agency_y,
            work_stream=stream_a,
        ),
        action_of_b=ActionFactory(
            plan=plan, title="Run training", group=group_b, lead_agency=agency_y
        ),
        action_of_x=ActionFactory(
            plan=plan, title="Police audit", group=group_b, lead_agency=tenancy.agency
        ),
    )
