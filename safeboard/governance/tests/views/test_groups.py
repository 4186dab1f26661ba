from django.utils import timezone

from conftest import client_for
from safeboard.governance.models import Group
from safeboard.governance.tests.factories import (
    GroupFactory,
    GroupMemberFactory,
    MeetingFactory,
)
from safeboard.partnerships.domain.roles import Role
from safeboard.ui.tests.pages import queries_to_show

GROUPS = "/p/ourshire/governance/groups/"


def _form(**kwargs):
    return {"name": "Policies and Procedures Sub-Group", "group_type": "sub_group", **kwargs}


def test_it_lets_a_manager_add_a_group_that_reports_to_another(tenancy, manager_client):
    board = GroupFactory(partnership=tenancy.ours, name="Ourshire Board", group_type="board")
    response = manager_client.post(
        f"{GROUPS}new/",
        _form(parent=board.pk, chair_description="Independent", key_functions="To lead."),
        follow=True,
    )
    html = response.content.decode()
    group = Group.objects.get(name="Policies and Procedures Sub-Group")
    assert response.redirect_chain[-1][0] == f"{GROUPS}{group.pk}/"
    assert "Policies and Procedures Sub-Group added." in html
    assert group.key == "policies-and-procedures-sub-group"
    assert group.parent == board
    assert "Independent" in html
    assert "Our Partnership manager" in html  # the history says who


def test_it_does_not_let_a_board_member_add_a_group(tenancy):
    client = client_for(tenancy.user(Role.BOARD_MEMBER))
    assert client.get(f"{GROUPS}new/").status_code == 403
    assert client.post(f"{GROUPS}new/", _form()).status_code == 403
    assert not Group.objects.exists()


def test_it_refuses_a_duplicate_name_and_writes_nothing(tenancy, manager_client):
    GroupFactory(partnership=tenancy.ours, name="Policies and Procedures Sub-Group")
    response = manager_client.post(f"{GROUPS}new/", _form(name="policies and procedures sub-group"))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"A group with this name already exists." in response.content
    assert Group.objects.count() == 1


def test_it_refuses_a_parent_or_chair_from_another_partnership(tenancy, manager_client):
    theirs = GroupFactory(partnership=tenancy.theirs, name="Their board")
    response = manager_client.post(
        f"{GROUPS}new/", _form(parent=theirs.pk, chair=tenancy.their_membership.pk)
    )
    html = response.content.decode()
    assert "Select a current group of this partnership" in html
    assert "Select a person in this partnership." in html
    assert "Their board" not in html
    assert not Group.objects.filter(partnership=tenancy.ours).exists()


def test_it_refuses_text_where_a_choice_belongs(tenancy, manager_client):
    response = manager_client.post(f"{GROUPS}new/", _form(group_type="<script>", parent="abc"))
    assert b"Select a valid choice" in response.content
    assert b"<script>" not in response.content
    assert not Group.objects.exists()


def test_it_escapes_hostile_text_on_every_page_showing_it(tenancy, manager_client):
    group = GroupFactory(
        partnership=tenancy.ours,
        name='<script>alert("x")</script>',
        key_functions="<img src=x onerror=alert(1)>",
    )
    for url in (f"{GROUPS}{group.pk}/", GROUPS, "/p/ourshire/governance/structure/"):
        html = manager_client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;" in html, url
    assert "<img src=x" not in manager_client.get(f"{GROUPS}{group.pk}/").content.decode()


def test_it_does_not_offer_a_sub_group_as_the_group_to_report_to(tenancy, manager_client):
    board = GroupFactory(partnership=tenancy.ours, name="Board", group_type="board")
    smg = GroupFactory(partnership=tenancy.ours, name="SMG", parent=board)
    response = manager_client.post(
        f"{GROUPS}{board.pk}/change/", {"name": "Board", "group_type": "board", "parent": smg.pk}
    )
    assert b"Select a current group of this partnership that is not this group" in response.content
    board.refresh_from_db()
    assert board.parent is None


def test_it_changes_a_group_and_keeps_its_key(tenancy, manager_client):
    group = GroupFactory(partnership=tenancy.ours, name="E and T", key="education")
    chair = tenancy.members[Role.GROUP_CHAIR]
    response = manager_client.post(
        f"{GROUPS}{group.pk}/change/",
        _form(
            name="Education and Training",
            chair=chair.pk,
            vice_chair_description="LSCB Member",
            version=group.record_version,
        ),
        follow=True,
    )
    assert b"Group saved." in response.content
    group.refresh_from_db()
    assert (group.name, group.key, group.chair) == ("Education and Training", "education", chair)
    assert b"<del>E and T</del>" in response.content


def test_it_shows_everything_about_a_group(tenancy):
    board = GroupFactory(partnership=tenancy.ours, name="Ourshire Board", group_type="board")
    group = GroupFactory(
        partnership=tenancy.ours,
        name="Strategic Management Group",
        group_type="strategic",
        parent=board,
        chair_description="Independent",
        vice_chair=tenancy.members[Role.CHAIR],
        key_functions="To ensure the effective use of policies.\n\nTo communicate.",
        terms_of_reference="- Meets quarterly\n- Quorate with four agencies",
    )
    GroupMemberFactory(group=group, name="Pat Lay", is_lay_member=True)
    GroupMemberFactory(group=group, name="Sam Police", agency=tenancy.agency)
    GroupFactory(partnership=tenancy.ours, name="Operational Delivery Group", parent=group)
    MeetingFactory(group=group, title="Autumn meeting")
    html = client_for(tenancy.user(Role.BOARD_MEMBER)).get(f"{GROUPS}{group.pk}/").content.decode()
    for text in (
        "Strategic management group",
        "Ourshire Board",
        "Independent",
        "Our Chair or scrutineer",
        '<p class="govuk-body">To ensure the effective use of policies.</p>',
        "<li>Meets quarterly</li>",
        "Pat Lay",
        "Lay member",
        "Ourshire Police",
        "Operational Delivery Group",
        "7 September 2011: Autumn meeting",
        "Work of this group",
        "The work streams and actions this group owns",
    ):
        assert text in html, text
    assert f"/plans/groups/{group.pk}/" in html
    assert "Add a member" not in html
    assert "Record a meeting" not in html


def test_it_shows_not_recorded_for_blank_fields(tenancy, manager_client):
    group = GroupFactory(partnership=tenancy.ours)
    html = manager_client.get(f"{GROUPS}{group.pk}/").content.decode()
    assert html.count("Not recorded") >= 4  # short name, chair, vice chair, key functions, ToR


def test_it_lists_groups_by_type_with_reporting_line_and_chair(tenancy):
    board = GroupFactory(partnership=tenancy.ours, name="Ourshire Board", group_type="board")
    GroupFactory(
        partnership=tenancy.ours,
        name="Child Death Overview Panel",
        group_type="panel",
        parent=board,
        chair=tenancy.members[Role.GROUP_CHAIR],
    )
    GroupFactory(partnership=tenancy.ours, name="Gone", archived_at=timezone.now())
    html = client_for(tenancy.user(Role.ANALYST)).get(GROUPS).content.decode()
    assert html.index(">Board</caption>") < html.index(">Panel</caption>")
    assert "Child Death Overview Panel" in html
    assert "Our Group chair" in html
    assert "Gone" not in html
    assert "Gone" in client_for(tenancy.manager).get(f"{GROUPS}?archived=1").content.decode()


def test_it_keeps_the_group_list_to_a_fixed_number_of_queries(tenancy, manager_client):
    def count():
        return queries_to_show(manager_client, GROUPS)

    board = GroupFactory(partnership=tenancy.ours, chair=tenancy.members[Role.CHAIR])
    small = count()
    for i in range(30):
        GroupFactory(
            partnership=tenancy.ours,
            parent=board,
            group_type=["panel", "sub_group", "task_group"][i % 3],
            chair=tenancy.members[Role.GROUP_CHAIR],
            vice_chair=tenancy.members[Role.ANALYST],
        )
    assert count() == small


def test_it_archives_and_restores_a_group(tenancy, manager_client):
    group = GroupFactory(partnership=tenancy.ours, name="Task group")
    response = manager_client.post(f"{GROUPS}{group.pk}/archive/", {"confirm": "yes"}, follow=True)
    assert b"Task group archived." in response.content
    assert Group.objects.get(pk=group.pk).is_archived
    response = manager_client.post(
        f"{GROUPS}{group.pk}/archive/", {"action": "restore", "confirm": "yes"}, follow=True
    )
    assert b"Task group restored." in response.content
    assert not Group.objects.get(pk=group.pk).is_archived


def test_it_shows_why_a_group_cannot_be_archived(tenancy, manager_client):
    board = GroupFactory(partnership=tenancy.ours)
    GroupFactory(partnership=tenancy.ours, parent=board)
    response = manager_client.post(f"{GROUPS}{board.pk}/archive/", {"confirm": "yes"}, follow=True)
    assert b"Groups still report to this group." in response.content
    assert not Group.objects.get(pk=board.pk).is_archived


def test_it_does_not_let_a_group_chair_archive_their_group(tenancy):
    group = GroupFactory(partnership=tenancy.ours, chair=tenancy.members[Role.GROUP_CHAIR])
    client = client_for(tenancy.user(Role.GROUP_CHAIR))
    assert client.post(f"{GROUPS}{group.pk}/archive/", {"confirm": "yes"}).status_code == 403
    assert not Group.objects.get(pk=group.pk).is_archived
