"""The parts of the indicator pages drawn from stored analyses, kept so that the next reader
need not draw them again: an indicator's chart and data table (its report card, its part of a
report section), kept per analysis and data version (`analysis.fragments`), and the composite
report's summary table, kept per partnership and period under a digest of what it was drawn
from (`page_part`). Screen pages only: every member sees their figures in full. A PDF is drawn
afresh, for its reader's entitlement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from safeboard.partnerships.models import Partnership

from ..models import Indicator, PageRendering
from . import analysis
from .series import IndicatorSeries

TEMPLATES = {
    "card": "performance/indicators/fragments/card.html",
    "card_edit": "performance/indicators/fragments/card.html",
    "section": "performance/indicators/fragments/section.html",
}


def _renderer(name: str, slug: str) -> Any:
    template = TEMPLATES[name]
    context = {"current_partnership": {"slug": slug}, "can_edit_targets": name == "card_edit"}

    def render(series: IndicatorSeries) -> str:
        return render_to_string(template, {**context, "s": series})

    return render


def attach(series: Sequence[IndicatorSeries], name: str, *, slug: str) -> None:
    """Set each series' `html` to its rendering `name` (card, card_edit, section or summary)."""
    for s, html in zip(
        series,
        analysis.fragments(series, name, slug=slug, render=_renderer(name, slug)),
        strict=True,
    ):
        s.html = mark_safe(html)  # noqa: S308 - rendered by our own templates, autoescaped


CARDS = ("card", "card_edit")
DRAW_BATCH = 200


def draw_cards(*, partnership: Partnership) -> int:
    """Draw and keep every current indicator's report card renderings (for readers and for
    editors) that are not kept already at their data version, so that no reader waits for one:
    run after a rebuild (`manage.py rebuild_analysis`), in batches so that memory stays small.
    Returns how many indicators it looked at."""
    ids = list(
        Indicator.objects.filter(partnership=partnership, archived_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), DRAW_BATCH):
        indicators = list(Indicator.objects.filter(pk__in=ids[start : start + DRAW_BATCH]))
        for name in CARDS:
            attach(
                analysis.stored_series(indicators, detail=False, decoded=False, rendering=name),
                name,
                slug=partnership.slug,
            )
    return len(ids)


def page_part(
    *,
    partnership: Partnership,
    name: str,
    key: str,
    render: Callable[[], str],
    keep: bool = True,
) -> SafeString:
    """The part `name` of a page of the partnership's, as kept when drawn from `key`, else drawn
    by `render` and kept (one query to read, one more to keep); without `keep`, drawn and not
    kept (nor looked for)."""
    if not keep:
        return mark_safe(render())  # noqa: S308 - rendered by our own templates, autoescaped
    kept = PageRendering.objects.filter(partnership=partnership, name=name).values_list(
        "key", "html"
    )
    found = kept.first()
    if found is not None and found[0] == key:
        return mark_safe(found[1])  # noqa: S308 - as above
    html = render()
    PageRendering.objects.bulk_create(  # one upsert, whether kept before or not
        [PageRendering(partnership=partnership, name=name, key=key, html=html)],
        update_conflicts=True,
        unique_fields=["partnership", "name"],
        update_fields=["key", "html"],
    )
    return mark_safe(html)  # noqa: S308 - as above
