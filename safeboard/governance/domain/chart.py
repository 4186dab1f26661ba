"""The structure chart as inline SVG, drawn on the server: no script, no external library.

Pure Python. The SVG is an image (`role="img"` with a `<title>` and `<desc>`); the page gives the
same structure as a nested list beside it, so nothing is only in the picture. Every colour is
paired with text (the group's type is written in its box) and meets WCAG 2.2 AA contrast on white:
the text is near-black, the box outlines and lines are at least 4.5:1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from safeboard.core.domain.text import clean_text

from .structure import Connector, Layout, Node, Placement, layout, wrap_label

BOX_WIDTH = 240
GAP_X = 24
GAP_Y = 36
MARGIN = 12
PADDING = 10
NAME_LINE = 18
TYPE_LINE = 16
CHARS_PER_LINE = 28
MAX_NAME_LINES = 4
BAND = 6  # the coloured band along the top of a box

TEXT = "#0b0c0c"  # 19.0:1 on white
SECONDARY_TEXT = "#484949"  # 9.3:1 on white
LINE = "#505a5f"  # 7.0:1 on white
BACKGROUND = "#ffffff"
# One outline colour per type of group; each at least 4.5:1 on white. The type is also written in
# the box, so colour is never the only way to tell.
TYPE_COLOURS = {
    "board": "#0b0c0c",
    "strategic": "#1d70b8",
    "operational": "#00703c",
    "sub_group": "#4c2c92",
    "panel": "#8f1d5e",
    "review_group": "#942514",
    "task_group": "#505a5f",
}
DEFAULT_COLOUR = "#505a5f"


@dataclass(frozen=True)
class ChartGroup:
    id: int
    parent_id: int | None
    name: str
    type_key: str
    type_label: str


def _a(value: object) -> str:
    # Escaped, and without the characters XML cannot hold (a name with U+FFFE in it).
    return escape(clean_text(str(value)), quote=True)


def _n(value: float) -> str:
    """A coordinate, short and stable: 12, 12.5."""
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class _Geometry:
    box_height: int
    slot: int
    row_height: int

    def left(self, p: Placement) -> float:
        return MARGIN + p.x * self.slot

    def top(self, p: Placement) -> float:
        return MARGIN + p.row * self.row_height

    def trunk(self, p: Placement) -> float:
        assert p.trunk_x is not None
        return MARGIN + p.trunk_x * self.slot


def _line(g: _Geometry, parent: Placement, child: Placement) -> str:
    start_x = g.left(parent) + BOX_WIDTH / 2
    start_y = g.top(parent) + g.box_height
    bus_y = start_y + GAP_Y / 2
    if child.connector is Connector.STACKED:
        trunk = g.trunk(child)
        middle = g.top(child) + g.box_height / 2
        d = (
            f"M{_n(start_x)} {_n(start_y)} V{_n(bus_y)} H{_n(trunk)} "
            f"V{_n(middle)} H{_n(g.left(child))}"
        )
    else:
        end_x = g.left(child) + BOX_WIDTH / 2
        d = f"M{_n(start_x)} {_n(start_y)} V{_n(bus_y)} H{_n(end_x)} V{_n(g.top(child))}"
    return (
        f'<path class="sb-chart__line" data-parent="{parent.id}" data-child="{child.id}" '
        f'd="{d}" fill="none" stroke="{LINE}" stroke-width="2"/>'
    )


def _box(g: _Geometry, p: Placement, group: ChartGroup, lines: list[str]) -> str:
    x, y = g.left(p), g.top(p)
    colour = TYPE_COLOURS.get(group.type_key, DEFAULT_COLOUR)
    text_x = x + PADDING
    name_spans = "".join(
        f'<tspan x="{_n(text_x)}" y="{_n(y + BAND + PADDING + NAME_LINE * (i + 1) - 4)}">'
        f"{_a(line)}</tspan>"
        for i, line in enumerate(lines)
    )
    type_y = y + BAND + PADDING + NAME_LINE * len(lines) + TYPE_LINE
    return (
        f'<g class="sb-chart__group" data-group="{group.id}">'
        f"<title>{_a(group.name)} ({_a(group.type_label)})</title>"
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{BOX_WIDTH}" height="{g.box_height}" '
        f'rx="3" fill="{BACKGROUND}" stroke="{colour}" stroke-width="2"/>'
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{BOX_WIDTH}" height="{BAND}" fill="{colour}"/>'
        f'<text font-size="15" font-weight="700" fill="{TEXT}">{name_spans}</text>'
        f'<text x="{_n(text_x)}" y="{_n(type_y)}" font-size="14" fill="{SECONDARY_TEXT}">'
        f"{_a(group.type_label)}</text>"
        "</g>"
    )


def chart_layout(groups: Sequence[ChartGroup]) -> Layout:
    return layout([Node(g.id, g.parent_id) for g in groups])


def structure_svg(groups: Sequence[ChartGroup], *, title: str, description: str) -> str:
    """The whole chart: one box per group, one line per reporting line."""
    plan = chart_layout(groups)
    by_id = {g.id: g for g in groups}
    labels = {
        g.id: wrap_label(g.name, width=CHARS_PER_LINE, max_lines=MAX_NAME_LINES) or [""]
        for g in groups
    }
    most_lines = max((len(lines) for lines in labels.values()), default=1)
    box_height = BAND + PADDING + NAME_LINE * most_lines + TYPE_LINE + PADDING
    g = _Geometry(box_height=box_height, slot=BOX_WIDTH + GAP_X, row_height=box_height + GAP_Y)
    width = round(2 * MARGIN + max(plan.width, 1) * g.slot - GAP_X)
    height = round(2 * MARGIN + max(plan.rows, 1) * g.row_height - GAP_Y)

    lines = [
        _line(g, plan.placements[p.parent_id], p)
        for i in plan.order
        if (p := plan.placements[i]).parent_id is not None
    ]
    boxes = [_box(g, plan.placements[i], by_id[i], labels[i]) for i in plan.order]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-chart" role="img" '
        f'aria-labelledby="structure-chart-title structure-chart-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="arial, sans-serif">'
        f'<title id="structure-chart-title">{_a(title)}</title>'
        f'<desc id="structure-chart-desc">{_a(description)}</desc>'
        f'<rect width="{width}" height="{height}" fill="{BACKGROUND}"/>'
        f"{''.join(lines)}{''.join(boxes)}"
        "</svg>"
    )
