"""Server-drawn SVG charts of an indicator: the same markup in the page and in the PDF.

Pure text output (no Django). Every piece of text is escaped. A chart is an image with a title
and a description (role="img"); the page always shows the data table next to it.

Points are coloured by their SPC point type with colours that keep AA contrast on white, and
each type also has its own marker shape so colour is never the only cue:

    common cause   grey   #505a5f  circle
    improvement    blue   #005ea5  square
    concern        orange #b35a00  triangle
    neutral        purple #490092  diamond
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

POINT_STYLES: dict[str, tuple[str, str, str]] = {
    # point type: (colour, shape, legend text)
    "common_cause": ("#505a5f", "circle", "Common cause variation"),
    "improvement": ("#005ea5", "square", "Special cause: improvement"),
    "concern": ("#b35a00", "triangle", "Special cause: concern"),
    "neutral_high": ("#490092", "diamond", "Special cause: neutral"),
    "neutral_low": ("#490092", "diamond", "Special cause: neutral"),
}
NO_SPC_STYLE = ("#0b0c0c", "circle", "Value")
TEXT = "#0b0c0c"
AXIS = "#505a5f"
GRID = "#dddddd"
TARGET = "#d4351c"
FORECAST = "#0b0c0c"
COMPARATOR = "#8a8f91"


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float | None
    point_type: str | None = None
    mean: float | None = None
    lower_limit: float | None = None
    upper_limit: float | None = None
    target: float | None = None
    forecast: float | None = None
    comparator: float | None = None


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


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


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _marker(shape: str, x: float, y: float, colour: str, title: str) -> str:
    tip = f"<title>{escape(title)}</title>"
    if shape == "square":
        return (
            f'<rect class="point" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
            f'fill="{colour}">{tip}</rect>'
        )
    if shape == "triangle":
        return (
            f'<polygon class="point" points="{x:.1f},{y - 5.5:.1f} {x + 5:.1f},{y + 4:.1f} '
            f'{x - 5:.1f},{y + 4:.1f}" fill="{colour}">{tip}</polygon>'
        )
    if shape == "diamond":
        return (
            f'<polygon class="point" points="{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y:.1f} '
            f'{x:.1f},{y + 5.5:.1f} {x - 5.5:.1f},{y:.1f}" fill="{colour}">{tip}</polygon>'
        )
    return f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">{tip}</circle>'


def _path(coords: Sequence[tuple[float, float] | None]) -> str:
    """An SVG path through the coordinates, broken where one is missing. A point with no
    neighbour gets a short level stroke so it still shows."""
    runs: list[list[tuple[float, float]]] = [[]]
    for c in coords:
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


def indicator_chart(
    *,
    title: str,
    description: str,
    rows: Sequence[ChartRow],
    comparator_name: str = "",
    chart_id: str = "chart",
    width: int = 720,
    height: int = 340,
) -> str:
    """An SVG line chart: actual values (points by SPC type), SPC mean (solid) and limits
    (dashed), target (red dashed), forecast baseline (dotted) and a comparator (thin grey)."""
    left, right, top, bottom = 64, 16, 16, 112
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [
        v
        for r in rows
        for v in (
            r.value,
            r.mean,
            r.lower_limit,
            r.upper_limit,
            r.target,
            r.forecast,
            r.comparator,
        )
        if v is not None and math.isfinite(v)
    ]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    ticks = nice_ticks(low, high)
    y_min, y_max = ticks[0], ticks[-1]
    n = len(rows)

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n <= 1 else i * plot_w / (n - 1))

    def y_at(v: float) -> float:
        return top + plot_h - (v - y_min) / (y_max - y_min) * plot_h

    def line(attr: str) -> list[tuple[float, float] | None]:
        out: list[tuple[float, float] | None] = []
        for i, r in enumerate(rows):
            v = getattr(r, attr)
            out.append(None if v is None or not math.isfinite(v) else (x_at(i), y_at(v)))
        return out

    svg: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{_attr(chart_id)}-title {_attr(chart_id)}-desc" '
        f'font-family="Arial, Helvetica, sans-serif" '
        f'font-size="12">',
        f'<title id="{_attr(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{_attr(chart_id)}-desc">{escape(description)}</desc>',
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
            f"{escape(_number(tick))}</text>"
        )
    svg.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{AXIS}"/>'
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{AXIS}"/>'
    )
    # X axis: at most about 12 labels, always the first and last.
    every = max(1, math.ceil(n / 12))
    for i, r in enumerate(rows):
        if i % every and i != n - 1:
            continue
        x = x_at(i)
        svg.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="end" fill="{TEXT}" '
            f'font-size="10" transform="rotate(-40 {x:.1f} {top + plot_h + 14})">'
            f"{escape(r.label)}</text>"
        )
    legend: list[tuple[str, str]] = []
    series = [
        ("comparator", COMPARATOR, 'stroke-width="1.5"', comparator_name or "Comparator"),
        ("upper_limit", AXIS, 'stroke-width="1.5" stroke-dasharray="6 4"', "Process limits"),
        ("lower_limit", AXIS, 'stroke-width="1.5" stroke-dasharray="6 4"', ""),
        ("mean", AXIS, 'stroke-width="1.5"', "Mean"),
        ("target", TARGET, 'stroke-width="2" stroke-dasharray="8 4"', "Target"),
        ("forecast", FORECAST, 'stroke-width="2" stroke-dasharray="2 3"', "Baseline forecast"),
    ]
    for attr, colour, style, name in series:
        d = _path(line(attr))
        if not d:
            continue
        svg.append(f'<path class="line-{attr}" d="{d}" fill="none" stroke="{colour}" {style}/>')
        if name:
            legend.append((f'stroke="{colour}" {style}', name))
    values = line("value")
    d = _path(values)
    if d:
        svg.append(
            f'<path class="line-value" d="{d}" fill="none" stroke="{TEXT}" stroke-width="2"/>'
        )
    point_types_seen: list[str] = []
    for r, c in zip(rows, values, strict=True):
        if c is None or r.value is None:
            continue
        colour, shape, text = POINT_STYLES.get(r.point_type or "", NO_SPC_STYLE)
        if text not in point_types_seen:
            point_types_seen.append(text)
        svg.append(_marker(shape, c[0], c[1], colour, f"{r.label}: {_number(r.value)} ({text})"))
    # Legend underneath: lines, then point types.
    lx, ly = left, height - 28
    for style, name in legend:
        svg.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 22}" y2="{ly}" {style}/>')
        svg.append(f'<text x="{lx + 26}" y="{ly + 4}" fill="{TEXT}">{escape(name)}</text>')
        lx += 34 + 7 * len(name)
    lx, ly = left, height - 8
    for text in point_types_seen:
        key_style = next(
            (s for s in (*POINT_STYLES.values(), NO_SPC_STYLE) if s[2] == text), NO_SPC_STYLE
        )
        svg.append(
            _marker(key_style[1], lx + 5, ly - 4, key_style[0], text).replace(
                'class="point"', 'class="key"'
            )
        )
        svg.append(f'<text x="{lx + 14}" y="{ly}" fill="{TEXT}">{escape(text)}</text>')
        lx += 24 + 7 * len(text)
    svg.append("</svg>")
    return "".join(svg)


def sparkline(
    *, title: str, values: Sequence[float | None], width: int = 160, height: int = 40
) -> str:
    """A small line of the recent values, for dashboard cards."""
    numbers = [v for v in values if v is not None and math.isfinite(v)]
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-sparkline" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    if numbers:
        low, high = min(numbers), max(numbers)
        span = (high - low) or 1.0
        n = len(values)
        coords: list[tuple[float, float] | None] = [
            None
            if v is None
            else (
                2 + (i * (width - 4) / (n - 1) if n > 1 else (width - 4) / 2),
                height - 3 - (v - low) / span * (height - 6),
            )
            for i, v in enumerate(values)
        ]
        svg.append(f'<path d="{_path(coords)}" fill="none" stroke="{TEXT}" stroke-width="1.5"/>')
        last = next((c for c in reversed(coords) if c is not None), None)
        if last is not None:
            svg.append(f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="2.5" fill="{TEXT}"/>')
    svg.append("</svg>")
    return "".join(svg)
