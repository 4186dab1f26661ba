import datetime

import pytest
from django.apps import apps

from conftest import client_for
from safeboard.governance.models import Decision, Meeting, MeetingAttendee
from safeboard.governance.tests.factories import (
    DecisionFactory,
    GroupFactory,
    GroupMemberFactory,
    MeetingAttendeeFactory,
    MeetingFactory,
)
from safeboard.partnerships.domain.roles import Role
from safeboard.ui.tests.forms import date_parts
from safeboard.ui.tests.pages import queries_to_show


@pytest.fixture
def group(tenancy):
    group = GroupFactory(
        partnership=tenancy.ours,
        name="Operational Delivery Group",
        chair=tenancy.members[Role.GROUP_CHAIR],
    )
    GroupMemberFactory(group=group, membership=tenancy.members[Role.CHAIR], name="")
    GroupMemberFactory(group=group, name="Pat Lay", is_lay_member=True)
    return group


def _new(group):
    return f"/p/ourshire/governance/groups/{group.pk}/meetings/new/"


def _seat(tenancy, role):
    return f"attendance_person_{tenancy.members[role].pk}"


def _post(tenancy, group, **kwargs):
    lay = group.members.get(name="Pat Lay")
    return {
        "date_day": "7",
        "date_month": "9",
        "date_year": "2011",
        "title": "Autumn meeting",
        _seat(tenancy, Role.CHAIR): "present",
        f"attendance_member_{lay.pk}": "apologies",
        "others": "Jo Bloggs, Ourshire Police\nSam Guest",
        "decisions": "Agree the business plan\n\nRecruit two lay members",
        **kwargs,
    }


def test_it_lets_the_manager_record_a_meeting(tenancy, manager_client, group):
    form = manager_client.get(_new(group)).content.decode()
    assert 'class="govuk-date-input"' in form
    assert "Pat Lay, lay member" in form
    response = manager_client.post(_new(group), _post(tenancy, group), follow=True)
    html = response.content.decode()
    meeting = Meeting.objects.get()
    assert response.redirect_chain[-1][0] == f"/p/ourshire/governance/meetings/{meeting.pk}/"
    assert meeting.date == datetime.date(2011, 9, 7)
    assert "Meeting recorded." in html
    assert "7 September 2011: Autumn meeting" in html
    attendance = {
        (a.membership_id, a.name, a.agency_id, a.attendance) for a in MeetingAttendee.objects.all()
    }
    assert attendance == {
        (tenancy.members[Role.CHAIR].pk, "", None, "present"),
        (None, "Pat Lay", None, "apologies"),
        (None, "Jo Bloggs", tenancy.agency.pk, "present"),
        (None, "Sam Guest", None, "present"),
    }
    for text in ("Our Chair or scrutineer", "Apologies", "Jo Bloggs", "Ourshire Police"):
        assert text in html
    assert "<li>Agree the business plan</li>" in html
    assert "<li>Recruit two lay members</li>" in html


def test_it_lets_the_chair_of_the_group_record_its_meetings_but_no_other(tenancy, group):
    client = client_for(tenancy.user(Role.GROUP_CHAIR))
    assert client.post(_new(group), _post(tenancy, group)).status_code == 302
    other = GroupFactory(partnership=tenancy.ours, chair_description="Independent")
    assert client.get(_new(other)).status_code == 403
    assert (
        client.post(
            _new(other), {"date_day": "1", "date_month": "1", "date_year": "2012"}
        ).status_code
        == 403
    )
    assert list(Meeting.objects.values_list("group_id", flat=True)) == [group.pk]


def test_it_does_not_let_other_roles_record_a_meeting(tenancy, group):
    for role in (Role.CHAIR, Role.AGENCY_LEAD, Role.ANALYST, Role.BOARD_MEMBER):
        client = client_for(tenancy.user(role))
        assert client.post(_new(group), _post(tenancy, group)).status_code == 403
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (date_parts("date", ""), "Enter the meeting date"),
        (date_parts("date", "31/2/2012"), "Meeting date must be a real date"),
        (date_parts("date", "first/9/2011"), "written in numbers"),
        (date_parts("date", "7//2011"), "Meeting date must include a month"),
        (date_parts("date", "7/9/11"), "Year must include 4 numbers"),
    ],
)
def test_it_explains_a_wrong_date_and_records_nothing(
    tenancy, manager_client, group, parts, message
):
    response = manager_client.post(_new(group), _post(tenancy, group, **parts))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert "govuk-form-group--error" in html
    assert not Meeting.objects.exists()
    assert not MeetingAttendee.objects.exists()


def test_it_explains_an_unknown_agency_for_another_attendee(tenancy, manager_client, group):
    response = manager_client.post(
        _new(group), _post(tenancy, group, others="Jo Bloggs, Theirshire Police\n, Fire")
    )
    html = response.content.decode()
    assert "Line 1: there is no agency called &quot;Theirshire Police&quot;" in html
    assert "Line 2: enter the person&#x27;s name before the comma." in html
    assert not Meeting.objects.exists()


def test_it_refuses_text_where_an_attendance_belongs(tenancy, manager_client, group):
    response = manager_client.post(
        _new(group), _post(tenancy, group, **{_seat(tenancy, Role.CHAIR): "<script>"})
    )
    assert b"Select present, apologies, absent or not recorded." in response.content
    assert b"<script>" not in response.content
    assert not Meeting.objects.exists()


def test_it_escapes_hostile_text_in_decisions(tenancy, manager_client, group):
    manager_client.post(_new(group), _post(tenancy, group, decisions="<script>alert(1)</script>"))
    meeting = Meeting.objects.get()
    html = manager_client.get(f"/p/ourshire/governance/meetings/{meeting.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_it_changes_a_meeting_keeping_what_was_recorded(tenancy, manager_client, group):
    manager_client.post(_new(group), _post(tenancy, group))
    meeting = Meeting.objects.get()
    url = f"/p/ourshire/governance/meetings/{meeting.pk}/change/"
    form = manager_client.get(url).content.decode()
    assert 'value="2011"' in form
    assert "Jo Bloggs (Ourshire Police)" in form  # someone who attended is still asked about
    assert "Agree the business plan\nRecruit two lay members" in form
    guest = MeetingAttendee.objects.get(name="Sam Guest")
    jo = MeetingAttendee.objects.get(name="Jo Bloggs")
    data = _post(
        tenancy,
        group,
        others="",
        decisions="Recruit two lay members",
        version=meeting.record_version,
    )
    data[f"attendance_attendee_{jo.pk}"] = "present"
    data[f"attendance_attendee_{guest.pk}"] = ""
    data[_seat(tenancy, Role.CHAIR)] = "absent"
    response = manager_client.post(url, data, follow=True)
    assert b"Meeting saved." in response.content
    assert set(MeetingAttendee.objects.values_list("name", "attendance")) == {
        ("", "absent"),
        ("Pat Lay", "apologies"),
        ("Jo Bloggs", "present"),
    }
    assert list(Decision.objects.values_list("text", flat=True)) == ["Recruit two lay members"]


def _action(meeting, n, **kwargs):
    """A plan action arising from `meeting`. Plans sits above governance in the layers, so its
    models are looked up by name rather than imported."""
    plan_model, action_model = apps.get_model("plans", "Plan"), apps.get_model("plans", "Action")
    plan = plan_model.objects.get_or_create(
        partnership=meeting.partnership,
        key="plan",
        defaults={"title": "Business plan", "start_year": 2011, "end_year": 2014},
    )[0]
    return action_model.objects.create(
        partnership=meeting.partnership,
        plan=plan,
        key=f"action-{n}",
        title=f"Action {n}",
        arising_from=meeting,
        **kwargs,
    )


def test_it_lists_the_plan_actions_arising_from_the_meeting(tenancy, group):
    meeting = MeetingFactory(group=group)
    _action(meeting, 1, status="on_track", lead_agency=tenancy.agency)
    _action(meeting, 2)
    _action(MeetingFactory(group=group), 3)
    html = (
        client_for(tenancy.user(Role.BOARD_MEMBER))
        .get(f"/p/ourshire/governance/meetings/{meeting.pk}/")
        .content.decode()
    )
    assert "Action 1" in html
    assert "On track" in html
    assert "Ourshire Police" in html
    assert "Action 2" in html
    assert "Not recorded" in html
    assert "Action 3" not in html
    assert "Change this meeting" not in html


def test_it_shows_the_meeting_page_in_a_fixed_number_of_queries(tenancy, manager_client, group):
    meeting = MeetingFactory(group=group)
    url = f"/p/ourshire/governance/meetings/{meeting.pk}/"

    def count():
        return queries_to_show(manager_client, url)

    MeetingAttendeeFactory(meeting=meeting, membership=tenancy.members[Role.CHAIR])
    DecisionFactory(meeting=meeting)
    _action(meeting, 1, lead_agency=tenancy.agency)
    small = count()
    for role in (Role.ANALYST, Role.BOARD_MEMBER, Role.AGENCY_LEAD):
        MeetingAttendeeFactory(meeting=meeting, membership=tenancy.members[role])
    MeetingAttendeeFactory.create_batch(10, meeting=meeting, agency=tenancy.agency)
    DecisionFactory.create_batch(10, meeting=meeting)
    for n in range(2, 12):
        _action(meeting, n, lead_agency=tenancy.agency)
    assert count() == small
