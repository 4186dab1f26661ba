from __future__ import annotations

import datetime

from safeboard.governance.models import (
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
from safeboard.partnerships.tests.factories import record_factory

GroupFactory = record_factory(
    Group, key="group-{n}", name="Group {n}", group_type=GroupType.SUB_GROUP
)
GroupMemberFactory = record_factory(GroupMember, within=("group", GroupFactory), name="Member {n}")
BoardLinkFactory = record_factory(
    BoardLink, key="link-{n}", name="Board {n}", kind=BoardLinkKind.HEALTH_WELLBEING
)
MeetingFactory = record_factory(
    Meeting, within=("group", GroupFactory), date=datetime.date(2011, 9, 7)
)
MeetingAttendeeFactory = record_factory(
    MeetingAttendee,
    within=("meeting", MeetingFactory),
    name="Attendee {n}",
    attendance=Attendance.PRESENT,
)
DecisionFactory = record_factory(Decision, within=("meeting", MeetingFactory), text="Decision {n}")
