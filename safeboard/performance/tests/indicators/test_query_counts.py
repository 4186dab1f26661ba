"""The data pages keep a fixed number of queries with 5 or 60 indicators of 36 months each."""

from __future__ import annotations

import datetime
from decimal import Decimal

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.domain import periods
from safeboard.performance.indicators.analysis import analysis_rebuild
from safeboard.performance.models import (
    ComparatorSeries,
    ComparatorValue,
    DataDevelopmentItem,
    Indicator,
    IndicatorPartner,
    Target,
    Value,
)
from safeboard.plans.tests.factories import ActionFactory, PlanFactory, ThemeFactory
from safeboard.ui.tests.pages import queries_to_show

MONTHS = list(periods.periods(datetime.date(2018, 4, 1), datetime.date(2021, 3, 1), "monthly"))


def _build(tenancy, count):
    ours = tenancy.ours
    plan = PlanFactory(partnership=ours, key=f"plan-{count}")
    themes = [ThemeFactory(plan=plan, key=f"t{count}-{i}") for i in range(3)]
    actions = [ActionFactory(plan=plan, key=f"a{count}-{i}") for i in range(3)]
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                partnership=ours,
                code=f"q{count}-{i}",
                name=f"Measure {i}",
                unit="count",
                polarity=["higher", "lower", "target", "neutral"][i % 4],
                frequency="monthly",
                kind="population",
                is_bellwether=True,
                is_illustrative=bool(i % 2),
                position=i,
            )
            for i in range(count)
        ]
    )
    Indicator.themes.through.objects.bulk_create(
        [
            Indicator.themes.through(indicator_id=ind.pk, theme_id=themes[i % 3].pk)
            for i, ind in enumerate(indicators)
            if i % 4
        ]
    )
    Indicator.actions.through.objects.bulk_create(
        [
            Indicator.actions.through(indicator_id=ind.pk, action_id=actions[0].pk)
            for ind in indicators
        ]
    )
    Value.objects.bulk_create(
        [
            Value(
                partnership=ours,
                indicator=ind,
                period_start=day,
                value=Decimal(10 + (j * 7 + i) % 11 + (5 if j > 24 else 0)),
                agency=tenancy.agency if j % 9 == 0 else None,
            )
            for i, ind in enumerate(indicators)
            for j, day in enumerate(MONTHS)
        ]
    )
    Target.objects.bulk_create(
        [
            Target(partnership=ours, indicator=ind, period_start=day, value=Decimal(12))
            for ind in indicators
            for day in MONTHS[::6]
        ]
    )
    first = indicators[0]
    n = 2 if count < 10 else 20
    IndicatorPartner.objects.bulk_create(
        [
            IndicatorPartner(partnership=ours, indicator=first, agency=tenancy.agency, role="r")
            for _ in range(n)
        ]
    )
    DataDevelopmentItem.objects.bulk_create(
        [DataDevelopmentItem(partnership=ours, indicator=first, title=f"d{k}") for k in range(n)]
    )
    for k in range(1 if count < 10 else 3):
        series = ComparatorSeries.objects.create(
            partnership=ours,
            indicator=first,
            source_measure=f"m{count}-{k}",
            area_code="E92000001",
            area_name="England",
        )
        ComparatorValue.objects.bulk_create(
            [
                ComparatorValue(
                    series=series,
                    period_label=str(y),
                    period_end=datetime.date(y, 3, 31),
                    value=Decimal(14) if y % 2 else None,
                    symbol="" if y % 2 else "c",
                )
                for y in range(2019, 2022)
            ]
        )
    return first, themes[0]


def _pages(first, theme):
    base = "/p/ourshire/measures"
    return [
        f"{base}/",
        f"{base}/?kind=population&theme={theme.pk}",
        f"{base}/dashboard/",
        f"{base}/indicators/{first.pk}/",
        f"{base}/scorecards/",
        f"{base}/scorecards/themes/{theme.pk}/",
        f"{base}/report/",
        f"{base}/report/?period=2019-06-01",
        f"{base}/report/{theme.pk}/",
        f"{base}/report/{theme.pk}/?period=2019-06-01",
        f"{base}/report/other/",
        f"{base}/development/",
    ]


def _shown(client, pages):
    """The queries of each page once its renderings are made (the first view after a change
    of data makes them, in a fixed number of queries too)."""
    first_views = [queries_to_show(client, url) for url in pages]
    return first_views, [queries_to_show(client, url) for url in pages]


def test_it_keeps_indicator_pages_to_a_fixed_number_of_queries(tenancy):
    client = client_for(tenancy.user(Role.ANALYST))
    first, theme = _build(tenancy, 5)
    analysis_rebuild(partnership=tenancy.ours)  # as the services do when data change
    small_first, small = _shown(client, _pages(first, theme))
    Indicator.objects.filter(pk__in=[first.pk]).update(code="done-small")
    big_first, big_theme = _build(tenancy, 60)
    analysis_rebuild(partnership=tenancy.ours)
    # Same shape of page: the small data's pages, now with 65 indicators in the partnership.
    large_first, large = _shown(client, _pages(first, theme))
    assert small == large
    assert small_first == large_first
    assert _shown(client, _pages(big_first, big_theme))[1] == large
