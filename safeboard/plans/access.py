"""The door to plan records: each is looked up inside the caller's partnership (the same 404 for
"missing" and "not yours"), then the right to change it is checked (403).

Whether someone may update an action is decided by `domain.permissions.can_update_action`; the
same answer decides whether the action page offers "Record progress".
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from safeboard.governance.models import Group
from safeboard.partnerships.access import PartnershipAccess, get_inside
from safeboard.partnerships.domain.roles import ROLE_CAPABILITIES, Capability

from .domain.permissions import can_update_action
from .models import Action, Plan, ProgressUpdate, Statement, Theme, WorkStream
from .selectors import chaired_group_ids


def access_plan(
    access: PartnershipAccess, plan_id: Any, *, capability: Capability | None = None
) -> Plan:
    plan = get_inside(access, Plan.objects.all(), plan_id)
    if capability is not None:
        access.require(capability)
    return plan


def can_update(access: PartnershipAccess, action: Action) -> bool:
    """May the caller record progress on (update) this action?"""
    capabilities = ROLE_CAPABILITIES[access.role]
    chaired: set[int] = set()
    if Capability.EDIT_PLAN not in capabilities and Capability.EDIT_OWN_GROUP_WORK in capabilities:
        chaired = chaired_group_ids(membership=access.membership)
    return can_update_action(
        capabilities=capabilities,
        action_group_id=action.owning_group_id,
        action_lead_agency_id=action.lead_agency_id,
        my_agency_id=access.agency_id,
        my_chaired_group_ids=chaired,
        action_lead_person_id=action.lead_person_id,
        my_membership_id=access.membership.pk,
    )


def access_action(access: PartnershipAccess, action_id: Any, *, for_update: bool = False) -> Action:
    action = get_inside(
        access,
        Action.objects.select_related(
            "plan", "group", "work_stream__group", "lead_agency", "lead_person__user"
        ),
        action_id,
    )
    if for_update and not can_update(access, action):
        raise PermissionDenied(
            "Only a partnership manager, the person leading this action, the chair of the group "
            "that owns it or the lead of the agency leading it can update it."
        )
    return action


def access_statement(
    access: PartnershipAccess, statement_id: Any, *, capability: Capability | None = None
) -> Statement:
    statement = get_inside(access, Statement.objects.select_related("plan"), statement_id)
    if capability is not None:
        access.require(capability)
    return statement


def access_theme(
    access: PartnershipAccess, theme_id: Any, *, capability: Capability | None = None
) -> Theme:
    theme = get_inside(access, Theme.objects.select_related("plan"), theme_id)
    if capability is not None:
        access.require(capability)
    return theme


def access_work_stream(
    access: PartnershipAccess, work_stream_id: Any, *, capability: Capability | None = None
) -> WorkStream:
    work_stream = get_inside(
        access, WorkStream.objects.select_related("plan", "group"), work_stream_id
    )
    if capability is not None:
        access.require(capability)
    return work_stream


def access_update(access: PartnershipAccess, update_id: Any) -> ProgressUpdate:
    """A progress update, for reading its evidence: whoever may read the action may read it."""
    return get_inside(access, ProgressUpdate.objects.select_related("action"), update_id)


def access_group(access: PartnershipAccess, group_id: Any) -> Group:
    """A governance group, for reading the plan work it owns."""
    return get_inside(access, Group.objects.all(), group_id)
