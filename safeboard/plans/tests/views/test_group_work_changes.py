"""A group chair changes the work streams and actions their group owns, and adds actions to it;
they cannot change another group's, move their own to a group they do not chair, or change
plan-level records. Each refusal shares its setup with a success."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.models import Action, WorkStream
from safeboard.plans.tests.factories import WorkStreamFactory


def action_data(action: Action, **changes: Any) -> dict[str, Any]:
    """The action form as its page would post it (with the version it was loaded from), with
    `changes`."""
    data: dict[str, Any] = {
        "version": action.record_version,
        "title": action.title,
        "description": action.description,
        "work_stream": action.work_stream_id or "",
        "group": action.group_id or "",
        "lead_agency": action.lead_agency_id or "",
        "lead_person": action.lead_person_id or "",
        "status": action.status,
        "rag": action.rag,
        "impact_measure": action.impact_measure,
        "arising_from": "",
    }
    data.update(changes)
    return data


def stream_data(stream: WorkStream, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": stream.record_version,
        "title": stream.title,
        "description": stream.description,
        "group": stream.group_id or "",
        "position": stream.position,
    }
    data.update(changes)
    return data


def _edit(action: Action) -> str:
    return f"/p/ourshire/plans/actions/{action.pk}/edit/"


def _stream_edit(stream: WorkStream) -> str:
    return f"/p/ourshire/plans/work-streams/{stream.pk}/edit/"


@pytest.fixture
def chair(tenancy):
    return client_for(tenancy.user(Role.GROUP_CHAIR))


def test_it_lets_a_group_chair_change_their_groups_action_but_not_another_groups(
    tenancy, world, chair
):
    ok = chair.post(_edit(world.action_of_a), action_data(world.action_of_a, title="Toolkit v2"))
    assert ok.status_code == 302
    world.action_of_a.refresh_from_db()
    assert world.action_of_a.title == "Toolkit v2"
    assert world.action_of_a.history.first().history_user == tenancy.user(Role.GROUP_CHAIR)

    assert chair.get(_edit(world.action_of_b)).status_code == 403
    refused = chair.post(_edit(world.action_of_b), action_data(world.action_of_b, title="Mine"))
    assert refused.status_code == 403
    world.action_of_b.refresh_from_db()
    assert world.action_of_b.title == "Run training"


def test_it_lets_a_group_chair_change_an_action_their_group_owns_through_its_work_stream(
    tenancy, world, chair
):
    action = world.action_of_b
    action.group, action.work_stream = None, world.stream_a
    action.save()
    response = chair.post(_edit(action), action_data(action, title="Now ours"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Now ours"


@pytest.mark.parametrize(
    "move",
    ["to_another_group", "to_no_group", "into_another_groups_work_stream"],
)
def test_it_refuses_to_let_a_group_chair_move_their_action_out_of_their_groups(
    tenancy, world, chair, move
):
    stream_b = WorkStreamFactory(plan=world.plan, title="Training plan", group=world.group_b)
    changes = {
        "to_another_group": {"group": world.group_b.pk},
        "to_no_group": {"group": "", "work_stream": ""},
        "into_another_groups_work_stream": {"group": "", "work_stream": stream_b.pk},
    }[move]
    response = chair.post(_edit(world.action_of_a), action_data(world.action_of_a, **changes))
    assert response.status_code == 200
    assert "You can only change the work of groups you chair" in response.content.decode()
    world.action_of_a.refresh_from_db()
    assert world.action_of_a.group_id == world.group_a.pk
    assert world.action_of_a.work_stream_id == world.stream_a.pk
    # The manager may move it anywhere.
    manager = client_for(tenancy.manager)
    moved = manager.post(_edit(world.action_of_a), action_data(world.action_of_a, **changes))
    assert moved.status_code == 302


def test_it_offers_a_group_chair_only_their_own_groups_and_work_streams(tenancy, world, chair):
    WorkStreamFactory(plan=world.plan, title="Training plan", group=world.group_b)
    html = chair.get(_edit(world.action_of_a)).content.decode()
    assert "Neglect Sub-Group" in html
    assert "Neglect strategy" in html
    assert "Training Sub-Group" not in html
    assert "Training plan" not in html
    manager_html = client_for(tenancy.manager).get(_edit(world.action_of_a)).content.decode()
    assert "Training Sub-Group" in manager_html
    assert "Training plan" in manager_html


def test_it_lets_a_group_chair_add_an_action_to_their_work_stream_only(tenancy, world, chair):
    url = f"/p/ourshire/plans/{world.plan.pk}/actions/new/"
    blank = Action(plan=world.plan, title="Audit neglect cases")
    ok = chair.post(url, action_data(blank, work_stream=world.stream_a.pk))
    assert ok.status_code == 302
    added = Action.objects.get(title="Audit neglect cases")
    assert added.owning_group_id == world.group_a.pk

    stream_b = WorkStreamFactory(plan=world.plan, title="Training plan", group=world.group_b)
    refused = chair.post(url, action_data(blank, title="Sneak in", work_stream=stream_b.pk))
    assert refused.status_code == 200
    assert "You can only change the work of groups you chair" in refused.content.decode()
    refused = chair.post(url, action_data(blank, title="Sneak in"))  # owned by nobody
    assert refused.status_code == 200
    assert not Action.objects.filter(title="Sneak in").exists()


def test_it_refuses_new_actions_from_a_group_chair_who_chairs_no_group(tenancy, world, chair):
    world.group_a.chair = None
    world.group_a.save()
    url = f"/p/ourshire/plans/{world.plan.pk}/actions/new/"
    assert chair.get(url).status_code == 403
    blank = Action(plan=world.plan, title="Nobody's")
    assert chair.post(url, action_data(blank, work_stream=world.stream_a.pk)).status_code == 403
    assert not Action.objects.filter(title="Nobody's").exists()


def test_it_lets_a_group_chair_change_their_work_stream_but_not_move_it_or_delete_it(
    tenancy, world, chair
):
    stream = world.stream_a
    ok = chair.post(_stream_edit(stream), stream_data(stream, title="Neglect strategy 2"))
    assert ok.status_code == 302
    stream.refresh_from_db()
    assert stream.title == "Neglect strategy 2"

    for group in (world.group_b.pk, ""):
        moved = chair.post(_stream_edit(stream), stream_data(stream, group=group))
        assert moved.status_code == 200
        assert "Select a group you chair" in moved.content.decode()
        stream.refresh_from_db()
        assert stream.group_id == world.group_a.pk

    page = chair.get(_stream_edit(stream)).content.decode()
    assert "/delete/" not in page
    assert (
        chair.post(
            f"/p/ourshire/plans/work-streams/{stream.pk}/delete/", {"confirm": "yes"}
        ).status_code
        == 403
    )
    assert WorkStream.objects.filter(pk=stream.pk).exists()


def test_it_refuses_a_group_chair_another_groups_work_stream(tenancy, world, chair):
    stream_b = WorkStreamFactory(plan=world.plan, title="Training plan", group=world.group_b)
    assert chair.get(_stream_edit(stream_b)).status_code == 403
    response = chair.post(
        _stream_edit(stream_b), stream_data(stream_b, title="Mine", group=world.group_a.pk)
    )
    assert response.status_code == 403
    stream_b.refresh_from_db()
    assert (stream_b.title, stream_b.group_id) == ("Training plan", world.group_b.pk)


def test_it_keeps_plan_level_records_to_the_manager(tenancy, world, chair):
    plan = world.plan
    for url, data in (
        (
            f"/p/ourshire/plans/{plan.pk}/edit/",
            {"title": "Ours now", "start_year": "2017", "end_year": "2019"},
        ),
        (f"/p/ourshire/plans/{plan.pk}/statements/new/", {"kind": "vision", "body": "x"}),
        (f"/p/ourshire/plans/{plan.pk}/themes/new/", {"kind": "strategic_priority", "title": "x"}),
        (
            f"/p/ourshire/plans/{plan.pk}/work-streams/new/",
            {"title": "x", "group": world.group_a.pk},
        ),
        (
            f"/p/ourshire/plans/themes/{world.neglect.pk}/edit/",
            {"kind": "strategic_priority", "title": "x"},
        ),
    ):
        assert chair.post(url, data).status_code == 403, url
    plan.refresh_from_db()
    assert plan.title == "Strategic Business Plan"


@pytest.mark.parametrize("role", [Role.AGENCY_LEAD, Role.CHAIR, Role.ANALYST, Role.BOARD_MEMBER])
def test_it_refuses_changes_from_roles_that_only_record_progress_or_read(tenancy, world, role):
    client = client_for(tenancy.user(role))
    world.action_of_x.lead_person = tenancy.members[role]
    world.action_of_x.save()
    assert client.get(_edit(world.action_of_x)).status_code == 403
    response = client.post(_edit(world.action_of_x), action_data(world.action_of_x, title="X"))
    assert response.status_code == 403
    world.action_of_x.refresh_from_db()
    assert world.action_of_x.title == "Police audit"


def test_it_offers_change_only_to_those_who_may(tenancy, world):
    action_url = f"/p/ourshire/plans/actions/{world.action_of_a.pk}/"
    other_url = f"/p/ourshire/plans/actions/{world.action_of_b.pk}/"
    change = 'Change<span class="govuk-visually-hidden"> the action</span>'
    offers = {
        role: (
            change in client_for(tenancy.user(role)).get(action_url).content.decode(),
            change in client_for(tenancy.user(role)).get(other_url).content.decode(),
        )
        for role in Role
    }
    assert offers == {
        Role.MANAGER: (True, True),
        Role.GROUP_CHAIR: (True, False),
        Role.AGENCY_LEAD: (False, False),
        Role.CHAIR: (False, False),
        Role.ANALYST: (False, False),
        Role.BOARD_MEMBER: (False, False),
    }


def test_it_offers_change_on_the_plan_page_only_for_the_work_streams_one_may_change(
    tenancy, world, chair
):
    stream_b = WorkStreamFactory(plan=world.plan, title="Training plan", group=world.group_b)
    html = chair.get(f"/p/ourshire/plans/{world.plan.pk}/").content.decode()
    assert _stream_edit(world.stream_a) in html
    assert _stream_edit(stream_b) not in html
    assert f"/p/ourshire/plans/{world.plan.pk}/actions/new/" in html
    assert f"/p/ourshire/plans/{world.plan.pk}/work-streams/new/" not in html
    reader = client_for(tenancy.user(Role.BOARD_MEMBER)).get(f"/p/ourshire/plans/{world.plan.pk}/")
    assert "/edit/" not in reader.content.decode().split('id="work-streams"')[1]
    assert f"/p/ourshire/plans/{world.plan.pk}/actions/new/" not in reader.content.decode()
