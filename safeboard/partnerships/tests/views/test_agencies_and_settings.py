from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency
from safeboard.partnerships.tests.factories import AgencyFactory
from safeboard.ui.tests.pages import queries_to_show


def test_it_lets_a_manager_add_an_agency_and_shows_its_history(tenancy, manager_client):
    response = manager_client.post(
        "/p/ourshire/agencies/new/",
        {"name": "Ourshire Fire and Rescue", "short_name": "OFR", "agency_type": "fire_rescue"},
        follow=True,
    )
    html = response.content.decode()
    assert "Ourshire Fire and Rescue added." in html
    assert "Fire and rescue" in html
    assert "Created" in html
    assert "Our Partnership manager" in html


def test_it_refuses_a_duplicate_agency_name_and_writes_nothing(tenancy, manager_client):
    response = manager_client.post(
        "/p/ourshire/agencies/new/", {"name": "ourshire police", "agency_type": "police"}
    )
    assert b"An agency with this name already exists." in response.content
    assert Agency.objects.filter(partnership=tenancy.ours).count() == 1


def test_it_refuses_text_that_is_not_a_type(tenancy, manager_client):
    response = manager_client.post(
        "/p/ourshire/agencies/new/", {"name": "Odd", "agency_type": "'; DROP TABLE x; --"}
    )
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not Agency.objects.filter(name="Odd").exists()


def test_it_shows_an_archive_refusal_as_a_message(tenancy, manager_client):
    response = manager_client.post(
        f"/p/ourshire/agencies/{tenancy.agency.pk}/archive/", {"confirm": "yes"}, follow=True
    )
    assert b"People are still members for this agency" in response.content
    assert not Agency.objects.get(pk=tenancy.agency.pk).is_archived


def test_it_does_not_let_an_agency_lead_change_agencies(tenancy):
    client = client_for(tenancy.user(Role.AGENCY_LEAD))
    response = client.post(
        f"/p/ourshire/agencies/{tenancy.agency.pk}/edit/",
        {"name": "Hijacked", "agency_type": "police"},
    )
    assert response.status_code == 403
    assert Agency.objects.get(pk=tenancy.agency.pk).name == "Ourshire Police"


def test_it_lets_the_manager_rename_the_partnership_and_records_it(tenancy, manager_client):
    response = manager_client.post(
        "/p/ourshire/settings/",
        {
            "name": "Ourshire Safeguarding Partnership",
            "short_name": "OSP",
            "area": "Ourshire",
            "version": "1",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Partnership details saved." in html
    assert "<del>Ourshire Safeguarding Children Partnership</del>" in html


def test_it_shows_the_role_matrix_to_every_member(tenancy):
    html = client_for(tenancy.user(Role.BOARD_MEMBER)).get("/p/ourshire/roles/").content.decode()
    assert "What each role can do" in html
    assert "Add people and set their roles" in html
    for role in Role:
        assert role.label in html


def test_it_keeps_the_agency_list_to_a_fixed_number_of_queries(tenancy, manager_client):
    def count():
        return queries_to_show(manager_client, "/p/ourshire/agencies/")

    small = count()
    AgencyFactory.create_batch(60, partnership=tenancy.ours)
    assert count() == small


def test_it_shows_only_the_partnerships_in_the_switcher_that_the_person_belongs_to(tenancy):
    from safeboard.partnerships.services import membership_add

    membership_add(
        partnership=tenancy.theirs,
        email=tenancy.manager.email,
        full_name="",
        role=Role.CHAIR,
        agency=None,
        by=tenancy.outsider,
    )
    client = client_for(tenancy.manager)
    html = client.get("/p/ourshire/").content.decode()
    assert 'id="partnership-switcher"' in html
    assert "Theirshire Safeguarding Children Partnership" in html
    response = client.get("/switch/", {"to": "theirshire"})
    assert response.status_code == 302
    assert response["Location"] == "/p/theirshire/"
    assert client.get("/p/theirshire/").status_code == 200
    assert (
        client_for(tenancy.user(Role.CHAIR)).get("/switch/", {"to": "theirshire"}).status_code
        == 404
    )
