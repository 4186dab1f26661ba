"""Makers for the record ids in plan URLs. Every maker works inside one plan per partnership, so
that pages naming several records (an action and its plan, an update and its action) agree."""

from django.core.files.base import ContentFile

from safeboard.governance.models import Group
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.models import Action, Plan, ProgressUpdate, Statement, Theme, WorkStream
from safeboard.plans.tests.factories import (
    ActionFactory,
    GroupFactory,
    PlanFactory,
    ProgressUpdateFactory,
    StatementFactory,
    ThemeFactory,
    WorkStreamFactory,
)

KEY = "url-walk"


def _plan(tenancy, partnership) -> Plan:
    return Plan.objects.filter(partnership=partnership, key=KEY).first() or PlanFactory(
        partnership=partnership, key=KEY, title=f"{partnership.name} plan"
    )


def _group(tenancy, partnership) -> Group:
    """A group chaired by the partnership's group chair, when it has one."""
    existing = Group.objects.filter(partnership=partnership, key=KEY).first()
    if existing:
        return existing
    chair = tenancy.members[Role.GROUP_CHAIR] if partnership == tenancy.ours else None
    return GroupFactory(partnership=partnership, key=KEY, name="Walk sub-group", chair=chair)


def _theme(tenancy, partnership) -> Theme:
    plan = _plan(tenancy, partnership)
    return Theme.objects.filter(plan=plan, key=KEY).first() or ThemeFactory(plan=plan, key=KEY)


def _work_stream(tenancy, partnership) -> WorkStream:
    plan = _plan(tenancy, partnership)
    return WorkStream.objects.filter(plan=plan, key=KEY).first() or WorkStreamFactory(
        plan=plan, key=KEY, group=_group(tenancy, partnership)
    )


def _action(tenancy, partnership) -> Action:
    plan = _plan(tenancy, partnership)
    existing = Action.objects.filter(plan=plan, key=KEY).first()
    if existing:
        return existing
    agency = tenancy.agency if partnership == tenancy.ours else tenancy.their_agency
    action = ActionFactory(
        plan=plan,
        key=KEY,
        work_stream=_work_stream(tenancy, partnership),
        group=_group(tenancy, partnership),
        lead_agency=agency,
        status="on_track",
        rag="green",
    )
    action.themes.add(_theme(tenancy, partnership))
    return action


def plan_id(tenancy, partnership) -> int:
    return _plan(tenancy, partnership).pk


def statement_id(tenancy, partnership) -> int:
    plan = _plan(tenancy, partnership)
    existing = Statement.objects.filter(plan=plan).first()
    if existing is None:
        existing = StatementFactory(plan=plan)
    return int(existing.pk)


def theme_id(tenancy, partnership) -> int:
    return _theme(tenancy, partnership).pk


def work_stream_id(tenancy, partnership) -> int:
    return _work_stream(tenancy, partnership).pk


def action_id(tenancy, partnership) -> int:
    return _action(tenancy, partnership).pk


def update_id(tenancy, partnership) -> int:
    action = _action(tenancy, partnership)
    existing = ProgressUpdate.objects.filter(action=action).first()
    if existing:
        return existing.pk
    update = ProgressUpdateFactory(action=action, evidence_url="https://example.org/minutes")
    update.evidence_file.save("minutes.pdf", ContentFile(b"%PDF-1.4 walk"), save=True)
    return int(update.pk)


def group_id(tenancy, partnership) -> int:
    return _group(tenancy, partnership).pk


URL_RECORDS = {
    "plan_id": plan_id,
    "statement_id": statement_id,
    "theme_id": theme_id,
    "work_stream_id": work_stream_id,
    "action_id": action_id,
    "update_id": update_id,
    "group_id": group_id,
}
