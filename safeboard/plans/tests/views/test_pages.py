import datetime

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.models import Action, Plan, Statement, Theme, WorkStream
from safeboard.plans.tests.factories import (
    GroupFactory,
    PlanFactory,
    ProgressUpdateFactory,
    StatementFactory,
    ThemeFactory,
)
from safeboard.ui.tests.forms import date_parts


def test_it_shows_not_recorded_for_blank_plan_details_never_an_invented_value(tenancy, world):
    html = (
        client_for(tenancy.user(Role.BOARD_MEMBER))
        .get(f"/p/ourshire/plans/{world.plan.pk}/")
        .content.decode()
    )
    for label in ("Version", "Status", "Approved by", "Date approved", "Author", "Date issued"):
        assert (
            f'<dt class="govuk-summary-list__key">{label}</dt>'
            f'<dd class="govuk-summary-list__value">Not recorded</dd>'
        ) in html
    assert "2017–2019" in html
    assert "Change plan details" not in html  # a board member reads


def test_it_shows_statements_as_paragraphs_and_lists_with_hostile_text_escaped(tenancy, world):
    StatementFactory(
        plan=world.plan,
        kind="values",
        title="Values",
        body="We will:\n- listen to children\n- <script>alert('x')</script>\n\nSecond paragraph.",
    )
    html = client_for(tenancy.manager).get(f"/p/ourshire/plans/{world.plan.pk}/").content.decode()
    assert (
        '<p class="govuk-body">We will:</p><ul class="govuk-list govuk-list--bullet">'
        "<li>listen to children</li><li>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</li></ul>"
        '<p class="govuk-body">Second paragraph.</p>'
    ) in html
    assert "<script>alert" not in html
    assert "Fewer children neglected" in html  # the outcome wanted of the priority
    assert "Neglect strategy" in html
    assert "Neglect Sub-Group" in html


def test_it_lists_the_partnerships_plans_and_has_a_navigation_item(tenancy, world):
    PlanFactory(partnership=tenancy.theirs, title="Their secret plan")
    html = client_for(tenancy.user(Role.BOARD_MEMBER)).get("/p/ourshire/plans/").content.decode()
    assert "Strategic Business Plan" in html
    assert "Their secret plan" not in html
    assert 'href="/p/ourshire/plans/" aria-current="true"' in html


def test_it_shows_the_overview_with_a_recorded_rag(tenancy, world):
    client = client_for(tenancy.user(Role.GROUP_CHAIR))
    client.post(
        f"/p/ourshire/plans/actions/{world.action_of_a.pk}/progress/",
        {**date_parts("date", datetime.date.today()), "narrative": "Late", "rag": "red"},
    )
    html = client.get(f"/p/ourshire/plans/{world.plan.pk}/overview/").content.decode()
    assert "RAG roll-up by priority and theme" in html
    assert "RAG roll-up by owning group" in html
    row = html[html.index("Neglect (strategic priority)") :]
    cells = row[: row.index("</tr>")]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in cells
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in cells
    assert "Launch the neglect toolkit" in html


def test_it_filters_the_action_list_with_a_get_form_that_works_without_javascript(tenancy, world):
    client = client_for(tenancy.manager)
    url = f"/p/ourshire/plans/{world.plan.pk}/actions/"
    html = client.get(url, {"lead_agency": world.agency_x.pk}).content.decode()
    assert '<form method="get"' in html
    assert "Apply filters" in html
    assert "Police audit" in html
    assert "Run training" not in html
    assert "Showing 1 to 1 of 1 action matching the filters." in html


def test_it_reports_a_filter_value_that_is_not_on_the_list_and_ignores_it(tenancy, world):
    their_group = GroupFactory(partnership=tenancy.theirs, name="Their group")
    client = client_for(tenancy.manager)
    html = client.get(
        f"/p/ourshire/plans/{world.plan.pk}/actions/",
        {"group": their_group.pk, "status": "<script>", "rag": "green"},
    ).content.decode()
    assert "Select a group of this partnership from the list." in html
    assert "Select a status from the list." in html
    assert "Their group" not in html
    assert "<script>" not in html.split("<main")[1]
    assert "No actions match the filters." in html  # the RAG filter still applies


def test_it_lists_overdue_actions(tenancy, world):
    world.action_of_b.due_date = datetime.date(2018, 1, 1)
    world.action_of_b.save()
    html = (
        client_for(tenancy.manager)
        .get(f"/p/ourshire/plans/{world.plan.pk}/actions/", {"overdue": "on"})
        .content.decode()
    )
    assert '<h1 class="govuk-heading-l">Overdue actions</h1>' in html
    assert "Run training" in html
    assert "Police audit" not in html
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in html


def test_it_shows_my_actions(tenancy, world):
    html = (
        client_for(tenancy.user(Role.AGENCY_LEAD))
        .get("/p/ourshire/plans/my-actions/")
        .content.decode()
    )
    assert "Police audit" in html
    assert "Launch the neglect toolkit" not in html
    empty = client_for(tenancy.user(Role.ANALYST)).get("/p/ourshire/plans/my-actions/")
    assert "You have no actions." in empty.content.decode()


def test_it_shows_a_groups_work_with_its_roll_up(tenancy, world):
    world.action_of_a.rag = "amber"
    world.action_of_a.save()
    html = (
        client_for(tenancy.user(Role.BOARD_MEMBER))
        .get(f"/p/ourshire/plans/groups/{world.group_a.pk}/")
        .content.decode()
    )
    assert "Work of Neglect Sub-Group" in html
    assert "Neglect strategy" in html
    assert "Launch the neglect toolkit" in html
    assert "Run training" not in html
    assert '<strong class="govuk-tag govuk-tag--orange">Amber</strong>' in html
    their_group = GroupFactory(partnership=tenancy.theirs)
    client = client_for(tenancy.manager)
    assert client.get(f"/p/ourshire/plans/groups/{their_group.pk}/").status_code == 404


def test_it_shows_an_action_with_all_its_fields_and_history(tenancy, world):
    world.action_of_a.themes.add(world.neglect)
    ProgressUpdateFactory(action=world.action_of_a, evidence_url="https://example.org/a")
    html = (
        client_for(tenancy.user(Role.BOARD_MEMBER))
        .get(f"/p/ourshire/plans/actions/{world.action_of_a.pk}/")
        .content.decode()
    )
    assert "Neglect strategy" in html
    assert "Ourshire Health" in html
    assert "How impact will be measured" in html
    assert "Audit completed." in html
    assert 'href="https://example.org/a"' in html
    assert 'id="history"' in html


def test_it_lets_a_manager_build_a_plan_from_the_pages(tenancy):
    client = client_for(tenancy.manager)
    response = client.post(
        "/p/ourshire/plans/new/",
        {"title": "Business Plan", "start_year": "2020", "end_year": "2022", "status": "draft"},
    )
    plan = Plan.objects.get(title="Business Plan")
    assert response["Location"] == f"/p/ourshire/plans/{plan.pk}/"
    base = f"/p/ourshire/plans/{plan.pk}"
    client.post(f"{base}/statements/new/", {"kind": "vision", "body": "Safe children"})
    client.post(f"{base}/themes/new/", {"kind": "strategic_priority", "title": "Neglect"})
    theme = Theme.objects.get(plan=plan)
    group = GroupFactory(partnership=tenancy.ours, name="Neglect Group")
    client.post(
        f"{base}/work-streams/new/",
        {"title": "Neglect strategy", "group": group.pk, "themes": [theme.pk]},
    )
    stream = WorkStream.objects.get(plan=plan)
    response = client.post(
        f"{base}/actions/new/",
        {
            "title": "Publish the strategy",
            "work_stream": stream.pk,
            "lead_agency": tenancy.agency.pk,
            **date_parts("start_date", datetime.date(2020, 4, 1)),
            **date_parts("due_date", datetime.date(2021, 3, 31)),
            "status": "on_track",
            "rag": "green",
            "themes": [theme.pk],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Action “Publish the strategy” added." in html
    assert "31 March 2021" in html
    action = Action.objects.get(plan=plan)
    assert action.owning_group == group
    assert Statement.objects.get(plan=plan).title == "Vision"


def test_it_refuses_another_partnerships_records_in_the_action_form(tenancy, world):
    their_group = GroupFactory(partnership=tenancy.theirs)
    response = client_for(tenancy.manager).post(
        f"/p/ourshire/plans/{world.plan.pk}/actions/new/",
        {
            "title": "Sneaky",
            "group": their_group.pk,
            "lead_agency": tenancy.their_agency.pk,
            "lead_person": tenancy.their_membership.pk,
        },
    )
    html = response.content.decode()
    assert "Select a group of this partnership from the list." in html
    assert "Select an agency of this partnership from the list." in html
    assert "Select a person in this partnership from the list." in html
    assert not Action.objects.filter(title="Sneaky").exists()


def test_it_refuses_bad_plan_years_with_a_clear_message(tenancy):
    client = client_for(tenancy.manager)
    response = client.post(
        "/p/ourshire/plans/new/", {"title": "Plan", "start_year": "twenty", "end_year": "2019"}
    )
    assert "Enter the first year as a number, like 2017." in response.content.decode()
    response = client.post(
        "/p/ourshire/plans/new/", {"title": "Plan", "start_year": "2019", "end_year": "2017"}
    )
    assert "The last year must be the same as or after the first year." in (
        response.content.decode()
    )
    assert not Plan.objects.exists()


def test_it_asks_before_deleting_a_statement(tenancy, world):
    statement = StatementFactory(plan=world.plan)
    client = client_for(tenancy.manager)
    url = f"/p/ourshire/plans/statements/{statement.pk}/delete/"
    question = client.get(url).content.decode()
    assert f"Delete “{statement}”?" in question
    assert '<input type="hidden" name="confirm" value="yes">' in question
    assert client.post(url, {}).status_code == 200  # no confirmation: the question again
    assert Statement.objects.filter(pk=statement.pk).exists()
    response = client.post(url, {"confirm": "yes"})
    assert response["Location"] == f"/p/ourshire/plans/{world.plan.pk}/"
    assert not Statement.objects.filter(pk=statement.pk).exists()


def test_it_explains_why_a_theme_in_use_cannot_be_deleted(tenancy, world):
    client = client_for(tenancy.manager)
    response = client.post(
        f"/p/ourshire/plans/themes/{world.neglect.pk}/delete/", {"confirm": "yes"}, follow=True
    )
    assert "Remove it from them first." in response.content.decode()
    assert Theme.objects.filter(pk=world.neglect.pk).exists()
    unused = ThemeFactory(plan=world.plan, title="Unused")
    client.post(f"/p/ourshire/plans/themes/{unused.pk}/delete/", {"confirm": "yes"})
    assert not Theme.objects.filter(pk=unused.pk).exists()


def test_it_shows_history_on_the_edit_pages_of_statements_themes_and_work_streams(tenancy, world):
    client = client_for(tenancy.manager)
    for url in (
        f"/p/ourshire/plans/themes/{world.neglect.pk}/edit/",
        f"/p/ourshire/plans/work-streams/{world.stream_a.pk}/edit/",
        f"/p/ourshire/plans/statements/{StatementFactory(plan=world.plan).pk}/edit/",
    ):
        assert 'id="history"' in client.get(url).content.decode(), url
