"""Malformed files, built by code (no binary blobs): each a name, its bytes and a fragment of the
message a person must get. `safeboard/reports/tests/test_readers.py` feeds every one to the
readers; other modules' upload tests may use them too (`MALFORMED_SPREADSHEETS`)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Malformed:
    label: str
    name: str
    content: bytes
    message: str  # a fragment of the expected message


def workbook_bytes(rows, *, formula_cells=()) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    for row in rows:
        sheet.append(row)
    for coordinate, formula in formula_cells:
        sheet[coordinate] = formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_ROWS = [["Indicator", "Period", "Value"], ["CIN-01", "2021-22", 12], ["CIN-02", "2021-22", 7]]


def _replace_part(content: bytes, part: str, data: bytes | None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == part:
                if data is not None:
                    target.writestr(info, data)
                continue
            target.writestr(info, source.read(info.filename))
    return out.getvalue()


def _zip_bomb() -> bytes:
    content = workbook_bytes(GOOD_ROWS)
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


def _error_value() -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["Indicator", "Value"])
    sheet.append(["CIN-01", "#DIV/0!"])  # openpyxl stores an error code as an error cell
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def malformed_spreadsheets() -> list[Malformed]:
    good = workbook_bytes(GOOD_ROWS)
    return [
        Malformed(
            "corrupt styles part",
            "values.xlsx",
            _replace_part(good, "xl/styles.xml", b"<styleSheet><numFmts count='1'><numFmt/>"),
            "could not be read as an Excel workbook",
        ),
        Malformed(
            "styles part of the wrong shape",
            "values.xlsx",
            _replace_part(
                good,
                "xl/styles.xml",
                b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<cellXfs count="1"><xf numFmtId="banana"/></cellXfs></styleSheet>',
            ),
            "could not be read as an Excel workbook",
        ),
        Malformed(
            "workbook part missing",
            "values.xlsx",
            _replace_part(good, "xl/workbook.xml", None),
            "could not be read",
        ),
        Malformed(
            "sheet that is not XML",
            "values.xlsx",
            _replace_part(good, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>"),
            "could not be read as an Excel workbook",
        ),
        Malformed(
            "not a zip", "values.xlsx", b"PK\x03\x04 this is not really a zip", "could not be read"
        ),
        Malformed("truncated", "values.xlsx", good[: len(good) // 2], "could not be read"),
        Malformed(
            "text named .xlsx", "values.xlsx", b"Indicator,Value\nCIN-01,1\n", "could not be read"
        ),
        Malformed("zip bomb", "values.xlsx", _zip_bomb(), "far too large"),
        Malformed(
            "encrypted or old .xls",
            "values.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "password",
        ),
        Malformed(
            "formula with no saved value",
            "values.xlsx",
            workbook_bytes(GOOD_ROWS, formula_cells=[("C4", "=C2+C3")]),
            "Cell C4 holds a formula with no saved value",
        ),
        Malformed("error value", "values.xlsx", _error_value(), "Cell B2 holds the error #DIV/0!"),
        Malformed(
            "column named twice",
            "values.xlsx",
            workbook_bytes([["Indicator", "Value", " value "], ["CIN-01", 1, 2]]),
            'The column "value" is named twice (columns B and C)',
        ),
        Malformed("empty workbook", "values.xlsx", workbook_bytes([]), "The file is empty"),
        Malformed(
            "too many columns",
            "values.xlsx",
            workbook_bytes([[f"Column {i}" for i in range(300)]]),
            "more than 200 columns",
        ),
        Malformed(
            "value in a column with no name",
            "values.xlsx",
            workbook_bytes([["Indicator", "Value"], ["CIN-01", 1, "stray"]]),
            "Cell C2 has a value in a column with no name",
        ),
        Malformed(
            "not UTF-8",
            "values.csv",
            "Indicator,Value\nCaf\xe9,1\n".encode("latin-1"),
            "not UTF-8 text (line 2)",
        ),
        Malformed(
            "NUL bytes",
            "values.csv",
            b"Indicator,Value\nCIN\x00-01,1\n",
            "null character on line 2",
        ),
        Malformed(
            "UTF-16", "values.csv", "Indicator,Value\nCIN-01,1\n".encode("utf-16"), "not UTF-8"
        ),
        Malformed(
            "column named twice in a CSV",
            "values.csv",
            b"Indicator,Value,VALUE\nCIN-01,1,2\n",
            'The column "VALUE" is named twice (columns B and C)',
        ),
        Malformed(
            "ragged row",
            "values.csv",
            b"Indicator,Value\nCIN-01,1\nCIN-02,2,3,4\n",
            "Row 3 has 4 values",
        ),
        Malformed("empty CSV", "values.csv", b"", "The file is empty"),
        Malformed("blank CSV", "values.csv", b",,\r\n,,\r\n", "The file is empty"),
        Malformed(
            "field too large",
            "values.csv",
            b'Indicator,Value\n"' + b"x" * 200_000 + b'",1\n',
            "cannot be read as CSV",
        ),
        Malformed(
            "unclosed quote", "values.csv", b'Indicator,Value\n"CIN-01,1\n', "cannot be read as CSV"
        ),
    ]
