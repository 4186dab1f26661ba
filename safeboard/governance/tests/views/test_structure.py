import re

from django.utils import timezone

from conftest import client_for
from safeboard.governance.tests.factories import BoardLinkFactory, GroupFactory
from safeboard.governance.tests.svg import from_page
from safeboard.partnerships.domain.roles import Role
from safeboard.ui.tests.pages import queries_to_show

URL = "/p/ourshire/governance/structure/"
SVG = "{http://www.w3.org/2000/svg}"


def _lincolnshire(tenancy):
    board = GroupFactory(
        partnership=tenancy.ours, name="Ourshire Safeguarding Children Board", group_type="board"
    )
    smg = GroupFactory(
        partnership=tenancy.ours,
        name="Strategic Management Group",
        group_type="strategic",
        parent=board,
        chair_description="Independent",
        vice_chair_description="LSCB Member",
    )
    odg = GroupFactory(
        partnership=tenancy.ours,
        name="Operational Delivery Group",
        group_type="operational",
        parent=smg,
        chair=tenancy.members[Role.GROUP_CHAIR],
    )
    subs = [
        GroupFactory(partnership=tenancy.ours, name=name, group_type=kind, parent=odg)
        for name, kind in [
            ("Serious Case Review Group", "review_group"),
            ("Child Death Overview Panel", "panel"),
            ("Inter-Agency Case Review Group", "review_group"),
            ("Policies and Procedures", "sub_group"),
            ("Community Involvement and Communications", "sub_group"),
            ("Quality Assurance and Risk Management", "sub_group"),
            ("Education and Training", "sub_group"),
            ("Sexual Exploitation and Missing Children", "task_group"),
        ]
    ]
    return [board, smg, odg, *subs]


def _svg(html):
    return from_page(html)


def test_it_shows_every_group_in_the_chart_and_in_the_text_equivalent(tenancy):
    groups = _lincolnshire(tenancy)
    html = client_for(tenancy.user(Role.BOARD_MEMBER)).get(URL).content.decode()
    svg = _svg(html)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text.startswith("Structure chart of Ourshire")
    assert "Ourshire Safeguarding Children Board is at the top" in svg.find(f"{SVG}desc").text
    drawn = {int(g.get("data-group")) for g in svg.iter(f"{SVG}g")}
    listed = {int(i) for i in re.findall(r'<li data-group="(\d+)">', html)}
    assert drawn == listed == {g.pk for g in groups}
    lines = [(int(p.get("data-parent")), int(p.get("data-child"))) for p in svg.iter(f"{SVG}path")]
    assert sorted(lines) == sorted((g.parent_id, g.pk) for g in groups if g.parent_id)
    assert int(svg.get("width")) <= 960


def test_it_nests_the_text_equivalent_by_reporting_line_with_chairs(tenancy):
    _lincolnshire(tenancy)
    html = client_for(tenancy.user(Role.BOARD_MEMBER)).get(URL).content.decode()
    text = re.sub(r"\s+", " ", html[html.index('id="structure-list"') :])
    assert "(Strategic management group). Chair: Independent. Vice chair: LSCB Member." in text
    assert "Chair: Our Group chair." in text
    # The sub-groups are in a list inside the operational delivery group's item.
    odg = text.index("Operational Delivery Group</a>")
    assert text.index("<ul", odg) < text.index("Education and Training", odg)


def test_it_lists_the_links_to_other_boards_and_leaves_out_archived_groups(tenancy):
    GroupFactory(partnership=tenancy.ours, name="Current")
    GroupFactory(partnership=tenancy.ours, name="Gone", archived_at=timezone.now())
    GroupFactory(partnership=tenancy.theirs, name="Theirs")
    BoardLinkFactory(partnership=tenancy.ours, name="Domestic Abuse Board", kind="domestic_abuse")
    html = client_for(tenancy.user(Role.AGENCY_LEAD)).get(URL).content.decode()
    assert "Domestic Abuse Board" in html
    assert "Current" in html
    assert "Gone" not in html
    assert "Theirs" not in html


def test_it_says_when_there_are_no_groups(tenancy, manager_client):
    html = manager_client.get(URL).content.decode()
    assert "No groups recorded yet." in html
    assert "<svg" not in html


def test_it_draws_the_chart_in_a_fixed_number_of_queries(tenancy, manager_client):
    def count():
        return queries_to_show(manager_client, URL)

    board = GroupFactory(partnership=tenancy.ours, chair=tenancy.members[Role.CHAIR])
    BoardLinkFactory(partnership=tenancy.ours)
    small = count()
    for _ in range(5):
        parent = GroupFactory(partnership=tenancy.ours, parent=board)
        GroupFactory.create_batch(
            4, partnership=tenancy.ours, parent=parent, chair=tenancy.members[Role.GROUP_CHAIR]
        )
    BoardLinkFactory.create_batch(5, partnership=tenancy.ours)
    assert count() == small


def test_it_marks_governance_as_the_current_navigation_item(tenancy, manager_client):
    html = manager_client.get(URL).content.decode()
    assert re.search(r'href="/p/ourshire/governance/structure/" aria-current="true"', html)
