import datetime

from safeboard.partnerships.domain.roles import Role
from safeboard.plans import selectors
from safeboard.plans.domain.rag import RagRollUp, is_overdue
from safeboard.plans.models import Action
from safeboard.plans.tests.factories import ActionFactory, ThemeFactory, WorkStreamFactory

TODAY = datetime.date(2018, 6, 15)


def _rate(action, status, rag, due=None):
    action.status, action.rag, action.due_date = status, rag, due
    action.save()


def test_it_rolls_up_by_theme_through_the_work_stream_and_directly(tenancy, world):
    voice = ThemeFactory(plan=world.plan, kind="cross_cutting", title="Voice of the child")
    _rate(world.action_of_a, "off_track", "red")  # neglect, through its work stream
    _rate(world.action_of_b, "on_track", "green")
    world.action_of_b.themes.add(world.neglect, voice)  # neglect and voice, directly
    _rate(world.action_of_x, "cancelled", "red")
    world.action_of_x.themes.add(world.neglect)  # cancelled: not counted

    overview = selectors.plan_overview(plan=world.plan, today=TODAY)
    by_theme = {b.theme.title: b.rollup for _, blocks in overview.theme_rows for b in blocks}
    assert by_theme["Neglect"] == RagRollUp(red=1, green=1)
    assert by_theme["Neglect"].overall == "red"
    assert by_theme["Voice of the child"] == RagRollUp(green=1)
    assert overview.total == RagRollUp(red=1, green=1)

    neglect = next(b for b in overview.priorities if b.theme == world.neglect)
    assert [s.work_stream for s in neglect.streams] == [world.stream_a]
    assert neglect.streams[0].actions == [world.action_of_a]
    assert neglect.other_actions == [world.action_of_b, world.action_of_x]
    assert voice not in [b.theme for b in overview.priorities]  # cross-cutting: roll-up only


def test_it_rolls_up_by_owning_group_including_through_the_work_stream(tenancy, world):
    loose = ActionFactory(plan=world.plan, work_stream=world.stream_a, status="complete")
    nobody = ActionFactory(plan=world.plan, rag="amber")
    _rate(world.action_of_a, "at_risk", "amber")
    overview = selectors.plan_overview(plan=world.plan, today=TODAY)
    rows = {(row.group.name if row.group else None): row.rollup for row in overview.groups}
    assert rows == {
        "Neglect Sub-Group": RagRollUp(amber=1, complete=1),
        "Training Sub-Group": RagRollUp(not_rated=2),
        None: RagRollUp(amber=1),
    }
    assert loose.owning_group == world.group_a
    assert nobody in overview.unlinked_streams[-1].actions


def test_it_lists_work_streams_and_actions_linked_to_no_theme(tenancy, world):
    stream = WorkStreamFactory(plan=world.plan, title="Governance")
    in_stream = ActionFactory(plan=world.plan, work_stream=stream)
    overview = selectors.plan_overview(plan=world.plan, today=TODAY)
    unlinked = {
        (b.work_stream.title if b.work_stream else None): b.actions
        for b in overview.unlinked_streams
    }
    assert unlinked["Governance"] == [in_stream]
    assert set(unlinked[None]) == {world.action_of_b, world.action_of_x}


def test_it_finds_the_same_overdue_actions_as_the_domain_rule(tenancy, world):
    cases = [
        ("on_track", datetime.date(2018, 6, 14)),
        ("", datetime.date(2018, 1, 1)),
        ("complete", datetime.date(2018, 1, 1)),
        ("cancelled", datetime.date(2018, 1, 1)),
        ("off_track", TODAY),
        ("off_track", None),
    ]
    for status, due in cases:
        ActionFactory(plan=world.plan, status=status, due_date=due)
    listed = set(
        selectors.action_list(
            plan=world.plan, filters=selectors.ActionFilters(overdue=True), today=TODAY
        )
    )
    expected = {
        a for a in Action.objects.filter(plan=world.plan) if is_overdue(a.due_date, a.status, TODAY)
    }
    assert listed == expected
    assert len(expected) == 2


def test_it_finds_my_actions_by_lead_person_agency_and_chaired_group(tenancy, world):
    board_member = tenancy.members[Role.BOARD_MEMBER]
    mine = ActionFactory(plan=world.plan, lead_person=board_member)
    assert list(selectors.my_actions(membership=board_member)) == [mine]
    lead = tenancy.members[Role.AGENCY_LEAD]
    assert set(selectors.my_actions(membership=lead)) == {world.action_of_x}
    chair = tenancy.members[Role.GROUP_CHAIR]
    through_stream = ActionFactory(plan=world.plan, work_stream=world.stream_a)
    assert set(selectors.my_actions(membership=chair)) == {world.action_of_a, through_stream}
    assert selectors.chaired_group_ids(membership=chair) == {world.group_a.pk}


def test_it_filters_actions_by_each_field(tenancy, world):
    _rate(world.action_of_b, "on_track", "green")
    plan = world.plan

    def titles(**filters):
        qs = selectors.action_list(
            plan=plan, filters=selectors.ActionFilters(**filters), today=TODAY
        )
        return {a.title for a in qs}

    assert titles(group=world.group_a) == {"Launch the neglect toolkit"}
    assert titles(lead_agency=world.agency_x) == {"Police audit"}
    assert titles(theme=world.neglect) == {"Launch the neglect toolkit"}
    assert titles(work_stream=world.stream_a) == {"Launch the neglect toolkit"}
    assert titles(status="on_track") == {"Run training"}
    assert titles(status=selectors.NOT_RECORDED) == {"Launch the neglect toolkit", "Police audit"}
    assert titles(rag="green") == {"Run training"}
    assert titles(rag=selectors.NOT_RECORDED, group=world.group_b) == {"Police audit"}
