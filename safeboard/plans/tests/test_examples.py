"""The example partnerships' illustrative delivery details (plans' `examples` entry)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from conftest import client_for
from safeboard.accounts.models import User
from safeboard.interchange.examples import Demo
from safeboard.partnerships.home import DUE_SOON_DAYS
from safeboard.plans import examples
from safeboard.plans.domain.rag import is_overdue
from safeboard.plans.models import Action, ProgressUpdate
from safeboard.ui.tests.forms import form_data

EXAMPLES = Path(settings.BASE_DIR) / "examples"
SLUGS = ("lincolnshire", "north-east-lincolnshire")


@pytest.fixture
def loaded(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "examples test password")
    call_command("load_examples", "--quiet")


def _plan_file_actions(slug: str) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((EXAMPLES / f"{slug}.yaml").read_text(encoding="utf-8"))
    return {a["key"]: a for plan in data["plans"] for a in plan.get("actions", [])}


def _snapshot(actions: Any) -> list[tuple[Any, ...]]:
    return [
        (
            a.key,
            a.due_date,
            a.start_date,
            a.status,
            a.rag,
            a.lead_agency_id,
            a.lead_person_id,
            tuple((u.date, u.rag, u.status, u.narrative) for u in a.updates.order_by("date", "pk")),
        )
        for a in actions
    ]


def test_it_brings_the_example_actions_alive_without_changing_the_seeds_text(loaded):
    today = timezone.localdate()
    for slug in SLUGS:
        actions = list(
            Action.objects.filter(partnership__slug=slug).select_related("lead_person__user")
        )
        seed = _plan_file_actions(slug)
        assert {a.key for a in actions} == set(seed)
        for action in actions:
            assert action.title == seed[action.key]["title"]
            assert action.description == seed[action.key].get("description", "")
            assert action.is_illustrative
            assert action.due_date is not None
            assert action.start_date is not None
            assert action.start_date <= action.due_date
            assert action.lead_agency is not None
        late = [a for a in actions if is_overdue(a.due_date, a.status, today)]
        soon = [
            a
            for a in actions
            if a.due_date is not None
            and today <= a.due_date <= today + datetime.timedelta(days=DUE_SOON_DAYS)
            and a.status not in ("complete", "cancelled")
        ]
        assert late, slug
        assert soon, slug
        ratings = {a.rag for a in actions}
        assert {"red", "amber", "green", ""} <= ratings, slug
        unrated = [a for a in actions if not a.rag]
        assert 0 < len(unrated) < len(actions) / 3, "a few unrated, most rated"
        leads = {a.lead_person.user.email for a in actions if a.lead_person}
        assert f"agencylead@{slug}.example" in leads
        assert f"groupchair@{slug}.example" in leads
        for action in actions:
            if action.lead_person and action.lead_person.user.email.startswith("agencylead@"):
                assert action.lead_agency_id == action.lead_person.agency_id
        updates = ProgressUpdate.objects.filter(partnership__slug=slug)
        assert updates.count() >= len(actions) // 2
        for update in updates:
            assert update.is_illustrative
            assert update.narrative.startswith("Illustrative: ")
            assert update.date <= today
        # Each action's latest update leaves it where it stands now.
        for action in actions:
            latest = action.updates.order_by("-date", "-pk").first()
            if latest is not None:
                assert (latest.rag, latest.status) == (action.rag, action.status)


def test_it_links_actions_to_the_priorities_their_titles_name_so_the_roll_ups_fill(loaded):
    neglect = Action.objects.get(partnership__slug="north-east-lincolnshire", key="we-will-2")
    assert "Work on reducing neglect" in neglect.title
    assert set(neglect.themes.values_list("key", flat=True)) == {"neglect"}
    for slug in SLUGS:
        linked = Action.objects.filter(partnership__slug=slug, themes__isnull=False).distinct()
        assert linked.count() >= 4, slug
    manager = client_for(User.objects.get(email="chair@north-east-lincolnshire.example"))
    plan = neglect.plan
    html = manager.get(f"/p/north-east-lincolnshire/plans/{plan.pk}/overview/").content.decode()
    row = html[html.index("Neglect (strategic priority)") :]
    cells = row[: row.index("</tr>")]
    assert f'<strong class="govuk-tag govuk-tag--{neglect.rag}">' in cells


def test_it_gives_the_group_chair_the_work_of_the_group_they_chair(loaded):
    chaired = Action.objects.filter(
        partnership__slug="lincolnshire",
        group__chair__user__email="groupchair@lincolnshire.example",
    )
    assert chaired.exists()
    leads = {a.lead_person.user.email if a.lead_person else None for a in chaired}
    assert leads == {"groupchair@lincolnshire.example"}


def test_it_labels_the_illustrative_details_wherever_people_read_them(loaded):
    lead = User.objects.get(email="agencylead@lincolnshire.example")
    client = client_for(lead)
    mine = client.get("/p/lincolnshire/plans/my-actions/").content.decode()
    assert "Illustrative delivery details: synthetic data for demonstration" in mine
    assert '<strong class="govuk-tag govuk-tag--yellow">Illustrative</strong>' in mine
    assert "Police" in mine
    action = Action.objects.filter(partnership__slug="lincolnshire", updates__isnull=False)[0]
    detail = client.get(f"/p/lincolnshire/plans/actions/{action.pk}/").content.decode()
    assert "This action’s due date, leads, status, RAG rating, progress updates and links" in detail
    assert "Illustrative: " in detail
    plan = action.plan
    overview = client.get(f"/p/lincolnshire/plans/{plan.pk}/overview/").content.decode()
    count = Action.objects.filter(plan=plan).count()
    assert f"{count} of the {count} actions have illustrative due dates" in overview
    assert "Not recorded</span>" not in overview.split('id="priorities"')[0]  # roll-ups filled
    manager = client_for(User.objects.get(email="manager@lincolnshire.example"))
    workbook = load_workbook(
        io.BytesIO(manager.get(f"/p/lincolnshire/plans/{plan.pk}/export/xlsx/").content)
    )
    sheet = workbook["Actions"]
    header = [c.value for c in sheet[1]]
    column = header.index("Illustrative")
    cells = {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells == {"Yes: synthetic data for demonstration"}
    details = {str(k): v for k, v in workbook["Plan"].iter_rows(min_row=2, values_only=True)}
    assert str(details["Illustrative"]).startswith("Illustrative delivery details")


@pytest.fixture
def blank(world):
    """The plan world as a seed plan leaves it: actions with titles and nothing else."""
    Action.objects.filter(plan=world.plan).update(lead_agency=None)
    return world


def test_it_is_the_same_every_time_and_never_runs_twice(tenancy, blank):
    demo = Demo(members=tenancy.members)
    actions = Action.objects.filter(plan=blank.plan).order_by("pk")
    assert examples.load(tenancy.ours, demo) is not None
    first = _snapshot(actions)
    assert examples.load(tenancy.ours, demo) is None, "it has run: nothing more is done"
    assert _snapshot(actions) == first
    # Wiped back to the plan's own words, it makes the same details again.
    ProgressUpdate.objects.filter(action__plan=blank.plan).delete()
    actions.update(
        is_illustrative=False,
        due_date=None,
        start_date=None,
        status="",
        rag="",
        lead_agency=None,
        lead_person=None,
    )
    examples.load(tenancy.ours, demo)
    assert _snapshot(actions) == first


def test_it_leaves_a_plan_alone_once_someone_has_recorded_delivery_details(tenancy, blank):
    Action.objects.filter(pk=blank.action_of_a.pk).update(status="on_track")
    assert examples.load(tenancy.ours, Demo(members=tenancy.members)) is None
    assert not Action.objects.filter(is_illustrative=True).exists()
    assert not ProgressUpdate.objects.exists()


def test_it_offers_to_clear_the_illustrative_mark_only_on_an_illustrative_action(tenancy, blank):
    client = client_for(tenancy.manager)
    url = f"/p/ourshire/plans/actions/{blank.action_of_a.pk}/edit/"
    assert 'name="is_illustrative"' not in client.get(url).content.decode()
    examples.load(tenancy.ours, Demo(members=tenancy.members))
    html = client.get(url).content.decode()
    assert 'name="is_illustrative" type="checkbox" value="on" checked' in html
    data = form_data(client, url, is_illustrative=None)  # unticked: a browser sends nothing
    assert client.post(url, data).status_code == 302
    action = Action.objects.get(pk=blank.action_of_a.pk)
    assert not action.is_illustrative
    assert action.due_date is not None, "the details stay; only the mark goes"
    kept = client.post(url, form_data(client, url))
    assert kept.status_code == 302
    assert not Action.objects.get(pk=blank.action_of_a.pk).is_illustrative
