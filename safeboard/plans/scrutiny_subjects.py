"""What of the plan people may comment on, challenge and sign off (`partnerships.subjects`):
plans and their actions. Each lookup is one query inside the partnership, whatever the number of
keys."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from safeboard.governance.models import Group
from safeboard.partnerships.models import Membership, Partnership
from safeboard.partnerships.subjects import Owner, Subject, SubjectRecord, ids_of

from .models import Action, Plan


def _owner(membership: Membership | None) -> list[Owner]:
    if membership is None or membership.archived_at is not None:
        return []
    return [Owner(membership.pk, membership.user.full_name or membership.user.email)]


def _group_owners(group: Group | None) -> list[Owner]:
    if group is None:
        return []
    return [*_owner(group.chair), *_owner(group.vice_chair)]


def plans(partnership: Partnership, keys: Collection[str]) -> dict[str, SubjectRecord]:
    """A plan has no owner of its own: the partnership manager answers for it."""
    found = Plan.objects.filter(partnership=partnership, pk__in=ids_of(keys))
    return {
        str(plan.pk): SubjectRecord(
            kind="plans.plan",
            key=str(plan.pk),
            title=plan.title,
            url=reverse("plans:plan_detail", args=[partnership.slug, plan.pk]),
            label="Plan",
        )
        for plan in found
    }


def actions(partnership: Partnership, keys: Collection[str]) -> dict[str, SubjectRecord]:
    """An action is answered for by its lead person, or else by the chair and vice chair of the
    group that owns it."""
    found = Action.objects.filter(partnership=partnership, pk__in=ids_of(keys)).select_related(
        "lead_person__user",
        "group__chair__user",
        "group__vice_chair__user",
        "work_stream__group__chair__user",
        "work_stream__group__vice_chair__user",
    )
    result = {}
    for action in found:
        owners = _owner(action.lead_person) or _group_owners(action.owning_group)
        result[str(action.pk)] = SubjectRecord(
            kind="plans.action",
            key=str(action.pk),
            title=action.title,
            url=reverse("plans:action_detail", args=[partnership.slug, action.pk]),
            label="Action",
            owners=tuple(dict.fromkeys(owners)),
        )
    return result


SUBJECTS = (
    Subject(kind="plans.plan", label="Plan", lookup=plans),
    Subject(kind="plans.action", label="Action", lookup=actions),
)
