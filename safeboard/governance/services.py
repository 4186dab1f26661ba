"""Writes to groups, their members, board links and meetings. Each runs in one transaction,
re-checks that every related record belongs to the same partnership, and records who made the
change."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.core.services import save_recorded, unique_key
from safeboard.partnerships.models import Agency, Membership, Partnership

from .domain.structure import would_create_cycle
from .models import (
    Attendance,
    BoardLink,
    BoardLinkKind,
    Decision,
    Group,
    GroupMember,
    GroupType,
    Meeting,
    MeetingAttendee,
)

KEY_MAX_LENGTH = 80


# --- Checks shared by the services ------------------------------------------------------------


def _check_membership(partnership: Partnership, membership: Membership | None, field: str) -> None:
    if membership is None:
        return
    if membership.partnership_id != partnership.pk:
        raise ApplicationError("Select a person in this partnership.", field=field)
    if membership.is_archived:
        raise ApplicationError(
            "That person no longer has access to this partnership. Select someone else.",
            field=field,
        )


def _check_agency(partnership: Partnership, agency: Agency | None, field: str = "agency") -> None:
    if agency is None:
        return
    if agency.partnership_id != partnership.pk:
        raise ApplicationError("Select an agency of this partnership.", field=field)
    if agency.is_archived:
        raise ApplicationError("That agency is archived. Select a current agency.", field=field)


def _key(
    *, requested: str, name: str, taken: set[str], current: str | None = None, what: str
) -> str:
    """The key asked for (checked), the current one, or one made from the name."""
    requested = requested.strip().lower()
    if requested:
        if requested != slugify(requested):
            raise ApplicationError(
                "Use only lower-case letters, numbers and hyphens in the short key.", field="key"
            )
        if requested != current and requested in taken:
            raise ApplicationError(f"Another {what} already uses this short key.", field="key")
        return requested
    if current:
        return current
    return unique_key(name, taken=taken, max_length=KEY_MAX_LENGTH, fallback="group")


# --- Groups ------------------------------------------------------------------------------------


def _group_parents(partnership: Partnership) -> dict[int, int | None]:
    return dict(Group.objects.filter(partnership=partnership).values_list("pk", "parent_id"))


def _check_group(
    *,
    partnership: Partnership,
    group: Group | None,
    name: str,
    group_type: str,
    parent: Group | None,
    chair: Membership | None,
    vice_chair: Membership | None,
) -> None:
    if not name.strip():
        raise ApplicationError("Enter the group's name.", field="name")
    same_name = Group.objects.filter(partnership=partnership, name__iexact=name.strip())
    if group is not None:
        same_name = same_name.exclude(pk=group.pk)
    if same_name.exists():
        raise ApplicationError("A group with this name already exists.", field="name")
    if group_type not in GroupType.values:
        raise ApplicationError("Select the type of group.", field="group_type")
    if parent is not None:
        if parent.partnership_id != partnership.pk:
            raise ApplicationError("Select a group of this partnership.", field="parent")
        if parent.is_archived and (group is None or group.parent_id != parent.pk):
            raise ApplicationError(
                "That group is archived. Select a current group to report to.", field="parent"
            )
        if group is not None and would_create_cycle(
            _group_parents(partnership), node=group.pk, new_parent=parent.pk
        ):
            raise ApplicationError(
                "A group cannot report to itself or to a group that reports to it. "
                "Select a group above it or in another branch.",
                field="parent",
            )
    _check_membership(partnership, chair, "chair")
    _check_membership(partnership, vice_chair, "vice_chair")
    if chair is not None and vice_chair is not None and chair.pk == vice_chair.pk:
        raise ApplicationError(
            "The chair and vice chair must be different people.", field="vice_chair"
        )


def _set_group_fields(
    group: Group,
    *,
    partnership: Partnership,
    key: str,
    name: str,
    group_type: str,
    short_name: str,
    parent: Group | None,
    key_functions: str,
    terms_of_reference: str,
    chair: Membership | None,
    chair_description: str,
    vice_chair: Membership | None,
    vice_chair_description: str,
) -> None:
    """Check a new or changed group's fields and set them, trimmed. A blank `key` keeps the
    group's current key, or makes one from the name for a new group."""
    _check_group(
        partnership=partnership,
        group=group if group.pk else None,
        name=name,
        group_type=group_type,
        parent=parent,
        chair=chair,
        vice_chair=vice_chair,
    )
    taken = set(
        Group.objects.filter(partnership=partnership)
        .exclude(pk=group.pk)
        .values_list("key", flat=True)
    )
    group.key = _key(requested=key, name=name, taken=taken, current=group.key or None, what="group")
    group.name = name.strip()
    group.short_name = short_name.strip()
    group.group_type = group_type
    group.parent = parent
    group.key_functions = key_functions.strip()
    group.terms_of_reference = terms_of_reference.strip()
    group.chair = chair
    group.chair_description = chair_description.strip()
    group.vice_chair = vice_chair
    group.vice_chair_description = vice_chair_description.strip()


@transaction.atomic
def group_create(
    *,
    partnership: Partnership,
    name: str,
    group_type: str,
    key: str = "",
    short_name: str = "",
    parent: Group | None = None,
    key_functions: str = "",
    terms_of_reference: str = "",
    chair: Membership | None = None,
    chair_description: str = "",
    vice_chair: Membership | None = None,
    vice_chair_description: str = "",
    position: int | None = None,
    by: User | None,
) -> Group:
    if position is None:
        positions = Group.objects.filter(partnership=partnership).values_list("position", flat=True)
        position = max(positions, default=0) + 1
    group = Group(partnership=partnership, position=position)
    _set_group_fields(
        group,
        partnership=partnership,
        key=key,
        name=name,
        group_type=group_type,
        short_name=short_name,
        parent=parent,
        key_functions=key_functions,
        terms_of_reference=terms_of_reference,
        chair=chair,
        chair_description=chair_description,
        vice_chair=vice_chair,
        vice_chair_description=vice_chair_description,
    )
    save_recorded(group, by=by)
    return group


@transaction.atomic
def group_update(
    *,
    group: Group,
    name: str,
    group_type: str,
    key: str = "",
    short_name: str = "",
    parent: Group | None = None,
    key_functions: str = "",
    terms_of_reference: str = "",
    chair: Membership | None = None,
    chair_description: str = "",
    vice_chair: Membership | None = None,
    vice_chair_description: str = "",
    by: User | None,
    expected_version: int | None = None,
) -> Group:
    """Change a group. A blank `key` keeps the current one: plan files refer to it."""
    # Lock the partnership's groups so that two changes cannot together make a loop.
    list(Group.objects.select_for_update().filter(partnership_id=group.partnership_id))
    _set_group_fields(
        group,
        partnership=group.partnership,
        key=key,
        name=name,
        group_type=group_type,
        short_name=short_name,
        parent=parent,
        key_functions=key_functions,
        terms_of_reference=terms_of_reference,
        chair=chair,
        chair_description=chair_description,
        vice_chair=vice_chair,
        vice_chair_description=vice_chair_description,
    )
    save_recorded(group, by=by, expected_version=expected_version)
    return group


@transaction.atomic
def group_set_archived(*, group: Group, archived: bool, by: User | None) -> Group:
    """Archive a group (it leaves the structure chart, its history stays) or restore it."""
    if archived:
        if group.children.filter(archived_at__isnull=True).exists():
            raise ApplicationError(
                "Groups still report to this group. Archive them, or change who they report "
                "to, first."
            )
    elif group.parent is not None and group.parent.is_archived:
        raise ApplicationError(
            f"This group reports to {group.parent.name}, which is archived. Restore that group, "
            "or change who this group reports to, first."
        )
    if archived == group.is_archived:
        return group
    group.archived_at = timezone.now() if archived else None
    save_recorded(group, by=by)
    return group


# --- Group members -----------------------------------------------------------------------------


@transaction.atomic
def group_member_add(
    *,
    group: Group,
    membership: Membership | None = None,
    name: str = "",
    agency: Agency | None = None,
    role_in_group: str = "",
    is_lay_member: bool = False,
    by: User | None,
) -> GroupMember:
    """Give someone a seat on a group: a Safeboard member, a named person (a lay member, say)
    without an account, or an agency whose representative is not named. The agency defaults to
    the member's own agency."""
    partnership = group.partnership
    if group.is_archived:
        raise ApplicationError("This group is archived. Restore it before adding members.")
    name = name.strip()
    if membership is None and not name and agency is None:
        raise ApplicationError(
            "Select a person in the partnership, enter the name of someone without an account, "
            "or select the agency that holds the seat.",
            field="membership",
        )
    if membership is not None and name:
        raise ApplicationError("Either select a person or enter a name, not both.", field="name")
    _check_membership(partnership, membership, "membership")
    _check_agency(partnership, agency)
    seats = GroupMember.objects.filter(group=group)
    if membership is not None and seats.filter(membership=membership).exists():
        raise ApplicationError("This person is already a member of the group.", field="membership")
    if membership is None and name and seats.filter(membership=None, name__iexact=name).exists():
        raise ApplicationError(f"{name} is already a member of the group.", field="name")
    if agency is None and membership is not None and not is_lay_member:
        agency = membership.agency
    member = GroupMember(
        partnership=partnership,
        group=group,
        membership=membership,
        name=name,
        agency=agency,
        role_in_group=role_in_group.strip(),
        is_lay_member=is_lay_member,
    )
    save_recorded(member, by=by)
    return member


@transaction.atomic
def group_member_remove(*, member: GroupMember, by: User | None) -> None:
    """Take a seat away. The history keeps who sat on the group and when."""
    member._history_user = by  # type: ignore[attr-defined]
    member.delete()


# --- Links to other boards ---------------------------------------------------------------------


def _check_board_link(
    partnership: Partnership, link: BoardLink | None, name: str, kind: str
) -> None:
    if not name.strip():
        raise ApplicationError("Enter the name of the board or partnership.", field="name")
    same = BoardLink.objects.filter(partnership=partnership, name__iexact=name.strip())
    if link is not None:
        same = same.exclude(pk=link.pk)
    if same.exists():
        raise ApplicationError("A link to a board with this name already exists.", field="name")
    if kind not in BoardLinkKind.values:
        raise ApplicationError("Select the kind of board.", field="kind")


@transaction.atomic
def board_link_create(
    *,
    partnership: Partnership,
    name: str,
    kind: str,
    relationship: str = "",
    key: str = "",
    by: User | None,
) -> BoardLink:
    _check_board_link(partnership, None, name, kind)
    taken = set(BoardLink.objects.filter(partnership=partnership).values_list("key", flat=True))
    link = BoardLink(
        partnership=partnership,
        key=_key(requested=key, name=name, taken=taken, what="link"),
        name=name.strip(),
        kind=kind,
        relationship=relationship.strip(),
    )
    save_recorded(link, by=by)
    return link


@transaction.atomic
def board_link_update(
    *,
    link: BoardLink,
    name: str,
    kind: str,
    relationship: str = "",
    key: str = "",
    by: User | None,
    expected_version: int | None = None,
) -> BoardLink:
    _check_board_link(link.partnership, link, name, kind)
    taken = set(
        BoardLink.objects.filter(partnership_id=link.partnership_id)
        .exclude(pk=link.pk)
        .values_list("key", flat=True)
    )
    link.key = _key(requested=key, name=name, taken=taken, current=link.key, what="link")
    link.name, link.kind, link.relationship = name.strip(), kind, relationship.strip()
    save_recorded(link, by=by, expected_version=expected_version)
    return link


@transaction.atomic
def board_link_delete(*, link: BoardLink, by: User | None) -> None:
    """A link to another board is a fact about today, not a record others point at: it is deleted
    (the history keeps it)."""
    link._history_user = by  # type: ignore[attr-defined]
    link.delete()


# --- Meetings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeInput:
    """One person at a meeting: a Safeboard member or a name, their agency, and whether they
    came."""

    membership: Membership | None = None
    name: str = ""
    agency: Agency | None = None
    attendance: str = Attendance.PRESENT

    @property
    def identity(self) -> tuple[str, str]:
        if self.membership is not None:
            return ("membership", str(self.membership.pk))
        return ("name", self.name.strip().lower())


def _attendee_identity(attendee: MeetingAttendee) -> tuple[str, str]:
    if attendee.membership_id is not None:
        return ("membership", str(attendee.membership_id))
    return ("name", attendee.name.strip().lower())


def _check_meeting(
    partnership: Partnership,
    date: datetime.date | None,
    attendees: Sequence[AttendeeInput],
    decisions: Sequence[str],
) -> None:
    if date is None:
        raise ApplicationError("Enter the meeting date.", field="date")
    seen: set[tuple[str, str]] = set()
    for attendee in attendees:
        # Only the partnership is checked: someone who attended may since have left, or their
        # agency been archived, and the record of the meeting must still be editable.
        if attendee.membership is not None and attendee.membership.partnership_id != partnership.pk:
            raise ApplicationError("Select people in this partnership.", field="attendees")
        if attendee.agency is not None and attendee.agency.partnership_id != partnership.pk:
            raise ApplicationError("Select agencies of this partnership.", field="attendees")
        if attendee.membership is None and not attendee.name.strip():
            raise ApplicationError("Enter the name of each person who attended.", field="attendees")
        if attendee.attendance not in Attendance.values:
            raise ApplicationError(
                "Select present, apologies or absent for each person.", field="attendees"
            )
        if attendee.identity in seen:
            who = attendee.membership.user.full_name if attendee.membership else attendee.name
            raise ApplicationError(f"{who} is listed more than once.", field="attendees")
        seen.add(attendee.identity)
    if any(not d.strip() for d in decisions):
        raise ApplicationError("A decision cannot be blank.", field="decisions")


def _save_attendees(meeting: Meeting, attendees: Sequence[AttendeeInput], by: User | None) -> None:
    """Change the attendance list to `attendees`, keeping the rows of people already on it so
    that each change shows in their history."""
    existing = {_attendee_identity(a): a for a in meeting.attendees.all()}
    wanted = {a.identity for a in attendees}
    for identity, row in existing.items():
        if identity not in wanted:
            row._history_user = by  # type: ignore[attr-defined]
            row.delete()
    for attendee in attendees:
        row = existing.get(attendee.identity) or MeetingAttendee(
            partnership_id=meeting.partnership_id, meeting=meeting
        )
        changed = (
            row.pk is None
            or row.membership_id != (attendee.membership.pk if attendee.membership else None)
            or row.name != attendee.name.strip()
            or row.agency_id != (attendee.agency.pk if attendee.agency else None)
            or row.attendance != attendee.attendance
        )
        if changed:
            row.membership = attendee.membership
            row.name = attendee.name.strip()
            row.agency = attendee.agency
            row.attendance = attendee.attendance
            save_recorded(row, by=by)


def _save_decisions(meeting: Meeting, decisions: Sequence[str], by: User | None) -> None:
    """Change the decisions to `decisions`, in that order, keeping those whose text is the same."""
    existing: dict[str, list[Decision]] = {}
    for decision in meeting.decisions.all():
        existing.setdefault(decision.text, []).append(decision)
    kept: list[Decision] = []
    for position, text in enumerate((d.strip() for d in decisions), start=1):
        same = existing.get(text)
        decision = (
            same.pop(0)
            if same
            else Decision(partnership_id=meeting.partnership_id, meeting=meeting, text=text)
        )
        if decision.pk is None or decision.position != position:
            decision.position = position
            save_recorded(decision, by=by)
        kept.append(decision)
    for leftovers in existing.values():
        for decision in leftovers:
            decision._history_user = by  # type: ignore[attr-defined]
            decision.delete()


@transaction.atomic
def meeting_create(
    *,
    group: Group,
    date: datetime.date | None,
    title: str = "",
    notes: str = "",
    attendees: Sequence[AttendeeInput] = (),
    decisions: Sequence[str] = (),
    by: User | None,
) -> Meeting:
    partnership = group.partnership
    if group.is_archived:
        raise ApplicationError("This group is archived. Restore it before recording a meeting.")
    _check_meeting(partnership, date, attendees, decisions)
    assert date is not None
    meeting = Meeting(
        partnership=partnership, group=group, date=date, title=title.strip(), notes=notes.strip()
    )
    save_recorded(meeting, by=by)
    _save_attendees(meeting, attendees, by)
    _save_decisions(meeting, decisions, by)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    date: datetime.date | None,
    title: str = "",
    notes: str = "",
    attendees: Sequence[AttendeeInput] = (),
    decisions: Sequence[str] = (),
    by: User | None,
    expected_version: int | None = None,
) -> Meeting:
    _check_meeting(meeting.partnership, date, attendees, decisions)
    assert date is not None
    meeting.date, meeting.title, meeting.notes = date, title.strip(), notes.strip()
    save_recorded(meeting, by=by, expected_version=expected_version)
    _save_attendees(meeting, attendees, by)
    _save_decisions(meeting, decisions, by)
    return meeting
