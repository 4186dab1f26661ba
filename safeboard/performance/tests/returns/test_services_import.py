"""The tidy values import (`values_import_file`): all or nothing, row-level messages, every value
with its history, figures exact, and on PostgreSQL the COPY path. Run on both databases."""

from __future__ import annotations

import datetime
import gc
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import Unit, Value
from safeboard.performance.returns import services
from safeboard.performance.tests.factories import IndicatorFactory, ValueFactory
from safeboard.reports.tests.corpus import workbook_bytes

pytestmark = pytest.mark.django_db
HEADER = ["indicator_code", "period", "agency", "value", "numerator", "denominator", "comment"]
APRIL = datetime.date(2020, 4, 1)


def _months(count: int) -> list[str]:
    """Labels of `count` months from April 2000 on ("April 2000", "May 2000", ...)."""
    names = "January February March April May June July August September October November December"
    months = names.split()
    labels = []
    for step in range(count):
        index = 3 + step
        labels.append(f"{months[index % 12]} {2000 + index // 12}")
    return labels


def _import(tenancy, rows, *, header=HEADER, content=None):
    upload = io.BytesIO(content if content is not None else workbook_bytes([header, *rows]))
    return services.values_import_file(
        partnership=tenancy.ours,
        upload=upload,
        name="values.xlsx",
        by=tenancy.user(Role.ANALYST),
    )


def test_it_writes_nothing_when_one_row_among_many_is_wrong(tenancy, world):
    ValueFactory(indicator=world.whole, period_start=APRIL, value=1)
    rows = [["cp-all", label, "", step, None, None, ""] for step, label in enumerate(_months(400))]
    rows[249][3] = "lots"  # spreadsheet row 251: the header is row 1
    with pytest.raises(services.ImportError_) as error:
        _import(tenancy, rows)
    assert error.value.messages == ["Row 251, value: enter a number, like 12 or 3.5"]
    assert list(Value.objects.values_list("period_start", "value")) == [(APRIL, Decimal(1))]
    assert not Value.history.filter(history_user=tenancy.user(Role.ANALYST)).exists()


def test_it_gives_created_and_updated_values_history_by_the_importing_user(tenancy, world):
    analyst = tenancy.user(Role.ANALYST)
    kept = ValueFactory(indicator=world.whole, period_start=APRIL, value=1)
    result = _import(
        tenancy,
        [
            ["cp-all", "April 2020", "", 5, None, None, "checked"],
            ["cp-all", "May 2020", "", 6, None, None, ""],
        ],
    )
    assert (result.created, result.updated) == (1, 1)
    kept.refresh_from_db()
    assert (kept.value, kept.comment, kept.record_version) == (Decimal(5), "checked", 2)
    updated = kept.history.filter(history_user=analyst).get()
    assert (updated.history_type, updated.value, updated.comment) == ("~", Decimal(5), "checked")
    created = Value.objects.get(period_start=datetime.date(2020, 5, 1))
    history = created.history.get()
    assert (history.history_type, history.history_user, history.value) == ("+", analyst, 6)
    assert created.record_version == 1

    # The same file again, in the same transaction: both values are updates now.
    again = _import(
        tenancy,
        [
            ["cp-all", "April 2020", "", 7, None, None, ""],
            ["cp-all", "May 2020", "", 8, None, None, ""],
        ],
    )
    assert (again.created, again.updated) == (0, 2)
    assert Value.history.filter(history_user=analyst).count() == 4
    assert dict(Value.objects.values_list("period_start", "value")) == {
        APRIL: Decimal(7),
        datetime.date(2020, 5, 1): Decimal(8),
    }


def test_it_keeps_four_decimal_places_blank_numerators_and_any_comment_exactly(tenancy, world):
    IndicatorFactory(partnership=tenancy.ours, code="rate", unit=Unit.RATE_1000)
    comment = 'Tab\there, a new line\nthen \\N, a backslash \\ and "quotes", café'
    _import(
        tenancy,
        [
            ["cp-all", "April 2020", "", "12.3456", None, None, comment],
            ["cp-all", "May 2020", tenancy.agency.key, 0.0001, None, None, ""],
            ["seen", "June 2020", "", "99.9999", None, None, ""],
            ["rate", "April 2020", "", None, "1.2345", "3", ""],
        ],
    )
    values = {
        (v.indicator.code, v.period_start.month): v
        for v in Value.objects.select_related("indicator")
    }
    april = values[("cp-all", 4)]
    assert (april.value, april.numerator, april.denominator) == (Decimal("12.3456"), None, None)
    assert str(april.value) == "12.3456"
    assert april.comment == comment
    may = values[("cp-all", 5)]
    assert (may.value, may.agency_id, may.comment) == (Decimal("0.0001"), tenancy.agency.pk, "")
    assert values[("seen", 6)].value == Decimal("99.9999")
    ratio = values[("rate", 4)]
    assert (ratio.numerator, ratio.denominator) == (Decimal("1.2345"), Decimal(3))
    assert ratio.value == Decimal("411.5000")
    history = april.history.get()
    assert (history.value, history.numerator, history.comment) == (
        Decimal("12.3456"),
        None,
        comment,
    )


def test_it_reads_every_row_of_a_sheet_whatever_size_it_records(tenancy, world):
    content = workbook_bytes(
        [HEADER, *(["cp-all", label, "", 1, None, None, ""] for label in _months(5))]
    )
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, found = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:G2"', data)
                assert found == 1
            target.writestr(info, data)
    assert _import(tenancy, [], content=out.getvalue()).created == 5


def test_it_refreshes_the_analysis_of_the_indicators_written_inside_the_transaction(
    tenancy, world, monkeypatch
):
    seen = []

    def refresh(*, indicator_ids):
        seen.append((tenancy.ours, set(indicator_ids), Value.objects.count()))

    monkeypatch.setattr("safeboard.performance.returns.services.analysis_refresh", refresh)
    _import(
        tenancy,
        [
            ["cp-all", "April 2020", "", 5, None, None, ""],
            ["cp-neglect", "April 2020", "", 2, None, None, ""],
        ],
    )
    assert seen == [(tenancy.ours, {world.whole.pk, world.part.pk}, 2)]


@pytest.mark.postgresql_only
def test_it_streams_the_values_with_copy_on_postgresql(tenancy, world):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite writes with executemany")
    ValueFactory(indicator=world.whole, period_start=APRIL, value=1)
    with CaptureQueriesContext(connection) as queries:
        result = _import(
            tenancy,
            [
                ["cp-all", "April 2020", "", "2.5", None, None, ""],
                ["cp-all", "May 2020", "", 3, None, None, "new"],
            ],
        )
    assert (result.created, result.updated) == (1, 1)
    statements = [q["sql"] for q in queries.captured_queries]
    assert any(s.startswith("COPY ") and "FROM STDIN" in s for s in statements), statements
    value_table = Value._meta.db_table
    assert not any(f'INSERT INTO "{value_table}"' in s and "VALUES" in s for s in statements), (
        statements
    )
    assert dict(Value.objects.values_list("period_start", "value")) == {
        APRIL: Decimal("2.5"),
        datetime.date(2020, 5, 1): Decimal(3),
    }


def test_it_leaves_the_garbage_collector_running_after_an_import_or_a_refusal(tenancy, world):
    _import(tenancy, [["cp-all", "April 2020", "", 5, None, None, ""]])
    assert gc.isenabled()
    with pytest.raises(services.ImportError_):
        _import(tenancy, [["nope", "April 2020", "", 5, None, None, ""]])
    assert gc.isenabled()
