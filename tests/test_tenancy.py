"""Tenancy, proven over every URL of the project.

A member of one partnership, trying every page of another (and every page of their own with the
other's record ids), gets the same 404 a missing page gets, whatever the method.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import client_for
from safeboard.partnerships.domain.roles import Role, role_can
from tests.url_records import url_records
from tests.urlwalk import all_routes, partnership_routes

# Pages outside any partnership. Each shows only the signed-in person's own things, or nothing.
GLOBAL_ROUTES = {
    "home",
    "healthz",
    "switch_partnership",
    "site_partnerships",
    "site_partnership_create",
    "account",
    "accounts:sign_in",
    "accounts:sign_out",
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}


def test_it_puts_every_page_either_inside_a_partnership_or_on_the_known_global_list():
    names = {r.name for r in all_routes()}
    untenanted = {r.name for r in all_routes() if not r.in_partnership}
    assert untenanted == GLOBAL_ROUTES, "a new page outside /p/<slug>/ must be reviewed"
    assert len(names) > len(GLOBAL_ROUTES)


def test_it_guards_every_partnership_page_with_the_access_module():
    for route in partnership_routes():
        assert hasattr(route.callback, "partnership_capability"), (
            f"{route.name} is not wrapped by access.partnership_view"
        )


def test_it_knows_every_record_kind_in_partnership_urls():
    known = url_records()
    for route in partnership_routes():
        for kwarg in route.kwargs:
            assert kwarg == "partnership_slug" or kwarg in known, (
                f"list {kwarg} (used by {route.name}) in the app's tests/url_records.py"
            )


def _url(route, slug, ids):
    """The route filled in with `slug` and record ids made by `ids` (a RecordIds)."""
    kwargs = {k: ids(k) for k in route.kwargs if k != "partnership_slug"}
    return reverse(route.name, kwargs={"partnership_slug": slug, **kwargs})


@pytest.mark.parametrize("role", list(Role))
def test_it_shows_a_member_nothing_of_another_partnership(walk, role):
    tenancy, theirs = walk.tenancy, walk.theirs
    client = client_for(tenancy.user(role))
    for route in partnership_routes():
        their_page = _url(route, tenancy.theirs.slug, theirs)
        # On their partnership's pages: 404, as if it did not exist.
        expected = {their_page: 404}
        if set(route.kwargs) - {"partnership_slug"}:
            # Their record named on our page: 404, or the 403 this role gets for any record here,
            # so the answer never depends on whether the record exists elsewhere.
            allowed = role_can(role, route.callback.partnership_capability)
            expected[_url(route, tenancy.ours.slug, theirs)] = 404 if allowed else 403
        for url, status in expected.items():
            for method in (client.get, client.post):
                response = method(url)
                if response.status_code == 405:
                    continue
                assert response.status_code == status, f"{method.__name__.upper()} {url}"
                assert tenancy.theirs.name.encode() not in response.content
                assert b"Theirshire Police" not in response.content


def test_it_answers_the_same_for_missing_and_not_yours(walk):
    tenancy = walk.tenancy
    client = client_for(tenancy.manager)
    not_yours = client.get(f"/p/ourshire/agencies/{tenancy.their_agency.pk}/")
    missing = client.get("/p/ourshire/agencies/987654/")
    no_such_partnership = client.get("/p/no-such-place/agencies/")
    their_partnership = client.get("/p/theirshire/agencies/")
    assert not_yours.status_code == missing.status_code == 404
    assert no_such_partnership.status_code == their_partnership.status_code == 404
    assert _page(not_yours) == _page(missing)
    assert _page(no_such_partnership) == _page(their_partnership)


def _page(response):
    """The page without what differs on every response (CSRF token, CSP nonce)."""
    return re.sub(rb'(value|nonce)="[^"]*"', b"", response.content)


def test_it_sends_a_signed_out_visitor_to_sign_in_from_every_partnership_page(walk):
    from django.test import Client

    client = Client()
    for route in partnership_routes():
        url = _url(route, walk.tenancy.ours.slug, walk.ours)
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_it_shows_the_site_administrator_no_partnership_data(walk):
    from safeboard.partnerships.tests.factories import UserFactory

    admin = UserFactory(is_site_admin=True)
    client = client_for(admin)
    for route in partnership_routes():
        response = client.get(_url(route, walk.tenancy.ours.slug, walk.ours))
        assert response.status_code in (404, 405), route.name


def test_it_ignores_a_partnership_the_person_was_removed_from(walk):
    from safeboard.partnerships.services import membership_archive

    tenancy = walk.tenancy
    member = tenancy.members[Role.ANALYST]
    membership_archive(membership=member, by=tenancy.manager)
    assert client_for(member.user).get("/p/ourshire/").status_code == 404
