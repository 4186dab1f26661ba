import pytest

from safeboard.core.errors import ApplicationError
from safeboard.governance.models import Group, GroupType
from safeboard.governance.services import group_create, group_set_archived, group_update
from safeboard.governance.tests.factories import GroupFactory
from safeboard.partnerships.domain.roles import Role


def _create(tenancy, **kwargs):
    defaults = {
        "partnership": tenancy.ours,
        "name": "Education and Training Sub-Group",
        "group_type": GroupType.SUB_GROUP,
        "by": tenancy.manager,
    }
    return group_create(**{**defaults, **kwargs})


def _update(group, tenancy, **kwargs):
    fields = {
        "name": group.name,
        "group_type": group.group_type,
        "parent": group.parent,
        "chair": group.chair,
        "vice_chair": group.vice_chair,
        "by": tenancy.manager,
    }
    return group_update(group=group, **{**fields, **kwargs})


def test_it_creates_a_group_with_a_key_made_from_its_name_and_records_who(tenancy):
    board = _create(tenancy, name="Ourshire Safeguarding Children Board", group_type="board")
    group = _create(
        tenancy,
        parent=board,
        chair_description="Independent",
        vice_chair_description="LSCB Member",
        key_functions="To lead.",
    )
    assert group.key == "education-and-training-sub-group"
    assert group.parent == board
    assert (group.chair_description, group.vice_chair_description) == ("Independent", "LSCB Member")
    assert group.history.get().history_user == tenancy.manager
    assert group.position > board.position


def test_it_numbers_a_key_already_taken(tenancy):
    GroupFactory(partnership=tenancy.ours, key="education-and-training-sub-group", name="Old")
    assert _create(tenancy).key == "education-and-training-sub-group-2"


def test_it_makes_a_key_from_a_name_with_no_letters(tenancy):
    assert _create(tenancy, name="???").key == "group"


def test_it_allows_the_same_key_in_another_partnership(tenancy):
    GroupFactory(partnership=tenancy.theirs, key="education-and-training-sub-group")
    assert _create(tenancy).key == "education-and-training-sub-group"


def test_it_refuses_a_key_another_group_uses(tenancy):
    GroupFactory(partnership=tenancy.ours, key="education")
    with pytest.raises(ApplicationError) as error:
        _create(tenancy, key="education")
    assert error.value.field == "key"


def test_it_refuses_a_key_that_is_not_a_slug(tenancy):
    with pytest.raises(ApplicationError) as error:
        _create(tenancy, key="Not a key!")
    assert error.value.field == "key"


def test_it_refuses_a_duplicate_name_whatever_its_case(tenancy):
    _create(tenancy)
    with pytest.raises(ApplicationError) as error:
        _create(tenancy, name="education AND training sub-group")
    assert error.value.field == "name"
    assert Group.objects.filter(partnership=tenancy.ours).count() == 1


def test_it_refuses_a_blank_name_and_an_unknown_type(tenancy):
    with pytest.raises(ApplicationError) as blank:
        _create(tenancy, name="  ")
    with pytest.raises(ApplicationError) as odd:
        _create(tenancy, group_type="committee")
    assert (blank.value.field, odd.value.field) == ("name", "group_type")


def test_it_refuses_a_parent_from_another_partnership(tenancy):
    theirs = GroupFactory(partnership=tenancy.theirs)
    with pytest.raises(ApplicationError) as error:
        _create(tenancy, parent=theirs)
    assert error.value.field == "parent"
    assert not Group.objects.filter(partnership=tenancy.ours).exists()


def test_it_refuses_an_archived_parent(tenancy):
    from django.utils import timezone

    old = GroupFactory(partnership=tenancy.ours, archived_at=timezone.now())
    with pytest.raises(ApplicationError) as error:
        _create(tenancy, parent=old)
    assert "archived" in error.value.message


def test_it_refuses_a_chair_from_another_partnership(tenancy):
    with pytest.raises(ApplicationError) as error:
        _create(tenancy, chair=tenancy.their_membership)
    assert error.value.field == "chair"


def test_it_refuses_the_same_person_as_chair_and_vice_chair(tenancy):
    chair = tenancy.members[Role.GROUP_CHAIR]
    with pytest.raises(ApplicationError) as error:
        _create(tenancy, chair=chair, vice_chair=chair)
    assert error.value.field == "vice_chair"


def test_it_refuses_a_reporting_line_that_makes_a_loop(tenancy):
    board = GroupFactory(partnership=tenancy.ours)
    smg = GroupFactory(partnership=tenancy.ours, parent=board)
    odg = GroupFactory(partnership=tenancy.ours, parent=smg)
    for group, parent in ((board, board), (board, odg), (smg, odg)):
        with pytest.raises(ApplicationError) as error:
            _update(group, tenancy, parent=parent)
        assert error.value.field == "parent"
        assert "cannot report to itself" in error.value.message
    assert Group.objects.get(pk=board.pk).parent is None
    assert Group.objects.get(pk=smg.pk).parent == board


def test_it_moves_a_group_to_another_branch(tenancy):
    board = GroupFactory(partnership=tenancy.ours)
    smg = GroupFactory(partnership=tenancy.ours, parent=board)
    odg = GroupFactory(partnership=tenancy.ours, parent=smg)
    _update(odg, tenancy, parent=board)
    odg.refresh_from_db()
    assert odg.parent == board


def test_it_keeps_the_key_when_the_name_changes(tenancy):
    group = _create(tenancy)
    _update(group, tenancy, name="Learning and Development Sub-Group")
    group.refresh_from_db()
    assert group.key == "education-and-training-sub-group"
    assert group.name == "Learning and Development Sub-Group"


def test_it_lets_a_group_keep_its_own_name_and_key(tenancy):
    group = _create(tenancy, key="education")
    _update(group, tenancy, key="education", name=group.name.upper())
    group.refresh_from_db()
    assert group.key == "education"


def test_it_refuses_to_archive_a_group_others_report_to(tenancy):
    board = GroupFactory(partnership=tenancy.ours)
    GroupFactory(partnership=tenancy.ours, parent=board)
    with pytest.raises(ApplicationError) as error:
        group_set_archived(group=board, archived=True, by=tenancy.manager)
    assert "report to this group" in error.value.message
    board.refresh_from_db()
    assert not board.is_archived


def test_it_archives_and_restores_a_group(tenancy):
    group = GroupFactory(partnership=tenancy.ours)
    group_set_archived(group=group, archived=True, by=tenancy.manager)
    assert Group.objects.get(pk=group.pk).is_archived
    group_set_archived(group=group, archived=False, by=tenancy.manager)
    assert not Group.objects.get(pk=group.pk).is_archived


def test_it_refuses_to_restore_a_group_whose_parent_is_archived(tenancy):
    from django.utils import timezone

    board = GroupFactory(partnership=tenancy.ours, archived_at=timezone.now())
    group = GroupFactory(partnership=tenancy.ours, parent=board, archived_at=timezone.now())
    with pytest.raises(ApplicationError):
        group_set_archived(group=group, archived=False, by=tenancy.manager)


def test_it_lets_an_archived_group_keep_its_archived_parent_when_changed(tenancy):
    from django.utils import timezone

    board = GroupFactory(partnership=tenancy.ours, archived_at=timezone.now())
    group = GroupFactory(partnership=tenancy.ours, parent=board, archived_at=timezone.now())
    _update(group, tenancy, name="Renamed")
    group.refresh_from_db()
    assert group.name == "Renamed"
    assert group.parent == board
