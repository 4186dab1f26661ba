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

from typing import Any
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


def _svg(kind: str, name: str, inner: str, *, key: str, by_reference: bool) -> str:
    """The icon `name`: its drawing `inner` in full, or (`by_reference`) a `<use>` of its symbol
    in `icon_defs()`, which the page holds once (a table of hundreds of icons stays small)."""
    label = escape(name, {'"': "&quot;"})
    if by_reference:
        return (
            f'<svg class="sb-spc-icon sb-spc-icon--{kind}" role="img" aria-label="{label}" '
            f'viewBox="0 0 40 40" width="{SIZE}" height="{SIZE}">'
            f'<use href="#{_symbol_id(key)}"/></svg>'
        )
    body = inner
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-spc-icon sb-spc-icon--{kind}" '
        f'role="img" aria-label="{label}" viewBox="0 0 40 40" width="{SIZE}" height="{SIZE}" '
        'font-family="Arial, Helvetica, sans-serif" font-weight="bold">'
        f"<title>{escape(name)}</title>{body}</svg>"
    )


def _symbol_id(key: str) -> str:
    return f"sb-mdc-{key}"


def _ring(colour: str) -> str:
    return f'<circle cx="20" cy="20" r="17.5" fill="#ffffff" stroke="{colour}" stroke-width="3"/>'


def _variation_inner(icon: str | None) -> str:
    if icon is None or icon not in _VARIATION:
        return _ring(charts.GREY)
    colour, letter, where = _VARIATION[icon]
    # Seven points across the middle: common cause all grey and level; a special cause has its
    # last three in the icon's colour, higher or lower than the rest.
    xs = [9.0, 12.7, 16.3, 20.0, 23.7, 27.3, 31.0]
    level = [22.0, 19.5, 22.5, 20.0, 22.0, 19.5, 21.5]
    svg = [_ring(colour)]
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
    return "".join(svg)


def _assurance_inner(icon: str | None) -> str:
    if icon is None or icon not in _ASSURANCE:
        return _ring(charts.GREY)
    colour, letter = _ASSURANCE[icon]
    return (
        _ring(colour) + f'<line x1="8" y1="29" x2="32" y2="29" stroke="{colour}" stroke-width="2" '
        'stroke-dasharray="3 2"/>'
        + f'<text x="20" y="25" text-anchor="middle" font-size="17" fill="{colour}">'
        + f"{letter}</text>"
    )


def _kind(icon: str | None, known: dict[str, Any], kind: str) -> tuple[str, str]:
    """(CSS kind, symbol key) of an icon: unknown or missing icons share the plain ring."""
    if icon is None or icon not in known:
        return "none", "none"
    return kind, f"{kind}-{icon}"


def variation_icon(icon: str | None, *, by_reference: bool = False) -> str:
    """The variation icon of `icon` (spc.VariationIcon); with none (too little data), a plain
    grey ring named "Not enough data for SPC"."""
    kind, key = _kind(icon, _VARIATION, "variation")
    name = presenters.variation(icon)[1]
    return _svg(kind, name, _variation_inner(icon), key=key, by_reference=by_reference)


def assurance_icon(icon: str | None, *, by_reference: bool = False) -> str:
    """The assurance icon of `icon` (spc.AssuranceIcon); with none (no target, or no preferred
    direction), a plain grey ring named "No target assurance"."""
    kind, key = _kind(icon, _ASSURANCE, "assurance")
    name = presenters.assurance(icon)[1]
    return _svg(kind, name, _assurance_inner(icon), key=key, by_reference=by_reference)


_SYMBOL = 'viewBox="0 0 40 40" font-family="Arial, Helvetica, sans-serif" font-weight="bold"'


def icon_defs() -> str:
    """Every icon's drawing once, as symbols, for a page whose icons are drawn `by_reference`:
    hidden from view and from screen readers (each icon names itself)."""
    symbols = [f'<symbol id="{_symbol_id("none")}" {_SYMBOL}>{_ring(charts.GREY)}</symbol>']
    symbols += [
        f'<symbol id="{_symbol_id("variation-" + icon)}" {_SYMBOL}>'
        f"{_variation_inner(icon)}</symbol>"
        for icon in _VARIATION
    ]
    symbols += [
        f'<symbol id="{_symbol_id("assurance-" + icon)}" {_SYMBOL}>'
        f"{_assurance_inner(icon)}</symbol>"
        for icon in _ASSURANCE
    ]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="sb-spc-icon-defs" aria-hidden="true" '
        'focusable="false" width="0" height="0" font-family="Arial, Helvetica, sans-serif" '
        f'font-weight="bold">{"".join(symbols)}</svg>'
    )
