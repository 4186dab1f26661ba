"""The home page as each role meets it: their real work, most urgent first, with working links;
first steps for a new partnership; the site administrator's landing page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Membership
from safeboard.partnerships.tests.factories import NEW_PARTNERSHIP, UserFactory
from safeboard.partnerships.tests.home_world import build, grow
from safeboard.ui.tests.pages import queries_to_show

HOME = "/p/ourshire/"


def _home(tenancy, role):
    response = client_for(tenancy.user(role)).get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def _panel(page: str, key: str) -> str:
    """The text of one panel (its summary card) of the page."""
    found = re.search(rf'id="panel-{key}">(.*?)</div>\s*</div>', page, re.S)
    assert found, f"no panel {key}"
    return found.group(1)


def _links(page: str) -> list[str]:
    return re.findall(r'href="(/p/[^"]+)"', page)


@pytest.fixture
def world(tenancy):
    return build(tenancy, today=timezone.localdate())


def test_it_shows_an_agency_lead_their_overdue_actions_and_the_returns_their_agency_owes(
    tenancy, world
):
    page = _home(tenancy, Role.AGENCY_LEAD)
    actions = _panel(page, "plansmy_actions")
    assert "Audit referrals" in actions
    assert "Overdue" in actions
    assert f"/p/ourshire/plans/actions/{world.overdue.pk}/" in actions
    # Complete, or due in two months: not on the home page.
    assert "Old audit" not in actions
    assert "Annual report" not in actions
    returns = _panel(page, "performanceagency_returns")
    assert f"/p/ourshire/measures/returns/{world.owed.pk}/" in returns
    # The submitted one is with the analyst, not owed.
    assert f"/returns/{world.waiting.pk}/" not in returns
    # Overdue work comes before anything merely to note.
    assert page.index("Audit referrals") < page.index("Your partnership")
    assert "Nothing needs you today" not in page


def test_it_shows_a_group_chair_the_actions_their_group_owns(tenancy, world):
    page = _home(tenancy, Role.GROUP_CHAIR)
    actions = _panel(page, "plansmy_actions")
    assert "Neglect toolkit" in actions
    assert "Due soon" in actions
    assert "Audit referrals" not in actions  # their agency is not theirs


def test_it_shows_a_chair_off_track_priorities_signals_and_their_own_action(tenancy, world):
    page = _home(tenancy, Role.CHAIR)
    assert "Chair&#x27;s review" in _panel(page, "plansmy_actions")
    priorities = _panel(page, "planspriorities")
    assert "Tackle neglect" in priorities
    assert "red" in priorities
    assert f"/plans/{world.overdue.plan_id}/overview/#theme-" in priorities
    indicators = _panel(page, "performanceindicators")
    assert "Children waiting for assessment" in indicators
    assert "Special cause: concern" in indicators
    assert f"/measures/indicators/{world.concern.pk}/" in indicators
    # A chair approves no returns.
    assert 'id="panel-performanceapprovals"' not in page


def test_it_warns_when_most_actions_under_the_priorities_have_no_rating(tenancy, world):
    from safeboard.plans.models import Action

    Action.objects.filter(partnership=tenancy.ours).update(rag="")
    priorities = _panel(_home(tenancy, Role.BOARD_MEMBER), "planspriorities")
    assert "govuk-warning-text" in priorities
    assert "have no RAG rating yet" in priorities


def test_it_shows_an_analyst_returns_waiting_for_approval_and_late_agencies(tenancy, world):
    page = _home(tenancy, Role.ANALYST)
    waiting = _panel(page, "performanceapprovals")
    assert f"/measures/returns/{world.waiting.pk}/" in waiting
    late = _panel(page, "performancelate_agencies")
    assert tenancy.agency.name in late
    assert "1 return overdue" in late


def test_it_tells_a_person_with_nothing_to_do_so_plainly(tenancy):
    page = _home(tenancy, Role.BOARD_MEMBER)
    assert "Nothing needs you today." in page


def test_every_link_on_each_roles_home_page_works(tenancy, world):
    for role in Role:
        client = client_for(tenancy.user(role))
        page = client.get(HOME).content.decode()
        for url in set(_links(page)):
            assert client.get(url.split("#")[0]).status_code == 200, (role, url)


def test_it_shows_what_changed_since_the_previous_visit_without_a_history_row_a_visit(
    tenancy, world
):
    chair = tenancy.members[Role.CHAIR]
    client = client_for(chair.user)
    first = client.get(HOME).content.decode()
    assert 'id="panel-planschanges"' not in first  # a first visit has no "since"
    chair.refresh_from_db()
    visited = chair.last_home_visit
    assert visited is not None
    assert chair.history.count() == Membership.objects.get(pk=chair.pk).history.count()
    history_rows = chair.history.count()
    # Someone else changes the plan; the chair comes back in a new session.
    world.due_soon.title = "Neglect toolkit, second edition"
    world.due_soon._history_user = tenancy.manager
    world.due_soon.save()
    again = client_for(chair.user).get(HOME).content.decode()
    changes = _panel(again, "planschanges")
    assert "1 change to the plan by others" in changes
    found = re.search(r'href="(/p/ourshire/changes/\?since=[^"]+)"', changes)
    assert found
    url = found.group(1)
    listed = client.get(url.replace("&amp;", "&")).content.decode()
    assert "Neglect toolkit, second edition" in listed
    assert "Our Partnership manager" in listed
    assert chair.history.count() == history_rows  # visits are not changes


def test_it_lands_a_site_administrator_without_a_partnership_on_the_partnerships_list(db):
    admin = UserFactory(is_site_admin=True)
    response = client_for(admin).get("/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/site-admin/"
    assert "Create a partnership" in page
    assert "You are not a member of any partnership" not in page


def test_it_says_an_invitation_was_sent_and_gives_the_new_manager_first_steps(db):
    admin = UserFactory(is_site_admin=True)
    response = client_for(admin).post("/site-admin/partnerships/new/", NEW_PARTNERSHIP, follow=True)
    assert "sent them an invitation" in response.content.decode()
    manager = Membership.objects.get(partnership__slug="westshire").user
    page = client_for(manager).get("/p/westshire/").content.decode()
    steps = page.split('id="first-steps"')[1].split("</ul>")[0]
    for text, url in (
        ("Add agencies", "/p/westshire/agencies/new/"),
        ("Invite people", "/p/westshire/people/add/"),
        ("Load a plan file", "/p/westshire/plan-file/"),
        ("Add indicators", "/p/westshire/measures/indicators/add/"),
    ):
        assert text in steps
        assert url in steps
        assert client_for(manager).get(url).status_code == 200


def test_it_keeps_the_home_page_to_a_fixed_number_of_queries(tenancy, world):
    today = timezone.localdate()
    clients = {role: client_for(tenancy.user(role)) for role in Role}
    for client in clients.values():
        client.get(HOME)  # the first visit; the rest read "since"

    def counts():
        return {role: queries_to_show(client, HOME) for role, client in clients.items()}

    small = counts()
    grow(tenancy, 3, today=today)
    medium = counts()
    grow(tenancy, 12, today=today)
    assert small == medium == counts()
