"""The Making Data Count icons, drawn here as inline SVG (no image files): the variation icon
(what the latest point says: common cause, or special cause concern / improvement / neither,
higher or lower) and the assurance icon (can we rely on meeting the target: pass, fail, or
hit and miss). Shapes follow NHS England's icons; the colours are darker than the icons' own
so that each keeps at least 3:1 contrast on white (WCAG 2.2 non-text contrast):

    common cause, hit and miss   grey    #505a5f   (the icons' #a6a6a6 is 2.4:1)
    improvement, pass            blue    #005ea5   (the icons' #00b0f0 is 2.5:1)
    concern, fail                orange  #b35a00   (the icons' #e46c0a is 3.3:1)
    neither better nor worse     purple  #490092

Each icon is an image (role="img") whose name is its text ("Special cause: concern, higher");
the letters H, L, P, F and ? repeat it in the drawing, so colour is never the only cue. Every
text is escaped; the output is safe to put in a page or a PDF.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from safeboard.ui import charts

from . import presenters

# (colour, letter, high/low/None) of each variation icon.
_VARIATION: dict[str, tuple[str, str, str | None]] = {
    "common_cause": (charts.GREY, "", None),
    "improvement_high": (charts.BLUE, "H", "high"),
    "improvement_low": (charts.BLUE, "L", "low"),
    "concern_high": (charts.ORANGE, "H", "high"),
    "concern_low": (charts.ORANGE, "L", "low"),
    "neutral_high": (charts.PURPLE, "H", "high"),
    "neutral_low": (charts.PURPLE, "L", "low"),
}
_ASSURANCE: dict[str, tuple[str, str]] = {
    "pass": (charts.BLUE, "P"),
    "fail": (charts.ORANGE, "F"),
    "inconsistent": (charts.GREY, "?"),
}
ICON_COLOURS = frozenset(
    {c for c, _, _ in _VARIATION.values()} | {c for c, _ in _ASSURANCE.values()}
)
SIZE = 36


def _open(kind: str, name: str, colour: str) -> str:
    label = escape(name, {'"': "&quot;"})
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-spc-icon sb-spc-icon--{kind}" '
        f'role="img" aria-label="{label}" viewBox="0 0 40 40" width="{SIZE}" height="{SIZE}" '
        'font-family="Arial, Helvetica, sans-serif" font-weight="bold">'
        f"<title>{escape(name)}</title>"
        f'<circle cx="20" cy="20" r="17.5" fill="#ffffff" stroke="{colour}" stroke-width="3"/>'
    )


def variation_icon(icon: str | None) -> str:
    """The variation icon of `icon` (spc.VariationIcon); with none (too little data), a plain
    grey ring named "Not enough data for SPC"."""
    name = presenters.variation(icon)[1]
    if icon is None or icon not in _VARIATION:
        return _open("none", name, charts.GREY) + "</svg>"
    colour, letter, where = _VARIATION[icon]
    # Seven points across the middle: common cause all grey and level; a special cause has its
    # last three in the icon's colour, higher or lower than the rest.
    xs = [9.0, 12.7, 16.3, 20.0, 23.7, 27.3, 31.0]
    level = [22.0, 19.5, 22.5, 20.0, 22.0, 19.5, 21.5]
    svg = [_open("variation", name, colour)]
    ys = list(level)
    if where is not None:
        shift = -7.0 if where == "high" else 5.0
        ys = level[:4] + [y + shift for y in level[4:]]
    path = " ".join(
        f"{'L' if i else 'M'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(zip(xs, ys, strict=True))
    )
    svg.append(f'<path d="{path}" fill="none" stroke="{charts.GREY}" stroke-width="1.2"/>')
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        fill = colour if where is not None and i >= 4 else charts.GREY
        svg.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.9" fill="{fill}"/>')
    if letter:
        y = 13.5 if where == "low" else 33.5
        svg.append(
            f'<text x="20" y="{y}" text-anchor="middle" font-size="10" fill="{colour}">'
            f"{letter}</text>"
        )
    svg.append("</svg>")
    return "".join(svg)


def assurance_icon(icon: str | None) -> str:
    """The assurance icon of `icon` (spc.AssuranceIcon); with none (no target, or no preferred
    direction), a plain grey ring named "No target assurance"."""
    name = presenters.assurance(icon)[1]
    if icon is None or icon not in _ASSURANCE:
        return _open("none", name, charts.GREY) + "</svg>"
    colour, letter = _ASSURANCE[icon]
    return (
        _open("assurance", name, colour)
        + f'<line x1="8" y1="29" x2="32" y2="29" stroke="{colour}" stroke-width="2" '
        'stroke-dasharray="3 2"/>'
        + f'<text x="20" y="25" text-anchor="middle" font-size="17" fill="{colour}">'
        + f"{letter}</text></svg>"
    )
