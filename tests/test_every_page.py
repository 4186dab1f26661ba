"""Every page each role can reach answers, and a role that may not act gets 403, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from safeboard.partnerships.domain.roles import Role, role_can
from tests.urlwalk import partnership_routes


@pytest.mark.parametrize("role", list(Role))
def test_it_answers_every_page_for_every_role(walk, role):
    client = client_for(walk.tenancy.user(role))
    ours = walk.ours
    for route in partnership_routes():
        kwargs = {k: ours(k) for k in route.kwargs if k != "partnership_slug"}
        url = reverse(route.name, kwargs={"partnership_slug": "ourshire", **kwargs})
        allowed = role_can(role, route.callback.partnership_capability)
        get = client.get(url)
        if get.status_code != 405:
            assert get.status_code == (200 if allowed else 403), f"GET {url} as {role}"
        # An empty form posted by anyone: an error summary, a redirect or a refusal. Never a 500.
        post = client.post(url, {})
        assert post.status_code in (200, 302, 403, 405), f"POST {url} as {role}"
        if not allowed:
            assert post.status_code in (403, 405)


def test_it_answers_the_global_pages(walk):
    client = client_for(walk.tenancy.manager)
    assert client.get("/")["Location"] == "/p/ourshire/"
    for url in ("/account/", "/account/password/change/", "/healthz"):
        assert client.get(url).status_code == 200, url
