from django.core import mail

from conftest import client_for
from safeboard.accounts.models import User
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Membership
from safeboard.ui.tests.pages import queries_to_show


def test_it_lets_a_manager_add_a_person_who_is_invited_by_email(
    tenancy, manager_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            "/p/ourshire/people/add/",
            {"full_name": "Sam Example", "email": "sam@example.org", "role": "analyst"},
            follow=True,
        )
    assert response.status_code == 200
    assert b"Sam Example added as Analyst" in response.content
    membership = Membership.objects.get(partnership=tenancy.ours, user__email="sam@example.org")
    assert membership.role == "analyst"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@example.org"]
    assert "/account/password/reset/" in mail.outbox[0].body
    assert "Ourshire" in mail.outbox[0].subject


def test_it_shows_an_error_summary_naming_each_field(tenancy, manager_client):
    response = manager_client.post(
        "/p/ourshire/people/add/", {"full_name": "", "email": "not-an-email", "role": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_email"' in html
    assert "Enter an e-mail address in the correct format" in html
    assert 'href="#id_role_0"' in html
    assert "Select a role." in html
    assert "<title>Error: " in html
    assert not User.objects.filter(email="not-an-email").exists()


def test_it_refuses_an_agency_lead_without_an_agency_and_writes_nothing(tenancy, manager_client):
    response = manager_client.post(
        "/p/ourshire/people/add/",
        {"full_name": "Lee", "email": "lee@example.org", "role": "agency_lead", "agency": ""},
    )
    assert b"Select the agency this agency lead acts for." in response.content
    assert not User.objects.filter(email="lee@example.org").exists()


def test_it_refuses_an_agency_of_another_partnership_by_id(tenancy, manager_client):
    response = manager_client.post(
        "/p/ourshire/people/add/",
        {
            "full_name": "Lee",
            "email": "lee@example.org",
            "role": "agency_lead",
            "agency": str(tenancy.their_agency.pk),
        },
    )
    assert b"Select an agency of this partnership." in response.content
    assert not User.objects.filter(email="lee@example.org").exists()


def test_it_escapes_a_script_typed_into_a_name(tenancy, manager_client):
    manager_client.post(
        "/p/ourshire/people/add/",
        {"full_name": "<script>alert(1)</script>", "email": "x@example.org", "role": "chair"},
    )
    html = manager_client.get("/p/ourshire/people/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_shows_the_history_of_a_role_change_on_the_person_page(tenancy, manager_client):
    analyst = tenancy.members[Role.ANALYST]
    response = manager_client.post(
        f"/p/ourshire/people/{analyst.pk}/edit/",
        {"role": "chair", "agency": "", "job_title": "Scrutineer", "version": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "Role saved." in html
    assert "Our Partnership manager" in html  # who
    assert "<del>Analyst</del>" in html
    assert "<ins>Chair or scrutineer</ins>" in html


def test_it_does_not_let_a_board_member_add_people(tenancy):
    client = client_for(tenancy.user(Role.BOARD_MEMBER))
    response = client.post(
        "/p/ourshire/people/add/", {"full_name": "X", "email": "x@example.org", "role": "manager"}
    )
    assert response.status_code == 403
    assert b"You cannot do this" in response.content
    assert not User.objects.filter(email="x@example.org").exists()


def test_it_keeps_the_people_list_to_a_fixed_number_of_queries(
    tenancy, manager_client, django_assert_num_queries
):
    from safeboard.partnerships.tests.factories import MembershipFactory

    def queries_for_list():
        return queries_to_show(manager_client, "/p/ourshire/people/")

    small = queries_for_list()
    MembershipFactory.create_batch(40, partnership=tenancy.ours, agency=tenancy.agency)
    assert queries_for_list() == small
