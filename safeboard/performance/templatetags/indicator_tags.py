"""Template filters for the indicator pages: numbers as people read them, and the chart
descriptions of a series for ui's `{% chart %}` tag."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from safeboard.ui.charts import LineChart, Sparkline

from ..indicators import charts
from ..indicators.series import IndicatorSeries

register = template.Library()

NOT_RECORDED = "Not recorded"


@register.filter
def num(value: Any, places: int = 2) -> str:
    """1234.5000 → "1,234.5"; 12 → "12"; None → "Not recorded". Floats to `places` decimals."""
    if value is None or value == "":
        return NOT_RECORDED
    if isinstance(value, Decimal):
        text = f"{value.normalize():,f}"
    else:
        text = f"{float(value):,.{int(places)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@register.filter
def indicator_chart(series: IndicatorSeries) -> LineChart:
    """`{% chart s|indicator_chart %}`: the series' chart, drawn by ui's `{% chart %}`."""
    return charts.indicator_chart(series)


@register.filter
def indicator_sparkline(series: IndicatorSeries) -> Sparkline:
    """`{% chart s|indicator_sparkline %}`: the dashboard card's line of recent values."""
    return charts.indicator_sparkline(series)
