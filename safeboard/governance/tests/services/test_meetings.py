import datetime

import pytest
from django.utils import timezone

from safeboard.core.errors import ApplicationError
from safeboard.governance.models import Decision, Meeting, MeetingAttendee
from safeboard.governance.services import AttendeeInput, meeting_create, meeting_update
from safeboard.governance.tests.factories import GroupFactory
from safeboard.partnerships.domain.roles import Role

DAY = datetime.date(2011, 9, 7)


@pytest.fixture
def group(tenancy):
    return GroupFactory(partnership=tenancy.ours, name="Operational Delivery Group")


def _record(tenancy, group, **kwargs):
    defaults = {
        "group": group,
        "date": DAY,
        "attendees": [
            AttendeeInput(membership=tenancy.members[Role.CHAIR], attendance="present"),
            AttendeeInput(name="Pat Lay", attendance="apologies"),
        ],
        "decisions": ["Agree the business plan", "Recruit two lay members"],
        "by": tenancy.manager,
    }
    return meeting_create(**{**defaults, **kwargs})


def test_it_records_a_meeting_with_attendance_and_decisions(tenancy, group):
    meeting = _record(tenancy, group, title="Board", notes="Quorate.")
    assert (meeting.date, meeting.title, meeting.notes) == (DAY, "Board", "Quorate.")
    attendance = {(a.membership_id, a.name, a.attendance) for a in meeting.attendees.all()}
    assert attendance == {
        (tenancy.members[Role.CHAIR].pk, "", "present"),
        (None, "Pat Lay", "apologies"),
    }
    assert [d.text for d in meeting.decisions.order_by("position")] == [
        "Agree the business plan",
        "Recruit two lay members",
    ]
    assert meeting.history.get().history_user == tenancy.manager


def test_it_changes_attendance_and_decisions_keeping_unchanged_rows(tenancy, group):
    meeting = _record(tenancy, group)
    chair_row = meeting.attendees.get(membership=tenancy.members[Role.CHAIR])
    kept = meeting.decisions.get(text="Recruit two lay members")
    meeting_update(
        meeting=meeting,
        date=DAY + datetime.timedelta(days=1),
        attendees=[AttendeeInput(membership=tenancy.members[Role.CHAIR], attendance="absent")],
        decisions=["Recruit two lay members", "Publish the annual report"],
        by=tenancy.manager,
    )
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2011, 9, 8)
    assert list(meeting.attendees.values_list("pk", "attendance")) == [(chair_row.pk, "absent")]
    assert [(d.pk == kept.pk, d.text) for d in meeting.decisions.order_by("position")] == [
        (True, "Recruit two lay members"),
        (False, "Publish the annual report"),
    ]
    assert MeetingAttendee.history.filter(history_type="-").get().name == "Pat Lay"


def test_it_refuses_people_or_agencies_of_another_partnership(tenancy, group):
    for attendee in (
        AttendeeInput(membership=tenancy.their_membership),
        AttendeeInput(name="Spy", agency=tenancy.their_agency),
    ):
        with pytest.raises(ApplicationError) as error:
            _record(tenancy, group, attendees=[attendee])
        assert error.value.field == "attendees"
    assert not Meeting.objects.exists()


def test_it_refuses_someone_listed_twice_or_an_unknown_attendance(tenancy, group):
    with pytest.raises(ApplicationError) as twice:
        _record(
            tenancy,
            group,
            attendees=[AttendeeInput(name="Pat Lay"), AttendeeInput(name="pat lay ")],
        )
    with pytest.raises(ApplicationError) as odd:
        _record(tenancy, group, attendees=[AttendeeInput(name="Pat", attendance="asleep")])
    assert "more than once" in twice.value.message
    assert "present, apologies or absent" in odd.value.message
    assert not Meeting.objects.exists()


def test_it_refuses_a_meeting_without_a_date_or_of_an_archived_group(tenancy, group):
    with pytest.raises(ApplicationError):
        _record(tenancy, group, date=None)
    group.archived_at = timezone.now()
    group.save()
    with pytest.raises(ApplicationError):
        _record(tenancy, group)
    assert not Meeting.objects.exists()
    assert not Decision.objects.exists()


def test_it_keeps_a_meeting_editable_after_an_attendee_has_left(tenancy, group):
    from safeboard.partnerships.services import membership_archive

    meeting = _record(tenancy, group)
    membership_archive(membership=tenancy.members[Role.CHAIR], by=tenancy.manager)
    chair = tenancy.members[Role.CHAIR]
    chair.refresh_from_db()
    meeting_update(
        meeting=meeting,
        date=DAY,
        title="Renamed",
        attendees=[AttendeeInput(membership=chair, attendance="present")],
        by=tenancy.manager,
    )
    assert Meeting.objects.get(pk=meeting.pk).title == "Renamed"
