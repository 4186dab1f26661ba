"""Who may record progress on, or otherwise update, an action. Pure Python: no Django.

- A role that may edit the whole plan (EDIT_PLAN: the partnership manager) may update any action.
- A role that may edit its own group's work (EDIT_OWN_GROUP_WORK: a group chair) may update an
  action owned by a group they chair or vice-chair.
- A role that may update its own agency's actions (UPDATE_OWN_AGENCY_ACTIONS: an agency lead) may
  update an action their agency leads.
- The person named as an action's lead may update that action, whatever their role: "My actions"
  lists it for them, and they are the one who knows how it is going.
- Everyone else reads.

"Owned by" is the action's owning group, or the group owning its work stream when the action
names none (see rag.owning_group_id). A blank owner or lead agency matches nobody.
"""

from __future__ import annotations

from collections.abc import Set

from safeboard.partnerships.domain.roles import Capability


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
    if (
        Capability.EDIT_OWN_GROUP_WORK in capabilities
        and action_group_id is not None
        and action_group_id in my_chaired_group_ids
    ):
        return True
    return (
        Capability.UPDATE_OWN_AGENCY_ACTIONS in capabilities
        and action_lead_agency_id is not None
        and action_lead_agency_id == my_agency_id
    )
