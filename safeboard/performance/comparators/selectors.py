"""Reads for comparator series, each in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from safeboard.partnerships.models import Partnership

from ..models import ComparatorSeries, ComparatorValue, Indicator


def comparator_list(*, partnership: Partnership) -> QuerySet[ComparatorSeries]:
    return (
        ComparatorSeries.objects.filter(partnership=partnership)
        .select_related("indicator")
        .annotate(point_count=Count("points"))
        .order_by("area_name", "source_measure")
    )


def comparator_points(*, series: ComparatorSeries) -> list[ComparatorValue]:
    return list(series.points.order_by("period_end"))


@dataclass(frozen=True)
class ComparatorLine:
    """A published series to draw beside an indicator: its points in date order. A point with
    `value` None is missing or suppressed; its `symbol` says why (never draw it as zero)."""

    series: ComparatorSeries
    points: list[ComparatorValue]


def comparator_points_for(indicator: Indicator) -> list[ComparatorLine]:
    """The series linked to `indicator`, with their points (two queries)."""
    series = (
        ComparatorSeries.objects.filter(
            partnership_id=indicator.partnership_id, indicator=indicator
        )
        .prefetch_related(
            Prefetch("points", queryset=ComparatorValue.objects.order_by("period_end"))
        )
        .order_by("area_name", "source_measure")
    )
    return [ComparatorLine(series=s, points=list(s.points.all())) for s in series]
