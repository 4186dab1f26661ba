"""The report card, dashboard, scorecards and composite report, and changing indicators."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.domain import periods
from safeboard.performance.indicators import selectors
from safeboard.performance.indicators.presenters import ILLUSTRATIVE_LABEL
from safeboard.performance.models import (
    DataDevelopmentItem,
    Indicator,
    IndicatorPartner,
    SpcRebase,
    Target,
)
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.plans.tests.factories import ActionFactory, PlanFactory, ThemeFactory
from safeboard.ui.tests.forms import form_data

BASE = "/p/ourshire/measures"


def _card(indicator):
    return f"{BASE}/indicators/{indicator.pk}/"


def test_it_shows_the_report_card_with_chart_table_and_spc_labels(tenancy, world):
    page = client_for(tenancy.user(Role.BOARD_MEMBER)).get(_card(world.indicator))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    assert 'role="img"' in html
    assert "Data table: NEL-01 Children in need per month" in html
    assert "March 2021" in html  # period labels
    assert "Special cause: improvement" in html  # the shift up on a higher-is-better measure
    assert "Target consistently met" in html  # the lower limit sits above the target of 2
    assert ILLUSTRATIVE_LABEL in html
    assert "Referrals rose after the campaign." in html
    assert "Ourshire Police" in html
    assert "Refer early" in html
    assert "Referrals by school" in html
    assert "Launch the neglect toolkit" in html
    assert (
        f'href="/p/ourshire/plans/actions/{world.action.pk}/">Launch the neglect toolkit</a>'
        in html
    )
    assert f'href="/p/ourshire/measures/scorecards/themes/{world.theme.pk}/">Neglect</a>' in html
    assert f"({world.theme.get_kind_display()}, Business plan)" in html
    history_url = f"/p/ourshire/measures/indicators/{world.indicator.pk}/history/"
    assert f'href="{history_url}"' in html


def test_it_shows_who_changed_an_indicator_and_what_on_its_history_page(tenancy, world):
    from safeboard.performance.indicators import services

    world.indicator.refresh_from_db()
    services.indicator_update(
        indicator=world.indicator,
        by=tenancy.manager,
        themes=world.indicator.themes.all(),
        name="Referrals made",
    )
    url = f"/p/ourshire/measures/indicators/{world.indicator.pk}/history/"
    reader = client_for(tenancy.user(Role.BOARD_MEMBER))
    html = reader.get(url).content.decode()
    assert "Change history" in html
    assert "Referrals made" in html
    assert "Changed" in html
    assert tenancy.manager.full_name in html
    assert client_for(tenancy.outsider).get(url).status_code == 404


def test_it_shows_the_partnership_value_as_the_sum_of_agency_counts(tenancy, world):
    from safeboard.partnerships.tests.factories import AgencyFactory
    from safeboard.performance.models import Value

    other = AgencyFactory(partnership=tenancy.ours, name="Ourshire Health")
    day = datetime.date(2021, 4, 1)
    for agency, n in ((tenancy.agency, 7), (other, 5)):
        Value.objects.create(
            partnership=tenancy.ours,
            indicator=world.indicator,
            agency=agency,
            period_start=day,
            value=n,
        )
    html = client_for(tenancy.manager).get(_card(world.indicator)).content.decode()
    assert "April 2021" in html
    assert "(summed from agencies)" in html
    # The data set list adds them up in the database: the latest value is 7 + 5.
    listing = client_for(tenancy.manager).get(f"{BASE}/").content.decode()
    assert '12<br><span class="govuk-body-s">April 2021</span>' in listing


def test_it_escapes_hostile_text_on_the_report_card(tenancy, world):
    world.indicator.name = "<script>alert(1)</script>"
    world.indicator.save()
    html = client_for(tenancy.manager).get(_card(world.indicator)).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_it_shows_the_bellwether_dashboard(tenancy, world):
    html = client_for(tenancy.user(Role.CHAIR)).get(f"{BASE}/dashboard/").content.decode()
    assert "Children in need per month" in html
    assert "sb-sparkline" in html
    assert "March 2021" in html
    assert "Special cause: improvement" in html
    assert "Target consistently met" in html
    assert ILLUSTRATIVE_LABEL in html


def test_it_shows_a_scorecard_per_priority(tenancy, world):
    client = client_for(tenancy.user(Role.BOARD_MEMBER))
    listing = client.get(f"{BASE}/scorecards/").content.decode()
    assert "Neglect" in listing
    html = client.get(f"{BASE}/scorecards/themes/{world.theme.pk}/").content.decode()
    assert "NEL-01 Children in need per month" in html
    assert ILLUSTRATIVE_LABEL in html


def test_it_groups_the_composite_report_by_priority_with_other_indicators(tenancy, world):
    Indicator.objects.create(
        partnership=tenancy.ours,
        code="loose",
        name="Unthemed measure",
        unit="count",
        polarity="lower",
        frequency="monthly",
        kind="how_much",
    )
    client = client_for(tenancy.user(Role.BOARD_MEMBER))
    html = client.get(f"{BASE}/report/?period=2020-03-01").content.decode()
    assert "Performance report: to March 2020" in html
    assert html.index("Neglect") < html.index("Other indicators") < html.index("Unthemed measure")
    assert ILLUSTRATIVE_LABEL in html
    # Each section has a page of its own, for the same period.
    section = f"{BASE}/report/{world.theme.pk}/?period=2020-03-01"
    assert f'href="{section}"' in html.replace("&amp;", "&")
    page = client.get(section).content.decode()
    assert "NEL-01 Children in need per month" in page
    assert "March 2020" in page.split("sb-data-table")[1]
    assert "April 2020" not in page.split("sb-data-table")[1]  # nothing after the chosen period
    assert "Unthemed measure" not in page
    assert "Unthemed measure" in client.get(f"{BASE}/report/other/").content.decode()
    assert client.get(f"{BASE}/report/nonsense/").status_code == 404
    assert client.get(f"{BASE}/report/?period=nonsense").status_code == 200


def test_it_prints_the_composite_report_as_pdf(tenancy, world):
    response = client_for(tenancy.user(Role.BOARD_MEMBER)).get(f"{BASE}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        'attachment; filename="ourshire-performance-report-2021-03-01.pdf"'
    )


def test_it_prints_each_indicator_once_on_a_page_of_its_own(tenancy, world, monkeypatch):
    from safeboard.performance.indicators import exports as exports_indicators

    outcome = ThemeFactory(plan=world.theme.plan, kind="outcome", title="Fewer children in need")
    world.indicator.themes.add(outcome)  # a priority and an outcome: shown under the priority
    printed: list[str] = []
    original = exports_indicators.report_html

    def capture(*args, **kwargs):
        printed.append(original(*args, **kwargs))
        return printed[-1]

    monkeypatch.setattr(exports_indicators, "report_html", capture)
    client_for(tenancy.user(Role.ANALYST)).get(f"{BASE}/report.pdf")
    (html,) = printed
    assert html.count('<section class="indicator">') == 1
    assert "break-before: page" in html
    page = client_for(tenancy.user(Role.ANALYST)).get(f"{BASE}/report/").content.decode()
    assert page.count("NEL-01 Children in need per month") == 1
    assert "Fewer children in need" not in page  # no section of its own: nothing under it


def test_it_prints_an_indicator_with_its_chart_and_table_on_one_page(tenancy, world, monkeypatch):
    """The printed report: the summary, then each indicator on one page of its own (its chart
    drawn once, the wide drawing; its table's variation in words, with no markers). A marker
    styled like a chart once made every indicator a dozen pages long."""
    import weasyprint

    from safeboard.performance.indicators import exports as exports_indicators

    printed: list[str] = []
    original = exports_indicators.report_html

    def capture(*args, **kwargs):
        printed.append(original(*args, **kwargs))
        return printed[-1]

    monkeypatch.setattr(exports_indicators, "report_html", capture)
    response = client_for(tenancy.user(Role.ANALYST)).get(f"{BASE}/report.pdf")
    assert response.status_code == 200
    (html,) = printed
    assert html.count('<section class="indicator">') == 1
    assert "sb-chart--wide" in html
    assert "sb-chart--narrow" not in html
    assert 'class="sb-key-marker"' not in html
    assert re.search(r'<td class="sb-text-cell">(Common|Special) cause', html)  # in words
    document = weasyprint.HTML(string=html).render()
    summary = weasyprint.HTML(string=html.split('<section class="indicator">')[0]).render()
    assert len(document.pages) == len(summary.pages) + 1


def _indicator_post(**extra):
    return {
        "code": "NEW-01",
        "name": "Repeat referrals",
        "kind": "better_off",
        "unit": "percentage",
        "polarity": "lower",
        "frequency": "quarterly",
        "suppression_threshold": "5",
        "baseline_end": "2018/19 Q4",
        **extra,
    }


@pytest.mark.parametrize(("role", "allowed"), [(Role.ANALYST, True), (Role.BOARD_MEMBER, False)])
def test_it_lets_only_analysts_add_an_indicator(tenancy, world, role, allowed):
    client = client_for(tenancy.user(role))
    url = f"{BASE}/indicators/add/"
    data = _indicator_post(themes=[world.theme.pk], actions=[world.action.pk])
    response = client.post(url, data)
    if not allowed:
        assert client.get(url).status_code == 403
        assert response.status_code == 403
        assert not Indicator.objects.filter(code="NEW-01").exists()
        return
    indicator = Indicator.objects.get(partnership=tenancy.ours, code="NEW-01")
    assert response["Location"] == _card(indicator)
    assert indicator.baseline_end == datetime.date(2019, 1, 1)
    assert list(indicator.themes.all()) == [world.theme]
    assert list(indicator.actions.all()) == [world.action]
    assert indicator.history.first().history_user == tenancy.user(role)


def test_it_refuses_a_repeated_code_and_bad_input(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    url = f"{BASE}/indicators/add/"
    page = client.post(url, _indicator_post(code="NEL-01")).content.decode()
    assert "Another indicator already has the code NEL-01" in page
    page = client.post(
        url, _indicator_post(suppression_threshold="five", baseline_end="Q9")
    ).content.decode()
    assert "Enter the suppression threshold as a whole number" in page
    assert "Enter the period like 2017/18 Q1" in page
    assert Indicator.objects.filter(partnership=tenancy.ours).count() == 1


def test_it_refuses_another_partnerships_theme(tenancy, world):
    theirs = ThemeFactory(plan=PlanFactory(partnership=tenancy.theirs))
    client = client_for(tenancy.user(Role.ANALYST))
    page = client.post(f"{BASE}/indicators/add/", _indicator_post(themes=[theirs.pk]))
    assert page.status_code == 200
    assert "Select priorities and outcomes from the list" in page.content.decode()
    assert not Indicator.objects.filter(code="NEW-01").exists()


def test_it_changes_an_indicator(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    url = f"{BASE}/indicators/{world.indicator.pk}/edit/"
    assert "Children in need per month" in client.get(url).content.decode()
    data = _indicator_post(
        code="NEL-01", name="Renamed", frequency="monthly", baseline_end="", version="1"
    )
    assert client.post(url, data).status_code == 302
    world.indicator.refresh_from_db()
    assert world.indicator.name == "Renamed"
    assert list(world.indicator.themes.all()) == []


def test_it_adds_and_changes_targets_by_period(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    url = f"{BASE}/indicators/{world.indicator.pk}/targets/add/"
    assert client.post(url, {"period": "April 2020", "value": "14.5"}).status_code == 302
    target = Target.objects.get(indicator=world.indicator, period_start=datetime.date(2020, 4, 1))
    assert str(target.value) == "14.5000"
    page = client.post(url, {"period": "April 2020", "value": "3"}).content.decode()
    assert "There is already a target for April 2020" in page
    page = client.post(url, {"period": "2020/21 Q1", "value": "lots"}).content.decode()
    assert "Enter the period like April 2017" in page
    assert "Enter the target as a number" in page
    edit = f"{BASE}/indicators/{world.indicator.pk}/targets/{target.pk}/"
    changed = form_data(client, edit, period="May 2020", value="12")
    assert client.post(edit, changed).status_code == 302
    target.refresh_from_db()
    assert target.period_start == datetime.date(2020, 5, 1)


def test_it_adds_and_removes_partners_and_development_items(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    base = f"{BASE}/indicators/{world.indicator.pk}"
    page = client.post(f"{base}/partners/add/", {"agency": "", "name": "", "role": "x"})
    assert "Select an agency or enter the name of the partner" in page.content.decode()
    assert (
        client.post(f"{base}/partners/add/", {"name": "Schools", "role": "Spot"}).status_code == 302
    )
    partner = IndicatorPartner.objects.get(name="Schools")
    remove = f"{base}/partners/{partner.pk}/remove/"
    assert "Remove Schools from the partners?" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 200  # the question, until confirmed
    assert IndicatorPartner.objects.filter(pk=partner.pk).exists()
    assert client.post(remove, {"confirm": "yes"}).status_code == 302
    assert not IndicatorPartner.objects.filter(pk=partner.pk).exists()
    data = {"title": "School attendance", "description": "", "status": "needed"}
    assert client.post(f"{base}/development/add/", data).status_code == 302
    assert "School attendance" in client.get(_card(world.indicator)).content.decode()


def test_it_lists_what_the_card_links_to_each_in_its_order(tenancy, world):
    """The card's five lists come from one query: each list holds only its own rows, in its own
    order (priorities and actions by plan then position, partners as added, data development by
    status then title, rebases by period), and another indicator's rows never show."""
    ours = tenancy.ours
    indicator = world.indicator
    other = IndicatorFactory(partnership=ours, code="OTH-01")
    early = PlanFactory(partnership=ours, title="Annual plan", key="ap")
    first_theme = ThemeFactory(plan=early, title="Early help", position=2)
    second_theme = ThemeFactory(
        plan=world.theme.plan, title="Exploitation", position=world.theme.position + 1
    )
    indicator.themes.add(first_theme, second_theme)
    other.themes.add(ThemeFactory(plan=early, title="Not this one"))
    later_action = ActionFactory(plan=early, title="Train the front door", position=5)
    sooner_action = ActionFactory(plan=early, title="Map the pathways", position=1)
    indicator.actions.add(later_action, sooner_action)
    IndicatorPartner.objects.create(partnership=ours, indicator=indicator, name="Schools")
    IndicatorPartner.objects.create(partnership=ours, indicator=other, name="Not a partner here")
    for title, status in (("Attendance", "needed"), ("Exclusions", "available")):
        DataDevelopmentItem.objects.create(
            partnership=ours, indicator=indicator, title=title, status=status
        )
    for start, reason in ((datetime.date(2020, 9, 1), "Later"), (world.months[3], "Sooner")):
        SpcRebase.objects.create(
            partnership=ours, indicator=indicator, period_start=start, reason=reason
        )
    SpcRebase.objects.create(
        partnership=ours, indicator=other, period_start=world.months[3], reason="Other's"
    )

    card = selectors.report_card(indicator=indicator)

    assert [(t.title, t.plan_title, t.get_kind_display()) for t in card.themes] == [
        ("Early help", "Annual plan", first_theme.get_kind_display()),
        ("Neglect", "Business plan", world.theme.get_kind_display()),
        ("Exploitation", "Business plan", second_theme.get_kind_display()),
    ]
    assert [a.title for a in card.actions] == [
        "Map the pathways",
        "Train the front door",
        "Launch the neglect toolkit",
    ]
    assert [(p.name, p.role) for p in card.partners] == [
        (tenancy.agency.name, "Refer early"),
        ("Schools", ""),
    ]
    expected = sorted(
        [("Referrals by school", "needed"), ("Attendance", "needed"), ("Exclusions", "available")],
        key=lambda item: (item[1], item[0]),
    )
    assert [(d.title, d.status) for d in card.development] == expected
    assert [(r.period_label, r.reason) for r in card.rebases] == [
        (periods.label(world.months[3], "monthly"), "Sooner"),
        ("September 2020", "Later"),
    ]

    html = client_for(tenancy.user(Role.ANALYST)).get(_card(indicator)).content.decode()
    for shown in ("Early help", "Map the pathways", "Schools", "Exclusions", "Sooner"):
        assert shown in html
    for hidden in ("Not this one", "Not a partner here", "Other&#x27;s"):
        assert hidden not in html


def test_it_refuses_another_partnerships_agency_as_partner(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    url = f"{BASE}/indicators/{world.indicator.pk}/partners/add/"
    page = client.post(url, {"agency": tenancy.their_agency.pk, "role": "x"})
    assert "Select the agency from the list" in page.content.decode()
    assert IndicatorPartner.objects.filter(indicator=world.indicator).count() == 1


def test_it_shows_the_data_set_with_filters(tenancy, world):
    client = client_for(tenancy.user(Role.BOARD_MEMBER))
    html = client.get(f"{BASE}/").content.decode()
    assert "NEL-01" in html
    assert "Bellwether" in html
    assert "March 2021" in html
    assert ILLUSTRATIVE_LABEL in html
    assert "NEL-01" not in client.get(f"{BASE}/?kind=how_much").content.decode().split("<table")[1]
    assert "NEL-01" in client.get(f"{BASE}/?theme={world.theme.pk}").content.decode()
    assert client.get(f"{BASE}/?theme=abc&kind=<x>").status_code == 200


def test_it_suppresses_small_counts_in_the_pdf_for_readers_not_entitled(tenancy, world):
    from safeboard.partnerships.domain.disclosure import SUPPRESSED
    from safeboard.performance.indicators import exports as exports_indicators
    from safeboard.performance.indicators.selectors import composite_report

    Indicator.objects.filter(pk=world.indicator.pk).update(suppression_threshold=10)
    report = composite_report(partnership=tenancy.ours, entitlement=SUPPRESSED, detail=True)
    rows = report.series[0].rows
    assert [r.suppressed for r in rows[:3]] == [False, False, True]  # 10, 11, 9
    assert rows[2].disclosed.value_marker == "<10"
    assert report.series[0].latest_text == "20 (March 2021)"

    class Request:
        access = type("A", (), {"partnership": tenancy.ours})()

    html = exports_indicators.report_html(
        Request(),  # type: ignore[arg-type]
        report,
        today=datetime.date(2021, 4, 1),
    )
    assert "&lt;10" in html
    assert "Small numbers are suppressed" in html
    assert "suppressed and not drawn" in html  # the chart's description says so
    analyst = client_for(tenancy.user(Role.ANALYST)).get(f"{BASE}/report.pdf")
    assert analyst.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("role", "suppressed"),
    [
        (Role.ANALYST, False),
        (Role.MANAGER, False),
        (Role.BOARD_MEMBER, True),
        (Role.CHAIR, True),
        (Role.GROUP_CHAIR, True),
        (Role.AGENCY_LEAD, True),
    ],
)
def test_it_prints_the_pdf_with_what_the_viewers_role_may_see(
    tenancy, world, role, suppressed, monkeypatch
):
    from safeboard.performance.indicators import exports

    Indicator.objects.filter(pk=world.indicator.pk).update(suppression_threshold=10)
    printed: list[str] = []
    original = exports.report_html

    def capture(*args, **kwargs):
        printed.append(original(*args, **kwargs))
        return printed[-1]

    monkeypatch.setattr(exports, "report_html", capture)
    response = client_for(tenancy.user(role)).get(f"{BASE}/report.pdf")
    assert response.content.startswith(b"%PDF")
    assert ("&lt;10" in printed[0]) is suppressed
    assert ("Small numbers are suppressed" in printed[0]) is suppressed


def test_it_shows_every_number_on_the_report_page(tenancy, world):
    Indicator.objects.filter(pk=world.indicator.pk).update(suppression_threshold=10)
    page = client_for(tenancy.user(Role.BOARD_MEMBER)).get(f"{BASE}/report/")
    assert "&lt;10" not in page.content.decode()


def test_it_lists_the_data_development_agenda_and_adds_to_it(tenancy, world):
    analyst = client_for(tenancy.user(Role.ANALYST))
    data = {"title": "Exclusions <script>", "description": "", "status": "in_progress"}
    response = analyst.post(f"{BASE}/development/add/", data)
    assert response["Location"] == f"{BASE}/development/"
    html = client_for(tenancy.user(Role.BOARD_MEMBER)).get(f"{BASE}/development/").content.decode()
    assert "Referrals by school" in html
    assert "Exclusions &lt;script&gt;" in html
    assert "In progress" in html
    board = client_for(tenancy.user(Role.BOARD_MEMBER))
    assert board.post(f"{BASE}/development/add/", data).status_code == 403
