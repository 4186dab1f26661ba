from django.utils import timezone

from safeboard.governance.selectors import (
    group_parent_choices,
    groups_by_type,
    groups_chaired_by,
    structure_of,
)
from safeboard.governance.tests.factories import BoardLinkFactory, GroupFactory
from safeboard.partnerships.domain.roles import Role


def test_it_finds_the_groups_a_person_chairs_or_vice_chairs(tenancy):
    person = tenancy.members[Role.GROUP_CHAIR]
    chaired = GroupFactory(partnership=tenancy.ours, chair=person)
    vice = GroupFactory(partnership=tenancy.ours, vice_chair=person)
    GroupFactory(partnership=tenancy.ours, chair=tenancy.members[Role.CHAIR])
    GroupFactory(partnership=tenancy.ours, chair_description="Independent")
    GroupFactory(partnership=tenancy.ours, chair=person, archived_at=timezone.now())
    assert groups_chaired_by(person) == {chaired.pk, vice.pk}


def test_it_finds_no_groups_for_someone_who_chairs_none_or_has_left(tenancy):
    person = tenancy.members[Role.GROUP_CHAIR]
    GroupFactory(partnership=tenancy.ours, chair=person)
    assert groups_chaired_by(tenancy.members[Role.AGENCY_LEAD]) == set()
    person.archived_at = timezone.now()
    person.save()
    assert groups_chaired_by(person) == set()


def test_it_does_not_offer_a_group_itself_or_its_sub_groups_to_report_to(tenancy):
    board = GroupFactory(partnership=tenancy.ours)
    smg = GroupFactory(partnership=tenancy.ours, parent=board)
    odg = GroupFactory(partnership=tenancy.ours, parent=smg)
    other = GroupFactory(partnership=tenancy.ours)
    GroupFactory(partnership=tenancy.ours, archived_at=timezone.now())
    GroupFactory(partnership=tenancy.theirs)
    assert set(group_parent_choices(partnership=tenancy.ours, group=smg)) == {board, other}
    assert set(group_parent_choices(partnership=tenancy.ours, group=None)) == {
        board,
        smg,
        odg,
        other,
    }


def test_it_groups_the_groups_by_type_in_the_order_of_types(tenancy):
    GroupFactory(partnership=tenancy.ours, group_type="panel", name="CDOP")
    GroupFactory(partnership=tenancy.ours, group_type="board", name="Board")
    GroupFactory(partnership=tenancy.ours, group_type="panel", name="Another panel")
    tables = groups_by_type(partnership=tenancy.ours)
    assert [(t.group_type.value, [g.name for g in t.groups]) for t in tables] == [
        ("board", ["Board"]),
        ("panel", ["Another panel", "CDOP"]),
    ]


def test_it_builds_the_structure_tree_of_current_groups(tenancy):
    board = GroupFactory(partnership=tenancy.ours, name="Board", position=1)
    smg = GroupFactory(partnership=tenancy.ours, name="SMG", parent=board, position=2)
    GroupFactory(partnership=tenancy.ours, name="Old", parent=board, archived_at=timezone.now())
    GroupFactory(partnership=tenancy.theirs, name="Their board")
    BoardLinkFactory(partnership=tenancy.ours, name="MAPPA")
    structure = structure_of(partnership=tenancy.ours)
    assert [(n.group, [c.group for c in n.children]) for n in structure.tree] == [(board, [smg])]
    assert [link.name for link in structure.board_links] == ["MAPPA"]
    assert "Their board" not in structure.svg
    assert "Old" not in structure.svg
    assert "2 groups of Ourshire" in structure.svg


def test_it_keeps_offering_the_archived_group_a_group_reports_to_now(tenancy):
    board = GroupFactory(partnership=tenancy.ours, archived_at=timezone.now())
    group = GroupFactory(partnership=tenancy.ours, parent=board, archived_at=timezone.now())
    assert set(group_parent_choices(partnership=tenancy.ours, group=group)) == {board}
