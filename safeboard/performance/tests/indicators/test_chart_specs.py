"""The chart descriptions performance gives ui: what is drawn of an indicator's series."""

from __future__ import annotations

import datetime
from decimal import Decimal

from safeboard.partnerships.domain import disclosure
from safeboard.performance.indicators import charts
from safeboard.performance.indicators.series import build_series
from safeboard.performance.models import ComparatorValue, Indicator, Target, Unit, Value
from safeboard.ui.charts import LineKind, render

MONTHS = [datetime.date(2020, m, 1) for m in range(4, 13)]


def _series(*, values, entitlement=disclosure.FULL, targets=(), comparator=()):
    indicator = Indicator(
        pk=7,
        code="NEL-01",
        name="Children <in need>",
        unit=Unit.COUNT,
        frequency="monthly",
        polarity="higher",
    )
    indicator.suppression_threshold = 5
    rows = [
        Value(indicator=indicator, period_start=day, value=Decimal(v))
        for day, v in zip(MONTHS, values, strict=False)
    ]
    return build_series(
        indicator,
        rows,
        list(targets),
        entitlement=entitlement,
        comparator=comparator,
        comparator_name="England (comparator)" if comparator else "",
    )


def test_it_describes_values_spc_lines_and_the_target_carried_on():
    target = Target(period_start=MONTHS[2], value=Decimal("12"))
    spec = charts.indicator_chart(_series(values=[10, 11, 12, 9, 10, 11], targets=[target]))
    assert spec.chart_id == "chart-7"
    assert spec.title == "NEL-01 Children <in need>"
    assert spec.labels[:2] == ["April 2020", "May 2020"]
    assert spec.values[:3] == [10.0, 11.0, 12.0]
    lines = {line.name: line for line in spec.lines}
    assert lines["target"].kind == LineKind.TARGET
    assert lines["target"].values == [None, None, 12.0, 12.0, 12.0, 12.0]
    assert lines["mean"].values[0] is not None
    assert set(spec.point_classes) <= set(charts.POINT_STYLES)


def test_it_leaves_suppressed_counts_off_the_chart_and_says_so():
    spec = charts.indicator_chart(
        _series(values=[10, 3, 12, 9, 10, 11], entitlement=disclosure.SUPPRESSED)
    )
    assert spec.values[1] is None
    assert spec.values[0] == 10.0
    assert "Counts below 5 are suppressed and not drawn." in spec.description
    full = charts.indicator_chart(_series(values=[10, 3, 12, 9, 10, 11]))
    assert full.values[1] == 3.0
    assert "suppressed" not in full.description


def test_it_draws_the_comparator_under_its_area_name():
    england = [ComparatorValue(period_end=day, value=Decimal("11.5"), symbol="") for day in MONTHS]
    spec = charts.indicator_chart(_series(values=[10, 11, 12], comparator=england))
    comparator = next(line for line in spec.lines if line.name == "comparator")
    assert comparator.legend == "England (comparator)"
    assert comparator.values == [11.5, 11.5, 11.5]
    assert "England (comparator)" in render(spec)


def test_it_describes_a_sparkline_of_recent_values():
    spark = charts.indicator_sparkline(_series(values=[10, 11, 12]))
    assert spark.title == "Recent values of Children <in need>"
    assert spark.values == [10.0, 11.0, 12.0]
