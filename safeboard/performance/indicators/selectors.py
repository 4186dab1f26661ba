"""Reads for the indicator pages: the data set, report cards, the bellwether dashboard,
scorecards and the composite report. Each keeps a fixed number of queries however much data there
is: indicators in one query, then all their values in one and all their targets in one, and the
series are assembled and analysed (SPC, trends, forecast) in Python.

The partnership's value for a period is its own value (agency left blank) when there is one. When
a period has only per-agency values, the partnership value is their sum for counts (marked
"summed from agencies" in the table); for other units (percentages, rates, money, days) agency
values are not combined and the period shows no partnership value.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from safeboard.partnerships.models import Partnership
from safeboard.plans.models import Action, Theme

from .. import charts
from ..domain import forecast as forecasting
from ..domain import periods, spc, trends
from ..models import (
    ComparatorSeries,
    ComparatorValue,
    DataDevelopmentItem,
    Indicator,
    IndicatorPartner,
    Polarity,
    Target,
    Unit,
    Value,
)

ILLUSTRATIVE_LABEL = "Illustrative values: synthetic data for demonstration"

SPC_DIRECTION: dict[str, spc.Direction] = {
    Polarity.HIGHER: "increase",
    Polarity.LOWER: "decrease",
    Polarity.TARGET: "neutral",
    Polarity.NEUTRAL: "neutral",
}
TREND_POLARITY: dict[str, trends.Polarity] = {
    Polarity.HIGHER: "higher_is_better",
    Polarity.LOWER: "lower_is_better",
    Polarity.TARGET: "closer_to_target_is_better",
    Polarity.NEUTRAL: "no_preferred_direction",
}
# (symbol, text) for each SPC variation icon and assurance icon: text, never colour alone.
VARIATION_LABELS: dict[str, tuple[str, str]] = {
    "common_cause": ("~", "Common cause variation"),
    "improvement_high": ("▲", "Special cause: improvement (higher)"),
    "improvement_low": ("▼", "Special cause: improvement (lower)"),
    "concern_high": ("▲", "Special cause: concern (higher)"),
    "concern_low": ("▼", "Special cause: concern (lower)"),
    "neutral_high": ("▲", "Special cause: neither better nor worse (higher)"),
    "neutral_low": ("▼", "Special cause: neither better nor worse (lower)"),
}
POINT_LABELS: dict[str, str] = {
    "common_cause": "Common cause",
    "improvement": "Special cause: improvement",
    "concern": "Special cause: concern",
    "neutral_high": "Special cause: neutral (higher)",
    "neutral_low": "Special cause: neutral (lower)",
}
ASSURANCE_LABELS: dict[str, tuple[str, str]] = {
    "pass": ("✓", "Target consistently met"),
    "fail": ("✗", "Target consistently missed"),
    "inconsistent": ("?", "Target met or missed by chance"),
}
NO_ASSURANCE = ("–", "No target assurance")
TREND_WORDS = {"up": "Up", "down": "Down", "flat": "No change"}
JUDGEMENT_WORDS = {"improving": "improving", "getting_worse": "getting worse", "no_change": ""}


@dataclass
class PeriodRow:
    period: datetime.date
    label: str
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comment: str = ""
    summed: bool = False
    target: Decimal | None = None
    target_id: int | None = None
    forecast: float | None = None
    projected: bool = False
    mean: float | None = None
    lower_limit: float | None = None
    upper_limit: float | None = None
    point_type: str | None = None
    spc_label: str = ""
    comparator: float | None = None
    comparator_symbol: str = ""
    # The latest target set for this period or an earlier one: the chart draws it carried on.
    target_in_force: Decimal | None = None
    # Small-number suppression (exports for readers not entitled to the detail).
    suppressed: bool = False
    numerator_suppressed: bool = False

    @property
    def variation(self) -> str:
        return POINT_LABELS.get(self.point_type or "", "")


@dataclass
class IndicatorSeries:
    indicator: Indicator
    rows: list[PeriodRow]
    comparator_name: str = ""
    latest: PeriodRow | None = None
    latest_target: Decimal | None = None
    variation_icon: str | None = None
    assurance_icon: str | None = None
    current_trend: trends.CurrentTrend | None = None
    baseline_change: trends.BaselineChange | None = None
    forecast: forecasting.Forecast | None = None
    turned_the_curve: bool | None = None
    spc_error: str = ""
    # The composite report shows each indicator's recent periods only (REPORT_WINDOW); the
    # report card shows them all. SPC, trends and forecast are always worked out on every period.
    window: int | None = None

    @property
    def table_rows(self) -> list[PeriodRow]:
        return self.rows[-self.window :] if self.window else self.rows

    @property
    def variation(self) -> tuple[str, str]:
        if self.variation_icon is None:
            return ("–", "Not enough data for SPC")
        return VARIATION_LABELS[self.variation_icon]

    @property
    def assurance(self) -> tuple[str, str]:
        if self.assurance_icon is None:
            return NO_ASSURANCE
        return ASSURANCE_LABELS[self.assurance_icon]

    @property
    def trend_text(self) -> str:
        trend = self.current_trend
        if trend is None or trend.direction is None:
            return "Not enough data"
        words = TREND_WORDS[trend.direction]
        plural = "period" if trend.periods == 1 else "periods"
        judged = JUDGEMENT_WORDS.get(trend.judgement or "", "")
        return f"{words} for {trend.periods} {plural}" + (f", {judged}" if judged else "")

    @property
    def baseline_change_text(self) -> str:
        change = self.baseline_change
        if change is None:
            return "Not enough data"
        if change.percent_change is None:
            return f"{change.change:+,.2f} since {self.label_for(change.baseline_date)}"
        return f"{change.percent_change:+.1f}% since {self.label_for(change.baseline_date)}"

    @property
    def turned_text(self) -> str:
        if self.turned_the_curve is None:
            return "No judgement"
        return "Yes" if self.turned_the_curve else "Not yet"

    def label_for(self, day: datetime.date) -> str:
        return periods.label(day, self.indicator.frequency)

    @property
    def suppression(self) -> str:
        return f"<{self.indicator.suppression_threshold}"

    @property
    def latest_text(self) -> str:
        if self.latest is None:
            return "Not recorded"
        shown = self.suppression if self.latest.suppressed else _plain(self.latest.value)
        return f"{shown} ({self.latest.label})"

    @property
    def has_numerators(self) -> bool:
        return any(r.numerator is not None or r.denominator is not None for r in self.rows)

    @property
    def has_comparator(self) -> bool:
        return any(r.comparator is not None or r.comparator_symbol for r in self.rows)

    def chart(self, *, chart_id: str = "chart") -> str:
        ind = self.indicator
        latest = self.latest
        summary = (
            f"{len([r for r in self.table_rows if r.value is not None])} periods"
            + (f"; latest {self.latest_text}" if latest else "")
            + f". {self.variation[1]}. {self.assurance[1]}. The data table follows the chart."
        )
        if any(r.suppressed for r in self.rows):
            summary += f" Counts below {ind.suppression_threshold} are suppressed and not drawn."
        return charts.indicator_chart(
            title=f"{ind.code} {ind.name}",
            description=summary,
            rows=[
                charts.ChartRow(
                    label=r.label,
                    value=None if r.value is None or r.suppressed else float(r.value),
                    point_type=r.point_type,
                    mean=r.mean,
                    lower_limit=r.lower_limit,
                    upper_limit=r.upper_limit,
                    target=None if r.target_in_force is None else float(r.target_in_force),
                    forecast=r.forecast,
                    comparator=r.comparator,
                )
                for r in self.table_rows
            ],
            comparator_name=self.comparator_name,
            chart_id=chart_id,
        )

    @property
    def chart_svg(self) -> str:
        return self.chart(chart_id=f"chart-{self.indicator.pk}")

    def sparkline(self) -> str:
        recent = self.rows[-24:]
        return charts.sparkline(
            title=f"Recent values of {self.indicator.name}",
            values=[None if r.value is None else float(r.value) for r in recent],
        )


def suppress_small_numbers(series: Iterable[IndicatorSeries]) -> None:
    """Small-number suppression for readers not entitled to the detail: a count below the
    indicator's threshold, and any numerator below it together with the value worked out from
    it, are shown as "<5" (for a threshold of 5) and left off the chart."""
    for s in series:
        threshold = s.indicator.suppression_threshold
        for r in s.rows:
            small_numerator = r.numerator is not None and r.numerator < threshold
            small_count = (
                s.indicator.unit == Unit.COUNT and r.value is not None and r.value < threshold
            )
            r.numerator_suppressed = small_numerator
            r.suppressed = small_count or (small_numerator and r.value is not None)


def _plain(value: Decimal | None) -> str:
    if value is None:
        return "Not recorded"
    return f"{value.normalize():f}"


def _split(values: Iterable[Value]) -> tuple[list[Value], dict[datetime.date, Decimal]]:
    """The partnership's own values, and the sum of the agency values of each period."""
    own: list[Value] = []
    sums: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for v in values:
        if v.agency_id is None:
            own.append(v)
        elif v.value is not None:
            sums[v.period_start] += v.value
    return own, sums


def _series(
    indicator: Indicator,
    values: Sequence[Value],
    targets: Sequence[Target],
    *,
    agency_sums: dict[datetime.date, Decimal] | None = None,
    until: datetime.date | None = None,
    comparator: Iterable[ComparatorValue] = (),
    comparator_name: str = "",
) -> IndicatorSeries:
    """The indicator's history (partnership totals), targets, SPC, forecast and trends."""
    frequency = indicator.frequency
    rows: dict[datetime.date, PeriodRow] = {}

    def row(day: datetime.date) -> PeriodRow:
        if day not in rows:
            rows[day] = PeriodRow(period=day, label=periods.label(day, frequency))
        return rows[day]

    own = {
        v.period_start: v
        for v in values
        if v.agency_id is None and (until is None or v.period_start <= until)
    }
    for day, v in own.items():
        r = row(day)
        r.value, r.numerator, r.denominator, r.comment = (
            v.value,
            v.numerator,
            v.denominator,
            v.comment,
        )
    if indicator.unit == Unit.COUNT:
        for day, total in (agency_sums or {}).items():
            if day not in own and (until is None or day <= until):
                r = row(day)
                r.value, r.summed = total, True
    if rows:
        for t in targets:
            if until is None or t.period_start <= until:
                r = row(t.period_start)
                r.target, r.target_id = t.value, t.pk
    for c in comparator:
        day = periods.period_start(c.period_end, frequency)
        if day in rows:
            rows[day].comparator = None if c.value is None else float(c.value)
            rows[day].comparator_symbol = c.symbol
    ordered = [rows[day] for day in sorted(rows)]
    in_force: Decimal | None = None
    for r in ordered:
        in_force = r.target if r.target is not None else in_force
        r.target_in_force = in_force
    series = IndicatorSeries(indicator=indicator, rows=ordered, comparator_name=comparator_name)
    points = [(r.period, float(r.value)) for r in ordered if r.value is not None]
    if not points:
        return series
    series.latest = next(r for r in reversed(ordered) if r.value is not None)
    series.latest_target = next(
        (r.target for r in reversed(ordered) if r.target is not None and r.period <= points[-1][0]),
        None,
    )
    direction = SPC_DIRECTION[indicator.polarity]
    target = float(series.latest_target) if series.latest_target is not None else None
    try:
        result = spc.spc(
            points, direction=direction, target=None if direction == "neutral" else target
        )
    except ValueError as exc:  # pragma: no cover - values are validated on the way in
        series.spc_error = str(exc)
    else:
        series.variation_icon = result.variation_icon
        series.assurance_icon = result.assurance_icon
        for p in result.points:
            r = rows[p.date]
            r.mean, r.lower_limit, r.upper_limit = p.mean, p.lower_limit, p.upper_limit
            r.point_type, r.spc_label = p.point_type, p.label
    polarity = TREND_POLARITY[indicator.polarity]
    if polarity == "closer_to_target_is_better" and target is None:
        polarity = "no_preferred_direction"
    series.current_trend = trends.current_trend(points, polarity, target=target)
    series.baseline_change = trends.baseline_change(points, polarity, target=target)
    series.forecast = forecasting.baseline_forecast(points, baseline_end=indicator.baseline_end)
    if series.forecast is not None:
        for day, expected in zip(series.forecast.dates, series.forecast.values, strict=True):
            rows[day].forecast = expected
            rows[day].projected = series.forecast.is_projected(day)
    series.turned_the_curve = forecasting.turned_the_curve(
        points, series.forecast, indicator.polarity, target=target
    )
    return series


def _series_for(
    indicators: Sequence[Indicator], *, until: datetime.date | None = None
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
        _series(i, values[i.pk], targets[i.pk], agency_sums=sums[i.pk], until=until)
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
    chosen = next(
        (c for c in comparators if "england" in c.area_name.lower()),
        comparators[0] if comparators else None,
    )
    own, agency_sums = _split(values)
    series = _series(
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


# Periods shown per indicator in the composite report: two years of months or quarters, ten years.
REPORT_WINDOW = {"monthly": 24, "quarterly": 8, "annual": 10}


def composite_report(
    *, partnership: Partnership, period: datetime.date | None = None
) -> CompositeReport:
    """Every indicator, as it stood at the end of `period` (default: the latest with data),
    grouped by priority or theme; an indicator under several themes appears under each, and
    indicators with none under "Other indicators"."""
    choices = report_periods(partnership=partnership)
    if period is None and choices:
        period = choices[0]
    indicators = list(_indicators(partnership).prefetch_related("themes__plan"))
    by_id = {s.indicator.pk: s for s in _series_for(indicators, until=period)}
    for s in by_id.values():
        s.window = REPORT_WINDOW[s.indicator.frequency]
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
    )
