from conftest import client_for
from safeboard.governance.models import BoardLink
from safeboard.governance.tests.factories import BoardLinkFactory
from safeboard.partnerships.domain.roles import Role

LINKS = "/p/ourshire/governance/links/"


def test_it_lets_a_manager_add_change_and_remove_a_link(tenancy, manager_client):
    response = manager_client.post(
        f"{LINKS}new/",
        {
            "name": "Health and Wellbeing Board",
            "kind": "health_wellbeing",
            "relationship": "Formal",
        },
        follow=True,
    )
    assert b"Link to Health and Wellbeing Board added." in response.content
    link = BoardLink.objects.get()
    assert link.key == "health-and-wellbeing-board"
    response = manager_client.post(
        f"{LINKS}{link.pk}/change/",
        {
            "name": "Health and Wellbeing Board",
            "kind": "health_wellbeing",
            "relationship": "Both",
            "version": "1",
        },
        follow=True,
    )
    assert b"Both" in response.content
    page = manager_client.get(f"{LINKS}{link.pk}/change/").content.decode()
    assert "History" in page
    assert "<del>Formal</del>" in page
    response = manager_client.post(f"{LINKS}{link.pk}/delete/", {"confirm": "yes"}, follow=True)
    assert b"Link to Health and Wellbeing Board removed." in response.content
    assert not BoardLink.objects.exists()


def test_it_shows_links_to_everyone_but_lets_only_the_manager_change_them(tenancy):
    link = BoardLinkFactory(partnership=tenancy.ours, name="MAPPA", kind="mappa")
    client = client_for(tenancy.user(Role.CHAIR))
    html = client.get(LINKS).content.decode()
    assert "MAPPA" in html
    assert "Multi-agency public protection arrangements" in html
    assert "Add a link" not in html
    assert client.post(f"{LINKS}{link.pk}/delete/", {"confirm": "yes"}).status_code == 403
    assert client.post(f"{LINKS}new/", {"name": "X", "kind": "other"}).status_code == 403
    assert BoardLink.objects.count() == 1


def test_it_refuses_a_duplicate_link_name(tenancy, manager_client):
    BoardLinkFactory(partnership=tenancy.ours, name="MAPPA")
    response = manager_client.post(f"{LINKS}new/", {"name": "mappa", "kind": "mappa"})
    assert b"A link to a board with this name already exists." in response.content
    assert BoardLink.objects.count() == 1
