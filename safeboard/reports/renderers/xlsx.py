"""A `Document` as an Excel workbook (openpyxl): one sheet per section.

- Text is written as text: the cell's type is set to string after the value, so openpyxl never
  takes "=SUM(A1)" for a formula (nor "#N/A" for an error), and nothing gets a visible leading
  apostrophe: "- item" reads "- item". Characters XML cannot hold are removed first.
- Dates are real dates (shown dd/mm/yyyy), amounts numbers with a pounds format, shares
  fractions with a per cent format, so the sheet sorts, filters and sums.
- A blank is an empty cell.
- Totals rows carry `=SUM(...)` formulas over the rows they add up, and the figure the builder
  computed is stored as the formula's saved value, so the file shows the right total even in a
  program that does not recalculate; Excel recalculates on opening (`fullCalcOnLoad`).
"""

from __future__ import annotations

import datetime
import re
import zipfile
from decimal import Decimal
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..document import (
    ColumnType,
    Document,
    Heading,
    Paragraph,
    Section,
    Table,
    Value,
    check_totals,
    is_blank,
    total_spans,
)
from ..domain.cells import clean_text

# openpyxl is imported when a workbook is made, not when this module is: importing it costs more
# than starting Django's apps, and most processes (a page, `manage.py spc`) never make one.
if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
NUMBER_FORMATS = {ColumnType.MONEY: MONEY_FORMAT, ColumnType.PERCENT: PERCENT_FORMAT}

MAX_CELL_TEXT = 32_767  # Excel's limit: longer text makes the workbook need "repair"
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
LONDON = ZoneInfo("Europe/London")


@cache
def _bold() -> Font:
    from openpyxl.styles import Font

    return Font(bold=True)


@cache
def _wrap() -> Alignment:
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")


def render_xlsx(document: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.workbook.properties import CalcProperties

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    saved_values: dict[int, dict[str, Value]] = {}
    taken: set[str] = set()
    for index, section in enumerate(document.sections):
        sheet = workbook.create_sheet(sheet_name(section.title, taken=taken))
        saved_values[index] = _write_section(sheet, section)
    if not document.sections:
        workbook.create_sheet("Sheet1")
    buffer = BytesIO()
    workbook.save(buffer)
    return _store_saved_values(buffer.getvalue(), saved_values)


def sheet_name(title: str, *, taken: set[str]) -> str:
    """A name Excel accepts: no []:*?/\\, at most 31 characters, unique in the workbook."""
    words = _SHEET_NAME_FORBIDDEN.sub(" ", clean_text(title)).split()
    base = " ".join(words).strip("'")[:31].strip() or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def set_value(
    cell: Cell | MergedCell, value: Value, column_type: ColumnType = ColumnType.TEXT
) -> None:
    """Write one value the safe way (see the module's docstring); usable by any sheet writer."""
    if is_blank(value):
        cell.value = None
        return
    if isinstance(value, str):
        cell.value = clean_text(value)[:MAX_CELL_TEXT]
        cell.data_type = "s"  # never a formula, never an error code
        return
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LONDON).replace(tzinfo=None)
        cell.value = value
        cell.number_format = DATETIME_FORMAT
        return
    if isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return
    cell.value = value
    if column_type in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[column_type]


def _write_section(sheet: Worksheet, section: Section) -> dict[str, Value]:
    from openpyxl.utils import get_column_letter

    saved: dict[str, Value] = {}
    row = 1
    widths: dict[int, int] = {}
    for position, block in enumerate(section.blocks):
        if position:
            row += 1  # one blank row between blocks
        if isinstance(block, Heading | Paragraph):
            cell = sheet.cell(row=row, column=1)
            set_value(cell, block.text)
            if isinstance(block, Heading):
                cell.font = _bold()
            row += 1
            continue
        if position == 0 and not block.title:
            sheet.freeze_panes = f"A{row + 1}"
        first, row = row, _write_table(sheet, block, row, saved)
        if position == 0 and not block.title and len(section.blocks) == 1:
            last_column = get_column_letter(len(block.columns))
            sheet.auto_filter.ref = f"A{first}:{last_column}{row - 1}"
        for index, column in enumerate(block.columns, start=1):
            if column.width and index not in widths:
                widths[index] = column.width
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = width
    return saved


def _write_table(sheet: Worksheet, table: Table, row: int, saved: dict[str, Value]) -> int:
    """Write `table` from `row`; return the next free row."""
    from openpyxl.utils import get_column_letter

    check_totals(table)
    if table.title:
        set_value(sheet.cell(row=row, column=1), table.title)
        sheet.cell(row=row, column=1).font = _bold()
        row += 1
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=row, column=index)
        set_value(cell, column.heading)
        cell.font = _bold()
    row += 1
    rows = table.typed_rows()
    first_data_row = row
    spans = total_spans(table)
    for position, data in enumerate(rows):
        for index, column in enumerate(table.columns, start=1):
            value = data.cells[index - 1] if index - 1 < len(data.cells) else None
            cell = sheet.cell(row=row, column=index)
            set_value(cell, value, column.type)
            if column.type is ColumnType.TEXT and isinstance(value, str):
                cell.alignment = _wrap()
            if data.emphasised:
                cell.font = _bold()
            if column.sum and position in spans:
                terms = spans[position].terms
                if terms:
                    letter = get_column_letter(index)
                    cell.value = "=SUM({})".format(
                        ",".join(_range(letter, first_data_row, term) for term in terms)
                    )
                    cell.number_format = NUMBER_FORMATS.get(column.type, "General")
                    saved[cell.coordinate] = Decimal(0) if is_blank(value) else value
        row += 1
    return row


def _range(letter: str, first_data_row: int, term: tuple[int, int]) -> str:
    start, end = first_data_row + term[0], first_data_row + term[1]
    return f"{letter}{start}" if start == end else f"{letter}{start}:{letter}{end}"


# openpyxl writes a formula cell as <c r="C9" ...><f>SUM(C5:C8)</f><v></v></c>: no saved value.
_FORMULA_CELL = re.compile(r'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>)<v\s*/?>(?:</v>)?')


def _store_saved_values(content: bytes, saved_values: dict[int, dict[str, Value]]) -> bytes:
    """Put each totals formula's figure in the file as its saved (cached) value."""
    if not any(saved_values.values()):
        return content
    source = zipfile.ZipFile(BytesIO(content))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            values = saved_values.get(int(match.group(1)) - 1) if match else None
            if values:
                data = _fill(data.decode("utf-8"), values).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def _fill(xml: str, values: dict[str, Value]) -> str:
    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(2))
        if value is None or not isinstance(value, int | Decimal):
            return match.group(0)
        return f"{match.group(1)}<v>{value}</v>"

    return _FORMULA_CELL.sub(replace, xml)
