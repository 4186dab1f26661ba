"""Reads for the indicator pages: the data set, report cards, the bellwether dashboard,
scorecards and the composite report. Each keeps a fixed number of queries however much data there
is: indicators in one query, then all their values in one and all their targets in one, and the
series are assembled and analysed in Python by `series.build_series`.

A selector whose figures may leave the page (the composite report, printed as a PDF) takes the
viewer's `Entitlement` and returns only what they may see (partnerships/domain/disclosure.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from safeboard.partnerships.domain import disclosure
from safeboard.partnerships.domain.disclosure import Entitlement
from safeboard.partnerships.models import Partnership
from safeboard.plans.models import Action, Theme

from ..domain import indicator_rules as rules
from ..models import (
    ComparatorSeries,
    ComparatorValue,
    DataDevelopmentItem,
    Indicator,
    IndicatorPartner,
    Target,
    Unit,
    Value,
)
from .series import IndicatorSeries, build_series, split_agency_values


def _series_for(
    indicators: Sequence[Indicator],
    *,
    until: datetime.date | None = None,
    entitlement: Entitlement = disclosure.FULL,
) -> list[IndicatorSeries]:
    """Series for many indicators in three queries: the partnership values, the sums of the
    agency values per period (counts only; added up by the database), and the targets."""
    ids = [i.pk for i in indicators]
    count_ids = [i.pk for i in indicators if i.unit == Unit.COUNT]
    values: dict[int, list[Value]] = defaultdict(list)
    sums: dict[int, dict[datetime.date, Decimal]] = defaultdict(dict)
    targets: dict[int, list[Target]] = defaultdict(list)
    value_rows = Value.objects.filter(indicator_id__in=ids, agency__isnull=True).only(
        "indicator_id",
        "period_start",
        "agency_id",
        "value",
        "numerator",
        "denominator",
        "comment",
    )
    sum_rows = Value.objects.filter(
        indicator_id__in=count_ids, agency__isnull=False, value__isnull=False
    )
    target_rows = Target.objects.filter(indicator_id__in=ids)
    if until is not None:
        value_rows = value_rows.filter(period_start__lte=until)
        sum_rows = sum_rows.filter(period_start__lte=until)
        target_rows = target_rows.filter(period_start__lte=until)
    for v in value_rows.order_by("period_start"):
        values[v.indicator_id].append(v)
    for row in (
        sum_rows.order_by()
        .values("indicator_id", "period_start")
        .annotate(total=Sum("value"))
        .values_list("indicator_id", "period_start", "total")
    ):
        sums[row[0]][row[1]] = row[2]
    for t in target_rows.order_by("period_start"):
        targets[t.indicator_id].append(t)
    return [
        build_series(
            i,
            values[i.pk],
            targets[i.pk],
            agency_sums=sums[i.pk],
            until=until,
            entitlement=entitlement,
        )
        for i in indicators
    ]


def _indicators(partnership: Partnership) -> QuerySet[Indicator]:
    return Indicator.objects.active().filter(partnership=partnership)


# --- The data set -----------------------------------------------------------------------------


def indicator_list(
    *, partnership: Partnership, kind: str = "", theme_id: int | None = None
) -> list[IndicatorSeries]:
    indicators = _indicators(partnership)
    if kind:
        indicators = indicators.filter(kind=kind)
    if theme_id is not None:
        indicators = indicators.filter(themes__id=theme_id)
    return _series_for(list(indicators.distinct()))


def partnership_themes(partnership: Partnership) -> QuerySet[Theme]:
    return (
        Theme.objects.filter(partnership=partnership)
        .select_related("plan")
        .order_by("plan__title", "kind", "position", "pk")
    )


def partnership_actions(partnership: Partnership) -> QuerySet[Action]:
    return (
        Action.objects.filter(partnership=partnership)
        .select_related("plan")
        .order_by("plan__title", "position", "pk")
    )


# --- The report card --------------------------------------------------------------------------


@dataclass
class ReportCard:
    series: IndicatorSeries
    themes: list[Theme]
    actions: list[Action]
    partners: list[IndicatorPartner]
    development: list[DataDevelopmentItem]
    targets: list[Target]
    comparators: list[ComparatorSeries] = field(default_factory=list)


def report_card(*, indicator: Indicator) -> ReportCard:
    values = list(Value.objects.filter(indicator=indicator).order_by("period_start"))
    targets = list(Target.objects.filter(indicator=indicator).order_by("period_start"))
    comparators = list(
        ComparatorSeries.objects.filter(indicator=indicator).prefetch_related(
            Prefetch("points", queryset=ComparatorValue.objects.order_by("period_end"))
        )
    )
    index = rules.chosen_comparator([c.area_name for c in comparators])
    chosen = None if index is None else comparators[index]
    own, agency_sums = split_agency_values(values)
    series = build_series(
        indicator,
        own,
        targets,
        agency_sums=agency_sums,
        comparator=chosen.points.all() if chosen else (),
        comparator_name=f"{chosen.area_name} (comparator)" if chosen else "",
    )
    return ReportCard(
        series=series,
        themes=list(indicator.themes.select_related("plan").order_by("plan__title", "position")),
        actions=list(indicator.actions.select_related("plan").order_by("plan__title", "position")),
        partners=list(indicator.partners.select_related("agency").order_by("pk")),
        development=list(indicator.development.order_by("status", "title")),
        targets=targets,
        comparators=comparators,
    )


def development_agenda(*, partnership: Partnership) -> list[DataDevelopmentItem]:
    """The data development agenda: data we need but do not have yet, with its indicator."""
    return list(
        DataDevelopmentItem.objects.filter(partnership=partnership)
        .select_related("indicator")
        .order_by("status", "title", "pk")
    )


# --- Dashboard, scorecards, composite report ---------------------------------------------------


def bellwether_dashboard(*, partnership: Partnership) -> list[IndicatorSeries]:
    return _series_for(list(_indicators(partnership).filter(is_bellwether=True)))


def scorecard_list(*, partnership: Partnership) -> list[Theme]:
    """Priorities, themes and outcomes that have indicators, with how many each has."""
    return list(
        partnership_themes(partnership)
        .annotate(
            indicator_count=Count("indicators", filter=Q(indicators__archived_at__isnull=True))
        )
        .filter(indicator_count__gt=0)
    )


def scorecard(*, partnership: Partnership, theme: Theme) -> list[IndicatorSeries]:
    return _series_for(list(_indicators(partnership).filter(themes=theme)))


@dataclass
class ReportGroup:
    heading: str
    caption: str
    series: list[IndicatorSeries]


@dataclass
class CompositeReport:
    period: datetime.date | None
    period_choices: list[datetime.date]
    groups: list[ReportGroup]
    any_illustrative: bool
    entitlement: Entitlement = disclosure.FULL

    @property
    def series(self) -> list[IndicatorSeries]:
        return [s for g in self.groups for s in g.series]


def report_periods(*, partnership: Partnership) -> list[datetime.date]:
    """Every period (start date) that has a value, newest first."""
    return list(
        Value.objects.filter(partnership=partnership, indicator__archived_at__isnull=True)
        .order_by("-period_start")
        .values_list("period_start", flat=True)
        .distinct()
    )


def composite_report(
    *,
    partnership: Partnership,
    period: datetime.date | None = None,
    entitlement: Entitlement = disclosure.FULL,
) -> CompositeReport:
    """Every indicator, as it stood at the end of `period` (default: the latest with data),
    grouped by priority or theme; an indicator under several themes appears under each, and
    indicators with none under "Other indicators". Figures `entitlement` may not see come back
    suppressed."""
    choices = report_periods(partnership=partnership)
    if period is None and choices:
        period = choices[0]
    indicators = list(_indicators(partnership).prefetch_related("themes__plan"))
    by_id = {
        s.indicator.pk: s for s in _series_for(indicators, until=period, entitlement=entitlement)
    }
    for s in by_id.values():
        s.window = rules.report_window(s.indicator.frequency)
    groups: dict[int, ReportGroup] = {}
    other = ReportGroup("Other indicators", "Indicators linked to no priority or theme", [])
    ordered_themes: list[tuple[Any, ...]] = []
    for indicator in indicators:
        themes = list(indicator.themes.all())
        if not themes:
            other.series.append(by_id[indicator.pk])
        for theme in themes:
            if theme.pk not in groups:
                groups[theme.pk] = ReportGroup(
                    theme.title, f"{theme.get_kind_display()}, {theme.plan.title}", []
                )
                ordered_themes.append((theme.plan.title, theme.kind, theme.position, theme.pk))
            groups[theme.pk].series.append(by_id[indicator.pk])
    result = [groups[key[-1]] for key in sorted(ordered_themes)]
    if other.series:
        result.append(other)
    return CompositeReport(
        period=period,
        period_choices=choices,
        groups=result,
        any_illustrative=any(i.is_illustrative for i in indicators),
        entitlement=entitlement,
    )
