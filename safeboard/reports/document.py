"""The neutral description of a file to make, shared by every renderer.

A builder (in the feature app, e.g. `plans/exports.py`) gathers its data through selectors and
describes it once as a `Document`: sections (a sheet in Excel, a part with a heading in a PDF or
Word file), each a list of blocks (`Heading`, `Paragraph`, `Table`). Each `Table` column has a
type, so every renderer writes the same value in its own way: a date is a real date in Excel and
"31/03/2018" in a PDF; money is a number with a pounds format in Excel and "£1,234.50" in Word.

A blank value is `None` (or ""): an empty cell everywhere, never the text "Not recorded".

Totals: a row of kind `SUBTOTAL` sums the items since the previous subtotal, a row of kind
`TOTAL` every item of the table so far; each column with `sum=True` gets, in Excel, a `=SUM(...)`
formula over those rows. The figure the builder puts in the row is the one shown (in PDF, Word,
CSV and as the formula's saved value); the renderer checks that it agrees with the items.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .domain.cells import clean_text

Value = str | int | Decimal | datetime.date | None


class ColumnType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    MONEY = "money"  # Decimal pounds
    PERCENT = "percent"  # a fraction: Decimal("0.25") is 25%
    DATE = "date"


NUMERIC = frozenset({ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.MONEY, ColumnType.PERCENT})


class RowKind(StrEnum):
    ITEM = "item"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass(frozen=True)
class Column:
    heading: str
    type: ColumnType = ColumnType.TEXT
    width: int | None = None  # in characters, for Excel
    sum: bool = False  # totals rows sum this column


@dataclass(frozen=True)
class Row:
    cells: Sequence[Value]
    kind: RowKind = RowKind.ITEM

    @property
    def emphasised(self) -> bool:
        return self.kind is not RowKind.ITEM


@dataclass(frozen=True)
class Table:
    columns: Sequence[Column]
    rows: Sequence[Row | Sequence[Value]]
    title: str = ""  # shown above the table

    def typed_rows(self) -> list[Row]:
        return [r if isinstance(r, Row) else Row(tuple(r)) for r in self.rows]

    @property
    def has_totals(self) -> bool:
        return any(r.kind is not RowKind.ITEM for r in self.typed_rows())


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Section:
    title: str  # the sheet name in Excel (cut to 31 characters), a heading elsewhere
    blocks: Sequence[Block] = field(default_factory=tuple)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(frozen=True)
class Document:
    title: str
    sections: Sequence[Section]
    subtitle: str = ""


def is_blank(value: Value) -> bool:
    return value is None or value == ""


@dataclass(frozen=True)
class TotalSpan:
    """What one totals row adds up: `items` (row indexes in `typed_rows`) for checking, and
    `terms`, the runs of rows its formula sums: `(first, last)` pairs, where a run may be a single
    subtotal row (a total over subtotalled groups sums the subtotals)."""

    items: tuple[int, ...]
    terms: tuple[tuple[int, int], ...]


def total_spans(table: Table) -> dict[int, TotalSpan]:
    """For each totals row (by its index in `typed_rows`), what it sums."""
    result: dict[int, TotalSpan] = {}
    group: list[int] = []  # items since the last subtotal
    items: list[int] = []
    terms: list[int] = []  # for a total: subtotal rows, and items outside any subtotal group
    for index, row in enumerate(table.typed_rows()):
        if row.kind is RowKind.ITEM:
            group.append(index)
            items.append(index)
        elif row.kind is RowKind.SUBTOTAL:
            result[index] = TotalSpan(tuple(group), _runs(group))
            terms.append(index)
            group = []
        else:
            result[index] = TotalSpan(tuple(items), _runs([*terms, *group]))
    return result


def _runs(indexes: list[int]) -> tuple[tuple[int, int], ...]:
    runs: list[tuple[int, int]] = []
    for index in sorted(indexes):
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return tuple(runs)


def check_totals(table: Table) -> None:
    """Raise `ValueError` when a totals row's figure in a summed column is not the sum of its
    items: a builder's mistake, caught by its tests, never shown as a sheet that disagrees."""
    rows = table.typed_rows()
    for index, span in total_spans(table).items():
        for column_index, column in enumerate(table.columns):
            if not column.sum:
                continue
            shown = rows[index].cells[column_index]
            if is_blank(shown):
                continue
            total = sum((_number(rows[i].cells[column_index]) for i in span.items), Decimal(0))
            if _number(shown) != total:
                raise ValueError(
                    f"{table.title or 'Table'}: the total {shown} in {column.heading!r} is not"
                    f" the sum of its rows ({total})."
                )


def _number(value: Value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return Decimal(0)
    return Decimal(value)


def display(value: Value, column_type: ColumnType) -> str:
    """The value as people read it, for PDF and Word: UK dates, pounds with commas, per cent;
    text without the characters a file cannot hold."""
    if is_blank(value):
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | Decimal) and column_type is ColumnType.MONEY:
        amount = Decimal(value)
        sign = "-" if amount < 0 else ""
        return f"{sign}£{abs(amount):,.2f}"
    if isinstance(value, int | Decimal) and column_type is ColumnType.PERCENT:
        return f"{Decimal(value) * 100:.1f}%"
    return clean_text(str(value))
