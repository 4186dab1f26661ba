"""Two people change the same plan record at once: the first wins, the second is told who changed
what since they opened it and keeps their input, and saving again applies it. Nothing of the
first person's change is lost."""

from __future__ import annotations

import datetime

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.models import Action, Plan, Statement, Theme, WorkStream
from safeboard.plans.tests.factories import StatementFactory
from safeboard.ui.tests.forms import date_parts, form_data, read_form


@pytest.fixture
def two_editors(tenancy):
    """The manager, and a second manager (our analyst, promoted)."""
    other = tenancy.members[Role.ANALYST]
    other.role = Role.MANAGER.value
    other.save()
    return client_for(tenancy.manager), client_for(other.user), other.user


def _statement(world):
    return StatementFactory(plan=world.plan, title="Vision", body="Children safe.")


# kind: (URL of the edit page, field both change, how to read it back, the change as described)
CASES = {
    "plan": (
        lambda world: f"/p/ourshire/plans/{world.plan.pk}/edit/",
        "title",
        lambda world: Plan.objects.get(pk=world.plan.pk).title,
        "Title (Strategic Business Plan -> {first})",
    ),
    "statement": (
        lambda world: f"/p/ourshire/plans/statements/{_statement(world).pk}/edit/",
        "body",
        lambda world: Statement.objects.get(plan=world.plan).body,
        "Body (Children safe. -> {first})",
    ),
    "theme": (
        lambda world: f"/p/ourshire/plans/themes/{world.neglect.pk}/edit/",
        "title",
        lambda world: Theme.objects.get(pk=world.neglect.pk).title,
        "Title (Neglect -> {first})",
    ),
    "work stream": (
        lambda world: f"/p/ourshire/plans/work-streams/{world.stream_a.pk}/edit/",
        "title",
        lambda world: WorkStream.objects.get(pk=world.stream_a.pk).title,
        "Title (Neglect strategy -> {first})",
    ),
    "action": (
        lambda world: f"/p/ourshire/plans/actions/{world.action_of_a.pk}/edit/",
        "title",
        lambda world: Action.objects.get(pk=world.action_of_a.pk).title,
        "Title (Launch the neglect toolkit -> {first})",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_keeps_the_first_save_and_tells_the_second_person(tenancy, world, two_editors, kind):
    url_of, field, stored, change = CASES[kind]
    first, second, first_user = two_editors[1], two_editors[0], two_editors[2]
    url = url_of(world)
    first_form, second_form = form_data(first, url), form_data(second, url)
    assert first.post(url, {**first_form, field: "First's words"}).status_code == 302

    response = second.post(url, {**second_form, field: "Second's words"})
    assert response.status_code == 200
    html = response.content.decode().replace("&gt;", ">").replace("&#x27;", "'")
    assert "govuk-error-summary" in html
    assert f"{first_user} changed this on " in html
    assert change.format(first="First's words") in html
    assert "Your changes are below: check them and save again to apply them." in html
    assert "Second's words" in html  # the second person's input, shown again
    assert stored(world) == "First's words"  # nothing of the first is lost

    again = read_form(response.content.decode())
    assert second.post(url, again).status_code == 302  # saving again applies it knowingly
    assert stored(world) == "Second's words"


def test_it_tells_the_second_person_of_a_change_to_another_field_and_writes_nothing(
    tenancy, world, two_editors
):
    """A change to a field the second person did not touch still refuses their save: their form
    would put the old due date back. They are shown the first person's due date change."""
    url = f"/p/ourshire/plans/actions/{world.action_of_a.pk}/edit/"
    first, second = two_editors[1], two_editors[0]
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
    first, second = two_editors[1], two_editors[0]
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
