"""The header's partnership switcher: full names, and landing on the same section of the other
partnership (the same page when it names no record, else the section's landing page)."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.services import membership_add
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.plans.tests.factories import ActionFactory, PlanFactory


def _join_theirs(tenancy, user, role: Role) -> None:
    membership_add(
        partnership=tenancy.theirs,
        email=user.email,
        full_name="",
        role=role,
        agency=None,
        by=tenancy.outsider,
    )


@pytest.fixture
def in_both(tenancy):
    """Ourshire's manager, also a board member of Theirshire."""
    _join_theirs(tenancy, tenancy.manager, Role.BOARD_MEMBER)
    return client_for(tenancy.manager)


def _switch_link(page: str, name: str) -> str:
    """The href of the header's link to the partnership called `name`."""
    switcher = page.split('id="partnership-switcher"', 1)[1].split("</details>", 1)[0]
    for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', switcher):
        if html_lib.unescape(text) == name:
            return str(html_lib.unescape(href))
    raise AssertionError(f"no link to {name} in the switcher")


def _follow(client, page_url: str, name: str) -> str:
    page = client.get(page_url).content.decode()
    response = client.get(_switch_link(page, name))
    assert response.status_code == 302
    return str(response["Location"])


def test_it_shows_every_partnership_by_its_full_name(tenancy, in_both):
    page = in_both.get("/p/ourshire/agencies/").content.decode()
    switcher = page.split('id="partnership-switcher"', 1)[1].split("</details>", 1)[0]
    assert "Theirshire Safeguarding Children Partnership</a>" in switcher
    assert "<strong>Ourshire Safeguarding Children Partnership</strong>" in switcher
    assert "<select" not in switcher  # a select cuts long names; links wrap


@pytest.mark.parametrize(
    "page",
    ["/p/ourshire/plans/", "/p/ourshire/measures/", "/p/ourshire/agencies/", "/p/ourshire/budget/"],
)
def test_it_lands_on_the_same_page_of_the_other_partnership(tenancy, in_both, page):
    theirs = page.replace("/p/ourshire/", "/p/theirshire/")
    assert _follow(in_both, page, "Theirshire Safeguarding Children Partnership") == theirs
    assert in_both.get(theirs).status_code == 200


def test_it_lands_on_the_sections_landing_page_from_a_records_page(tenancy, in_both):
    plan = PlanFactory(partnership=tenancy.ours)
    action = ActionFactory(plan=plan)
    indicator = IndicatorFactory(partnership=tenancy.ours)
    theirshire = "Theirshire Safeguarding Children Partnership"
    expected = {
        f"/p/ourshire/plans/actions/{action.pk}/": "/p/theirshire/plans/",
        f"/p/ourshire/measures/indicators/{indicator.pk}/": "/p/theirshire/measures/",
        f"/p/ourshire/agencies/{tenancy.agency.pk}/": "/p/theirshire/agencies/",
    }
    for page, landing in expected.items():
        assert _follow(in_both, page, theirshire) == landing, page


def test_it_lands_on_the_home_page_where_the_role_there_may_not_see_the_page(tenancy, in_both):
    # A manager here, a board member there: Theirshire's settings are not for them.
    assert in_both.get("/p/ourshire/settings/").status_code == 200
    landing = _follow(
        in_both, "/p/ourshire/settings/", "Theirshire Safeguarding Children Partnership"
    )
    assert landing == "/p/theirshire/"


@pytest.mark.parametrize(
    "came_from",
    [
        "",
        "https://evil.example/p/ourshire/plans/",
        "//evil.example/",
        "/no/such/page/",
        "/account/",
    ],
)
def test_it_never_sends_anyone_off_site_whatever_the_page_says(tenancy, in_both, came_from):
    response = in_both.get("/switch/", {"to": "theirshire", "from": came_from})
    assert response.status_code == 302
    assert response["Location"] == "/p/theirshire/"


def test_it_refuses_a_partnership_the_person_is_not_in(tenancy):
    client = client_for(tenancy.user(Role.CHAIR))
    response = client.get("/switch/", {"to": "theirshire", "from": "/p/ourshire/plans/"})
    assert response.status_code == 404
