from django.core import mail

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Membership, Partnership
from safeboard.partnerships.tests.factories import NEW_PARTNERSHIP, UserFactory


def test_it_lets_the_site_administrator_create_a_partnership_and_its_first_manager(
    tenancy, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_site_admin=True)
    client = client_for(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/site-admin/partnerships/new/",
            NEW_PARTNERSHIP,
            follow=True,
        )
    html = response.content.decode()
    assert "Westshire Safeguarding Children Partnership created." in html
    membership = Membership.objects.get(partnership__slug="westshire")
    assert membership.role == Role.MANAGER.value
    assert membership.user.email == "wes@westshire.example"
    assert mail.outbox[0].to == ["wes@westshire.example"]
    # The administrator is not a member, so sees none of it.
    assert client.get("/p/westshire/").status_code == 404


def test_it_refuses_a_bad_web_address_name(tenancy):
    client = client_for(UserFactory(is_site_admin=True))
    response = client.post(
        "/site-admin/partnerships/new/",
        {"name": "X", "slug": "Not A Slug!", "manager_name": "M", "manager_email": "m@example.org"},
    )
    assert b"Use only lower-case letters, numbers and hyphens" in response.content
    assert not Partnership.objects.filter(name="X").exists()


def test_it_lists_partnership_names_only(tenancy):
    html = client_for(UserFactory(is_site_admin=True)).get("/site-admin/").content.decode()
    assert "Ourshire Safeguarding Children Partnership" in html
    assert "Ourshire Police" not in html
    assert "ourshire.example" not in html


def test_it_refuses_the_site_admin_pages_to_a_partnership_manager(tenancy, manager_client):
    assert manager_client.get("/site-admin/").status_code == 403
    assert manager_client.post("/site-admin/partnerships/new/", {"name": "Y"}).status_code == 403
    assert not Partnership.objects.filter(name="Y").exists()
