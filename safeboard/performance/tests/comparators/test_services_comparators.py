import io
from decimal import Decimal

import pytest

from safeboard.core.errors import ApplicationError
from safeboard.performance.comparators.services import (
    ComparatorImportError,
    comparator_link,
    comparators_import,
)
from safeboard.performance.models import ComparatorSeries, ComparatorValue
from safeboard.performance.tests.factories import IndicatorFactory

HEADER = "time_period,geographic_level,area_code,area_name,measure,value,symbol\n"
GOOD = (
    HEADER
    + "2024,National,E92000001,England,cpp_at_31_march,50000,\n"
    + "2025,National,E92000001,England,cpp_at_31_march,,c\n"
    + "2023,National,E92000001,England,population_aged_0_17,10000000,\n"
    + "2024,National,E92000001,England,population_aged_0_17,10000000,\n"
)


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


def test_it_imports_series_with_symbols_kept_and_rates_derived(tenancy):
    summary = comparators_import(
        partnership=tenancy.ours,
        upload=_csv(GOOD),
        by=tenancy.manager,
        rates_for=["cpp_at_31_march"],
    )
    assert summary.series_created == 3
    rate = ComparatorSeries.objects.get(source_measure="cpp_at_31_march_per_10000")
    points = {p.period_label: (p.value, p.symbol) for p in rate.points.all()}
    assert points == {"2023/24": (Decimal("50.0000"), ""), "2024/25": (None, "c")}
    suppressed = ComparatorValue.objects.get(
        series__source_measure="cpp_at_31_march", period_label="2024/25"
    )
    assert suppressed.value is None
    assert suppressed.symbol == "c"


def test_it_updates_on_a_second_import_without_duplicating(tenancy):
    comparators_import(partnership=tenancy.ours, upload=_csv(GOOD), by=tenancy.manager)
    again = GOOD.replace("50000", "51000")
    summary = comparators_import(partnership=tenancy.ours, upload=_csv(again), by=tenancy.manager)
    assert summary.series_created == 0
    assert summary.series_updated == 2
    assert ComparatorValue.objects.count() == 4
    assert ComparatorValue.objects.filter(value=Decimal("51000")).exists()


def test_it_writes_nothing_when_any_row_is_wrong(tenancy):
    bad = GOOD + "2025,National,E92000001,England,referrals,many,\n"
    with pytest.raises(ComparatorImportError) as raised:
        comparators_import(partnership=tenancy.ours, upload=_csv(bad), by=tenancy.manager)
    assert raised.value.problems == [
        "Row 6: value 'many' is not a number; write a number such as 1234 or 12.5, or leave it "
        "empty and put c, x, z or u in the symbol column."
    ]
    assert not ComparatorSeries.objects.exists()
    assert not ComparatorValue.objects.exists()


def test_it_links_series_to_an_indicator_by_code_and_refuses_an_unknown_code(tenancy):
    indicator = IndicatorFactory(partnership=tenancy.ours, code="cp-plans")
    comparators_import(
        partnership=tenancy.ours,
        upload=_csv(GOOD),
        by=tenancy.manager,
        links={("cpp_at_31_march", "E92000001"): "cp-plans"},
    )
    assert ComparatorSeries.objects.get(source_measure="cpp_at_31_march").indicator == indicator
    IndicatorFactory(partnership=tenancy.theirs, code="theirs")
    with pytest.raises(ComparatorImportError):
        comparators_import(
            partnership=tenancy.ours,
            upload=_csv(GOOD),
            by=tenancy.manager,
            links={("cpp_at_31_march", "E92000001"): "theirs"},
        )


def test_it_keeps_only_the_areas_asked_for(tenancy):
    text = GOOD + "2025,Local authority,E08000035,Leeds,cpp_at_31_march,900,\n"
    comparators_import(
        partnership=tenancy.ours, upload=_csv(text), by=tenancy.manager, area_codes=["E08000035"]
    )
    assert list(ComparatorSeries.objects.values_list("area_name", flat=True)) == ["Leeds"]


def test_it_refuses_to_link_another_partnerships_indicator(tenancy):
    comparators_import(partnership=tenancy.ours, upload=_csv(GOOD), by=tenancy.manager)
    series = ComparatorSeries.objects.get(source_measure="cpp_at_31_march")
    with pytest.raises(ApplicationError):
        comparator_link(
            series=series, indicator=IndicatorFactory(partnership=tenancy.theirs), by=None
        )
    series.refresh_from_db()
    assert series.indicator is None
