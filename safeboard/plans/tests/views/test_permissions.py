"""Who may record progress: a group chair on their group's actions, an agency lead on their
agency's, the manager on any; everyone else reads. Each refusal shares its setup with a success."""

import datetime

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.models import ProgressUpdate
from safeboard.ui.tests.forms import date_parts

TODAY = date_parts("date", datetime.date.today())


def _progress(tenancy, role, action, rag="red"):
    client = client_for(tenancy.user(role))
    return client.post(
        f"/p/ourshire/plans/actions/{action.pk}/progress/",
        {**TODAY, "narrative": "Toolkit drafted", "rag": rag, "status": "at_risk"},
    )


def test_it_lets_a_group_chair_record_progress_on_their_groups_action_only(tenancy, world):
    ok = _progress(tenancy, Role.GROUP_CHAIR, world.action_of_a)
    assert ok.status_code == 302
    world.action_of_a.refresh_from_db()
    assert (world.action_of_a.rag, world.action_of_a.status) == ("red", "at_risk")

    refused = _progress(tenancy, Role.GROUP_CHAIR, world.action_of_b)
    assert refused.status_code == 403
    world.action_of_b.refresh_from_db()
    assert world.action_of_b.rag == ""
    assert not ProgressUpdate.objects.filter(action=world.action_of_b).exists()


def test_it_lets_a_vice_chair_with_the_group_chair_role_update_too(tenancy, world):
    world.group_b.vice_chair = tenancy.members[Role.GROUP_CHAIR]
    world.group_b.save()
    assert _progress(tenancy, Role.GROUP_CHAIR, world.action_of_b).status_code == 302


def test_it_lets_a_group_chair_update_an_action_of_their_groups_work_stream(tenancy, world):
    world.action_of_b.group = None
    world.action_of_b.work_stream = world.stream_a  # owned by group A
    world.action_of_b.save()
    assert _progress(tenancy, Role.GROUP_CHAIR, world.action_of_b).status_code == 302


def test_it_lets_an_agency_lead_record_progress_on_their_agencys_action_only(tenancy, world):
    assert _progress(tenancy, Role.AGENCY_LEAD, world.action_of_x).status_code == 302
    assert ProgressUpdate.objects.filter(action=world.action_of_x).count() == 1

    refused = _progress(tenancy, Role.AGENCY_LEAD, world.action_of_a)
    assert refused.status_code == 403
    assert not ProgressUpdate.objects.filter(action=world.action_of_a).exists()


def test_it_lets_the_manager_record_progress_on_any_action(tenancy, world):
    for action in (world.action_of_a, world.action_of_b, world.action_of_x):
        assert _progress(tenancy, Role.MANAGER, action).status_code == 302


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.CHAIR, Role.ANALYST])
def test_it_refuses_progress_from_those_who_only_read(tenancy, world, role):
    assert _progress(tenancy, Role.MANAGER, world.action_of_x, rag="green").status_code == 302
    assert _progress(tenancy, role, world.action_of_x).status_code == 403
    world.action_of_x.refresh_from_db()
    assert world.action_of_x.rag == "green"
    assert ProgressUpdate.objects.filter(action=world.action_of_x).count() == 1


def test_it_does_not_let_a_chair_of_a_group_without_the_group_chair_role_update(tenancy, world):
    world.group_b.chair = tenancy.members[Role.BOARD_MEMBER]
    world.group_b.save()
    assert _progress(tenancy, Role.BOARD_MEMBER, world.action_of_b).status_code == 403


def test_it_offers_record_progress_only_to_those_who_may(tenancy, world):
    url = f"/p/ourshire/plans/actions/{world.action_of_a.pk}/"
    offers = {
        role: "Record progress</a>" in client_for(tenancy.user(role)).get(url).content.decode()
        for role in Role
    }
    assert offers == {
        Role.MANAGER: True,
        Role.GROUP_CHAIR: True,
        Role.AGENCY_LEAD: False,
        Role.CHAIR: False,
        Role.ANALYST: False,
        Role.BOARD_MEMBER: False,
    }


def test_it_explains_on_the_progress_page_who_may_record_progress(tenancy, world):
    url = f"/p/ourshire/plans/actions/{world.action_of_a.pk}/progress/"
    lead = client_for(tenancy.user(Role.AGENCY_LEAD)).get(url).content.decode()
    assert "You cannot record progress on this action." in lead
    assert "Neglect Sub-Group" in lead
    assert 'name="narrative"' not in lead
    chair = client_for(tenancy.user(Role.GROUP_CHAIR)).get(url).content.decode()
    assert 'name="narrative"' in chair


def test_it_gives_the_same_404_for_another_partnerships_action(tenancy, world):
    from safeboard.plans.tests.factories import ActionFactory, PlanFactory

    theirs = ActionFactory(plan=PlanFactory(partnership=tenancy.theirs))
    client = client_for(tenancy.manager)
    for suffix in ("", "progress/", "edit/"):
        assert client.get(f"/p/ourshire/plans/actions/{theirs.pk}/{suffix}").status_code == 404
    assert (
        client.post(
            f"/p/ourshire/plans/actions/{theirs.pk}/progress/",
            {**TODAY, "narrative": "x"},
        ).status_code
        == 404
    )
    assert not ProgressUpdate.objects.filter(action=theirs).exists()
