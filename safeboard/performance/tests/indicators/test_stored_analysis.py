"""Each indicator's analysis is stored when its data change, and never shown stale: every way
of writing values, targets, comparators or an indicator's settings is followed, at once, by the
pages that read the stored analysis and its kept renderings (report card, dashboard, the
composite report's summary and section)."""

from __future__ import annotations

import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.comparators.services import comparator_link, comparators_import
from safeboard.performance.domain import periods
from safeboard.performance.indicators import analysis, presenters, services
from safeboard.performance.indicators.analysis import analysis_rebuild
from safeboard.performance.indicators.selectors import SECTION_PAGE_SIZE
from safeboard.performance.models import (
    ComparatorSeries,
    Indicator,
    IndicatorAnalysis,
    IndicatorRendering,
    PageRendering,
    Polarity,
    Unit,
    Value,
)
from safeboard.performance.returns import services as returns
from safeboard.performance.tests.factories import AgencyReturnFactory, IndicatorFactory
from safeboard.plans.tests.factories import PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db

BASE = "/p/ourshire/measures"
APRIL = datetime.date(2020, 4, 1)
HISTORY = list(periods.periods(datetime.date(2019, 1, 1), datetime.date(2020, 3, 1), "monthly"))
COMMON = presenters.variation("common_cause")[1]
CONCERN_HIGH = presenters.variation("concern_high")[1]  # lower is better, and it went up
IMPROVEMENT_HIGH = presenters.variation("improvement_high")[1]


@pytest.fixture
def counted(tenancy) -> Indicator:
    """A monthly count our agency reports (lower is better), steady for 15 months, in a
    priority of the plan; its history imported as a tidy table."""
    indicator = IndicatorFactory(
        partnership=tenancy.ours,
        code="cp-all",
        name="Children on a plan",
        unit=Unit.COUNT,
        polarity=Polarity.LOWER,
        source_agency=tenancy.agency,
        is_bellwether=True,
    )
    indicator.themes.add(ThemeFactory(plan=PlanFactory(partnership=tenancy.ours), title="Neglect"))
    _import(tenancy, [(day, 10 + i % 2) for i, day in enumerate(HISTORY)])
    return indicator


def _import(tenancy, rows):
    header = ("indicator_code", "period", "agency", "value", "comment")
    returns.values_import(
        partnership=tenancy.ours,
        header=header,
        rows=[
            (n, ("cp-all", periods.label(day, "monthly"), "", str(v), ""))
            for n, (day, v) in enumerate(rows, start=2)
        ],
        by=tenancy.manager,
    )


def _pages(client, indicator):
    """Every page that shows the indicator's analysis, each read (so its renderings are kept)."""
    theme = indicator.themes.get()
    return [
        client.get(url).content.decode()
        for url in (
            f"{BASE}/indicators/{indicator.pk}/",
            f"{BASE}/dashboard/",
            f"{BASE}/report/",
            f"{BASE}/report/{theme.pk}/",
        )
    ]


def _all_show(client, indicator, text):
    return all(text in page for page in _pages(client, indicator))


def test_it_shows_a_new_value_imported_at_once(tenancy, counted):
    client = client_for(tenancy.manager)
    assert _all_show(client, counted, COMMON)
    _import(tenancy, [(APRIL, 60)])
    assert _all_show(client, counted, CONCERN_HIGH)
    assert '60<br><span class="govuk-body-s">April 2020' in _pages(client, counted)[2]


def test_it_shows_an_agency_draft_summed_then_its_approved_total(tenancy, counted):
    client = client_for(tenancy.manager)
    assert _all_show(client, counted, COMMON)
    lead = tenancy.user(Role.AGENCY_LEAD)
    agency_return = AgencyReturnFactory(
        partnership=tenancy.ours, agency=tenancy.agency, period_start=APRIL
    )
    returns.return_save_values(
        agency_return=agency_return,
        rows=[returns.ReturnInput(counted.pk, Decimal(60), comment="A rise after a campaign")],
        by=lead,
    )
    # A count with only its agency's value for the period is their sum.
    assert _all_show(client, counted, CONCERN_HIGH)
    card = _pages(client, counted)[0]
    assert "(summed from agencies)" in card
    returns.return_submit(agency_return=agency_return, by=lead)
    returns.return_approve(agency_return=agency_return, by=tenancy.user(Role.ANALYST))
    card = _pages(client, counted)[0]
    assert "(summed from agencies)" not in card  # the partnership's own, approved, value
    assert CONCERN_HIGH in card


def test_it_shows_an_uploaded_return_at_once(tenancy, counted):
    client = client_for(tenancy.manager)
    assert _all_show(client, counted, COMMON)
    agency_return = AgencyReturnFactory(
        partnership=tenancy.ours, agency=tenancy.agency, period_start=APRIL
    )
    upload = "indicator_code,period,agency,value,comment\ncp-all,April 2020,,60,\n"
    returns.return_upload(
        agency_return=agency_return,
        upload=io.BytesIO(upload.encode()),
        name="return.csv",
        by=tenancy.user(Role.AGENCY_LEAD),
    )
    assert _all_show(client, counted, CONCERN_HIGH)


def test_it_follows_a_change_of_polarity_and_a_new_target(tenancy, counted):
    client = client_for(tenancy.manager)
    _import(tenancy, [(APRIL, 60)])
    assert _all_show(client, counted, CONCERN_HIGH)
    counted.refresh_from_db()
    services.indicator_update(
        indicator=counted,
        by=tenancy.manager,
        themes=counted.themes.all(),
        polarity=Polarity.HIGHER,
    )
    assert _all_show(client, counted, IMPROVEMENT_HIGH)
    no_target = presenters.assurance(None)[1]
    assert no_target in _pages(client, counted)[0]
    services.target_save(
        indicator=counted, by=tenancy.manager, period_start=HISTORY[0], value=Decimal(500)
    )
    failing = presenters.assurance("fail")[1]
    assert _all_show(client, counted, failing)


def test_it_draws_a_comparator_imported_or_linked_at_once(tenancy, counted):
    client = client_for(tenancy.manager)
    name = "England: Child protection plans started (comparator)"
    assert name not in _pages(client, counted)[0]
    figures = (
        "time_period,geographic_level,area_code,area_name,measure,value,symbol\n"
        "2019,National,E92000001,England,cpp_started,12,\n"
    )
    comparators_import(
        partnership=tenancy.ours,
        upload=io.BytesIO(figures.encode()),
        by=tenancy.manager,
        links={("cpp_started", "E92000001"): "cp-all"},
    )
    page = _pages(client, counted)[0]
    assert name in page
    # A figure for the year ending 31 March 2019, on every month of that year the card shows.
    assert "2018/19: 12 (shown for January 2019 to March 2019)" in page
    series = ComparatorSeries.objects.get()
    comparator_link(series=series, indicator=counted, label="Plans started", by=tenancy.manager)
    assert "England: Plans started (comparator)" in _pages(client, counted)[0]
    comparator_link(series=series, indicator=None, by=tenancy.manager)
    assert "England: Plans started" not in _pages(client, counted)[0]


def test_it_shows_the_new_name_of_an_indicator_saved(tenancy, counted):
    client = client_for(tenancy.manager)
    assert _all_show(client, counted, "Children on a plan")
    counted.refresh_from_db()
    services.indicator_update(
        indicator=counted, by=tenancy.manager, themes=counted.themes.all(), name="Plans made"
    )
    card, *others = _pages(client, counted)
    assert all("Plans made" in page for page in (card, *others))
    assert not any("Children on a plan" in page for page in others)
    # The card still lists the old name only in its history of changes.
    assert "Children on a plan" not in card.split("Story behind the baseline")[0]


def test_it_keeps_the_analysis_with_a_new_version_each_change(tenancy, counted):
    stored = IndicatorAnalysis.objects.get(indicator=counted, as_of__isnull=True)
    _import(tenancy, [(APRIL, 60)])
    again = IndicatorAnalysis.objects.get(indicator=counted, as_of__isnull=True)
    assert again.data_version == stored.data_version + 1
    assert again.last_value == APRIL
    assert again.summary["variation_icon"] == "concern_high"


def test_it_rebuilds_an_analysis_written_around_the_services(tenancy, counted):
    client = client_for(tenancy.manager)
    assert _all_show(client, counted, COMMON)
    Value.objects.create(partnership=tenancy.ours, indicator=counted, period_start=APRIL, value=60)
    analysis_rebuild(partnership=tenancy.ours)  # manage.py rebuild_analysis
    assert _all_show(client, counted, CONCERN_HIGH)


def test_it_draws_every_report_card_on_a_rebuild_so_no_reader_waits(tenancy, counted):
    """`manage.py rebuild_analysis` draws each card (for readers and for editors) after the
    analyses: the first reader of a card then only reads; a later change draws it again."""
    Value.objects.create(partnership=tenancy.ours, indicator=counted, period_start=APRIL, value=60)
    out = io.StringIO()
    call_command("rebuild_analysis", "--partnership", tenancy.ours.slug, stdout=out)
    assert "Drew the report cards of 1 indicator" in out.getvalue()
    kept = IndicatorRendering.objects.filter(analysis__indicator=counted, analysis__as_of=None)
    assert sorted(kept.values_list("name", flat=True)) == ["card", "card_edit"]
    for person in (tenancy.manager, tenancy.user(Role.BOARD_MEMBER)):  # an editor, a reader
        with CaptureQueriesContext(connection) as queries:
            page = client_for(person).get(f"{BASE}/indicators/{counted.pk}/").content.decode()
        assert CONCERN_HIGH in page
        assert not [q for q in queries if "indicatorrendering" in q["sql"].lower().split("from")[0]]


def test_it_reads_an_earlier_period_as_it_stood_then(tenancy, counted):
    client = client_for(tenancy.manager)
    _import(tenancy, [(APRIL, 60)])
    theme = counted.themes.get()
    then = client.get(f"{BASE}/report/{theme.pk}/?period=2020-03-01").content.decode()
    assert COMMON in then
    assert CONCERN_HIGH not in then
    assert "April 2020" not in then.split("sb-data-table")[1]
    now = client.get(f"{BASE}/report/{theme.pk}/").content.decode()
    assert CONCERN_HIGH in now
    # A later change drops what was kept for the earlier period.
    _import(tenancy, [(datetime.date(2020, 3, 1), 70)])
    then = client.get(f"{BASE}/report/{theme.pk}/?period=2020-03-01").content.decode()
    assert "70" in then.split("sb-data-table")[1]


@pytest.mark.postgresql_only
@pytest.mark.django_db(transaction=True)
def test_it_keeps_both_of_two_imports_at_once_in_the_analysis(tenancy, counted, monkeypatch):
    """Two imports of one indicator's values overlap: each has written its value and not yet
    committed when it refreshes the analysis. The refresh locks the analysis first, so the one
    that refreshes second reads the first's committed value too."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer at a time; the race is run on PostgreSQL")
    barrier = threading.Barrier(2)
    real = analysis.analysis_refresh

    def refresh_together(**kwargs):
        barrier.wait(timeout=10)  # both have written their value, neither has committed
        real(**kwargs)

    monkeypatch.setattr("safeboard.performance.returns.services.analysis_refresh", refresh_together)
    errors: list[BaseException] = []

    def load(day: datetime.date) -> None:
        try:
            _import(tenancy, [(day, 60)])
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=load, args=(day,)) for day in (APRIL, datetime.date(2020, 5, 1))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    stored = IndicatorAnalysis.objects.get(indicator=counted, as_of__isnull=True)
    assert stored.last_value == datetime.date(2020, 5, 1)
    periods_stored = [row[0] for row in stored.detail["rows"]]
    assert {"2020-04-01", "2020-05-01"} <= set(periods_stored)


def test_it_escapes_a_hostile_comment_in_the_kept_data_table(tenancy, counted):
    returns.values_import(
        partnership=tenancy.ours,
        header=("indicator_code", "period", "agency", "value", "comment"),
        rows=[(2, ("cp-all", "April 2020", "", "12", '<script>alert("x")</script>'))],
        by=tenancy.manager,
    )
    card = _pages(client_for(tenancy.manager), counted)[0]
    assert "<script>alert" not in card
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in card


def test_it_keeps_each_page_of_a_section_apart_and_never_stale(tenancy, counted):
    """A section's page is kept as one part of the page (its indicators' renderings): page 1 and
    page 2 each hold their own indicators, a renamed indicator shows at once on its page, and an
    earlier period's page is drawn for its reader without being kept."""
    theme = counted.themes.get()
    more = [
        IndicatorFactory(partnership=tenancy.ours, code=f"zz-{n:02d}", name=f"Measure {n}")
        for n in range(SECTION_PAGE_SIZE + 1)
    ]
    for indicator in more:
        indicator.themes.add(theme)
    client = client_for(tenancy.manager)
    url = f"{BASE}/report/{theme.pk}/"
    first, second = (client.get(f"{url}?page={n}").content.decode() for n in (1, 2))
    last = more[-1]
    assert f"{last.code} {last.name}" in second
    assert f"{last.code} {last.name}" not in first
    assert f"{counted.code} {counted.name}" in first
    names = set(PageRendering.objects.values_list("name", flat=True))
    assert {n for n in names if n.startswith("report-section:")} == {
        f"report-section:{theme.pk}:1:2020-03-01",
        f"report-section:{theme.pk}:2:2020-03-01",
    }
    services.indicator_update(
        indicator=Indicator.objects.get(pk=last.pk),
        by=tenancy.manager,
        themes=[theme],
        name="Renamed on page two",
    )
    assert "Renamed on page two" in client.get(f"{url}?page=2").content.decode()
    earlier = client.get(f"{url}?period=2019-06-01").content.decode()
    assert "June 2019" in earlier
    assert not PageRendering.objects.filter(name__endswith=":2019-06-01").exists()
