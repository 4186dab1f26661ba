"""The door to plan records: each is looked up inside the caller's partnership (the same 404 for
"missing" and "not yours"), then the right to change it is checked (403).

Whether someone may update an action is decided by `domain.permissions.can_update_action`; the
same answer decides whether the action page offers "Record progress". Whether someone may change
a work stream or an action, or add an action, is decided by
`domain.permissions.may_edit_group_work`; the same answer decides whether the pages offer
"Change" and "Add an action", and `editable_group_ids` limits the groups and work streams the
forms offer, so that a group chair cannot move their work to a group they do not chair.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied

from safeboard.governance.models import Group
from safeboard.partnerships.access import PartnershipAccess, get_inside
from safeboard.partnerships.domain.roles import ROLE_CAPABILITIES, Capability

from .domain.permissions import (
    can_update_action,
    editable_group_ids,
    may_edit_group_work,
    owned_within,
)
from .models import Action, Plan, ProgressUpdate, Statement, Theme, WorkStream
from .selectors import chaired_group_ids


def access_plan(
    access: PartnershipAccess, plan_id: Any, *, capability: Capability | None = None
) -> Plan:
    plan = get_inside(access, Plan.objects.all(), plan_id)
    if capability is not None:
        access.require(capability)
    return plan


CHANGE_REFUSED = "Only a partnership manager or the chair of the group that owns it can change it."


def _chaired(access: PartnershipAccess) -> set[int]:
    """The groups the caller chairs, looked up only when their role could use the answer."""
    capabilities = ROLE_CAPABILITIES[access.role]
    if Capability.EDIT_PLAN in capabilities or Capability.EDIT_OWN_GROUP_WORK not in capabilities:
        return set()
    return chaired_group_ids(membership=access.membership)


def editable_groups(access: PartnershipAccess) -> frozenset[int] | None:
    """The groups whose work streams and actions the caller may change (None: every group)."""
    return editable_group_ids(
        capabilities=ROLE_CAPABILITIES[access.role], my_chaired_group_ids=_chaired(access)
    )


def can_change_action(access: PartnershipAccess, action: Action) -> bool:
    """May the caller change this action (its title, dates, owner and so on)?"""
    return may_edit_group_work(
        capabilities=ROLE_CAPABILITIES[access.role],
        owning_group_id=action.owning_group_id,
        my_chaired_group_ids=_chaired(access),
    )


def can_change_work_stream(access: PartnershipAccess, work_stream: WorkStream) -> bool:
    return may_edit_group_work(
        capabilities=ROLE_CAPABILITIES[access.role],
        owning_group_id=work_stream.group_id,
        my_chaired_group_ids=_chaired(access),
    )


def changeable_work_stream_ids(
    access: PartnershipAccess, work_streams: Iterable[WorkStream]
) -> set[int]:
    """Which of these work streams the caller may change (one lookup of their groups)."""
    groups = editable_groups(access)
    return {w.pk for w in work_streams if owned_within(groups=groups, owning_group_id=w.group_id)}


def can_add_actions(access: PartnershipAccess) -> bool:
    """May the caller add actions at all: the manager, or a group chair who chairs a group."""
    groups = editable_groups(access)
    return groups is None or bool(groups)


def can_update(access: PartnershipAccess, action: Action) -> bool:
    """May the caller record progress on (update) this action?"""
    return can_update_action(
        capabilities=ROLE_CAPABILITIES[access.role],
        action_group_id=action.owning_group_id,
        action_lead_agency_id=action.lead_agency_id,
        my_agency_id=access.agency_id,
        my_chaired_group_ids=_chaired(access),
        action_lead_person_id=action.lead_person_id,
        my_membership_id=access.membership.pk,
    )


def access_action(
    access: PartnershipAccess,
    action_id: Any,
    *,
    for_update: bool = False,
    for_change: bool = False,
) -> Action:
    """`for_update`: the caller must be able to record progress on it; `for_change`: to change
    it (403 otherwise)."""
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
    if for_change and not can_change_action(access, action):
        raise PermissionDenied(CHANGE_REFUSED)
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
    access: PartnershipAccess,
    work_stream_id: Any,
    *,
    capability: Capability | None = None,
    for_change: bool = False,
) -> WorkStream:
    """`for_change`: the caller must be able to change it (the manager, or the chair of the group
    owning it); 403 otherwise."""
    work_stream = get_inside(
        access, WorkStream.objects.select_related("plan", "group"), work_stream_id
    )
    if capability is not None:
        access.require(capability)
    if for_change and not can_change_work_stream(access, work_stream):
        raise PermissionDenied(CHANGE_REFUSED)
    return work_stream


def access_plan_for_new_action(access: PartnershipAccess, plan_id: Any) -> Plan:
    """A plan to add an action to: the manager, or a group chair (who may add actions only to
    their own group's work; the form offers no other)."""
    plan = access_plan(access, plan_id)
    if not can_add_actions(access):
        raise PermissionDenied(
            "Only a partnership manager or the chair of a group can add actions to a plan."
        )
    return plan


def access_update(access: PartnershipAccess, update_id: Any) -> ProgressUpdate:
    """A progress update, for reading its evidence: whoever may read the action may read it."""
    return get_inside(access, ProgressUpdate.objects.select_related("action"), update_id)


def access_group(access: PartnershipAccess, group_id: Any) -> Group:
    """A governance group, for reading the plan work it owns."""
    return get_inside(access, Group.objects.all(), group_id)
