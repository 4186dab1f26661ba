"""Who may record progress on an action, and who may change work streams and actions. Pure Python:
no Django.

Recording progress (`can_update_action`):

- A role that may edit the whole plan (EDIT_PLAN: the partnership manager) may update any action.
- A role that may edit its own group's work (EDIT_OWN_GROUP_WORK: a group chair) may update an
  action owned by a group they chair or vice-chair.
- A role that may update its own agency's actions (UPDATE_OWN_AGENCY_ACTIONS: an agency lead) may
  update an action their agency leads.
- The person named as an action's lead may update that action, whatever their role: "My actions"
  lists it for them, and they are the one who knows how it is going.
- Everyone else reads.

Changing a work stream or an action, or adding an action (`may_edit_group_work`):

- EDIT_PLAN (the partnership manager): any work stream or action, owned by any group or none.
- EDIT_OWN_GROUP_WORK (a group chair): a work stream or action owned by a group they chair or
  vice-chair, and only so that it stays owned by one of those groups: a change that would move it
  to another group, or leave it owned by no group, is refused. The same rule, applied to the
  record as it would be after the change, says whether they may add a new action.
- Nobody else, not even an action's lead person or lead agency: they record progress instead.

Plan-level records (the plan, its statements and themes) and deleting need EDIT_PLAN.

"Owned by" is the action's owning group, or the group owning its work stream when the action
names none (see rag.owning_group_id). A blank owner or lead agency matches nobody.
"""

from __future__ import annotations

from collections.abc import Set

from safeboard.partnerships.domain.roles import Capability


def editable_group_ids(
    *, capabilities: Set[Capability] | Set[str], my_chaired_group_ids: Set[int]
) -> frozenset[int] | None:
    """The groups whose work the caller may change: None means every group (and records owned by
    none); an empty set means none at all."""
    if Capability.EDIT_PLAN in capabilities:
        return None
    if Capability.EDIT_OWN_GROUP_WORK in capabilities:
        return frozenset(my_chaired_group_ids)
    return frozenset()


def may_edit_group_work(
    *,
    capabilities: Set[Capability] | Set[str],
    owning_group_id: int | None,
    my_chaired_group_ids: Set[int],
) -> bool:
    """May the caller change a work stream or action owned by `owning_group_id` (or make one owned
    by it: a new action, or a change that moves it there)?"""
    groups = editable_group_ids(
        capabilities=capabilities, my_chaired_group_ids=my_chaired_group_ids
    )
    return owned_within(groups=groups, owning_group_id=owning_group_id)


def owned_within(*, groups: frozenset[int] | None, owning_group_id: int | None) -> bool:
    """Is a record owned by `owning_group_id` inside `groups` (from `editable_group_ids`)? A
    record owned by no group is inside only "every group"."""
    return groups is None or (owning_group_id is not None and owning_group_id in groups)


def can_update_action(
    *,
    capabilities: Set[Capability] | Set[str],
    action_group_id: int | None,
    action_lead_agency_id: int | None,
    my_agency_id: int | None,
    my_chaired_group_ids: Set[int],
    action_lead_person_id: int | None = None,
    my_membership_id: int | None = None,
) -> bool:
    if Capability.EDIT_PLAN in capabilities:
        return True
    if action_lead_person_id is not None and action_lead_person_id == my_membership_id:
        return True
    if Capability.EDIT_OWN_GROUP_WORK in capabilities and may_edit_group_work(
        capabilities=capabilities,
        owning_group_id=action_group_id,
        my_chaired_group_ids=my_chaired_group_ids,
    ):
        return True
    return (
        Capability.UPDATE_OWN_AGENCY_ACTIONS in capabilities
        and action_lead_agency_id is not None
        and action_lead_agency_id == my_agency_id
    )
