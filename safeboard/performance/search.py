"""What of the data set people can find by searching (`partnerships.searchable`): indicators
(by code, name, definition and report-card story; not archived) and the data development
agenda."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from safeboard.partnerships.searchable import Row, Searchable

from .models import DataDevelopmentItem, Indicator


def _indicator(slug: str, row: Row) -> str:
    return reverse("performance:indicator_detail", args=[slug, row["pk"]])


def _development(slug: str, row: Row) -> str:
    return reverse("performance:development_list", args=[slug])


SEARCHABLES = (
    Searchable(
        kind="performance.indicator",
        label="Indicator",
        model=Indicator,
        title=("code", "name"),
        text=("definition", "why_it_matters", "story_behind_baseline", "what_works"),
        url=_indicator,
        filter=Q(archived_at__isnull=True),
        order=20,
    ),
    Searchable(
        kind="performance.datadevelopmentitem",
        label="Data development item",
        model=DataDevelopmentItem,
        title=("title",),
        text=("description",),
        url=_development,
        order=21,
    ),
)
