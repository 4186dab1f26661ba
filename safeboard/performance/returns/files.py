"""Reading and writing tidy value files (CSV and Excel). See docs/how-to/values-files.md.

Reading is streamed: openpyxl's read-only mode with cached values (`data_only=True`, so a formula
cell gives its last calculated value and is never evaluated by us), rows as plain tuples. Writing
uses openpyxl's write-only mode; every text cell goes through `safe_cell` so nothing typed into
Safeboard can run as a formula where the file is opened.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from safeboard.core.spreadsheets import safe_cell

from ..domain.tidy import TidyError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Table:
    """The first row (the column names) and the rows after it, numbered as in the spreadsheet."""

    header: list[Any]
    rows: Iterator[tuple[int, Sequence[Any]]]


def read_table(handle: IO[bytes], name: str) -> Table:
    """A CSV or XLSX file as a Table. Raises TidyError with a message for people."""
    head = handle.read(4)
    handle.seek(0)
    if head.startswith(b"PK"):
        return _read_xlsx(handle)
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise TidyError("The file is not an Excel workbook we can read. Save it as .xlsx or .csv.")
    return _read_csv(handle)


def _read_xlsx(handle: IO[bytes]) -> Table:
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TidyError(
            "The file is not an Excel workbook we can read. Save it as .xlsx or .csv."
        ) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = list(next(rows))
    except StopIteration as exc:
        raise TidyError("The file is empty. The first row must name the columns.") from exc

    def numbered() -> Iterator[tuple[int, Sequence[Any]]]:
        try:
            yield from enumerate(rows, start=2)
        finally:
            workbook.close()

    return Table(header, numbered())


def _read_csv(handle: IO[bytes]) -> Table:
    data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise TidyError("The file is not a CSV file we can read. Save it as UTF-8.") from exc
    if "\x00" in text[:1000]:
        raise TidyError("The file is not a CSV or Excel (.xlsx) file. Choose a different file.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration as exc:
        raise TidyError("The file is empty. The first row must name the columns.") from exc
    except csv.Error as exc:
        raise TidyError(f"The file is not a CSV file we can read ({exc}).") from exc

    def numbered() -> Iterator[tuple[int, Sequence[Any]]]:
        number = 1
        try:
            for number, row in enumerate(reader, start=2):
                yield number, row
        except csv.Error as exc:
            raise TidyError(f"Row {number + 1} cannot be read ({exc}).") from exc

    return Table(list(header), numbered())


def _cell(value: Any) -> Any:
    return safe_cell(value) if isinstance(value, str) else value


def xlsx_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Values",
    widths: Sequence[int] = (),
) -> bytes:
    """A one-sheet workbook: bold header row, then the rows (text cells made safe)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=safe_cell(name))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
