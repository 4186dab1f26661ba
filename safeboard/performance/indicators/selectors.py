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
import functools
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Q,
    QuerySet,
)

from safeboard.core import plain
from safeboard.partnerships.domain import disclosure
from safeboard.partnerships.domain.disclosure import Entitlement
from safeboard.partnerships.models import Agency, Partnership
from safeboard.plans.models import Action, Plan, Theme, ThemeKind

from ..domain import indicator_rules as rules
from ..domain import periods
from ..domain.periods import label as period_label
from ..models import (
    DataDevelopmentItem,
    DevelopmentStatus,
    Indicator,
    IndicatorAnalysis,
    IndicatorPartner,
    SpcRebase,
    Value,
)
from .analysis import RENDERING_FORMAT, analysis_refresh, stored_series
from .analysis import report_periods as analysis_periods
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


@dataclass(frozen=True)
class CardLink:
    """A priority, outcome or plan action the report card links to."""

    pk: int
    title: str
    plan_title: str
    kind: str = ""

    def get_kind_display(self) -> str:
        return ThemeKind(self.kind).label if self.kind else ""


@dataclass(frozen=True)
class CardPartner:
    pk: int
    name: str
    role: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class CardItem:
    pk: int
    title: str
    description: str
    status: str

    def get_status_display(self) -> str:
        return DevelopmentStatus(self.status).label


@dataclass(frozen=True)
class RebaseItem:
    pk: int
    period_label: str
    reason: str


@dataclass
class ReportCard:
    series: IndicatorSeries
    themes: list[CardLink]
    actions: list[CardLink]
    partners: list[CardPartner]
    development: list[CardItem]
    rebases: list[RebaseItem]


# The report card's five lists in one statement: each branch is (list, pk, three texts, then the
# list's own order: a text, a text, a number). One round trip instead of five, and no ORM query
# to build on every read of the most-read page.
_THEMES, _ACTIONS, _PARTNERS, _DEVELOPMENT, _REBASES = range(5)


@functools.cache
def _card_lists_sql() -> str:
    theme, plan, action = Theme._meta.db_table, Plan._meta.db_table, Action._meta.db_table
    theme_links = Indicator.themes.through._meta.db_table
    action_links = Indicator.actions.through._meta.db_table
    partner, agency = IndicatorPartner._meta.db_table, Agency._meta.db_table
    development, rebase = DataDevelopmentItem._meta.db_table, SpcRebase._meta.db_table
    # Table names from the models' own metadata; the indicator is a bound parameter.
    return f"""
        SELECT {_THEMES}, t.id, t.title, p.title, t.kind, p.title, '', t.position
          FROM {theme} t JOIN {theme_links} l ON l.theme_id = t.id JOIN {plan} p ON p.id = t.plan_id
         WHERE l.indicator_id = %s
        UNION ALL
        SELECT {_ACTIONS}, a.id, a.title, p.title, '', p.title, '', a.position
          FROM {action} a JOIN {action_links} l ON l.action_id = a.id
          JOIN {plan} p ON p.id = a.plan_id
         WHERE l.indicator_id = %s
        UNION ALL
        SELECT {_PARTNERS}, r.id, COALESCE(g.name, r.name), r.role, '', '', '', r.id
          FROM {partner} r LEFT JOIN {agency} g ON g.id = r.agency_id
         WHERE r.indicator_id = %s
        UNION ALL
        SELECT {_DEVELOPMENT}, d.id, d.title, d.description, d.status, d.status, d.title, d.id
          FROM {development} d WHERE d.indicator_id = %s
        UNION ALL
        SELECT {_REBASES}, b.id, b.reason, CAST(b.period_start AS TEXT), '',
               CAST(b.period_start AS TEXT), '', 0
          FROM {rebase} b WHERE b.indicator_id = %s
        ORDER BY 1, 6, 7, 8, 2"""  # noqa: S608


def report_card(*, indicator: Indicator, rendering: str = "") -> ReportCard:
    """The report card: the stored summary of its analysis (and `rendering` of its series, the
    chart and data table with its targets and comparator), and what the partnership records
    about the indicator (its priorities, plan actions, partners, data development and SPC
    rebases), read as plain values in one query."""
    (series,) = stored_series([indicator], detail=False, rendering=rendering)
    lists: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for which, *row in plain.rows(_card_lists_sql(), [indicator.pk] * 5):
        lists[which].append(tuple(row))
    return ReportCard(
        series=series,
        themes=[CardLink(pk, title, plan, kind) for pk, title, plan, kind, *_ in lists[_THEMES]],
        actions=[CardLink(pk, title, plan) for pk, title, plan, *_ in lists[_ACTIONS]],
        partners=[CardPartner(pk, name, role) for pk, name, role, *_ in lists[_PARTNERS]],
        development=[
            CardItem(pk, title, description, status)
            for pk, title, description, status, *_ in lists[_DEVELOPMENT]
        ],
        rebases=[
            RebaseItem(pk, period_label(plain.day(start), indicator.frequency), reason)
            for pk, reason, start, *_ in lists[_REBASES]
        ],
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
    # On the section's own page, the page of its indicators shown (SECTION_PAGE_SIZE a page).
    page: Page[int] | None = None
    # Its indicators' renderings one after another (set by the page that shows them).
    html: str = ""


OTHER = "other"
# Indicators on one page of a section: each has a chart and a table, so a long section is
# paged, and a page costs the same whatever the section's size.
SECTION_PAGE_SIZE = 10


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


@dataclass(frozen=True)
class ReportTheme:
    """A priority or outcome as the report's layout reads it."""

    pk: int
    title: str
    kind: str
    position: int
    plan_title: str

    def get_kind_display(self) -> str:
        return ThemeKind(self.kind).label if self.kind in ThemeKind.values else self.kind


@dataclass(frozen=True)
class ReportBasis:
    """What the composite report is laid out, dated and keyed from, before any indicator is read:
    the current indicators in order, each with its current analysis's version and span, and the
    partnership's priorities and outcomes with the indicators linked to each. Three queries of
    plain values (`report_basis`)."""

    # (pk, saved, position, frequency, data version, first and last period with a value, is
    # illustrative), the times and dates as their text
    indicators: list[tuple[Any, ...]]
    # (theme pk, title, kind, position, plan title, saved, plan pk, plan saved)
    themes: list[tuple[Any, ...]]
    # (indicator pk, theme pk)
    links: list[tuple[int, int]]

    @property
    def order(self) -> list[int]:
        return [row[0] for row in self.indicators]

    def any_illustrative(self, ids: Sequence[int]) -> bool:
        wanted = set(ids)
        return any(row[7] for row in self.indicators if row[0] in wanted)

    def periods(self) -> list[datetime.date]:
        """The periods the report can be read at, newest first (analysis.report_periods), from
        each frequency's first and last period with a value."""
        spans: dict[str, tuple[str, str]] = {}
        for _, _, _, frequency, _, first, last, _ in self.indicators:
            if first is None or last is None:
                continue
            low, high = spans.get(frequency, (first, last))
            spans[frequency] = (min(low, first), max(high, last))
        return analysis_periods(
            (f, plain.day(first), plain.day(last)) for f, (first, last) in spans.items()
        )

    def themes_of(self) -> dict[int, list[ReportTheme]]:
        """Each indicator's priorities and outcomes."""
        made = {row[0]: ReportTheme(*row[:5]) for row in self.themes}
        links: dict[int, list[ReportTheme]] = defaultdict(list)
        for indicator_id, theme_id in self.links:
            links[indicator_id].append(made[theme_id])
        return links

    def digest(self, *, slug: str, period: datetime.date | None) -> str:
        """A digest of everything the report's summary at `period` is drawn from: the indicators
        (as last saved), their priorities and outcomes and the plans these belong to, each
        analysis's data version, the partnership's address and the drawing code's version
        (`analysis.RENDERING_FORMAT`)."""
        drawn_from = repr(
            (RENDERING_FORMAT, slug, period, self.indicators, self.themes, self.links)
        )
        return hashlib.sha256(drawn_from.encode()).hexdigest()


@functools.cache
def _basis_sql() -> tuple[str, str, str]:
    """The basis's three statements. Plain SQL, as the card's lists: they run on every read of
    the report's pages, and building them through the ORM and turning its hundreds of rows into
    values cost three times the database's own time. Times and dates are read as their text:
    the digest needs only to tell them apart, the spans only to order them. The indicators come
    in their own order (Indicator.Meta.ordering, then pk)."""
    indicator, analysis = Indicator._meta.db_table, IndicatorAnalysis._meta.db_table
    theme, plan = Theme._meta.db_table, Plan._meta.db_table
    links = Indicator.themes.through._meta.db_table
    return (
        f"""SELECT i.id, CAST(i.modified_at AS TEXT), i.position, i.frequency, a.data_version,
                   CAST(a.first_value AS TEXT), CAST(a.last_value AS TEXT), i.is_illustrative
              FROM {indicator} i LEFT JOIN {analysis} a
                ON a.indicator_id = i.id AND a.as_of IS NULL AND a.partnership_id = %s
             WHERE i.partnership_id = %s AND i.archived_at IS NULL
             ORDER BY i.position, i.code, i.id""",  # noqa: S608 - names from the models' metadata
        f"""SELECT t.id, t.title, t.kind, t.position, p.title, CAST(t.modified_at AS TEXT),
                   t.plan_id, CAST(p.modified_at AS TEXT)
              FROM {theme} t JOIN {plan} p ON p.id = t.plan_id
             WHERE t.partnership_id = %s ORDER BY t.id""",  # noqa: S608 - as above
        f"""SELECT l.indicator_id, l.theme_id FROM {links} l JOIN {theme} t ON t.id = l.theme_id
             WHERE t.partnership_id = %s ORDER BY l.indicator_id, l.theme_id""",  # noqa: S608
    )


def report_basis(*, partnership: Partnership) -> ReportBasis:
    """The report's basis in three queries of plain values. An indicator with no stored analysis
    yet (data written outside the services) has it worked out first."""
    indicators_sql, themes_sql, links_sql = _basis_sql()
    pk = partnership.pk
    indicators = plain.rows(indicators_sql, [pk, pk])
    missing = [row[0] for row in indicators if row[4] is None]
    if missing:
        analysis_refresh(indicator_ids=missing)
        indicators = plain.rows(indicators_sql, [pk, pk])
    return ReportBasis(
        indicators=indicators,
        themes=plain.rows(themes_sql, [pk]),
        links=plain.rows(links_sql, [pk]),
    )


def report_periods(*, partnership: Partnership) -> list[datetime.date]:
    """The periods the report can be read at, newest first."""
    return report_basis(partnership=partnership).periods()


def report_period(
    *, partnership: Partnership, period: datetime.date | None, basis: ReportBasis | None = None
) -> tuple[datetime.date | None, list[datetime.date], datetime.date | None]:
    """The period the report is read at (`period`, else the latest with data), the periods it
    can be read at, and what the analyses are read `as_of` (None: the current ones)."""
    choices = (basis or report_basis(partnership=partnership)).periods()
    latest = choices[0] if choices else None
    if period is None:
        period = latest
    as_of = None if period is None or (latest is not None and period >= latest) else period
    return period, choices, as_of


def _theme_order(theme: ReportTheme) -> tuple[Any, ...]:
    return (theme.plan_title, THEME_KIND_ORDER.get(theme.kind, 99), theme.position, theme.pk)


# What the report reads of each indicator (renderings read the rest when they are drawn).
REPORT_FIELDS = (
    "pk",
    "partnership_id",
    "code",
    "name",
    "unit",
    "polarity",
    "frequency",
    "suppression_threshold",
    "is_illustrative",
    "baseline_end",
    "modified_at",
    "numerator_label",
    "denominator_label",
)


def _sections(indicator_ids: Sequence[int], themes_of: dict[int, list[ReportTheme]]) -> Layout:
    """Each indicator (by id, in order) once, under the first of its priorities and outcomes
    (plan, then kind in the plan's order: strategic priorities first, outcomes last), or under
    "Other indicators"."""
    placed: dict[int, tuple[ReportTheme, list[int]]] = {}
    other: list[int] = []
    for pk in indicator_ids:
        themes = sorted(themes_of.get(pk, ()), key=_theme_order)
        if not themes:
            other.append(pk)
            continue
        first = themes[0]
        placed.setdefault(first.pk, (first, []))[1].append(pk)
    result = [
        (str(theme.pk), theme.title, f"{theme.get_kind_display()}, {theme.plan_title}", members)
        for theme, members in sorted(placed.values(), key=lambda pair: _theme_order(pair[0]))
    ]
    if other:
        result.append(
            (OTHER, "Other indicators", "Indicators linked to no priority or outcome", other)
        )
    return result


Layout = list[tuple[str, str, str, list[int]]]


def report_layout(
    *, basis: ReportBasis, section: str | None = None, page: str | int | None = None
) -> tuple[Layout, Page[int] | None]:
    """The report's sections as (key, heading, caption, indicator ids), from its basis alone;
    with `section`, that section only (none if there is no such section) and its `page` of
    indicators, with the page."""
    layout = _sections(basis.order, basis.themes_of())
    if section is None:
        return layout, None
    layout = [part for part in layout if part[0] == section]
    if not layout:
        return [], None
    key, heading, caption, members = layout[0]
    shown = Paginator(members, SECTION_PAGE_SIZE).get_page(page)
    return [(key, heading, caption, list(shown.object_list))], shown


def composite_report(
    *,
    partnership: Partnership,
    period: datetime.date | None = None,
    entitlement: Entitlement = disclosure.FULL,
    section: str | None = None,
    detail: bool = False,
    decoded: bool = True,
    rendering: str = "",
    page: str | int | None = None,
    basis: ReportBasis | None = None,
) -> CompositeReport:
    """Every indicator as it stood at the end of `period` (default: the latest with data), each
    once, in sections by its first priority or outcome. The summary reads each indicator's stored
    summary; with `section`, only that section's indicators are read, with every period
    (`detail`, also for the whole report as a PDF). Figures `entitlement` may not see come back
    suppressed. With `section`, its `page` of indicators only; an unknown `section` gives
    `section=None`. Without `decoded`, only what
    renderings.attach needs is read (a screen page shows the renderings)."""
    basis = basis or report_basis(partnership=partnership)
    period, choices, as_of = report_period(partnership=partnership, period=period, basis=basis)
    # The layout from ids alone; then only the indicators shown are read as records.
    layout, shown = report_layout(basis=basis, section=section, page=page)
    ids = [pk for *_, members in layout for pk in members]
    records = (
        _indicators(partnership).only(*REPORT_FIELDS)
        if section is None
        else Indicator.objects.filter(partnership=partnership, pk__in=ids).only(*REPORT_FIELDS)
    )
    found = {i.pk: i for i in records}
    wanted = [found[pk] for pk in ids]
    by_id = {
        s.indicator.pk: s
        for s in stored_series(
            wanted,
            entitlement=entitlement,
            detail=detail,
            as_of=as_of,
            decoded=decoded,
            rendering=rendering,
        )
    }
    sections = []
    for key, heading, caption, members in layout:
        series = [by_id[pk] for pk in members]
        for s in series:
            s.window = rules.report_window(s.indicator.frequency)
        sections.append(ReportSection(key, heading, caption, series, page=shown))
    return CompositeReport(
        period=period,
        period_choices=choices,
        sections=sections,
        any_illustrative=any(i.is_illustrative for i in wanted),
        entitlement=entitlement,
        section=sections[0] if section is not None and sections else None,
    )


@dataclass(frozen=True)
class ValueRow:
    value: Value
    label: str


def indicator_values(*, indicator: Indicator) -> list[ValueRow]:
    """The partnership-level values of `indicator` (the figures its report card shows), newest
    first, with their period's name and the return each came from: one query, whatever their
    number."""
    found = (
        Value.objects.filter(
            partnership_id=indicator.partnership_id, indicator=indicator, agency__isnull=True
        )
        .select_related("agency_return__agency")
        .order_by("-period_start")
    )
    return [ValueRow(v, periods.label(v.period_start, indicator.frequency)) for v in found]
