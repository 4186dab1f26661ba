"""The chart descriptions of an indicator series, drawn by `safeboard.ui.charts` (in pages and
PDFs with `{% chart %}`; see the `indicator_chart` and `indicator_sparkline` filters).

Points are coloured by their SPC point type, each with its own marker shape as well so colour
is never the only cue:

    common cause   grey   #505a5f  circle
    improvement    blue   #005ea5  square
    concern        orange #b35a00  triangle
    neutral        purple #490092  diamond

A suppressed figure (small-number suppression) is left off the chart. A recorded rebase (a
known change in process) is marked where the limits are recalculated, and the mean and limit
lines start afresh there rather than join the old limits to the new.
"""

from __future__ import annotations

from decimal import Decimal

from safeboard.ui import charts

from .series import IndicatorSeries

POINT_STYLES: dict[str, charts.PointStyle] = {
    "common_cause": charts.PointStyle(charts.GREY, "circle", "Common cause variation"),
    "improvement": charts.PointStyle(charts.BLUE, "square", "Special cause: improvement"),
    "concern": charts.PointStyle(charts.ORANGE, "triangle", "Special cause: concern"),
    "neutral_high": charts.PointStyle(charts.PURPLE, "diamond", "Special cause: neutral"),
    "neutral_low": charts.PointStyle(charts.PURPLE, "diamond", "Special cause: neutral"),
}
SPARKLINE_PERIODS = 24


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def indicator_chart(series: IndicatorSeries, *, chart_id: str = "") -> charts.LineChart:
    """The report card's chart: the shown periods' values by SPC type, SPC mean and limits, the
    target in force, the baseline forecast and the comparator."""
    indicator, rows = series.indicator, series.table_rows
    summary = (
        f"{len([r for r in rows if r.value is not None])} periods"
        + (f"; latest {series.latest_text}" if series.latest else "")
        + f". {series.variation[1]}. {series.assurance[1]}. The data table follows the chart."
    )
    if series.any_suppressed:
        summary += f" Counts below {indicator.suppression_threshold} are suppressed and not drawn."
    rebased = [(i, r) for i, r in enumerate(rows) if r.rebase_reason]
    for _, r in rebased:
        summary += f" Limits recalculated from {r.label}: {r.rebase_reason}."
    return charts.LineChart(
        title=f"{indicator.code} {indicator.name}",
        description=summary,
        labels=[r.label for r in rows],
        values=[None if r.suppressed else _float(r.value) for r in rows],
        point_classes=[r.point_type for r in rows],
        point_styles=POINT_STYLES,
        lines=[
            charts.Line(
                "comparator",
                charts.LineKind.COMPARATOR,
                [r.comparator for r in rows],
                series.comparator_name or "Comparator",
            ),
            charts.Line(
                "upper_limit",
                charts.LineKind.LIMIT,
                [r.upper_limit for r in rows],
                "Process limits",
            ),
            charts.Line("lower_limit", charts.LineKind.LIMIT, [r.lower_limit for r in rows]),
            charts.Line("mean", charts.LineKind.MEAN, [r.mean for r in rows], "Mean"),
            charts.Line(
                "target",
                charts.LineKind.TARGET,
                [_float(r.target_in_force) for r in rows],
                "Target",
            ),
            charts.Line(
                "forecast",
                charts.LineKind.FORECAST,
                [r.forecast for r in rows],
                "Baseline forecast",
            ),
        ],
        markers=[
            charts.Marker(i, f"Limits recalculated from {r.label}: {r.rebase_reason}")
            for i, r in rebased
        ],
        marker_legend="Limits recalculated (change in process)",
        chart_id=chart_id or f"chart-{indicator.pk}",
    )


def indicator_sparkline(series: IndicatorSeries) -> charts.Sparkline:
    """The dashboard card's line of recent values (suppressed figures left off)."""
    if series.rows:
        values = [None if r.suppressed else _float(r.value) for r in series.rows]
    else:  # a stored summary: its recent values, already disclosed
        values = series.sparkline
    return charts.Sparkline(
        title=f"Recent values of {series.indicator.name}", values=values[-SPARKLINE_PERIODS:]
    )
