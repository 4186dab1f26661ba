"""The composite report's basis: what its pages are laid out, dated and keyed from, read in three
plain statements. It must agree with the records read through the ORM, hold only the
partnership's own rows, and its digest must move with every change the summary shows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from safeboard.performance.indicators import analysis, selectors
from safeboard.performance.models import Frequency, Indicator, IndicatorAnalysis, Value
from safeboard.performance.tests.factories import IndicatorFactory, ValueFactory
from safeboard.plans.tests.factories import PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _basis(tenancy):
    return selectors.report_basis(partnership=tenancy.ours)


def _digest(tenancy):
    return _basis(tenancy).digest(slug=tenancy.ours.slug, period=None)


def test_it_reads_the_indicators_in_their_order_with_their_current_analysis(tenancy, world):
    ours = tenancy.ours
    quarterly = IndicatorFactory(partnership=ours, code="AAA-01", frequency=Frequency.QUARTERLY)
    ValueFactory(indicator=quarterly, period_start=datetime.date(2018, 1, 1), value=Decimal(3))
    ValueFactory(indicator=quarterly, period_start=datetime.date(2018, 4, 1), value=Decimal(4))
    archived = IndicatorFactory(partnership=ours, code="ZZZ-01")
    archived.archived_at = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    archived.save()
    theirs = IndicatorFactory(partnership=tenancy.theirs, code="THEIRS")

    basis = _basis(tenancy)

    expected = list(Indicator.objects.active().filter(partnership=ours).values_list("pk"))
    assert basis.order == [pk for (pk,) in expected]
    assert archived.pk not in basis.order
    assert theirs.pk not in basis.order
    # The world's values were written outside the services: the basis worked their analysis out.
    current = {
        a.indicator_id: a
        for a in IndicatorAnalysis.objects.filter(partnership=ours, as_of__isnull=True)
    }
    for pk, _, _, frequency, version, first, last, _ in basis.indicators:
        assert version == current[pk].data_version
        assert Indicator.objects.get(pk=pk).frequency == frequency
        stored_first, stored_last = current[pk].first_value, current[pk].last_value
        assert (first, last) == (
            stored_first and stored_first.isoformat(),
            stored_last and stored_last.isoformat(),
        )


def test_its_periods_run_from_the_first_to_the_last_value_at_the_finest_frequency(tenancy, world):
    quarterly = IndicatorFactory(partnership=tenancy.ours, frequency=Frequency.QUARTERLY)
    ValueFactory(indicator=quarterly, period_start=datetime.date(2018, 10, 1))
    periods = _basis(tenancy).periods()
    # Monthly (the world's indicator) is the finest; the quarterly value starts the span.
    assert periods[-1] == datetime.date(2018, 10, 1)
    assert periods[0] == world.months[-1]
    assert periods == sorted(periods, reverse=True)
    assert len(periods) == len(set(periods)) == 12 * 2 + 6


def test_it_links_each_indicator_to_its_own_partnerships_themes_only(tenancy, world):
    elsewhere = ThemeFactory(plan=PlanFactory(partnership=tenancy.theirs), title="Theirs")
    basis = _basis(tenancy)
    themes_of = basis.themes_of()
    assert [t.title for t in themes_of[world.indicator.pk]] == ["Neglect"]
    assert world.theme.pk in {row[0] for row in basis.themes}
    assert elsewhere.pk not in {row[0] for row in basis.themes}
    assert themes_of[world.indicator.pk][0].plan_title == "Business plan"


def test_its_digest_moves_with_every_change_the_summary_shows(tenancy, world):
    seen = {_digest(tenancy)}

    def changed() -> bool:
        digest = _digest(tenancy)
        new = digest not in seen
        seen.add(digest)
        return new

    assert not changed()  # read again, nothing changed
    indicator = world.indicator
    indicator.name = "Renamed"
    indicator.save()
    assert changed()
    Value.objects.filter(indicator=indicator).update(value=Decimal(99))
    analysis.analysis_refresh(indicator_ids=[indicator.pk])
    assert changed()
    other = ThemeFactory(plan=world.theme.plan, title="Another")
    assert changed()
    indicator.themes.add(other)
    assert changed()
    other.title = "Another, renamed"
    other.save()
    assert changed()
    plan = world.theme.plan
    plan.title = "Business plan, renamed"
    plan.save()
    assert changed()
    IndicatorFactory(partnership=tenancy.ours)
    assert changed()
    # Another partnership's change does not touch ours.
    IndicatorFactory(partnership=tenancy.theirs)
    assert not changed()
