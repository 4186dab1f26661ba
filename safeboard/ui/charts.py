"""Server-drawn SVG charts: the same markup in a page and in a PDF, with no script.

A chart is described in neutral terms (`LineChart`, `Sparkline`) by the app that owns the data,
and drawn here; this module knows nothing of any feature (an app maps its own categories, such
as SPC point types, to `PointStyle`s). Pure Python, no Django: `{% chart %}` in
`ui/templatetags/charts.py` marks the output safe for templates.

Every piece of text is escaped. A chart is an image with a title and a description
(role="img", aria-labelledby); the page should always show the data table beside it. Colours
keep AA contrast on white, and each point style has its own marker shape as well, so colour is
never the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal
from xml.sax.saxutils import escape as _xml_escape

from safeboard.core.domain.text import clean_text

Shape = Literal["circle", "square", "triangle", "diamond"]

# A palette with AA contrast on white, for apps to build their point styles from.
GREY = "#505a5f"
BLUE = "#005ea5"
ORANGE = "#b35a00"
PURPLE = "#490092"
TEXT = "#0b0c0c"
AXIS = "#505a5f"
GRID = "#dddddd"
RED = "#d4351c"
LIGHT_GREY = "#8a8f91"


@dataclass(frozen=True)
class PointStyle:
    """How the points of one class are drawn, and their name in the legend."""

    colour: str
    shape: Shape
    legend: str


DEFAULT_POINT = PointStyle(TEXT, "circle", "Value")


class LineKind(StrEnum):
    """The kinds of reference line a chart can draw beside its values."""

    COMPARATOR = "comparator"  # thin grey: another area's figures
    LIMIT = "limit"  # dashed grey: process limits
    MEAN = "mean"  # solid grey
    TARGET = "target"  # red dashed, usually stepped (a target carried on until changed)
    FORECAST = "forecast"  # dotted: a baseline forecast


LINE_STYLES: dict[LineKind, tuple[str, str]] = {
    # kind: (colour, stroke attributes)
    LineKind.COMPARATOR: (LIGHT_GREY, 'stroke-width="3"'),
    LineKind.LIMIT: (AXIS, 'stroke-width="1.5" stroke-dasharray="6 4"'),
    LineKind.MEAN: (AXIS, 'stroke-width="1.5"'),
    LineKind.TARGET: (RED, 'stroke-width="2" stroke-dasharray="8 4"'),
    LineKind.FORECAST: (TEXT, 'stroke-width="2" stroke-dasharray="2 3"'),
}


@dataclass(frozen=True)
class Line:
    """A reference line: one value (or None, a gap) per x label. `name` becomes the path's
    class (`line-<name>`); a line with an empty `legend` is left out of the legend."""

    name: str
    kind: LineKind
    values: Sequence[float | None]
    legend: str = ""


@dataclass(frozen=True)
class Marker:
    """A change the chart marks at the value at `index` (such as limits recalculated after a
    change in process): a dotted upright line there, named `label` in its tooltip and legend.
    Reference lines of the kinds in `LineChart.break_kinds` do not join across it."""

    index: int
    label: str


MARKER_COLOUR = "#0b0c0c"
MARKER_STROKE = 'stroke-width="1.5" stroke-dasharray="1 3"'


@dataclass(frozen=True)
class LineChart:
    """Values over labelled periods, points styled by class, and reference lines drawn under
    them. `point_classes` gives each value's class (a key of `point_styles`); a value with no
    class, or an unknown one, is drawn in `DEFAULT_POINT`."""

    title: str
    description: str
    labels: Sequence[str]
    values: Sequence[float | None]
    point_classes: Sequence[str | None] = ()
    point_styles: Mapping[str, PointStyle] = field(default_factory=dict)
    lines: Sequence[Line] = ()
    # Marked changes; the reference lines of `break_kinds` start afresh at each.
    markers: Sequence[Marker] = ()
    break_kinds: frozenset[LineKind] = frozenset({LineKind.MEAN, LineKind.LIMIT})
    marker_legend: str = ""
    chart_id: str = "chart"
    width: int = 720
    height: int = 340


@dataclass(frozen=True)
class Sparkline:
    """A small line of recent values, for dashboard cards."""

    title: str
    values: Sequence[float | None]
    width: int = 160
    height: int = 40


def escape(text: str) -> str:
    """Text as SVG holds it: escaped, without the characters XML cannot hold (U+FFFE...)."""
    return _xml_escape(clean_text(text))


def _attr(text: str) -> str:
    return _xml_escape(clean_text(text), {'"': "&quot;"})


def nice_ticks(low: float, high: float, *, count: int = 5) -> list[float]:
    """4 to 6 round tick values covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0, 2.0, 3.0, 4.0]
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    fallback: list[float] = []
    for factor in (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50):
        step = factor * magnitude
        first, last = math.floor(low / step), math.ceil(high / step)
        ticks = [round((first + i) * step, 10) for i in range(last - first + 1)]
        if 4 <= len(ticks) <= 6:
            return ticks
        if len(ticks) < 4 and not fallback:
            fallback = ticks
    return fallback or [low, high]


def number(value: float) -> str:
    """A tick or point value as people read it: 1200 -> "1,200"; 2.50 -> "2.5"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _marker(shape: Shape, x: float, y: float, colour: str, title: str, css: str = "point") -> str:
    tip = f"<title>{escape(title)}</title>"
    if shape == "square":
        return (
            f'<rect class="{css}" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
            f'fill="{_attr(colour)}">{tip}</rect>'
        )
    if shape == "triangle":
        return (
            f'<polygon class="{css}" points="{x:.1f},{y - 5.5:.1f} {x + 5:.1f},{y + 4:.1f} '
            f'{x - 5:.1f},{y + 4:.1f}" fill="{_attr(colour)}">{tip}</polygon>'
        )
    if shape == "diamond":
        return (
            f'<polygon class="{css}" points="{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y:.1f} '
            f'{x:.1f},{y + 5.5:.1f} {x - 5.5:.1f},{y:.1f}" fill="{_attr(colour)}">{tip}</polygon>'
        )
    return (
        f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{_attr(colour)}">'
        f"{tip}</circle>"
    )


def key_marker(style: PointStyle) -> str:
    """A point style's marker on its own (12 by 12), for a data table or a key beside the chart,
    hidden from assistive technology: the text next to it says the same."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="sb-key-marker" viewBox="0 0 12 12" '
        'width="12" height="12" aria-hidden="true" focusable="false">'
        + _marker(style.shape, 6, 6.5, style.colour, style.legend, css="key")
        + "</svg>"
    )


def _path(
    coords: Sequence[tuple[float, float] | None], breaks: frozenset[int] = frozenset()
) -> str:
    """An SVG path through the coordinates, broken where one is missing and before each index
    in `breaks`. A point with no neighbour gets a short level stroke so it still shows."""
    runs: list[list[tuple[float, float]]] = [[]]
    for i, c in enumerate(coords):
        if i in breaks and runs[-1]:
            runs.append([])
        if c is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(c)
    parts: list[str] = []
    for run in runs:
        if len(run) == 1:
            x, y = run[0]
            run = [(x - 6, y), (x + 6, y)]
        parts.extend(f"{'L' if i else 'M'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(run))
    return " ".join(parts)


@dataclass(frozen=True)
class _Layout:
    """Where a line chart puts things, in the units of its viewBox."""

    left: int = 64
    right: int = 16
    top: int = 16
    bottom: int = 112  # room for the slanted x labels and the legend
    font: int = 12
    label_font: int = 10
    max_labels: int = 12
    stacked_legend: bool = False  # one legend entry a row (narrow), or flowing across (wide)
    spare_last_label: bool = False  # leave out a label so close to the last that they'd overlap
    id_suffix: str = ""
    css: str = "sb-chart"


WIDE = _Layout()
# Drawn for a phone (about 340 px across at 375 px wide): text stays at least 12 px on screen.
NARROW_WIDTH = 340
NARROW_PLOT_HEIGHT = 190
_NARROW_LABEL_ROOM = 74
_LEGEND_ROW = 20


def _narrow(chart: LineChart, legend_rows: int) -> tuple[LineChart, _Layout]:
    layout = _Layout(
        left=58,
        right=12,
        top=14,
        bottom=_NARROW_LABEL_ROOM + legend_rows * _LEGEND_ROW,
        font=13,
        label_font=13,
        max_labels=4,
        stacked_legend=True,
        spare_last_label=True,
        id_suffix="-narrow",
        css="sb-chart sb-chart--narrow",
    )
    height = layout.top + NARROW_PLOT_HEIGHT + layout.bottom
    return replace(chart, width=NARROW_WIDTH, height=height), layout


def line_chart(chart: LineChart) -> str:
    """The chart as SVG: values as a line with styled points, reference lines underneath, the
    y axis with round ticks and grid, at most about 12 x labels, and a legend below."""
    return _line_chart(chart, WIDE)


def wide_line_chart(chart: LineChart) -> str:
    """The wide drawing of `responsive_line_chart` alone (for print)."""
    return _line_chart(chart, replace(WIDE, css="sb-chart sb-chart--wide"))


def responsive_line_chart(chart: LineChart) -> str:
    """The chart drawn twice, for a page: at its own size (class `sb-chart--wide`), and for a
    phone (`sb-chart--narrow`: narrower, larger text, fewer x labels, the legend one entry a
    row). The page's stylesheet shows one of them (safeboard.css); the narrow one's ids end in
    "-narrow", so both may stand in one page."""
    wide = wide_line_chart(chart)
    narrow_chart, layout = _narrow(chart, legend_rows=_legend_count(chart))
    return wide + _line_chart(narrow_chart, layout)


def _legend_count(chart: LineChart) -> int:
    lines = sum(
        1 for line in chart.lines if line.legend and any(v is not None for v in line.values)
    ) + (1 if chart.marker_legend and chart.markers else 0)
    classes = list(chart.point_classes)
    styles = {
        chart.point_styles.get(
            (classes[i] if i < len(classes) else None) or "", DEFAULT_POINT
        ).legend
        for i, v in enumerate(chart.values[: len(chart.labels)])
        if v is not None and math.isfinite(v)
    }
    return lines + len(styles)


def _line_chart(chart: LineChart, layout: _Layout) -> str:
    width, height, labels = chart.width, chart.height, chart.labels
    left, right, top, bottom = layout.left, layout.right, layout.top, layout.bottom
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(labels)
    numbers = [
        v
        for series in (chart.values, *(line.values for line in chart.lines))
        for v in series
        if v is not None and math.isfinite(v)
    ]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    ticks = nice_ticks(low, high)
    y_min, y_max = ticks[0], ticks[-1]

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n <= 1 else i * plot_w / (n - 1))

    def y_at(v: float) -> float:
        return top + plot_h - (v - y_min) / (y_max - y_min) * plot_h

    def coords(values: Sequence[float | None]) -> list[tuple[float, float] | None]:
        return [
            (x_at(i), y_at(v)) if v is not None and math.isfinite(v) else None
            for i, v in enumerate(list(values)[:n])
        ]

    chart_id = _attr(chart.chart_id + layout.id_suffix)
    svg: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{layout.css}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="Arial, Helvetica, sans-serif" '
        f'font-size="{layout.font}">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    # Y axis and grid.
    for tick in ticks:
        y = y_at(tick)
        svg.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        svg.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(number(tick))}</text>"
        )
    svg.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{AXIS}"/>'
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{AXIS}"/>'
    )
    # X axis: at most about `max_labels` labels, always the first and last.
    every = max(1, math.ceil(n / layout.max_labels))
    for i, label in enumerate(labels):
        if i % every and i != n - 1:
            continue
        if layout.spare_last_label and i != n - 1 and n - 1 - i < every / 2:
            continue
        x = x_at(i)
        svg.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="end" fill="{TEXT}" '
            f'font-size="{layout.label_font}" transform="rotate(-40 {x:.1f} {top + plot_h + 14})">'
            f"{escape(label)}</text>"
        )
    legend: list[tuple[str, str]] = []
    breaks = frozenset(m.index for m in chart.markers)
    for marker in chart.markers:
        if not 0 <= marker.index < n:
            continue
        x = x_at(marker.index)
        svg.append(
            f'<line class="marker" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" '
            f'stroke="{MARKER_COLOUR}" {MARKER_STROKE}><title>{escape(marker.label)}</title></line>'
        )
    if chart.marker_legend and any(0 <= m.index < n for m in chart.markers):
        legend.append((f'stroke="{MARKER_COLOUR}" {MARKER_STROKE}', chart.marker_legend))
    for line in chart.lines:
        d = _path(coords(line.values), breaks if line.kind in chart.break_kinds else frozenset())
        if not d:
            continue
        colour, attrs = LINE_STYLES[line.kind]
        svg.append(
            f'<path class="line-{_attr(line.name)}" d="{d}" fill="none" stroke="{colour}" {attrs}/>'
        )
        if line.legend:
            legend.append((f'stroke="{colour}" {attrs}', line.legend))
    values = coords(chart.values)
    d = _path(values)
    if d:
        svg.append(
            f'<path class="line-value" d="{d}" fill="none" stroke="{TEXT}" stroke-width="2"/>'
        )
    classes = list(chart.point_classes)
    seen: list[PointStyle] = []
    for i, c in enumerate(values):
        value = chart.values[i]
        if c is None or value is None:
            continue
        key = classes[i] if i < len(classes) else None
        style = chart.point_styles.get(key or "", DEFAULT_POINT)
        if style.legend not in [s.legend for s in seen]:
            seen.append(style)
        title = f"{labels[i]}: {number(value)} ({style.legend})"
        svg.append(_marker(style.shape, c[0], c[1], style.colour, title))
    if layout.stacked_legend:
        svg.extend(_stacked_legend(legend, seen, left=left, top=top + plot_h + _NARROW_LABEL_ROOM))
        svg.append("</svg>")
        return "".join(svg)
    # Legend underneath: lines, then point styles.
    lx, ly = left, height - 28
    for stroke, name in legend:
        svg.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 22}" y2="{ly}" {stroke}/>')
        svg.append(f'<text x="{lx + 26}" y="{ly + 4}" fill="{TEXT}">{escape(name)}</text>')
        lx += 34 + 7 * len(name)
    lx, ly = left, height - 8
    for style in seen:
        svg.append(_marker(style.shape, lx + 5, ly - 4, style.colour, style.legend, css="key"))
        svg.append(f'<text x="{lx + 14}" y="{ly}" fill="{TEXT}">{escape(style.legend)}</text>')
        lx += 24 + 7 * len(style.legend)
    svg.append("</svg>")
    return "".join(svg)


def _stacked_legend(
    lines: Sequence[tuple[str, str]], points: Sequence[PointStyle], *, left: int, top: int
) -> list[str]:
    """The legend one entry a row, from the left edge, so long names never run off."""
    svg: list[str] = []
    x = max(8, left - 42)
    y = top + _LEGEND_ROW - 6
    for stroke, name in lines:
        svg.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" {stroke}/>')
        svg.append(f'<text x="{x + 28}" y="{y}" fill="{TEXT}">{escape(name)}</text>')
        y += _LEGEND_ROW
    for style in points:
        svg.append(_marker(style.shape, x + 11, y - 4, style.colour, style.legend, css="key"))
        svg.append(f'<text x="{x + 28}" y="{y}" fill="{TEXT}">{escape(style.legend)}</text>')
        y += _LEGEND_ROW
    return svg


def sparkline(chart: Sparkline) -> str:
    """A small line of the values, with a dot on the latest."""
    width, height, values = chart.width, chart.height, chart.values
    numbers = [v for v in values if v is not None and math.isfinite(v)]
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-sparkline" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(chart.title)}</title>",
    ]
    if numbers:
        low, high = min(numbers), max(numbers)
        span = (high - low) or 1.0
        n = len(values)
        coords: list[tuple[float, float] | None] = []
        for i, v in enumerate(values):
            if v is None or not math.isfinite(v):
                coords.append(None)
                continue
            x = 2 + (i * (width - 4) / (n - 1) if n > 1 else (width - 4) / 2)
            coords.append((x, height - 3 - (v - low) / span * (height - 6)))
        svg.append(f'<path d="{_path(coords)}" fill="none" stroke="{TEXT}" stroke-width="1.5"/>')
        last = next((c for c in reversed(coords) if c is not None), None)
        if last is not None:
            svg.append(f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="2.5" fill="{TEXT}"/>')
    svg.append("</svg>")
    return "".join(svg)


def render(chart: LineChart | Sparkline) -> str:
    """Either kind of chart as SVG text (already escaped; safe to put in a page)."""
    if isinstance(chart, Sparkline):
        return sparkline(chart)
    return line_chart(chart)
