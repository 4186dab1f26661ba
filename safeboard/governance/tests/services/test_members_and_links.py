import pytest
from django.utils import timezone

from safeboard.core.errors import ApplicationError
from safeboard.governance.models import BoardLink, GroupMember
from safeboard.governance.services import (
    board_link_create,
    board_link_delete,
    board_link_update,
    group_member_add,
    group_member_remove,
)
from safeboard.governance.tests.factories import BoardLinkFactory, GroupFactory
from safeboard.partnerships.domain.roles import Role


@pytest.fixture
def group(tenancy):
    return GroupFactory(partnership=tenancy.ours, name="Education and Training Sub-Group")


def test_it_adds_a_member_with_their_own_agency(tenancy, group):
    lead = tenancy.members[Role.AGENCY_LEAD]
    member = group_member_add(group=group, membership=lead, by=tenancy.manager)
    assert member.agency == tenancy.agency
    assert member.history.get().history_user == tenancy.manager


def test_it_adds_a_lay_member_by_name_without_an_agency(tenancy, group):
    member = group_member_add(
        group=group, name="  Pat Lay ", is_lay_member=True, by=tenancy.manager
    )
    assert (member.name, member.agency, member.is_lay_member) == ("Pat Lay", None, True)


def test_it_needs_a_person_or_a_name_but_not_both(tenancy, group):
    with pytest.raises(ApplicationError) as neither:
        group_member_add(group=group, by=tenancy.manager)
    with pytest.raises(ApplicationError) as both:
        group_member_add(
            group=group,
            membership=tenancy.members[Role.CHAIR],
            name="Someone",
            by=tenancy.manager,
        )
    assert (neither.value.field, both.value.field) == ("membership", "name")
    assert not GroupMember.objects.exists()


def test_it_refuses_a_person_or_agency_of_another_partnership(tenancy, group):
    with pytest.raises(ApplicationError) as person:
        group_member_add(group=group, membership=tenancy.their_membership, by=tenancy.manager)
    with pytest.raises(ApplicationError) as agency:
        group_member_add(group=group, name="X", agency=tenancy.their_agency, by=tenancy.manager)
    assert (person.value.field, agency.value.field) == ("membership", "agency")
    assert not GroupMember.objects.exists()


def test_it_refuses_someone_already_on_the_group(tenancy, group):
    group_member_add(group=group, membership=tenancy.members[Role.CHAIR], by=tenancy.manager)
    group_member_add(group=group, name="Pat Lay", by=tenancy.manager)
    with pytest.raises(ApplicationError):
        group_member_add(group=group, membership=tenancy.members[Role.CHAIR], by=tenancy.manager)
    with pytest.raises(ApplicationError):
        group_member_add(group=group, name="pat lay", by=tenancy.manager)
    assert GroupMember.objects.count() == 2


def test_it_refuses_members_for_an_archived_group(tenancy):
    group = GroupFactory(partnership=tenancy.ours, archived_at=timezone.now())
    with pytest.raises(ApplicationError):
        group_member_add(group=group, name="Pat", by=tenancy.manager)


def test_it_removes_a_member_and_keeps_the_history(tenancy, group):
    member = group_member_add(group=group, name="Pat Lay", by=tenancy.manager)
    group_member_remove(member=member, by=tenancy.manager)
    assert not GroupMember.objects.exists()
    removal = GroupMember.history.filter(history_type="-").get()
    assert removal.history_user == tenancy.manager
    assert removal.name == "Pat Lay"


def test_it_links_the_board_to_another_board_with_a_key(tenancy):
    link = board_link_create(
        partnership=tenancy.ours,
        name="Health and Wellbeing Board",
        kind="health_wellbeing",
        relationship="Formal link.",
        by=tenancy.manager,
    )
    assert link.key == "health-and-wellbeing-board"
    again = board_link_create(
        partnership=tenancy.ours, name="Health Board", kind="other", key="", by=tenancy.manager
    )
    assert again.key == "health-board"


def test_it_refuses_a_duplicate_link_or_an_unknown_kind(tenancy):
    BoardLinkFactory(partnership=tenancy.ours, name="MAPPA")
    with pytest.raises(ApplicationError) as duplicate:
        board_link_create(partnership=tenancy.ours, name="mappa", kind="mappa", by=tenancy.manager)
    with pytest.raises(ApplicationError) as kind:
        board_link_create(partnership=tenancy.ours, name="New", kind="nope", by=tenancy.manager)
    assert (duplicate.value.field, kind.value.field) == ("name", "kind")


def test_it_changes_and_deletes_a_link_recording_who(tenancy):
    link = BoardLinkFactory(partnership=tenancy.ours, name="Adult board", key="adult")
    board_link_update(
        link=link,
        name="Adult Safeguarding and Dignity Board",
        kind="adult_safeguarding",
        relationship="Maintain links.",
        by=tenancy.manager,
    )
    link.refresh_from_db()
    assert link.name == "Adult Safeguarding and Dignity Board"
    assert link.key == "adult"
    board_link_delete(link=link, by=tenancy.manager)
    assert not BoardLink.objects.exists()
    assert BoardLink.history.filter(history_type="-").get().history_user == tenancy.manager
