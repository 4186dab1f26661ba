"""A budget year as an Excel workbook: the same tables and computed totals as the year page.

Amounts are written as numbers (from Decimal, never float) with a pounds format, so the sheet can
be summed. Every text cell goes through `core.spreadsheets.safe_cell`, so a name such as
"=HYPERLINK(...)" typed into Safeboard is shown as text, never run as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from safeboard.core.spreadsheets import safe_cell

from .selectors import YearBudget

POUNDS = '"£"#,##0.00;-"£"#,##0.00'
PERCENT = "0.0%"


def _percent(share: Decimal | None) -> Decimal | None:
    # Shares are per cent to one decimal place; Excel's percent format wants the fraction.
    return None if share is None else share / 100


def _row(
    sheet: Worksheet,
    values: Sequence[Any],
    *,
    formats: Sequence[str | None] = (),
    bold: bool = False,
) -> None:
    """Append a row; `formats[i]` is the number format of column i (for numbers and dates)."""
    sheet.append([safe_cell(v) for v in values])
    for cell, number_format in zip(sheet[sheet.max_row], formats, strict=False):
        if number_format and cell.value is not None:
            cell.number_format = number_format
            cell.alignment = Alignment(horizontal="right")
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)


CONTRIBUTION = (None, None, POUNDS, PERCENT)
MONEY_3 = (None, POUNDS, POUNDS, POUNDS)


def _contributions_sheet(sheet: Worksheet, budget: YearBudget, partnership_name: str) -> None:
    sheet.title = "Contributions"
    _row(sheet, [f"{partnership_name}: budget {budget.year.label}"], bold=True)
    for table in budget.lines:
        _row(sheet, [])
        _row(sheet, [table.line.name], bold=True)
        _row(sheet, ["Agency", "Kind of agency", "Contribution", "Share"], bold=True)
        for group in table.groups:
            for item in group.rows:
                c = item.contribution
                values = [c.agency.name, group.label, c.amount, _percent(item.share)]
                _row(sheet, values, formats=CONTRIBUTION)
            values = [group.total_label, "", group.total, _percent(group.share)]
            _row(sheet, values, formats=CONTRIBUTION, bold=True)
        values = [table.total_label, "", table.total, Decimal(1) if table.total else None]
        _row(sheet, values, formats=CONTRIBUTION, bold=True)
    _row(sheet, [])
    _row(sheet, [f"Summary for {budget.year.label}"], bold=True)
    _row(sheet, ["Budget line", "Core agencies", "Other agencies", "Total"], bold=True)
    for table in budget.lines:
        values = [table.line.name, table.core_total, table.other_total, table.total]
        _row(sheet, values, formats=MONEY_3)
    values = [f"Total for {budget.year.label}", budget.core_total, budget.other_total, budget.total]
    _row(sheet, values, formats=MONEY_3, bold=True)
    sheet.column_dimensions["A"].width = 40
    for column in "BCD":
        sheet.column_dimensions[column].width = 18


def _spend_sheet(sheet: Worksheet, budget: YearBudget) -> None:
    _row(sheet, ["Budget line", "Budget", "Spent", "Remaining"], bold=True)
    for table in budget.lines:
        s = table.spend
        _row(sheet, [table.line.name, s.budget, s.spent, s.remaining], formats=MONEY_3)
    values = [f"Total for {budget.year.label}", budget.total, budget.spent, budget.remaining]
    _row(sheet, values, formats=MONEY_3, bold=True)
    _row(sheet, [])
    _row(sheet, ["Budget line", "Date", "What it was spent on", "Amount"], bold=True)
    for table in budget.lines:
        for item in table.spend_items:
            values = [table.line.name, item.date, item.description, item.amount]
            _row(sheet, values, formats=(None, "DD/MM/YYYY", None, POUNDS))
    sheet.column_dimensions["A"].width = 30
    for column in "BD":
        sheet.column_dimensions[column].width = 18
    sheet.column_dimensions["C"].width = 40


def _agencies_sheet(sheet: Worksheet, budget: YearBudget) -> None:
    lines = len(budget.lines)
    formats = (None, *([POUNDS] * (lines + 1)), PERCENT)
    headings = ["Agency", *(t.line.name for t in budget.lines), "Total", "Share of year"]
    _row(sheet, headings, bold=True)
    for agency in budget.agencies:
        values = [agency.name, *agency.amounts, agency.total, _percent(agency.share)]
        _row(sheet, values, formats=formats)
    values = [
        f"Total for {budget.year.label}",
        *(t.total for t in budget.lines),
        budget.total,
        _percent(Decimal(100)) if budget.total else None,
    ]
    _row(sheet, values, formats=formats, bold=True)
    sheet.column_dimensions["A"].width = 40


def year_workbook(budget: YearBudget, *, partnership_name: str) -> bytes:
    """The .xlsx file for one budget year: contributions, spend, and each agency across lines."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    _contributions_sheet(sheet, budget, partnership_name)
    _spend_sheet(book.create_sheet("Spend"), budget)
    _agencies_sheet(book.create_sheet("By agency"), budget)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
