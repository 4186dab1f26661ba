"""Makers for the URL kwargs of the comparators pages (see tests/url_records.py)."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from safeboard.performance.models import ComparatorSeries, ComparatorValue


def make_series(
    tenancy: Any,
    partnership: Any,
    *,
    measure: str = "cpp_at_31_march",
    value: Decimal = Decimal("45000"),
) -> int:
    """An England series of `measure` in `partnership`, with one value (2024/25)."""
    series = ComparatorSeries.objects.create(
        partnership=partnership,
        source_measure=measure,
        area_code="E92000001",
        area_name="England",
    )
    ComparatorValue.objects.create(
        series=series,
        period_end=datetime.date(2025, 3, 31),
        period_label="2024/25",
        value=value,
    )
    return series.pk


URL_RECORDS: dict[str, Callable[[Any, Any], int]] = {"series_id": make_series}
