"""Two people change the same plan record at once: the first wins, the second is told who changed
what since they opened it and keeps their input, and saving again applies it. Nothing of the
first person's change is lost."""

from __future__ import annotations

import datetime

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.models import Action, Theme
from safeboard.plans.tests.factories import StatementFactory
from safeboard.ui.tests.forms import date_parts, field_race, form_data, run_race, two_managers


@pytest.fixture
def two_editors(tenancy):
    """A second manager (our analyst, promoted) first, and the manager."""
    return tuple(client_for(user) for user in two_managers(tenancy))


CASES = {
    "plan": field_race(
        lambda world: world.plan,
        "/p/ourshire/plans/{r.pk}/edit/",
        "title",
        "Title (Strategic Business Plan -> First's words)",
    ),
    "statement": field_race(
        lambda world: StatementFactory(plan=world.plan, title="Vision", body="Children safe."),
        "/p/ourshire/plans/statements/{r.pk}/edit/",
        "body",
        "Body (Children safe. -> First's words)",
    ),
    "theme": field_race(
        lambda world: world.neglect,
        "/p/ourshire/plans/themes/{r.pk}/edit/",
        "title",
        "Title (Neglect -> First's words)",
    ),
    "work stream": field_race(
        lambda world: world.stream_a,
        "/p/ourshire/plans/work-streams/{r.pk}/edit/",
        "title",
        "Title (Neglect strategy -> First's words)",
    ),
    "action": field_race(
        lambda world: world.action_of_a,
        "/p/ourshire/plans/actions/{r.pk}/edit/",
        "title",
        "Title (Launch the neglect toolkit -> First's words)",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_keeps_the_first_save_and_tells_the_second_person(tenancy, world, kind):
    run_race(CASES[kind], tenancy, world)


def test_it_tells_the_second_person_of_a_change_to_another_field_and_writes_nothing(
    tenancy, world, two_editors
):
    """A change to a field the second person did not touch still refuses their save: their form
    would put the old due date back. They are shown the first person's due date change."""
    url = f"/p/ourshire/plans/actions/{world.action_of_a.pk}/edit/"
    first, second = two_editors
    first_form, second_form = form_data(first, url), form_data(second, url)
    due = datetime.date(2026, 3, 31)
    assert first.post(url, {**first_form, **date_parts("due_date", due)}).status_code == 302
    refused = second.post(url, {**second_form, "status": "at_risk"})
    assert refused.status_code == 200
    assert "Due date (not recorded -> 31 March 2026)" in refused.content.decode().replace(
        "&gt;", ">"
    )
    action = Action.objects.get(pk=world.action_of_a.pk)
    assert (action.due_date, action.status) == (due, world.action_of_a.status)


def test_it_refuses_a_stale_work_stream_save_without_touching_its_themes(
    tenancy, world, two_editors
):
    url = f"/p/ourshire/plans/work-streams/{world.stream_a.pk}/edit/"
    first, second = two_editors
    first_form, second_form = form_data(first, url), form_data(second, url)
    assert first.post(url, {**first_form, "title": "Renamed"}).status_code == 302
    assert second.post(url, {**second_form, "themes": []}).status_code == 200
    assert list(world.stream_a.themes.all()) == [world.neglect]


def test_it_refuses_a_form_without_its_version_as_out_of_date(tenancy, world):
    client = client_for(tenancy.manager)
    url = f"/p/ourshire/plans/themes/{world.neglect.pk}/edit/"
    response = client.post(url, form_data(client, url, version=None, title="Changed"))
    assert response.status_code == 200
    assert "This page is out of date." in response.content.decode()
    assert Theme.objects.get(pk=world.neglect.pk).title == "Neglect"


def test_it_moves_the_version_on_when_progress_changes_the_action(tenancy, world):
    """Recording progress changes the action's RAG: an edit form opened before it is refused,
    so the RAG is not silently put back."""
    manager = client_for(tenancy.manager)
    url = f"/p/ourshire/plans/actions/{world.action_of_a.pk}/edit/"
    stale = form_data(manager, url)
    progress = {**date_parts("date", datetime.date.today()), "narrative": "Late", "rag": "red"}
    chair = client_for(tenancy.user(Role.GROUP_CHAIR))
    assert chair.post(f"{url[:-5]}progress/", progress).status_code == 302
    response = manager.post(url, {**stale, "title": "Renamed"})
    assert response.status_code == 200
    assert "changed this on" in response.content.decode()
    action = Action.objects.get(pk=world.action_of_a.pk)
    assert (action.rag, action.title) == ("red", "Launch the neglect toolkit")
