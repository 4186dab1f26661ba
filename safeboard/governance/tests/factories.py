from __future__ import annotations

import datetime

import factory

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
from safeboard.partnerships.tests.factories import PartnershipFactory


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    key = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Group {n}")
    group_type = GroupType.SUB_GROUP


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(GroupFactory)
    partnership = factory.SelfAttribute("group.partnership")
    name = factory.Sequence(lambda n: f"Member {n}")


class BoardLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardLink

    partnership = factory.SubFactory(PartnershipFactory)
    key = factory.Sequence(lambda n: f"link-{n}")
    name = factory.Sequence(lambda n: f"Board {n}")
    kind = BoardLinkKind.HEALTH_WELLBEING


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    partnership = factory.SelfAttribute("group.partnership")
    date = datetime.date(2011, 9, 7)


class MeetingAttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttendee

    meeting = factory.SubFactory(MeetingFactory)
    partnership = factory.SelfAttribute("meeting.partnership")
    name = factory.Sequence(lambda n: f"Attendee {n}")
    attendance = Attendance.PRESENT


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    partnership = factory.SelfAttribute("meeting.partnership")
    text = factory.Sequence(lambda n: f"Decision {n}")
