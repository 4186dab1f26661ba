"""Governance records, looked up only inside the caller's partnership (the same 404 for "missing"
and "not yours"), then checked for the right to act (403)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from safeboard.partnerships.access import PartnershipAccess, get_inside
from safeboard.partnerships.domain.roles import Capability

from .models import BoardLink, Group, GroupMember, Meeting
from .selectors import groups_chaired_by

MEETING_REFUSED = "Only the partnership manager or a chair of this group can record its meetings."


def access_group(
    access: PartnershipAccess, group_id: Any, *, capability: Capability | None = None
) -> Group:
    group = get_inside(
        access,
        Group.objects.select_related("parent", "chair__user", "vice_chair__user"),
        group_id,
    )
    if capability is not None:
        access.require(capability)
    return group


def access_group_member(
    access: PartnershipAccess, member_id: Any, *, capability: Capability | None = None
) -> GroupMember:
    member = get_inside(
        access, GroupMember.objects.select_related("group", "membership__user"), member_id
    )
    if capability is not None:
        access.require(capability)
    return member


def access_board_link(
    access: PartnershipAccess, link_id: Any, *, capability: Capability | None = None
) -> BoardLink:
    link = get_inside(access, BoardLink.objects.all(), link_id)
    if capability is not None:
        access.require(capability)
    return link


def access_meeting(access: PartnershipAccess, meeting_id: Any) -> Meeting:
    return get_inside(access, Meeting.objects.select_related("group"), meeting_id)


def may_record_meetings(access: PartnershipAccess, group: Group) -> bool:
    """The manager records any group's meetings; a group chair those of the groups they chair or
    vice-chair."""
    if access.can(Capability.MANAGE_STRUCTURE):
        return True
    return access.can(Capability.EDIT_OWN_GROUP_WORK) and group.pk in groups_chaired_by(
        access.membership
    )


def access_group_for_meetings(access: PartnershipAccess, group_id: Any) -> Group:
    group = access_group(access, group_id)
    if not may_record_meetings(access, group):
        raise PermissionDenied(MEETING_REFUSED)
    return group


def access_meeting_to_change(access: PartnershipAccess, meeting_id: Any) -> Meeting:
    meeting = access_meeting(access, meeting_id)
    if not may_record_meetings(access, meeting.group):
        raise PermissionDenied(MEETING_REFUSED)
    return meeting
