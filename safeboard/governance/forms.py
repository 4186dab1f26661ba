"""Forms for groups, members, board links and meetings. Every choice of a related record is
limited to the current partnership; the services check again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms

from safeboard.core.forms import VersionedForm
from safeboard.partnerships.models import Agency, Membership, Partnership
from safeboard.partnerships.selectors import agency_list, membership_list
from safeboard.ui.forms import DateInputField, limit_choices, record_choice

from .domain.meetings import decision_lines, other_attendee_lines
from .models import Attendance, BoardLink, BoardLinkKind, Group, GroupType, Meeting
from .selectors import group_members, group_parent_choices, meeting_attendees
from .services import AttendeeInput


class MembershipChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Membership) -> str:
        name = obj.user.full_name or obj.user.email
        return f"{name} ({obj.agency.name})" if obj.agency else name


def _person_choice(
    *, empty_label: str, label: str | None = None, help_text: str = ""
) -> forms.ModelChoiceField[Any]:
    """A choice of one of the partnership's people (offered by `limit_choices`)."""
    return record_choice(
        label=label,
        empty_label=empty_label,
        invalid="Select a person in this partnership.",
        help_text=help_text,
        field=MembershipChoiceField,
    )


KEY_HELP = (
    "A short stable name used in plan files: lower-case letters, numbers and hyphens. "
    "Leave blank to make one from the name."
)
KEY_ERRORS = {"invalid": "Use only lower-case letters, numbers and hyphens in the short key."}


class GroupForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the group's name."})
    short_name = forms.CharField(
        label="Short name", max_length=60, required=False, help_text="For example SMG or ODG."
    )
    group_type = forms.ChoiceField(
        label="Type of group",
        choices=GroupType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of group."},
    )
    parent = record_choice(
        label="Reports to",
        empty_label="No other group (it is at the top of the structure)",
        invalid="Select a current group of this partnership that is not this group "
        "or one of its sub-groups.",
    )
    key = forms.SlugField(
        label="Short key",
        max_length=80,
        required=False,
        help_text=KEY_HELP,
        error_messages=KEY_ERRORS,
    )
    key_functions = forms.CharField(
        label="Key functions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text='Leave a blank line between paragraphs. Start a line with "- " for a list.',
    )
    terms_of_reference = forms.CharField(
        label="Terms of reference",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text='Leave a blank line between paragraphs. Start a line with "- " for a list.',
    )
    chair = _person_choice(empty_label="Not a Safeboard user")
    chair_description = forms.CharField(
        label="Chair (description)",
        max_length=200,
        required=False,
        help_text='Where the chair is not a Safeboard user, for example "Independent".',
    )
    vice_chair = _person_choice(label="Vice chair", empty_label="Not a Safeboard user")
    vice_chair_description = forms.CharField(
        label="Vice chair (description)",
        max_length=200,
        required=False,
        help_text='For example "LSCB Member".',
    )

    field_order = [
        "name",
        "short_name",
        "group_type",
        "parent",
        "chair",
        "chair_description",
        "vice_chair",
        "vice_chair_description",
        "key_functions",
        "terms_of_reference",
        "key",
    ]
    widths = {"short_name": "10", "key": "20"}

    def __init__(
        self, *args: Any, partnership: Partnership, group: Group | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        people = membership_list(partnership=partnership)
        limit_choices(
            self,
            parent=group_parent_choices(partnership=partnership, group=group),
            chair=people,
            vice_chair=people,
        )

    @staticmethod
    def initial_for(group: Group) -> dict[str, Any]:
        return {
            "name": group.name,
            "short_name": group.short_name,
            "group_type": group.group_type,
            "parent": group.parent_id,
            "key": group.key,
            "key_functions": group.key_functions,
            "terms_of_reference": group.terms_of_reference,
            "chair": group.chair_id,
            "chair_description": group.chair_description,
            "vice_chair": group.vice_chair_id,
            "vice_chair_description": group.vice_chair_description,
        }


class GroupChangeForm(GroupForm, VersionedForm):
    pass


class GroupMemberForm(forms.Form):
    membership = _person_choice(
        label="Person",
        empty_label="Someone without a Safeboard account",
        help_text="A person who uses Safeboard in this partnership.",
    )
    name = forms.CharField(
        label="Name of someone without an account",
        max_length=200,
        required=False,
        help_text="For example a lay member. Leave blank if you selected a person above.",
    )
    agency = record_choice(
        empty_label="No agency, or the person's own agency",
        invalid="Select an agency of this partnership.",
        help_text="The agency they represent on the group. Leave blank for a lay member.",
    )
    role_in_group = forms.CharField(
        label="Role in the group",
        max_length=200,
        required=False,
        help_text="For example Designated Nurse, or Secretary.",
    )
    is_lay_member = forms.BooleanField(label="Lay member", required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            membership=membership_list(partnership=partnership),
            agency=agency_list(partnership=partnership),
        )


class BoardLinkForm(forms.Form):
    name = forms.CharField(
        label="Name of the board or partnership",
        max_length=200,
        error_messages={"required": "Enter the name of the board or partnership."},
    )
    kind = forms.ChoiceField(
        label="Kind of board",
        choices=BoardLinkKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of board."},
    )
    relationship = forms.CharField(
        label="How the two work together",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: the board reports to it every year; the chairs meet quarterly.",
    )
    key = forms.SlugField(
        label="Short key",
        max_length=80,
        required=False,
        help_text=KEY_HELP,
        error_messages=KEY_ERRORS,
    )
    widths = {"key": "20"}

    @staticmethod
    def initial_for(link: BoardLink) -> dict[str, Any]:
        return {
            "name": link.name,
            "kind": link.kind,
            "relationship": link.relationship,
            "key": link.key,
        }


class BoardLinkChangeForm(BoardLinkForm, VersionedForm):
    pass


# --- Meetings ----------------------------------------------------------------------------------

ATTENDANCE_CHOICES = [("", "Not recorded"), *Attendance.choices]


@dataclass(frozen=True)
class Seat:
    """Someone whose attendance the form asks about: a group member, or someone recorded at this
    meeting before."""

    key: str
    label: str
    membership: Membership | None
    name: str
    agency: Agency | None
    attendance: str  # as recorded so far; "" when not recorded

    @property
    def field_name(self) -> str:
        return f"attendance_{self.key}"


def _who(membership: Membership | None, name: str) -> str:
    return membership.user.full_name if membership is not None else name


def meeting_seats(*, group: Group, meeting: Meeting | None) -> list[Seat]:
    recorded = list(meeting_attendees(meeting=meeting)) if meeting is not None else []
    by_membership = {a.membership_id: a for a in recorded if a.membership_id is not None}
    by_name = {a.name.strip().lower(): a for a in recorded if a.membership_id is None}
    seats: list[Seat] = []
    used: set[int] = set()
    for member in group_members(group=group):
        if member.membership is not None:
            attendee = by_membership.get(member.membership.pk)
            key = f"person_{member.membership.pk}"
        else:
            attendee = by_name.get(member.name.strip().lower())
            key = f"member_{member.pk}"
        agency = member.agency or (member.membership.agency if member.membership else None)
        if attendee is not None:
            used.add(attendee.pk)
            agency = attendee.agency
        who = _who(member.membership, member.name)
        label = f"{who} ({agency.name})" if agency else who
        if member.is_lay_member:
            label += ", lay member"
        seats.append(
            Seat(
                key,
                label,
                member.membership,
                member.name,
                agency,
                attendee.attendance if attendee else "",
            )
        )
    for attendee in recorded:
        if attendee.pk in used:
            continue
        key = (
            f"person_{attendee.membership_id}"
            if attendee.membership_id is not None
            else f"attendee_{attendee.pk}"
        )
        who = _who(attendee.membership, attendee.name)
        label = f"{who} ({attendee.agency.name})" if attendee.agency else who
        seats.append(
            Seat(
                key, label, attendee.membership, attendee.name, attendee.agency, attendee.attendance
            )
        )
    return seats


class MeetingForm(forms.Form):
    date = DateInputField(
        label="Meeting date", error_messages={"required": "Enter the meeting date"}
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        required=False,
        help_text="Optional. For example: Extraordinary meeting.",
    )
    decisions = forms.CharField(
        label="Decisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One decision on each line.",
    )
    others = forms.CharField(
        label="Anyone else who attended",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One person on each line. Add their agency after a comma, for example: "
        "Jo Bloggs, Ourshire Police.",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(
        self, *args: Any, partnership: Partnership, seats: list[Seat], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.seats = seats
        for seat in seats:
            self.fields[seat.field_name] = forms.ChoiceField(
                label=seat.label,
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=seat.attendance,
                error_messages={
                    "invalid_choice": "Select present, apologies, absent or not recorded."
                },
            )

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        return {
            "date": meeting.date,
            "title": meeting.title,
            "notes": meeting.notes,
            "decisions": "\n".join(d.text for d in meeting.decisions.all()),
        }

    @property
    def seat_fields(self) -> list[forms.BoundField]:
        return [self[seat.field_name] for seat in self.seats]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["attendee_inputs"] = self._attendees(data)
        data["decision_texts"] = decision_lines(data.get("decisions", ""))
        return data

    def _attendees(self, data: dict[str, Any]) -> list[AttendeeInput]:
        attendees = [
            AttendeeInput(
                membership=seat.membership,
                name="" if seat.membership else seat.name,
                agency=seat.agency,
                attendance=data[seat.field_name],
            )
            for seat in self.seats
            if data.get(seat.field_name)
        ]
        agencies: dict[str, Agency] = {}
        for known in agency_list(partnership=self.partnership):
            agencies.setdefault(known.name.strip().lower(), known)
            if known.short_name:
                agencies.setdefault(known.short_name.strip().lower(), known)
        problems: list[str] = []
        for other in other_attendee_lines(data.get("others", "")):
            if not other.name:
                problems.append(f"Line {other.line}: enter the person's name before the comma.")
                continue
            if len(other.name) > 200:
                problems.append(f"Line {other.line}: the name must be 200 characters or fewer.")
                continue
            agency = agencies.get(other.agency.lower()) if other.agency else None
            if other.agency and agency is None:
                problems.append(
                    f'Line {other.line}: there is no agency called "{other.agency}" in this '
                    "partnership. Check the spelling, or leave the agency out."
                )
                continue
            attendees.append(
                AttendeeInput(name=other.name, agency=agency, attendance=Attendance.PRESENT)
            )
        for problem in problems:
            self.add_error("others", problem)
        return attendees

    def for_service(self) -> dict[str, Any]:
        """What meeting_create and meeting_update take."""
        data = self.cleaned_data
        return {
            "date": self.meeting_date,
            "title": data["title"],
            "notes": data["notes"],
            "attendees": data["attendee_inputs"],
            "decisions": data["decision_texts"],
        }

    @property
    def meeting_date(self) -> datetime.date | None:
        date = self.cleaned_data.get("date")
        return date if isinstance(date, datetime.date) else None


class MeetingChangeForm(MeetingForm, VersionedForm):
    """A meeting changed together with its attendance and decisions: the meeting's version
    guards them all, since meeting_update saves the meeting in the same transaction."""
