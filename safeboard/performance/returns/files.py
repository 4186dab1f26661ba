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
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from safeboard.reports.document import ColumnType, Value
from safeboard.reports.renderers import csv as csv_renderer
from safeboard.reports.renderers import xlsx as xlsx_renderer

from ..indicators.presenters import ILLUSTRATIVE_LABEL
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


# The template's look: the header dark with white text; what is filled in for you grey, as
# "do not change"; the boxes to fill white. Colours are GOV.UK's (black, light grey, white).
_HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
_LOCKED_FILL = PatternFill("solid", fgColor="F3F2F1")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_LOCKED_FONT = Font(color="505A5F")
_TOP = Alignment(vertical="top", wrap_text=True)
TEMPLATE_WIDTHS = {
    "indicator_code": 16,
    "indicator_name": 36,
    "unit": 14,
    "definition": 48,
    "period": 14,
    "agency": 14,
    "value": 12,
    "numerator": 12,
    "denominator": 14,
    "comment": 40,
    "illustrative": 24,
}
FIGURES = ("value", "numerator", "denominator")
EDITABLE_COLUMNS = (*FIGURES, "comment")
MAX_COMMENT = 5000
MAX_FIGURE = "9999999999"  # returns.MAX_ABS


def _validation(
    kind: Literal["whole", "decimal"], *, minimum: str | None, title: str, prompt: str
) -> DataValidation:
    """A check Excel makes as a number is typed, with the message shown when the box is chosen
    (Excel limits a title to 32 characters and a message to 255). Safeboard checks every figure
    again on upload: this only helps the person typing. No minimum: any number Safeboard holds."""
    if kind == "whole":
        error = "Enter a whole number, 0 or more, like 12."
    elif minimum is not None:
        error = "Enter a number, 0 or more, like 12 or 3.5."
    else:
        error = "Enter a number, like 12 or 3.5."
    return DataValidation(
        type=kind,
        operator="between" if minimum is None else "greaterThanOrEqual",
        formula1=f"-{MAX_FIGURE}" if minimum is None else minimum,
        formula2=MAX_FIGURE if minimum is None else None,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=title[:32],
        prompt=prompt[:255],
        errorTitle="Check the number",
        error=error,
    )


def _validations() -> dict[str, DataValidation]:
    return {
        "count": _validation(
            "whole",
            minimum="0",
            title="A count",
            prompt="A whole number, 0 or more. Small numbers are fine here. If it is not known, "
            "leave it blank and say why in the comment.",
        ),
        "ratio_value": _validation(
            "decimal",
            minimum="0",
            title="Worked out for you",
            prompt="Leave blank: it is worked out from the numerator and denominator. Only if "
            "you have no numerator and denominator, enter the figure itself.",
        ),
        "other_value": _validation(
            "decimal",
            minimum=None,
            title="A number",
            prompt="A number, like 12 or 3.5. If it is not known, leave it blank and say why in "
            "the comment.",
        ),
        "numerator": _validation(
            "decimal",
            minimum="0",
            title="Numerator",
            prompt="The part counted, 0 or more: never more than the denominator. Small numbers "
            "are fine here.",
        ),
        "denominator": _validation(
            "decimal",
            minimum="0",
            title="Denominator",
            prompt="The whole the numerator is part of, 0 or more.",
        ),
        "comment": DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(MAX_COMMENT),
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            promptTitle="Comment",
            prompt="Why a value is missing or unusual, or anything the analyst should know.",
            errorTitle="Comment too long",
            error=f"Shorten the comment to {MAX_COMMENT} characters or fewer.",
        ),
    }


def _row_checks(row: selectors.TemplateRow) -> dict[str, str | None]:
    """Which check each figure's box of `row` gets; None: the box is locked (a count has no
    numerator or denominator)."""
    if row.has_ratio:
        return {"value": "ratio_value", "numerator": "numerator", "denominator": "denominator"}
    return {
        "value": "count" if row.is_count else "other_value",
        "numerator": None,
        "denominator": None,
    }


def return_template_xlsx(template: selectors.Template) -> bytes:
    """The return's template (`selectors.return_template`), filled in and uploaded again: the
    "Return" sheet first (the upload reads the first sheet), then "Instructions".

    The Return sheet is protected without a password, with only the boxes to fill unlocked: the
    code, period and agency say what each value is for, so they are greyed and locked as "do not
    change". A template is one row per expected indicator, so it is written whole (not in
    openpyxl's write-only mode, which cannot protect cells)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Return"
    columns = selectors.TEMPLATE_COLUMNS
    for position, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = TEMPLATE_WIDTHS[name]
        cell = sheet.cell(row=1, column=position)
        xlsx_renderer.set_value(cell, selectors.TEMPLATE_LABELS[name])
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _TOP
    checks: dict[str, DataValidation] = _validations()
    for number, row in enumerate(template.rows, start=2):
        boxes = _row_checks(row)
        for position, (name, value) in enumerate(zip(columns, row.cells(), strict=True), 1):
            cell = sheet.cell(row=number, column=position)
            kind = ColumnType.DECIMAL if name in FIGURES else ColumnType.TEXT
            xlsx_renderer.set_value(cell, value, kind)
            cell.alignment = _TOP
            box = "comment" if name == "comment" else boxes.get(name)
            if box is None:
                cell.fill, cell.font = _LOCKED_FILL, _LOCKED_FONT
                continue
            cell.protection = Protection(locked=False)
            if box == "count":
                cell.number_format = "0"
            checks[box].add(cell.coordinate)
    for check in checks.values():
        if check.sqref:
            sheet.add_data_validation(check)
    sheet.freeze_panes = "B2"
    # Protected without a password; a person may still widen columns and rows to read them.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    _instructions(workbook.create_sheet("Instructions"), template)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def instructions_text(template: selectors.Template) -> list[tuple[str, str]]:
    """The Instructions sheet as (style, text) lines: "title", "heading" or "" for a paragraph."""
    examples = {
        "monthly": '"April 2020" for a month',
        "quarterly": '"2020/21 Q1" for a quarter (Q1 is April to June)',
        "annual": '"2020/21" for a financial year (April to March)',
    }
    lines = [
        ("title", f"Return for {template.period_label}: {template.agency_name}"),
        (
            "",
            "Fill in this workbook and upload it on the return's page in Safeboard (Upload a "
            "filled template). It saves the return as a draft; check it there and submit it.",
        ),
        ("heading", "What to fill in"),
        (
            "",
            "On the Return sheet, fill in only the white boxes: Value, or Numerator and "
            "Denominator, and Comment. There is one row for each measure your agency reports.",
        ),
        (
            "",
            "A count: enter a whole number, 0 or more, in Value. A count has no numerator or "
            "denominator, so those boxes are grey and locked.",
        ),
        (
            "",
            "A percentage or rate: enter the Numerator and the Denominator and Safeboard works "
            "out the value; leave Value blank. The numerator can never be more than the "
            "denominator (it counts part of it).",
        ),
        (
            "",
            "If a value is missing or unusual, leave the box blank or enter it, and say why in "
            "Comment. Small numbers (0, 1, 2...) are fine here: enter every number as it is. "
            "Safeboard hides small counts itself wherever they are shown to people who may not "
            "see them.",
        ),
        (
            "",
            "The Unit and Definition columns say what each measure counts. Choose a box to "
            "see what it accepts; Excel warns you if a number is not one it can take.",
        ),
        ("heading", "Columns you must not change"),
        (
            "",
            "Indicator code, Indicator, Unit, Definition, Period, Agency and Illustrative are "
            "filled in for you, greyed and locked. The upload uses the code, the period and the "
            "agency to know what each value is for. The sheet is protected without a password so "
            "that they are not changed by mistake; do not add rows for other measures or periods.",
        ),
        ("heading", "How periods and agencies are written"),
        (
            "",
            f"The period is written as Safeboard shows it: {examples[template.frequency]}. This "
            f'return is for "{template.period_label}" only.',
        ),
        (
            "",
            f'The agency is written as its short key ("{template.agency_key}") or its full name '
            f'("{template.agency_name}").',
        ),
        ("heading", "Uploading"),
        (
            "",
            "Save the file as an Excel workbook (.xlsx). Every row is checked before anything is "
            "saved: if any row is wrong, nothing is saved and each problem is listed by row and "
            "column, so you can correct the file and upload it again.",
        ),
    ]
    if any(row.illustrative for row in template.rows):
        lines.append(("heading", "Illustrative values"))
        lines.append(
            (
                "",
                f"Rows with the Illustrative column filled in are measures of example data "
                f"({ILLUSTRATIVE_LABEL}).",
            )
        )
    return lines


def _instructions(sheet: Any, template: selectors.Template) -> None:
    sheet.column_dimensions["A"].width = 100
    styles = {"title": Font(bold=True, size=16), "heading": Font(bold=True, size=12)}
    for number, (style, text) in enumerate(instructions_text(template), start=1):
        cell = sheet.cell(row=number, column=1)
        xlsx_renderer.set_value(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style in styles:
            cell.font = styles[style]
