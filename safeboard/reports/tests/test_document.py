import datetime
from decimal import Decimal

from safeboard.reports.document import (
    Column,
    ColumnType,
    Row,
    RowKind,
    Table,
    display,
    total_spans,
)


def test_it_shows_values_as_people_read_them():
    assert display(datetime.date(2021, 2, 3), ColumnType.DATE) == "03/02/2021"
    assert display(Decimal("-1234.5"), ColumnType.MONEY) == "-£1,234.50"
    assert display(Decimal("0.844"), ColumnType.PERCENT) == "84.4%"
    assert display(None, ColumnType.TEXT) == ""
    assert display("a\uffffb", ColumnType.TEXT) == "ab"


def test_it_sums_subtotals_in_a_total_over_groups():
    table = Table(
        columns=[Column("A"), Column("N", ColumnType.INTEGER, sum=True)],
        rows=[
            ["a", 1],
            ["b", 2],
            Row(("sub", 3), RowKind.SUBTOTAL),
            ["c", 4],
            Row(("total", 7), RowKind.TOTAL),
        ],
    )
    spans = total_spans(table)
    assert spans[2].items == (0, 1)
    assert spans[2].terms == ((0, 1),)
    assert spans[4].items == (0, 1, 3)
    assert spans[4].terms == ((2, 3),)
