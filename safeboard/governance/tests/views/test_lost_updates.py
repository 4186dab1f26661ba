"""Two people change the same group, board link or meeting at once: nothing is lost."""

import pytest

from conftest import client_for
from safeboard.core.errors import StaleEdit
from safeboard.governance.models import BoardLink, Decision, Group, Meeting
from safeboard.governance.services import meeting_update
from safeboard.governance.tests.factories import (
    BoardLinkFactory,
    DecisionFactory,
    GroupFactory,
    MeetingFactory,
)
from safeboard.partnerships.domain.roles import Role
from safeboard.ui.tests.forms import assert_no_lost_update


@pytest.fixture
def two_managers(tenancy):
    other = tenancy.members[Role.ANALYST]
    other.role = Role.MANAGER.value
    other.save()
    return client_for(other.user), client_for(tenancy.manager), str(other.user)


def test_it_keeps_both_changes_to_a_group(tenancy, two_managers):
    first, second, name = two_managers
    group = GroupFactory(partnership=tenancy.ours, name="Training Sub-group")
    assert_no_lost_update(
        first,
        second,
        f"/p/ourshire/governance/groups/{group.pk}/change/",
        first_changes={"name": "Learning Sub-group"},
        second_changes={"key_functions": "To train."},
        first_name=name,
        change="Name (Training Sub-group -> Learning Sub-group)",
    )
    assert Group.objects.get(pk=group.pk).key_functions == "To train."


def test_it_keeps_both_changes_to_a_board_link(tenancy, two_managers):
    first, second, name = two_managers
    link = BoardLinkFactory(partnership=tenancy.ours, name="MAPPA")
    assert_no_lost_update(
        first,
        second,
        f"/p/ourshire/governance/links/{link.pk}/change/",
        first_changes={"relationship": "Chairs meet"},
        second_changes={"relationship": "Reports yearly"},
        first_name=name,
        change="(not recorded -> Chairs meet)",
    )
    assert BoardLink.objects.get(pk=link.pk).relationship == "Reports yearly"


def test_it_keeps_both_changes_to_a_meeting_and_its_decisions(tenancy, two_managers):
    """A meeting is changed with its decisions; a chair of the group may change it too."""
    _, second, _ = two_managers
    chair = tenancy.members[Role.GROUP_CHAIR]
    group = GroupFactory(partnership=tenancy.ours, chair=chair)
    meeting = MeetingFactory(group=group, title="Spring")
    DecisionFactory(meeting=meeting, text="Agree the plan")
    assert_no_lost_update(
        client_for(chair.user),
        second,
        f"/p/ourshire/governance/meetings/{meeting.pk}/change/",
        first_changes={"title": "Spring meeting", "decisions": "Agree the plan\nRecruit"},
        second_changes={"notes": "Quorate"},
        first_name=str(chair.user),
        change="Title (Spring -> Spring meeting)",
    )
    assert Meeting.objects.get(pk=meeting.pk).notes == "Quorate"
    # The second person's form held the decisions as they were; saving again applied that.
    assert list(Decision.objects.filter(meeting=meeting.pk).values_list("text", flat=True)) == [
        "Agree the plan"
    ]


def test_it_writes_none_of_a_refused_meetings_attendees_or_decisions(tenancy):
    meeting = MeetingFactory(group=GroupFactory(partnership=tenancy.ours), title="Spring")
    DecisionFactory(meeting=meeting, text="Agree the plan")
    meeting_update(
        meeting=Meeting.objects.get(pk=meeting.pk),
        date=meeting.date,
        title="Spring meeting",
        decisions=["Agree the plan"],
        by=tenancy.manager,
        expected_version=1,
    )
    with pytest.raises(StaleEdit):
        meeting_update(
            meeting=Meeting.objects.get(pk=meeting.pk),
            date=meeting.date,
            title="Spring",
            decisions=["Something else"],
            by=tenancy.manager,
            expected_version=1,
        )
    assert list(Decision.objects.filter(meeting=meeting).values_list("text", flat=True)) == [
        "Agree the plan"
    ]
    assert Meeting.objects.get(pk=meeting.pk).title == "Spring meeting"
