"""An indicator's series as the pages show it: one row per period with its value, target, SPC
limits, forecast and comparator, and the analysis of the whole (SPC, trends, forecast).

`build_series` assembles it in Python from records the selectors have already read (no query
here), applies the rules of ../domain/ and, from the viewer's entitlement, the disclosure rule
(partnerships/domain/disclosure.py): a suppressed figure keeps its marker and is never drawn.

The partnership's value for a period is its own value (agency left blank) when there is one. When
a period has only per-agency values, the partnership value is their sum for counts (marked
"summed from agencies" in the table); for other units (percentages, rates, money, days) agency
values are not combined and the period shows no partnership value.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from safeboard.partnerships.domain import disclosure
from safeboard.partnerships.domain.disclosure import Disclosed, Entitlement

from ..domain import forecast as forecasting
from ..domain import indicator_rules as rules
from ..domain import periods, spc, trends
from ..models import ComparatorValue, Indicator, Target, Unit, Value
from . import presenters


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
    # Why the SPC limits are worked out afresh from this period (a recorded rebase), if they are.
    rebase_reason: str = ""
    # What the viewer may see of the value and numerator (small-number suppression).
    disclosed: Disclosed = disclosure.SHOWN

    @property
    def suppressed(self) -> bool:
        return self.disclosed.value_suppressed

    @property
    def numerator_suppressed(self) -> bool:
        return self.disclosed.numerator_suppressed

    @property
    def variation(self) -> str:
        return presenters.point_label(self.point_type)


@dataclass(frozen=True)
class ComparatorYear:
    """A published comparator figure, for the year `label` (e.g. "2024/25"), drawn against the
    periods from `first` to `last` (their starts) that the year covers."""

    label: str
    value: float | None
    symbol: str
    first: datetime.date
    last: datetime.date


@dataclass(frozen=True)
class ComparatorYearShown:
    """A comparator year as the data table's note reads it: the periods in words."""

    label: str
    value: float | None
    symbol: str
    first: str
    last: str


@dataclass
class IndicatorSeries:
    indicator: Indicator
    rows: list[PeriodRow]
    comparator_name: str = ""
    # The recorded rebases that start a new SPC segment of this series: (period, reason).
    rebases: list[tuple[datetime.date, str]] = field(default_factory=list)
    # Which year each comparator figure is for, and the periods it is drawn across.
    comparator_years: list[ComparatorYear] = field(default_factory=list)
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
    # The recent values the dashboard draws (suppressed ones None), and the first and last
    # periods with a value: set from the stored summary (indicators/analysis.py).
    sparkline: list[float | None] = field(default_factory=list)
    first_value: datetime.date | None = None
    last_value: datetime.date | None = None
    has_forecast: bool = False
    # The stored analysis this was read from (analysis.Stored; renderings are keyed by its
    # data version).
    stored: Any = None
    # A rendering of this series kept with its analysis (renderings.attach).
    html: str = ""

    @property
    def table_rows(self) -> list[PeriodRow]:
        return self.rows[-self.window :] if self.window else self.rows

    @property
    def comparator_years_shown(self) -> list[ComparatorYearShown]:
        """The comparator's years that cover a period of the data table, each with the first
        and last of its periods there."""
        shown = self.table_rows
        if not shown:
            return []
        low, high, frequency = shown[0].period, shown[-1].period, self.indicator.frequency
        return [
            ComparatorYearShown(
                y.label,
                y.value,
                y.symbol,
                periods.label(max(y.first, low), frequency),
                periods.label(min(y.last, high), frequency),
            )
            for y in self.comparator_years
            if y.last >= low and y.first <= high
        ]

    @property
    def variation(self) -> tuple[str, str]:
        return presenters.variation(self.variation_icon)

    @property
    def assurance(self) -> tuple[str, str]:
        return presenters.assurance(self.assurance_icon)

    @property
    def trend_text(self) -> str:
        return presenters.trend_text(self.current_trend)

    @property
    def baseline_change_text(self) -> str:
        return presenters.baseline_change_text(self.baseline_change, self.label_for)

    @property
    def turned_text(self) -> str:
        return presenters.turned_text(self.turned_the_curve)

    def label_for(self, day: datetime.date) -> str:
        return periods.label(day, self.indicator.frequency)

    @property
    def latest_text(self) -> str:
        if self.latest is None:
            return presenters.NOT_RECORDED
        return presenters.latest_text(
            self.latest.value, self.latest.disclosed.value_marker, self.latest.label
        )

    @property
    def any_suppressed(self) -> bool:
        return any(r.suppressed for r in self.rows)

    @property
    def has_numerators(self) -> bool:
        return any(r.numerator is not None or r.denominator is not None for r in self.rows)

    @property
    def has_comparator(self) -> bool:
        return any(r.comparator is not None or r.comparator_symbol for r in self.rows)


def _spread_comparator(
    rows: dict[datetime.date, PeriodRow], comparator: Iterable[ComparatorValue], frequency: str
) -> list[ComparatorYear]:
    """Put each comparator figure on every period it covers. A published figure is for a year
    ending 31 March (its `period_end`): on a monthly or quarterly card it is drawn across each
    period of that year, from the day after the figure before it (or the year's start), so it
    reads as a line across the year, not one dot at March."""
    years: list[ComparatorYear] = []
    previous_end: datetime.date | None = None
    for c in sorted(comparator, key=lambda c: c.period_end):
        start = periods.period_start(c.period_end, periods.ANNUAL)
        if previous_end is not None and previous_end >= start:
            start = previous_end + datetime.timedelta(days=1)
        previous_end = c.period_end
        covered = [d for d in periods.periods(start, c.period_end, frequency) if d in rows]
        value = None if c.value is None else float(c.value)
        for day in covered:
            rows[day].comparator, rows[day].comparator_symbol = value, c.symbol
        if covered:
            label = c.period_label or periods.label(c.period_end, periods.ANNUAL)
            years.append(ComparatorYear(label, value, c.symbol, covered[0], covered[-1]))
    return years


def build_series(
    indicator: Indicator,
    values: Sequence[Value],
    targets: Sequence[Target],
    *,
    entitlement: Entitlement = disclosure.FULL,
    agency_sums: dict[datetime.date, Decimal] | None = None,
    until: datetime.date | None = None,
    comparator: Iterable[ComparatorValue] = (),
    comparator_name: str = "",
    rebases: Sequence[tuple[datetime.date, str]] = (),
) -> IndicatorSeries:
    """The indicator's history (partnership totals), targets, SPC, forecast and trends, with
    what `entitlement` may see of each figure. `rebases` (period, reason) are known changes in
    process: the SPC limits are worked out afresh from each one that falls on a period with a
    value after the first."""
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
    comparator_years = _spread_comparator(rows, comparator, frequency)
    ordered = [rows[day] for day in sorted(rows)]
    in_force: Decimal | None = None
    for r in ordered:
        in_force = r.target if r.target is not None else in_force
        r.target_in_force = in_force
        r.disclosed = disclosure.disclose(
            entitlement=entitlement,
            is_count=indicator.unit == Unit.COUNT,
            value=r.value,
            numerator=r.numerator,
            threshold=indicator.suppression_threshold,
        )
    series = IndicatorSeries(
        indicator=indicator,
        rows=ordered,
        comparator_name=comparator_name,
        comparator_years=comparator_years,
    )
    points = [(r.period, float(r.value)) for r in ordered if r.value is not None]
    if not points:
        return series
    series.latest = next(r for r in reversed(ordered) if r.value is not None)
    series.latest_target = next(
        (r.target for r in reversed(ordered) if r.target is not None and r.period <= points[-1][0]),
        None,
    )
    target = float(series.latest_target) if series.latest_target is not None else None
    # A rebase starts a segment only on a period with a value, after the first (spc.spc).
    valued = {day for day, _ in points[1:]}
    series.rebases = [(day, reason) for day, reason in rebases if day in valued]
    for day, reason in series.rebases:
        rows[day].rebase_reason = reason
    try:
        result = spc.spc(
            points,
            direction=rules.spc_direction(indicator.polarity),
            target=rules.spc_target(indicator.polarity, target),
            rebase=[day for day, _ in series.rebases],
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
    polarity = rules.trend_polarity(indicator.polarity, target=target)
    series.current_trend = trends.current_trend(points, polarity, target=target)
    series.baseline_change = trends.baseline_change(points, polarity, target=target)
    series.forecast = forecasting.baseline_forecast(points, baseline_end=indicator.baseline_end)
    series.has_forecast = series.forecast is not None
    if series.forecast is not None:
        for day, expected in zip(series.forecast.dates, series.forecast.values, strict=True):
            rows[day].forecast = expected
            rows[day].projected = series.forecast.is_projected(day)
    series.turned_the_curve = forecasting.turned_the_curve(
        points, series.forecast, indicator.polarity, target=target
    )
    return series
