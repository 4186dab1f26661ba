"""`{% load charts %}` then `{% chart spec %}`: draw a `ui.charts.LineChart` or `Sparkline`.

Chart ids must be unique in a page (they name the title and description the SVG is labelled
by), and the same chart may appear twice (an indicator under two themes of a report), so a
repeated id gets a suffix: "chart-7", then "chart-7-2". A line chart is drawn twice, for wide
screens and for phones (`ui.charts.responsive_line_chart`; the phone's ids end in "-narrow").
A page that puts together parts drawn apart (kept renderings) keeps its ids unique by giving
each chart an id of its own record (`chart-<indicator id>`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from safeboard.ui import charts

register = template.Library()

_USED = "_safeboard_chart_ids"


def _unique(context: template.Context, chart: charts.LineChart) -> charts.LineChart:
    used: set[str] | None = getattr(context, _USED, None)
    if used is None:
        used = set()
        setattr(context, _USED, used)
    chart_id, n = chart.chart_id, 1
    while chart_id in used:
        n += 1
        chart_id = f"{chart.chart_id}-{n}"
    used.add(chart_id)
    return chart if chart_id == chart.chart_id else dataclasses.replace(chart, chart_id=chart_id)


@register.simple_tag(takes_context=True)
def chart(context: template.Context, spec: Any, *, for_print: bool = False) -> SafeString:
    """The chart drawn as inline SVG; nothing for an empty value. Every text in the SVG is
    escaped by ui.charts, so the markup is safe to insert. `for_print`: a line chart drawn once,
    as on a wide screen (a printed page has no phone to fit, and a drawing hidden by the print
    stylesheet would still cost the PDF engine its parsing and styling)."""
    if isinstance(spec, charts.LineChart):
        spec = _unique(context, spec)
    elif not isinstance(spec, charts.Sparkline):
        return mark_safe("")
    if isinstance(spec, charts.LineChart):
        drawn = charts.wide_line_chart(spec) if for_print else charts.responsive_line_chart(spec)
        return mark_safe(drawn)  # noqa: S308 - escaped by ui.charts
    return mark_safe(charts.render(spec))  # noqa: S308 - ui.charts escapes every text
