"""A table (or every table of a `Document`) as CSV: UTF-8 with a byte-order mark, so Excel reads
the pound sign and accented names correctly.

Text is cleaned of characters a file cannot hold and, when it starts like a formula ("=", "+",
"-", "@", tab, carriage return), gets a leading apostrophe (OWASP's rule), because a spreadsheet
program would run it. Numbers (never typed text) are written plainly, so -12 stays a number.
Dates are dd/mm/yyyy; a blank is an empty field.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import StringIO

from ..document import ColumnType, Document, Heading, Paragraph, Table, Value, is_blank
from ..domain.cells import csv_text

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"


def csv_value(value: Value, column_type: ColumnType = ColumnType.TEXT) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | Decimal):  # a number, never typed text: written as it is
        if column_type is ColumnType.PERCENT:
            return f"{Decimal(value) * 100:.1f}%"
        return str(value)
    return csv_text(str(value))


def render_csv_rows(
    header: Sequence[str], rows: Iterable[Sequence[Value]], types: Sequence[ColumnType] = ()
) -> bytes:
    """Plain header and rows (for tidy data files): each cell as `csv_value` writes it."""
    out = StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_value(h) for h in header])
    for row in rows:
        writer.writerow(
            [
                csv_value(v, types[i] if i < len(types) else ColumnType.TEXT)
                for i, v in enumerate(row)
            ]
        )
    return out.getvalue().encode("utf-8")


def render_csv(table: Table) -> bytes:
    return render_csv_rows(
        [c.heading for c in table.columns],
        (r.cells for r in table.typed_rows()),
        [c.type for c in table.columns],
    )


def render_csv_document(document: Document) -> bytes:
    """Every section's tables one after another, each under its section and table titles, with a
    blank line between them: for a person to open, not for a program to read."""
    out = StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    for section in document.sections:
        writer.writerow([csv_value(section.title)])
        for block in section.blocks:
            if isinstance(block, Heading | Paragraph):
                writer.writerow([csv_value(block.text)])
                continue
            if block.title:
                writer.writerow([csv_value(block.title)])
            writer.writerow([csv_value(c.heading) for c in block.columns])
            types = [c.type for c in block.columns]
            for row in block.typed_rows():
                writer.writerow([csv_value(v, types[i]) for i, v in enumerate(row.cells)])
            writer.writerow([])
    return out.getvalue().encode("utf-8")
