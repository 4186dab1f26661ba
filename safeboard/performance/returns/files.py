"""The files of returns and tidy values: the values export (CSV and Excel) and the return's Excel
template. See docs/how-to/values-files.md.

Every cell is written by the reports kit (docs/decisions/0018-reports-renderers.md): in Excel a
text cell is a string, so text typed into Safeboard is never a formula and harmless text such as
"- item" shows no apostrophe; numbers are numbers, a blank is an empty cell. In CSV, text that
starts like a formula gets a leading apostrophe (a CSV cell has no type). The workbook is written
in openpyxl's write-only mode, so an export of 100,000 values is not held as cell objects.

Uploaded files are read by `safeboard.reports.readers` (in `services.py`), not here.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from safeboard.reports.document import ColumnType, Value
from safeboard.reports.renderers import csv as csv_renderer
from safeboard.reports.renderers import xlsx as xlsx_renderer

from . import selectors

XLSX_CONTENT_TYPE = xlsx_renderer.CONTENT_TYPE
CSV_CONTENT_TYPE = csv_renderer.CONTENT_TYPE

_TYPES = {
    "value": ColumnType.DECIMAL,
    "numerator": ColumnType.DECIMAL,
    "denominator": ColumnType.DECIMAL,
}
EXPORT_WIDTHS = (16, 14, 16, 12, 12, 12, 40, 16, 30)


def column_types(header: Sequence[str]) -> list[ColumnType]:
    """The type of each tidy column: the figures are numbers, everything else text. A figure a
    reader may not see is its marker ("<5"), which is written as text whatever the type."""
    return [_TYPES.get(name, ColumnType.TEXT) for name in header]


def xlsx_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[Value]],
    *,
    title: str = "Values",
    widths: Sequence[int] = (),
) -> bytes:
    """A one-sheet workbook: a bold header row, then the rows, each cell written safely."""
    types = column_types(header)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=xlsx_renderer.sheet_name(title, taken=set()))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for name in header:
        cell = WriteOnlyCell(sheet)
        xlsx_renderer.set_value(cell, name)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            cell = WriteOnlyCell(sheet)
            xlsx_renderer.set_value(
                cell, value, types[index] if index < len(types) else ColumnType.TEXT
            )
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    return csv_renderer.render_csv_rows(header, rows, column_types(header))


def values_export_csv(rows: Iterable[Sequence[Value]]) -> bytes:
    """The official values in the tidy format (`selectors.values_export_rows`) as CSV."""
    return csv_bytes(selectors.EXPORT_COLUMNS, rows)


def values_export_xlsx(rows: Iterable[Sequence[Value]]) -> bytes:
    return xlsx_bytes(selectors.EXPORT_COLUMNS, rows, widths=EXPORT_WIDTHS)


def return_template_xlsx(rows: Iterable[Sequence[Value]]) -> bytes:
    """The return's template (`selectors.return_template_rows`): filled in and uploaded again."""
    return xlsx_bytes(
        selectors.TEMPLATE_COLUMNS, rows, title="Return", widths=selectors.TEMPLATE_WIDTHS
    )
