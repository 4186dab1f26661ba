"""Reads for the indicator pages: the data set, report cards, the bellwether dashboard,
scorecards and the composite report. Each keeps a fixed number of queries however much data there
is, and none works anything out from the values: each indicator's series and analysis were
stored when its data last changed (`analysis.py`), and are read here in one query, the summary
only unless the page draws the series.

A selector whose figures may leave the page (the composite report, printed as a PDF) takes the
viewer's `Entitlement` and returns only what they may see (partnerships/domain/disclosure.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from safeboard.partnerships.domain import disclosure
from safeboard.partnerships.domain.disclosure import Entitlement
from safeboard.partnerships.models import Partnership
from safeboard.plans.models import Action, Theme, ThemeKind

from ..domain import indicator_rules as rules
from ..models import (
    ComparatorSeries,
    DataDevelopmentItem,
    Indicator,
    IndicatorAnalysis,
    IndicatorPartner,
    Target,
)
from .analysis import report_periods as analysis_periods
from .analysis import stored_series
from .series import IndicatorSeries

THEME_KIND_ORDER = {kind: index for index, kind in enumerate(ThemeKind.values)}


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
    return stored_series(list(indicators.distinct()), detail=False)


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
    comparators = list(ComparatorSeries.objects.filter(indicator=indicator))
    (series,) = stored_series([indicator], detail=False)
    return ReportCard(
        series=series,
        themes=list(indicator.themes.select_related("plan").order_by("plan__title", "position")),
        actions=list(indicator.actions.select_related("plan").order_by("plan__title", "position")),
        partners=list(indicator.partners.select_related("agency").order_by("pk")),
        development=list(indicator.development.order_by("status", "title")),
        targets=list(Target.objects.filter(indicator=indicator).order_by("period_start")),
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
    return stored_series(
        list(_indicators(partnership).filter(is_bellwether=True)), detail=False, sparkline=True
    )


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
    return stored_series(list(_indicators(partnership).filter(themes=theme)), detail=False)


@dataclass
class ReportSection:
    """One section of the composite report: a priority, theme or outcome and the indicators
    whose first priority it is, or the indicators linked to none ("other")."""

    key: str
    heading: str
    caption: str
    series: list[IndicatorSeries]


OTHER = "other"


@dataclass
class CompositeReport:
    period: datetime.date | None
    period_choices: list[datetime.date]
    sections: list[ReportSection]
    any_illustrative: bool
    entitlement: Entitlement = disclosure.FULL
    # The section shown on its own (the report's section page), else None.
    section: ReportSection | None = None

    @property
    def series(self) -> list[IndicatorSeries]:
        return [s for g in self.sections for s in g.series]


def report_periods(*, partnership: Partnership) -> list[datetime.date]:
    """The periods the report can be read at, newest first (analysis.report_periods), from the
    first and last periods with a value of each frequency: one small query."""
    spans = (
        IndicatorAnalysis.objects.filter(
            partnership=partnership, as_of__isnull=True, indicator__archived_at__isnull=True
        )
        .exclude(last_value=None)
        .order_by()
        .values("indicator__frequency")
        .annotate(first=Min("first_value"), last=Max("last_value"))
        .values_list("indicator__frequency", "first", "last")
    )
    return analysis_periods(spans)


def _theme_order(theme: Theme) -> tuple[Any, ...]:
    return (theme.plan.title, THEME_KIND_ORDER.get(theme.kind, 99), theme.position, theme.pk)


def _sections(indicators: Sequence[Indicator]) -> list[tuple[str, str, str, list[Indicator]]]:
    """Each indicator once, under the first of its priorities and outcomes (plan, then kind in
    the plan's order: strategic priorities first, outcomes last), or under "Other indicators"."""
    placed: dict[int, tuple[Theme, list[Indicator]]] = {}
    other: list[Indicator] = []
    for indicator in indicators:
        themes = sorted(indicator.themes.all(), key=_theme_order)
        if not themes:
            other.append(indicator)
            continue
        first = themes[0]
        placed.setdefault(first.pk, (first, []))[1].append(indicator)
    result = [
        (str(theme.pk), theme.title, f"{theme.get_kind_display()}, {theme.plan.title}", members)
        for theme, members in sorted(placed.values(), key=lambda pair: _theme_order(pair[0]))
    ]
    if other:
        result.append(
            (OTHER, "Other indicators", "Indicators linked to no priority or outcome", other)
        )
    return result


def composite_report(
    *,
    partnership: Partnership,
    period: datetime.date | None = None,
    entitlement: Entitlement = disclosure.FULL,
    section: str | None = None,
    detail: bool = False,
    decoded: bool = True,
) -> CompositeReport:
    """Every indicator as it stood at the end of `period` (default: the latest with data), each
    once, in sections by its first priority or outcome. The summary reads each indicator's stored
    summary; with `section`, only that section's indicators are read, with every period
    (`detail`, also for the whole report as a PDF). Figures `entitlement` may not see come back
    suppressed. An unknown `section` gives `section=None`. Without `decoded`, only what
    renderings.attach needs is read (a screen page shows the renderings)."""
    choices = report_periods(partnership=partnership)
    latest = choices[0] if choices else None
    if period is None:
        period = latest
    as_of = None if period is None or (latest is not None and period >= latest) else period
    indicators = list(_indicators(partnership).prefetch_related("themes__plan"))
    layout = _sections(indicators)
    if section is not None:
        layout = [part for part in layout if part[0] == section]
    wanted = [i for *_, members in layout for i in members]
    by_id = {
        s.indicator.pk: s
        for s in stored_series(
            wanted, entitlement=entitlement, detail=detail, as_of=as_of, decoded=decoded
        )
    }
    sections = []
    for key, heading, caption, members in layout:
        series = [by_id[i.pk] for i in members]
        for s in series:
            s.window = rules.report_window(s.indicator.frequency)
        sections.append(ReportSection(key, heading, caption, series))
    return CompositeReport(
        period=period,
        period_choices=choices,
        sections=sections,
        any_illustrative=any(i.is_illustrative for i in wanted),
        entitlement=entitlement,
        section=sections[0] if section is not None and sections else None,
    )
