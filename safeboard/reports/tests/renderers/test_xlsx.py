import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from safeboard.reports.document import (
    Column,
    ColumnType,
    Document,
    Heading,
    Row,
    RowKind,
    Section,
    Table,
)
from safeboard.reports.renderers.xlsx import MONEY_FORMAT, render_xlsx

HARMLESS = ["- item", "+44 1522 552222", "@home", "#N/A", "'quoted already"]
HOSTILE = ["=SUM(A1)", '=HYPERLINK("http://evil.example/","Click")', "+cmd|' /C calc'!A0", "-2+3"]


def _one_column(values, column_type=ColumnType.TEXT):
    table = Table(columns=[Column("Value", column_type)], rows=[[v] for v in values])
    return render_xlsx(Document("Test", [Section("Sheet", [table])]))


def _cells(content, sheet=None, *, data_only=False):
    book = load_workbook(io.BytesIO(content), data_only=data_only)
    ws = book[sheet] if sheet else book.worksheets[0]
    return ws


def _sheet_xml(content, number=1):
    return zipfile.ZipFile(io.BytesIO(content)).read(f"xl/worksheets/sheet{number}.xml").decode()


def test_it_writes_harmless_text_exactly_as_typed_with_no_apostrophe_or_quote_prefix():
    ws = _cells(_one_column(HARMLESS))
    cells = [ws.cell(row=i, column=1) for i in range(2, 2 + len(HARMLESS))]
    assert [c.value for c in cells] == HARMLESS
    assert all(c.data_type == "s" for c in cells)
    assert not any(c.quotePrefix for c in cells)


@pytest.mark.parametrize("text", HOSTILE)
def test_it_never_writes_a_formula_looking_text_as_a_formula(text):
    content = _one_column([text])
    cell = _cells(content).cell(row=2, column=1)
    assert cell.value == text
    assert cell.data_type == "s"
    assert "<f>" not in _sheet_xml(content)


def test_it_removes_characters_a_workbook_cannot_hold_so_it_always_opens():
    content = _one_column(["a\ufffeb\uffffc", "bell\x07 null\x00", "lone \ud800 surrogate"])
    ws = _cells(content)
    assert [ws.cell(row=i, column=1).value for i in (2, 3, 4)] == [
        "abc",
        "bell null",
        "lone  surrogate",
    ]


def test_it_writes_dates_as_real_dates_in_uk_format():
    ws = _cells(_one_column([datetime.date(2021, 3, 31)], ColumnType.DATE))
    cell = ws.cell(row=2, column=1)
    assert cell.value == datetime.datetime(2021, 3, 31)
    assert cell.is_date
    assert cell.number_format == "DD/MM/YYYY"


def test_it_writes_a_blank_as_an_empty_cell():
    ws = _cells(_one_column([None, "", "kept"]))
    assert [ws.cell(row=i, column=1).value for i in (2, 3, 4)] == [None, None, "kept"]


def test_it_writes_money_as_numbers_with_a_pounds_format_and_shares_as_per_cent():
    table = Table(
        columns=[Column("Amount", ColumnType.MONEY), Column("Share", ColumnType.PERCENT)],
        rows=[[Decimal("-12.50"), Decimal("0.25")]],
    )
    ws = _cells(render_xlsx(Document("T", [Section("S", [table])])))
    assert ws["A2"].value == -12.5
    assert ws["A2"].number_format == MONEY_FORMAT
    assert (ws["B2"].value, ws["B2"].number_format) == (0.25, "0.0%")


def _budget():
    return Table(
        title="Core budget",
        columns=[Column("Agency"), Column("Amount", ColumnType.MONEY, sum=True)],
        rows=[
            ["Police", Decimal("100.50")],
            ["Health", Decimal("200")],
            Row(("Total for core agencies", Decimal("300.50")), RowKind.SUBTOTAL),
            ["School", Decimal("50")],
            Row(("Total for other agencies", Decimal("50")), RowKind.SUBTOTAL),
            Row(("Grand total", Decimal("350.50")), RowKind.TOTAL),
        ],
    )


def test_it_writes_totals_as_sum_formulas_that_agree_with_the_figures_shown():
    content = render_xlsx(Document("T", [Section("Budget", [Heading("Title"), _budget()])]))
    formulas = _cells(content)
    # Heading (1), blank (2), table title (3), header (4), rows from 5.
    assert formulas["B7"].value == "=SUM(B5:B6)"
    assert formulas["B9"].value == "=SUM(B8)"
    assert formulas["B10"].value == "=SUM(B7,B9)"
    saved = _cells(content, data_only=True)
    assert [saved[f"B{r}"].value for r in (7, 9, 10)] == [300.5, 50, 350.5]
    assert saved["A10"].font.bold


def test_it_refuses_to_write_a_total_that_disagrees_with_its_rows():
    table = Table(
        columns=[Column("Agency"), Column("Amount", ColumnType.MONEY, sum=True)],
        rows=[["Police", Decimal(1)], Row(("Total", Decimal(2)), RowKind.TOTAL)],
    )
    with pytest.raises(ValueError, match="not the sum"):
        render_xlsx(Document("T", [Section("S", [table])]))


def test_it_names_sheets_as_excel_allows():
    sections = [
        Section("Budget 2011/12: [draft]"),
        Section("Budget 2011/12: [draft]"),
        Section("x" * 40),
    ]
    book = load_workbook(io.BytesIO(render_xlsx(Document("T", sections))))
    assert book.sheetnames == ["Budget 2011 12 draft", "Budget 2011 12 draft (2)", "x" * 31]
    for name in book.sheetnames:
        assert not re.search(r"[\[\]:*?/\\]", name)


def test_it_cuts_text_longer_than_excel_can_hold():
    ws = _cells(_one_column(["a" * 40_000]))
    assert len(ws["A2"].value) == 32_767
