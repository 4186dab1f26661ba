import csv
import datetime
import io
from decimal import Decimal

import pytest

from safeboard.reports.document import Column, ColumnType, Document, Section, Table
from safeboard.reports.renderers.csv import render_csv, render_csv_document, render_csv_rows


def _read(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+cmd|x", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "- item"]
)
def test_it_gives_a_formula_leading_text_cell_a_leading_apostrophe(text):
    rows = _read(render_csv_rows(["Name"], [[text]]))
    assert rows[1] == ["'" + text]


def test_it_leaves_other_text_and_every_number_as_it_is():
    table = Table(
        columns=[
            Column("Name"),
            Column("Count", ColumnType.INTEGER),
            Column("Amount", ColumnType.MONEY),
            Column("Share", ColumnType.PERCENT),
            Column("Date", ColumnType.DATE),
        ],
        rows=[
            [
                "Café (Lincoln) £",
                -12,
                Decimal("-3.50"),
                Decimal("0.844"),
                datetime.date(2021, 3, 1),
            ],
            [None, None, None, None, None],
        ],
    )
    rows = _read(render_csv(table))
    assert rows[0] == ["Name", "Count", "Amount", "Share", "Date"]
    assert rows[1] == ["Café (Lincoln) £", "-12", "-3.50", "84.4%", "01/03/2021"]
    assert rows[2] == ["", "", "", "", ""]


def test_it_removes_characters_a_file_cannot_hold():
    rows = _read(render_csv_rows(["Name"], [["a\ufffeb\x00c\uffff"]]))
    assert rows[1] == ["abc"]


def test_it_writes_every_table_of_a_document_under_its_title():
    table = Table(columns=[Column("A")], rows=[["x"]], title="First")
    rows = _read(render_csv_document(Document("D", [Section("Sheet one", [table])])))
    assert rows[:4] == [["Sheet one"], ["First"], ["A"], ["x"]]
