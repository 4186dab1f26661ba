"""Makers for the URL kwargs of the comparators pages (see tests/url_records.py)."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from safeboard.performance.models import ComparatorSeries, ComparatorValue


def make_series(tenancy: Any, partnership: Any) -> int:
    series = ComparatorSeries.objects.create(
        partnership=partnership,
        source_measure="cpp_at_31_march",
        area_code="E92000001",
        area_name="England",
    )
    ComparatorValue.objects.create(
        series=series,
        period_end=datetime.date(2025, 3, 31),
        period_label="2024/25",
        value=Decimal("45000"),
    )
    return series.pk


URL_RECORDS: dict[str, Callable[[Any, Any], int]] = {"series_id": make_series}
