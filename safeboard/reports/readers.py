"""Reading uploaded spreadsheets safely: every module's upload goes through here.

`read_table(upload)` reads a CSV or Excel (.xlsx) file into a header and numbered rows; it never
raises anything but `ApplicationError`, with a message for the person who chose the file, so a
malformed file is never a server error:

- Excel: any openpyxl or zip failure (a corrupt styles part, not a zip, an encrypted or old .xls
  file) is one clear message. A zip bomb is refused before it is opened (a cap on the
  uncompressed size, the ratio and the number of parts), and the sheet is capped in rows and
  columns. Values are the saved ones (`data_only`): Safeboard never evaluates a formula. A formula
  with no saved value (a file written by a program that does not calculate) is refused, naming the
  cell, instead of being read as blank; so is an error value such as #DIV/0!.
- CSV: UTF-8, with or without a byte-order mark, else a clear refusal; NUL characters refused;
  a row with more values than the header names columns refused, naming the row.
- Both: the header must name each column once (compared ignoring case and spaces); trailing
  unnamed columns are dropped, entirely blank rows skipped, and a cell holding a NUL character
  refused, naming the cell.

Rows are produced lazily (a 100,000-row file is not held twice); a problem found part-way raises
`ApplicationError` from the iteration, so a caller must finish reading before it writes anything.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from safeboard.core.errors import ApplicationError

from .domain.cells import clean_text


def get_column_letter(index: int) -> str:
    """Excel's letters for a 1-based column number. openpyxl is imported when a message needs it,
    not with this module: importing it is slow (see renderers/xlsx.py)."""
    from openpyxl.utils import get_column_letter as letters

    return letters(index)


MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_PARTS = 2_000
MAX_ROWS = 250_000
MAX_COLUMNS = 200

XLSX_HELP = "Save it again from Excel as an Excel workbook (.xlsx) or CSV, and upload it again."
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

ReadValue = str | int | float | datetime.datetime | datetime.date | datetime.time | bool | None


@dataclass(frozen=True)
class TableRow:
    number: int  # the row's number in the sheet, or the record's in the CSV (the header is 1)
    values: tuple[ReadValue, ...]

    def ref(self, index: int) -> str:
        """The cell's reference as a spreadsheet shows it, e.g. "C4" (index from 0)."""
        return f"{get_column_letter(index + 1)}{self.number}"

    def get(self, index: int) -> ReadValue:
        return self.values[index] if index < len(self.values) else None


@dataclass(frozen=True)
class ReadTable:
    header: tuple[str, ...]  # cleaned and stripped, as written
    rows: Iterator[TableRow]

    def index(self) -> dict[str, int]:
        """Column name (lower case, single-spaced) -> its index; names are unique."""
        return {column_key(name): i for i, name in enumerate(self.header) if name}


def column_key(name: str) -> str:
    return " ".join(name.split()).lower()


def _size(upload: IO[bytes]) -> int:
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    position = upload.tell()
    upload.seek(0, io.SEEK_END)
    end = upload.tell()
    upload.seek(position)
    return end


def _check_size(upload: IO[bytes], max_bytes: int) -> None:
    size = _size(upload)
    if size == 0:
        raise ApplicationError("The file is empty. Choose a file with something in it.")
    if size > max_bytes:
        raise ApplicationError(
            f"The file must be smaller than {max_bytes // (1024 * 1024)} MB."
            " Split it into smaller files and upload each."
        )


def read_table(
    upload: IO[bytes],
    name: str = "",
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_ROWS,
) -> ReadTable:
    """A CSV or Excel file (told apart by content, not name) as a header and rows."""
    _check_size(upload, max_bytes)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"PK") or head.startswith(OLE_MAGIC):
        return read_xlsx(upload, max_bytes=max_bytes, max_rows=max_rows)
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise ApplicationError(
            f"The file could not be read as an Excel workbook (.xlsx). {XLSX_HELP}"
        )
    return read_csv(upload, max_bytes=max_bytes, max_rows=max_rows)


# --- Excel ----------------------------------------------------------------------------------


def _refuse_xlsx(reason: str) -> ApplicationError:
    return ApplicationError(
        f"The file could not be read as an Excel workbook (.xlsx): {reason}. {XLSX_HELP}"
    )


def _check_zip(upload: IO[bytes]) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(upload)
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _refuse_xlsx("it is not a complete .xlsx file") from exc
    if len(parts) > MAX_ZIP_PARTS:
        raise _refuse_xlsx("it has too many parts")
    total = sum(p.file_size for p in parts)
    packed = sum(p.compress_size for p in parts) or 1
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise _refuse_xlsx("it would be far too large once opened")
    if any(p.flag_bits & 0x1 for p in parts):
        raise _refuse_xlsx("it is protected with a password; remove the password")
    return archive


def read_xlsx(
    upload: IO[bytes],
    *,
    sheet: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
) -> ReadTable:
    """The first sheet (or `sheet`) of an .xlsx file: its first row names the columns."""
    _check_size(upload, max_bytes)
    upload.seek(0)
    if upload.read(8).startswith(OLE_MAGIC):
        raise _refuse_xlsx("it is protected with a password, or is an old .xls file")
    upload.seek(0)
    archive = _check_zip(upload)
    upload.seek(0)
    try:
        workbook_reader, _ = _openpyxl_classes()
        reader = workbook_reader(upload, read_only=True, data_only=True)
        reader.read()
        workbook = reader.wb
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    except KeyError as exc:
        if sheet:
            raise ApplicationError(f'The workbook has no sheet called "{sheet}".') from exc
        raise _refuse_xlsx("a part of it is missing or damaged") from exc
    except Exception as exc:  # openpyxl raises many kinds of error on a damaged file
        raise _refuse_xlsx("a part of it is missing or damaged") from exc
    path = getattr(worksheet, "_worksheet_path", None)
    if isinstance(path, str):
        _refuse_entities(archive, path)
    return _table(
        _xlsx_rows(workbook, worksheet, max_columns=max_columns),
        max_rows=max_rows,
        max_columns=max_columns,
    )


@functools.cache
def _openpyxl_classes() -> tuple[type[Any], type[Any]]:
    """The workbook reader and the sheet parser, made the first time a workbook is read: openpyxl
    is imported then, not with this module."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._reader import (
        FORMULA_TAG,
        INLINE_STRING,
        VALUE_TAG,
        WorkSheetParser,
    )
    from openpyxl.xml.constants import SHEET_MAIN_NS

    _parse_cell = WorkSheetParser.parse_cell
    plain_text_tag = f"{{{SHEET_MAIN_NS}}}t"

    class _UnsizedSheet(ReadOnlyWorksheet):
        """A read-only sheet not measured when the workbook opens: openpyxl would otherwise parse
        the whole sheet once just to find its size when the file does not record it (files
        written by programs other than Excel often do not), and the size is not needed here."""

        def _get_size(self) -> None:
            pass

    class _WorkbookReader(ExcelReader):
        """openpyxl's read-only workbook reader, with sheets that are not measured on opening."""

        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)  # type: ignore[arg-type]
                    continue
                worksheet = _UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                worksheet.sheet_state = sheet.state  # type: ignore[assignment]
                self.wb._sheets.append(worksheet)  # type: ignore[attr-defined]

    class _SheetParser(WorkSheetParser):
        """openpyxl's sheet parser, checking each cell as it is parsed: an error value and a
        formula with no saved value are refused by name, and values are made plain."""

        def parse_cell(self, element: Any) -> dict[str, Any]:
            if element.get("t") == "inlineStr":
                inline = self._plain_inline(element)
                if inline is not None:
                    return inline
            cell: dict[str, Any] = _parse_cell(self, element)
            value = cell["value"]
            if value.__class__ not in _PLAIN_TYPES:
                cell["value"] = _plain(value)
            if cell["data_type"] == "e":
                raise ApplicationError(
                    f"Cell {_ref(cell)} holds the error {value}. Correct it in Excel and upload the"
                    " file again."
                )
            formula = element.find(FORMULA_TAG)
            if formula is not None:
                # data_only: the value read is the saved one; with none saved it would read as
                # blank, so the formula is refused by name instead.
                saved = element.find(VALUE_TAG)
                if saved is None or not (saved.text or "").strip():
                    if element.get("t") not in ("str", "inlineStr") or saved is None:
                        raise ApplicationError(
                            f"Cell {_ref(cell)} holds a formula with no saved value. Open the"
                            " file in Excel, save it, and upload it again."
                        )
            return cell

        def _plain_inline(self, element: Any) -> dict[str, Any] | None:
            """An inline string of plain text (`<is><t>text</t></is>`, as openpyxl and many
            other programs write text cells), read as openpyxl would read it but without building
            its rich-text objects, which cost most of the time of reading such a file. Anything
            else (formatted runs, phonetic text, a formula) is left to openpyxl."""
            inline = element.find(INLINE_STRING)
            if inline is None or len(inline) != 1 or len(element) != 1:
                return None
            text = inline[0]
            if text.tag != plain_text_tag:
                return None
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            style_id = element.get("s", 0)
            return {
                "row": row,
                "column": column,
                "value": text.text or "",
                "data_type": "s",
                "style_id": int(style_id) if style_id else style_id,
            }

    return _WorkbookReader, _SheetParser


def _xlsx_rows(
    workbook: Any, worksheet: Any, *, max_columns: int
) -> Iterator[tuple[int, tuple[ReadValue, ...]]]:
    """Each row of the sheet that has a cell, as (its number, its values from column A), read in
    one pass by openpyxl's own sheet parser (`_openpyxl_classes`): no cell object per value, no row
    padded to the widest column. Every row present is read, whatever size the sheet records (a
    wrong one would otherwise cut rows off silently)."""
    try:
        with worksheet._get_source() as source:
            _, sheet_parser = _openpyxl_classes()
            parser = sheet_parser(
                source,
                workbook.shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                if not cells:
                    continue
                if cells[-1]["column"] == len(cells) <= max_columns and _in_order(cells):
                    yield number, tuple([cell["value"] for cell in cells])
                    continue
                values: list[ReadValue] = [None] * min(len(cells), max_columns)
                for cell in cells:
                    value = cell["value"]
                    if value is None:
                        continue
                    column = cell["column"]
                    if column > max_columns:
                        raise ApplicationError(
                            f"The sheet has more than {max_columns} columns. Remove the"
                            " columns that are not needed and upload it again."
                        )
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values[column - 1] = value
                yield number, tuple(values)
    except ApplicationError:
        raise
    except Exception as exc:
        raise _refuse_xlsx("a sheet of it is damaged") from exc
    finally:
        workbook.close()


def _in_order(cells: list[dict[str, Any]]) -> bool:
    """Whether a row's cells are columns 1, 2, 3... each once (as every program writes them)."""
    return all(cell["column"] == column for column, cell in enumerate(cells, start=1))


def _ref(cell: dict[str, Any]) -> str:
    return f"{get_column_letter(cell['column'])}{cell['row']}"


_PLAIN_TYPES = frozenset(
    {type(None), str, int, float, bool, datetime.datetime, datetime.date, datetime.time}
)


def _plain(value: object) -> ReadValue:
    if value is None or isinstance(value, str | bool | int | float | datetime.date | datetime.time):
        return value
    return str(value)  # rich text, a time span: as text


def _refuse_entities(archive: zipfile.ZipFile, path: str) -> None:
    """A sheet declaring a DTD is refused before its cells are read, so no entity can expand."""
    try:
        with archive.open(path.lstrip("/")) as source:
            if b"<!DOCTYPE" in source.read(4096).upper():
                raise _refuse_xlsx("a sheet of it declares XML entities")
    except ApplicationError:
        raise
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _refuse_xlsx("a sheet of it is damaged") from exc


# --- CSV ------------------------------------------------------------------------------------


def read_csv(
    upload: IO[bytes], *, max_bytes: int = MAX_UPLOAD_BYTES, max_rows: int = MAX_ROWS
) -> ReadTable:
    """A CSV file in UTF-8 (with or without a byte-order mark)."""
    _check_size(upload, max_bytes)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ApplicationError(
            f"The file is not UTF-8 text (line {line}). In Excel choose Save As, then"
            " “CSV UTF-8 (Comma delimited)”, and upload the file again."
        ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ApplicationError(
            f"The file holds a null character on line {line}: it is not a CSV file. Choose"
            " a CSV or Excel (.xlsx) file."
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)

    def records() -> Iterator[tuple[int, tuple[ReadValue, ...]]]:
        number = 0
        try:
            for number, record in enumerate(reader, start=1):
                yield number, tuple(record)
        except csv.Error as exc:
            raise ApplicationError(
                f"Row {number + 1} of the file cannot be read as CSV ({exc})."
            ) from exc

    return _table(records(), max_rows=max_rows, max_columns=MAX_COLUMNS, strict_width=True)


# --- Both -----------------------------------------------------------------------------------


def _header(values: Sequence[ReadValue], max_columns: int) -> tuple[str, ...]:
    names = [clean_text(str(v)).strip() if v is not None else "" for v in values]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise ApplicationError("The file has no column names. The first row must name the columns.")
    if len(names) > max_columns:
        raise ApplicationError(f"The file has more than {max_columns} columns.")
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name:
            continue
        key = column_key(name)
        if key in seen:
            raise ApplicationError(
                f'The column "{name}" is named twice (columns {get_column_letter(seen[key] + 1)}'
                f" and {get_column_letter(index + 1)}). Remove or rename one and upload the file"
                " again."
            )
        seen[key] = index
    return tuple(names)


def _table(
    source: Iterator[tuple[int, tuple[ReadValue, ...]]],
    *,
    max_rows: int,
    max_columns: int,
    strict_width: bool = False,
) -> ReadTable:
    header: tuple[str, ...] | None = None
    for _number, values in source:
        if any(v not in (None, "") for v in values):
            header = _header(values, max_columns)
            break
    if header is None:
        raise ApplicationError("The file is empty. The first row must name the columns.")
    width = len(header)

    def rows() -> Iterator[TableRow]:
        count = 0
        padding = (None,) * width
        for number, values in source:
            if len(values) > width:
                for value in values[width:]:
                    if value is not None and value != "":
                        if strict_width:
                            raise ApplicationError(
                                f"Row {number} has {len(values)} values but the first row"
                                f" names {width} columns. Remove the extra values or name"
                                " their columns."
                            )
                        raise ApplicationError(
                            f"Cell {get_column_letter(width + 1)}{number} has a value in a"
                            " column with no name. Name the column in the first row, or"
                            " remove the value."
                        )
                values = values[:width]
            elif len(values) < width:
                values = values + padding[len(values) :]
            blank = True
            nul_at = -1
            for index, value in enumerate(values):
                if type(value) is str:
                    if value:
                        blank = False
                        if nul_at < 0 and "\x00" in value:
                            nul_at = index
                elif value is not None:
                    blank = False
            if blank:
                continue
            count += 1
            if count > max_rows:
                raise ApplicationError(
                    f"The file has more than {max_rows:,} rows. Split it into smaller files."
                )
            if nul_at >= 0:
                raise ApplicationError(
                    f"Cell {get_column_letter(nul_at + 1)}{number} holds a null character."
                    " Remove it and upload the file again."
                )
            yield TableRow(number, values)

    return ReadTable(header, rows())


def read_all(table: ReadTable) -> list[TableRow]:
    """Every row, read before anything is written (all or nothing)."""
    return list(table.rows)
