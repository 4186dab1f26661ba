"""A budget year as an Excel workbook: the same tables and computed totals as the year page,
described once (`year_document`) and written by the `reports` renderers.

Amounts are numbers (from Decimal, never float) with a pounds format, so the sheet can be summed;
each total is a `=SUM(...)` formula whose saved value is the figure `domain.budget` computed.
Text is written as text, so a name such as "=HYPERLINK(...)" is shown as typed, never run.
"""

from __future__ import annotations

from decimal import Decimal

from safeboard.reports.document import (
    Column,
    ColumnType,
    Document,
    Heading,
    Row,
    RowKind,
    Section,
    Table,
    Value,
)
from safeboard.reports.renderers import xlsx

from .selectors import YearBudget

XLSX_CONTENT_TYPE = xlsx.CONTENT_TYPE
MONEY, PERCENT, DATE = ColumnType.MONEY, ColumnType.PERCENT, ColumnType.DATE


def _fraction(share: Decimal | None) -> Decimal | None:
    # Shares are per cent to one decimal place; a percent column holds the fraction.
    return None if share is None else share / 100


def _contributions(budget: YearBudget, partnership_name: str) -> Section:
    columns = (
        Column("Agency", width=40),
        Column("Kind of agency", width=18),
        Column("Contribution", MONEY, width=18, sum=True),
        Column("Share", PERCENT, width=18),
    )
    blocks: list[Heading | Table] = [Heading(f"{partnership_name}: budget {budget.year.label}")]
    for table in budget.lines:
        rows: list[Row] = []
        for group in table.groups:
            for item in group.rows:
                c = item.contribution
                rows.append(Row((c.agency.name, group.label, c.amount, _fraction(item.share))))
            total = (group.total_label, None, group.total, _fraction(group.share))
            rows.append(Row(total, RowKind.SUBTOTAL))
        whole = Decimal(1) if table.total else None
        rows.append(Row((table.total_label, None, table.total, whole), RowKind.TOTAL))
        blocks.append(Table(columns, rows, title=table.line.name))
    summary: list[Row] = [
        Row((t.line.name, t.core_total, t.other_total, t.total)) for t in budget.lines
    ]
    label = f"Total for {budget.year.label}"
    summary.append(Row((label, budget.core_total, budget.other_total, budget.total), RowKind.TOTAL))
    summary_columns = (
        Column("Budget line"),
        Column("Core agencies", MONEY, sum=True),
        Column("Other agencies", MONEY, sum=True),
        Column("Total", MONEY, sum=True),
    )
    blocks.append(Table(summary_columns, summary, title=f"Summary for {budget.year.label}"))
    return Section("Contributions", blocks)


def _spend(budget: YearBudget) -> Section:
    position: list[Row] = [
        Row((t.line.name, t.spend.budget, t.spend.spent, t.spend.remaining)) for t in budget.lines
    ]
    label = f"Total for {budget.year.label}"
    position.append(Row((label, budget.total, budget.spent, budget.remaining), RowKind.TOTAL))
    items: list[list[Value]] = [
        [t.line.name, item.date, item.description, item.amount]
        for t in budget.lines
        for item in t.spend_items
    ]
    return Section(
        "Spend",
        [
            Table(
                (
                    Column("Budget line", width=30),
                    Column("Budget", MONEY, width=18, sum=True),
                    Column("Spent", MONEY, sum=True),
                    Column("Remaining", MONEY, width=18, sum=True),
                ),
                position,
            ),
            Table(
                (
                    Column("Budget line"),
                    Column("Date", DATE),
                    Column("What it was spent on", width=40),
                    Column("Amount", MONEY),
                ),
                items,
            ),
        ],
    )


def _by_agency(budget: YearBudget) -> Section:
    columns = (
        Column("Agency", width=40),
        *(Column(t.line.name, MONEY, sum=True) for t in budget.lines),
        Column("Total", MONEY, sum=True),
        Column("Share of year", PERCENT),
    )
    rows: list[Row] = [
        Row((a.name, *a.amounts, a.total, _fraction(a.share))) for a in budget.agencies
    ]
    whole = Decimal(1) if budget.total else None
    total = (
        f"Total for {budget.year.label}",
        *(t.total for t in budget.lines),
        budget.total,
        whole,
    )
    rows.append(Row(total, RowKind.TOTAL))
    return Section("By agency", [Table(columns, rows)])


def year_document(budget: YearBudget, *, partnership_name: str) -> Document:
    """Contributions (each line by kind of agency, then a summary), spend, each agency across
    the lines."""
    return Document(
        title=f"{partnership_name}: budget {budget.year.label}",
        sections=[
            _contributions(budget, partnership_name),
            _spend(budget),
            _by_agency(budget),
        ],
    )


def year_workbook(budget: YearBudget, *, partnership_name: str) -> bytes:
    """The .xlsx file for one budget year."""
    return xlsx.render_xlsx(year_document(budget, partnership_name=partnership_name))
