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


def test_it_draws_an_annual_comparator_across_every_month_of_its_year():
    # A monthly card from April 2020 to March 2022; England publishes a figure a year, for the
    # years ending 31 March 2021 and 2022.
    months = [datetime.date(2020 + (m > 8), (m + 3) % 12 + 1, 1) for m in range(12)]
    months += [datetime.date(d.year + 1, d.month, 1) for d in months]
    indicator = Indicator(
        pk=8, code="NEL-02", name="Referrals", unit=Unit.COUNT, frequency="monthly"
    )
    indicator.polarity, indicator.suppression_threshold = "higher", 5
    values = [Value(indicator=indicator, period_start=d, value=Decimal(10)) for d in months]
    england = [
        ComparatorValue(
            period_end=datetime.date(2021, 3, 31),
            period_label="2020/21",
            value=Decimal("12.5"),
            symbol="",
        ),
        ComparatorValue(
            period_end=datetime.date(2022, 3, 31), period_label="2021/22", value=None, symbol="c"
        ),
    ]
    series = build_series(
        indicator, values, [], comparator=england, comparator_name="England: Referrals"
    )
    comparator = next(
        line for line in charts.indicator_chart(series).lines if line.name == "comparator"
    )
    assert comparator.values == [12.5] * 12 + [None] * 12
    assert [r.comparator_symbol for r in series.rows[12:]] == ["c"] * 12
    shown = [(y.label, y.value, y.symbol, y.first, y.last) for y in series.comparator_years_shown]
    assert shown == [
        ("2020/21", 12.5, "", "April 2020", "March 2021"),
        ("2021/22", None, "c", "April 2021", "March 2022"),
    ]


def test_it_draws_an_annual_comparator_across_every_quarter_of_its_year():
    quarters = [
        datetime.date(2020, 4, 1),
        datetime.date(2020, 7, 1),
        datetime.date(2020, 10, 1),
        datetime.date(2021, 1, 1),
        datetime.date(2021, 4, 1),
    ]
    indicator = Indicator(pk=9, code="NEL-03", name="Plans", unit=Unit.COUNT, frequency="quarterly")
    indicator.polarity, indicator.suppression_threshold = "higher", 5
    values = [Value(indicator=indicator, period_start=d, value=Decimal(10)) for d in quarters]
    england = [
        ComparatorValue(
            period_end=datetime.date(2021, 3, 31),
            period_label="2020/21",
            value=Decimal(40),
            symbol="",
        )
    ]
    series = build_series(indicator, values, [], comparator=england, comparator_name="England")
    assert [r.comparator for r in series.rows] == [40.0, 40.0, 40.0, 40.0, None]
    assert series.comparator_years_shown[0].first == "2020/21 Q1"
    assert series.comparator_years_shown[0].last == "2020/21 Q4"
