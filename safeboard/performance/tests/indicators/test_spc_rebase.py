"""Recorded rebases: an analyst records a known change in process with its reason; the stored
analysis recalculates the SPC limits from that period at once, the chart marks it and the data
table says why. A report window shows the limits that apply to the periods it shows."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.domain import periods, spc
from safeboard.performance.indicators import analysis, charts
from safeboard.performance.models import SpcRebase
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.performance.tests.indicators.conftest import SHIFTED, START, add_values
from safeboard.ui import charts as ui_charts

pytestmark = pytest.mark.django_db

BASE = "/p/ourshire/measures"
SHIFT = datetime.date(2020, 4, 1)  # the 13th month of SHIFTED, where the level moves up


def _card(indicator):
    return f"{BASE}/indicators/{indicator.pk}/"


def _series(indicator):
    (series,) = analysis.stored_series([indicator], detail=True)
    return series


def test_it_recalculates_the_limits_from_a_recorded_change_in_process(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    before = _series(world.indicator)
    assert before.rows[-1].upper_limit == before.rows[0].upper_limit  # one set of limits
    url = f"{BASE}/indicators/{world.indicator.pk}/rebases/add/"
    reason = "New front door: referrals counted at first contact"
    response = client.post(url, {"period": "April 2020", "reason": reason})
    assert response.status_code == 302
    rebase = SpcRebase.objects.get(indicator=world.indicator)
    assert rebase.period_start == SHIFT
    assert rebase.history.first().history_user == tenancy.user(Role.ANALYST)

    after = _series(world.indicator)
    values = [(r.period, float(r.value)) for r in after.rows if r.value is not None]
    expected = spc.spc(values, direction="increase", rebase=[SHIFT])
    first, second = expected.segments
    by_period = {r.period: r for r in after.rows}
    assert by_period[START].upper_limit == first.upper_limit
    assert by_period[SHIFT].upper_limit == second.upper_limit
    assert second.upper_limit != first.upper_limit
    # The shift is no longer a signal: after the rebase both levels are common cause.
    assert after.variation_icon == "common_cause"

    html = client.get(_card(world.indicator)).content.decode()
    assert f"Limits recalculated from here: {reason}" in html  # the data table says why
    assert 'class="marker"' in html  # the chart marks it
    assert "Limits recalculated (change in process)" in html
    assert f"Limits recalculated from April 2020: {reason}." in html  # the chart's description


def test_it_removes_a_rebase_and_the_limits_run_on_again(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    url = f"{BASE}/indicators/{world.indicator.pk}/rebases/add/"
    client.post(url, {"period": "April 2020", "reason": "New counting rules"})
    rebase = SpcRebase.objects.get(indicator=world.indicator)
    remove = f"{BASE}/indicators/{world.indicator.pk}/rebases/{rebase.pk}/remove/"
    assert "Stop recalculating the limits from April 2020?" in client.get(remove).content.decode()
    assert client.post(remove, {"confirm": "yes"}).status_code == 302
    assert not SpcRebase.objects.filter(pk=rebase.pk).exists()
    after = _series(world.indicator)
    assert after.rows[-1].upper_limit == after.rows[0].upper_limit
    assert (
        "Limits recalculated from here" not in client.get(_card(world.indicator)).content.decode()
    )


def test_it_refuses_a_rebase_without_reason_on_the_first_period_or_twice(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    url = f"{BASE}/indicators/{world.indicator.pk}/rebases/add/"
    page = client.post(url, {"period": "April 2020", "reason": "  "}).content.decode()
    assert "Enter why the limits are recalculated" in page
    page = client.post(url, {"period": "April 2019", "reason": "x"}).content.decode()
    assert "Enter a period after the first value (April 2019)" in page
    page = client.post(url, {"period": "2020 Q1", "reason": "x"}).content.decode()
    assert "Enter the period like April 2017" in page
    assert not SpcRebase.objects.exists()
    assert client.post(url, {"period": "April 2020", "reason": "x"}).status_code == 302
    page = client.post(url, {"period": "April 2020", "reason": "y"}).content.decode()
    assert "The limits are already recalculated from April 2020" in page
    assert SpcRebase.objects.count() == 1


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.AGENCY_LEAD])
def test_it_lets_only_those_who_manage_indicators_record_a_rebase(tenancy, world, role):
    client = client_for(tenancy.user(role))
    url = f"{BASE}/indicators/{world.indicator.pk}/rebases/add/"
    assert client.post(url, {"period": "April 2020", "reason": "x"}).status_code == 403
    assert not SpcRebase.objects.exists()
    assert "Recalculate the limits after" not in client.get(_card(world.indicator)).content.decode()


def test_it_shows_another_partnerships_rebase_as_not_found(tenancy, world):
    theirs = IndicatorFactory(partnership=tenancy.theirs, code="T-1")
    add_values(theirs, SHIFTED)
    rebase = SpcRebase.objects.create(
        partnership=tenancy.theirs, indicator=theirs, period_start=SHIFT, reason="Theirs"
    )
    client = client_for(tenancy.user(Role.ANALYST))
    mine = f"{BASE}/indicators/{world.indicator.pk}/rebases/{rebase.pk}/remove/"
    assert client.post(mine, {"confirm": "yes"}).status_code == 404
    assert SpcRebase.objects.filter(pk=rebase.pk).exists()


def _limit_runs(svg: str) -> int:
    path = re.search(r'class="line-upper_limit" d="([^"]+)"', svg)
    assert path is not None
    return path.group(1).count("M")


def test_it_shows_a_report_window_with_the_limits_that_apply_to_its_periods(tenancy):
    """Four years of monthly values, a change in process half way through the last two: the
    report shows 24 periods, and their limits are those worked out from the periods after the
    rebase (before it, from the periods before it), never from values off the chart across it."""
    indicator = IndicatorFactory(partnership=tenancy.ours, code="W-1")
    history = [30, 31, 29, 32, 30, 28, 31, 30, 29, 31, 30, 32] * 3 + SHIFTED[12:]
    add_values(indicator, history)
    months = list(
        periods.periods(
            START, periods.period_start(datetime.date(2023, 3, 1), "monthly"), "monthly"
        )
    )
    rebase_at = months[36]
    SpcRebase.objects.create(
        partnership=tenancy.ours, indicator=indicator, period_start=rebase_at, reason="New rules"
    )
    analysis.analysis_refresh(indicator_ids=[indicator.pk])
    series = _series(indicator)
    series.window = 24
    shown = series.table_rows
    after = [(r.period, float(r.value)) for r in series.rows if r.period >= rebase_at]
    own = spc.spc(after).segments[0]
    for r in shown:
        if r.period >= rebase_at:
            assert (r.lower_limit, r.mean, r.upper_limit) == (
                own.lower_limit,
                own.mean,
                own.upper_limit,
            )
    before = spc.spc([(r.period, float(r.value)) for r in series.rows if r.period < rebase_at])
    assert shown[0].upper_limit == before.segments[0].upper_limit
    svg = ui_charts.line_chart(charts.indicator_chart(series))
    assert _limit_runs(svg) == 2  # the old limits and the new, not joined across the rebase
    assert svg.count('class="marker"') == 1
