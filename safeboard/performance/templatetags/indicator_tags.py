"""Template filters for the indicator pages: numbers as people read them, and the chart
descriptions of a series for ui's `{% chart %}` tag."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from safeboard.ui.charts import LineChart, Sparkline, key_marker

from ..indicators import charts, icons
from ..indicators.series import IndicatorSeries, PeriodRow

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


@register.simple_tag
def spc_icon_defs() -> SafeString:
    """`{% spc_icon_defs %}`: the icons' drawings once, for a page of icons `by_reference`."""
    return mark_safe(icons.icon_defs())  # noqa: S308 - drawn by our own code, no input


@register.simple_tag
def spc_icons(
    series: IndicatorSeries, which: str = "both", by_reference: bool = False
) -> SafeString:
    """`{% spc_icons s %}`: the series' Making Data Count variation and assurance icons
    (indicators/icons.py), each followed by its words; `which` = "variation" or "assurance"
    for one of them; `by_reference` on a page holding `{% spc_icon_defs %}` once (a long table).
    The icon carries the words as its name, so the visible copy is hidden from screen readers,
    which would otherwise read them twice."""
    parts = []
    if which in ("both", "variation"):
        parts.append(
            (
                icons.variation_icon(series.variation_icon, by_reference=by_reference),
                series.variation[1],
            )
        )
    if which in ("both", "assurance"):
        parts.append(
            (
                icons.assurance_icon(series.assurance_icon, by_reference=by_reference),
                series.assurance[1],
            )
        )
    html = " ".join(
        f'<span class="sb-spc-status">{icon}<span class="sb-spc-status__text" '
        f'aria-hidden="true">{escape(text)}</span></span>'
        for icon, text in parts
    )
    return mark_safe(html)  # noqa: S308 - icons are drawn escaped; the words escaped here


DASH = "–"


def _or_dash(value: Any) -> str:
    return DASH if value is None else num(value)


def _variation_cell(r: PeriodRow, *, markers: bool = True) -> str:
    """A data table's variation cell: the point's marker as the chart draws it (shape and
    colour, unless not `markers`) and its label, and where the limits are recalculated (a
    rebase), why."""
    style = charts.POINT_STYLES.get(r.point_type or "") if markers else None
    cell = (key_marker(style) + " " if style else "") + escape(r.variation or DASH)
    if r.rebase_reason:
        cell += (
            '<br><span class="govuk-body-s sb-rebase-note">Limits recalculated from here: '
            f"{escape(r.rebase_reason)}</span>"
        )
    return cell


@register.simple_tag
def data_table_rows(
    series: IndicatorSeries,
    slug: str,
    *,
    compact: bool = False,
    can_edit_targets: bool = False,
    for_print: bool = False,
) -> SafeString:
    """The body rows of an indicator's data table (components/data_table.html), built here in
    one pass: a report card has 120 of them, and a template loop over them costs ten times as
    much. Every text is escaped here (`escape`); numbers are written by `num`. The cells carry
    no GOV.UK classes: `.sb-data-table` styles them as GOV.UK table cells, right-aligned unless
    marked as text, so that a report section's hundreds of cells are not each 60 bytes longer.
    `for_print`: the variation cells say it in words only, without the chart's marker (a PDF
    engine lays each marker out as an image of its own, a tenth of a printed report's time)."""
    s = series
    numerators, comparator = s.has_numerators, s.has_comparator
    numeric, text = "<td>", '<td class="sb-text-cell">'
    rows = []
    for r in s.table_rows:
        value = escape(r.disclosed.value_marker) if r.suppressed else num(r.value)
        if r.summed:
            value += ' <span class="govuk-body-s">(summed from agencies)</span>'
        cells = [
            f'<th scope="row">{escape(r.label)}</th>',
            f"{numeric}{value}</td>",
        ]
        if numerators:
            shown = (
                escape(r.disclosed.numerator_marker) if r.numerator_suppressed else num(r.numerator)
            )
            cells.append(f"{numeric}{shown}</td>{numeric}{num(r.denominator)}</td>")
        if r.target is None:
            target = DASH
        elif can_edit_targets and r.target_id:
            url = reverse("performance:target_update", args=[slug, s.indicator.pk, r.target_id])
            target = (
                f'{num(r.target)} <a class="govuk-link" href="{escape(url)}">Change'
                f'<span class="govuk-visually-hidden"> target for {escape(r.label)}</span></a>'
            )
        else:
            target = num(r.target)
        forecast = DASH if r.forecast is None else num(r.forecast) + ("*" if r.projected else "")
        cells.append(
            f"{numeric}{target}</td>{numeric}{forecast}</td>{numeric}{_or_dash(r.mean)}</td>"
            f"{numeric}{_or_dash(r.lower_limit)}</td>{numeric}{_or_dash(r.upper_limit)}</td>"
            f"{text}{_variation_cell(r, markers=not for_print)}</td>"
        )
        if comparator:
            if r.comparator is not None:
                shown = num(r.comparator)
            else:
                shown = escape(r.comparator_symbol or DASH)
            cells.append(f"{numeric}{shown}</td>")
        if not compact:
            cells.append(f"{text}{escape(r.comment or '')}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if not rows:
        rows.append('<tr><td class="sb-text-cell" colspan="9">No values recorded yet.</td></tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 - every text in it escaped above
