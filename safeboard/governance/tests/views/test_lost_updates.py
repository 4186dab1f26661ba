"""Two people change the same group, board link or meeting at once: nothing is lost."""

import pytest

from safeboard.core.errors import StaleEdit
from safeboard.governance.models import Decision, Meeting
from safeboard.governance.services import meeting_update
from safeboard.governance.tests.factories import (
    BoardLinkFactory,
    DecisionFactory,
    GroupFactory,
    MeetingFactory,
)
from safeboard.partnerships.domain.roles import Role
from safeboard.ui.tests.forms import Race, by_roles, field_race, run_race


def _meeting(tenancy):
    """A meeting with a decision, of a group our group chair chairs: they may change it too."""
    group = GroupFactory(partnership=tenancy.ours, chair=tenancy.members[Role.GROUP_CHAIR])
    meeting = MeetingFactory(group=group, title="Spring")
    DecisionFactory(meeting=meeting, text="Agree the plan")
    return meeting


def _decisions(meeting):
    return list(Decision.objects.filter(meeting=meeting.pk).values_list("text", flat=True))


CASES = {
    "group": Race(
        record=lambda t: GroupFactory(partnership=t.ours, name="Training Sub-group"),
        url="/p/ourshire/governance/groups/{r.pk}/change/",
        first_changes={"name": "Learning Sub-group"},
        second_changes={"key_functions": "To train."},
        change="Name (Training Sub-group -> Learning Sub-group)",
        stored=lambda group: (group.name, group.key_functions),
        after_first=("Learning Sub-group", ""),
        after_both=("Training Sub-group", "To train."),
    ),
    "board link": field_race(
        lambda t: BoardLinkFactory(partnership=t.ours, name="MAPPA"),
        "/p/ourshire/governance/links/{r.pk}/change/",
        "relationship",
        "(not recorded -> Chairs meet)",
        first="Chairs meet",
        second="Reports yearly",
    ),
    # A meeting is changed with its decisions; the second person's form held the decisions as
    # they were, so saving again applies that.
    "meeting and its decisions": Race(
        record=_meeting,
        url="/p/ourshire/governance/meetings/{r.pk}/change/",
        first_changes={"title": "Spring meeting", "decisions": "Agree the plan\nRecruit"},
        second_changes={"notes": "Quorate"},
        change="Title (Spring -> Spring meeting)",
        stored=lambda meeting: (meeting.title, meeting.notes, _decisions(meeting)),
        after_first=("Spring meeting", "", ["Agree the plan", "Recruit"]),
        after_both=("Spring", "Quorate", ["Agree the plan"]),
        people=by_roles(Role.GROUP_CHAIR, Role.MANAGER),
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_keeps_both_changes(tenancy, kind):
    run_race(CASES[kind], tenancy)


def test_it_writes_none_of_a_refused_meetings_attendees_or_decisions(tenancy):
    meeting = MeetingFactory(group=GroupFactory(partnership=tenancy.ours), title="Spring")
    DecisionFactory(meeting=meeting, text="Agree the plan")

    def update(title, decisions):
        meeting_update(
            meeting=Meeting.objects.get(pk=meeting.pk),
            date=meeting.date,
            title=title,
            decisions=decisions,
            by=tenancy.manager,
            expected_version=1,
        )

    update("Spring meeting", ["Agree the plan"])
    with pytest.raises(StaleEdit):
        update("Spring", ["Something else"])
    assert _decisions(meeting) == ["Agree the plan"]
    assert Meeting.objects.get(pk=meeting.pk).title == "Spring meeting"
