"""What a new user met on the plan pages (issue 9, point 6), each used as a person would."""

from __future__ import annotations

import re

from conftest import client_for
from safeboard.plans.models import Action, StatementKind, WorkStream
from safeboard.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    StatementFactory,
    ThemeFactory,
    WorkStreamFactory,
)
from safeboard.ui.tests.forms import form_data


def _types(html: str, name: str) -> set[str]:
    """The type of every input named `name` on the page."""
    tags = [tag for tag in re.findall(r"<input[^>]*>", html) if f'name="{name}"' in tag]
    return {m.group(1) for tag in tags if (m := re.search(r'type="(\w+)"', tag))}


def test_it_lets_an_action_count_under_several_priorities_and_themes(tenancy, world):
    client = client_for(tenancy.manager)
    training = ThemeFactory(plan=world.plan, title="Training", kind="cross_cutting")
    url = f"/p/ourshire/plans/actions/{world.action_of_a.pk}/edit/"
    html = client.get(url).content.decode()
    # Ticking a second box must not untick the first: the choices are checkboxes, not radios.
    assert _types(html, "themes") == {"checkbox"}
    assert 'class="govuk-checkboxes"' in html
    saved = client.post(url, form_data(client, url, themes=[world.neglect.pk, training.pk]))
    assert saved.status_code == 302
    action = Action.objects.get(pk=world.action_of_a.pk)
    assert {t.title for t in action.themes.all()} == {"Neglect", "Training"}
    again = client.get(url).content.decode()
    for theme in (world.neglect, training):
        assert re.search(rf'value="{theme.pk}" checked', again), "both stay ticked"
    listed = client.get(f"/p/ourshire/plans/{world.plan.pk}/actions/?theme={training.pk}")
    assert "Launch the neglect toolkit" in listed.content.decode()


def test_it_offers_a_work_streams_themes_as_checkboxes_too(tenancy, world):
    html = (
        client_for(tenancy.manager)
        .get(f"/p/ourshire/plans/work-streams/{world.stream_a.pk}/edit/")
        .content.decode()
    )
    assert _types(html, "themes") == {"checkbox"}


def test_it_reads_statement_headings_as_the_plan_reads_them(tenancy, world):
    StatementFactory(plan=world.plan, kind=StatementKind.VALUES, title="Board Member Values")
    StatementFactory(
        plan=world.plan, kind=StatementKind.OTHER, title="Strategic Priorities 2011 – 14"
    )
    StatementFactory(plan=world.plan, kind=StatementKind.APPROACH, title="LSCB Framework")
    html = client_for(tenancy.manager).get(f"/p/ourshire/plans/{world.plan.pk}/").content.decode()
    headings = [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(r'<h3 class="govuk-heading-s" id="statement-\d+">(.*?)</h3>', html)
    ]
    assert headings == ["Board Member Values", "Strategic Priorities 2011 – 14", "LSCB Framework"]
    assert 'caption-s">Values<' not in html
    assert 'caption-s">Other<' not in html
    # A kind the title does not name is still said, beside the heading, not inside it.
    assert '<span class="govuk-caption-s">Approach</span>' in html


def test_it_does_not_double_a_period_the_plan_title_already_holds(tenancy):
    plan = PlanFactory(
        partnership=tenancy.ours,
        title="Strategic Business Plan 2011 - 2014",
        key="strategic-business-plan-2011-2014",
        start_year=2011,
        end_year=2014,
    )
    client = client_for(tenancy.manager)
    for page in (f"{plan.pk}/overview/", f"{plan.pk}/actions/"):
        html = client.get(f"/p/ourshire/plans/{page}").content.decode()
        assert '<span class="govuk-caption-l">Strategic Business Plan 2011 - 2014</span>' in html
        assert "2011 - 2014 2011–2014" not in html
    detail = client.get(f"/p/ourshire/plans/{plan.pk}/").content.decode()
    assert '<span class="govuk-caption-l">2011–2014</span>' not in detail
    pdf = client.get(f"/p/ourshire/plans/{plan.pk}/export/pdf/")
    assert pdf["Content-Disposition"].endswith('filename="strategic-business-plan-2011-2014.pdf"')
    xlsx = client.get(f"/p/ourshire/plans/{plan.pk}/export/xlsx/")
    assert xlsx["Content-Disposition"].endswith('filename="strategic-business-plan-2011-2014.xlsx"')


def test_it_adds_the_period_where_the_title_does_not_hold_it(tenancy, world):
    html = (
        client_for(tenancy.manager)
        .get(f"/p/ourshire/plans/{world.plan.pk}/overview/")
        .content.decode()
    )
    assert '<span class="govuk-caption-l">Strategic Business Plan 2017–2019</span>' in html


def test_it_follows_a_promise_of_contributions_with_where_they_are_kept(tenancy, world):
    StatementFactory(
        plan=world.plan,
        kind=StatementKind.OTHER,
        title="Financing and Staffing",
        body="The total budget is **£275,600**. Contributions from agencies are outlined below:",
    )
    html = client_for(tenancy.manager).get(f"/p/ourshire/plans/{world.plan.pk}/").content.decode()
    after = html[html.index("outlined below:") :]
    note = after[: after.index("</section>")]
    assert "Safeboard keeps them in the budget" in note
    assert 'href="/p/ourshire/budget/"' in note


def test_it_follows_a_promise_of_work_with_the_work_stream_that_holds_it(tenancy, world):
    stream = WorkStreamFactory(
        plan=world.plan,
        title="The work planned for 2017–19",
        description="The work planned for 2017–19 will see a sharper focus.",
    )
    ActionFactory(plan=world.plan, work_stream=stream, title="Develop safe transition")
    StatementFactory(
        plan=world.plan,
        kind=StatementKind.FOREWORD,
        title="Foreword",
        body="The work planned for 2017–19 will see a sharper focus. To do this we will:",
    )
    html = client_for(tenancy.manager).get(f"/p/ourshire/plans/{world.plan.pk}/").content.decode()
    note = html[html.index("To do this we will:") :]
    note = note[: note.index("</section>")]
    assert f"?work_stream={stream.pk}" in note
    assert "with its 1 action." in note


def test_it_says_so_when_the_plan_lists_nothing_after_a_promise(tenancy, world):
    StatementFactory(plan=world.plan, title="Vision", body="What follows is this:")
    StatementFactory(plan=world.plan, title="Mission", body="Nothing is promised.")
    client = client_for(tenancy.manager)
    html = client.get(f"/p/ourshire/plans/{world.plan.pk}/").content.decode()
    assert html.count("The plan lists nothing after this statement.") == 1
    assert WorkStream.objects.filter(plan=world.plan).count() == 1  # nothing was written
