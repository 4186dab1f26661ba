import datetime
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.worksheet.worksheet import Worksheet

from safeboard.core.errors import ApplicationError
from safeboard.reports import readers
from safeboard.reports.document import Column, ColumnType, Document, Row, RowKind, Section, Table
from safeboard.reports.readers import read_all, read_csv, read_table, read_xlsx
from safeboard.reports.renderers.xlsx import render_xlsx
from safeboard.reports.tests.corpus import GOOD_ROWS, malformed_spreadsheets, workbook_bytes

CORPUS = malformed_spreadsheets()


@pytest.mark.django_db
@pytest.mark.parametrize("case", CORPUS, ids=[c.label for c in CORPUS])
def test_it_refuses_each_malformed_file_with_a_message_and_no_server_error(
    case, django_assert_num_queries
):
    with django_assert_num_queries(0), pytest.raises(ApplicationError) as caught:
        read_all(read_table(io.BytesIO(case.content), case.name))
    assert case.message in caught.value.message


def test_it_reads_a_workbook_header_and_numbered_rows():
    table = read_table(io.BytesIO(workbook_bytes(GOOD_ROWS)), "values.xlsx")
    assert table.header == ("Indicator", "Period", "Value")
    rows = read_all(table)
    assert [(r.number, r.values) for r in rows] == [
        (2, ("CIN-01", "2021-22", 12)),
        (3, ("CIN-02", "2021-22", 7)),
    ]
    assert rows[1].ref(2) == "C3"
    assert table.index() == {"indicator": 0, "period": 1, "value": 2}


def test_it_reads_a_formula_by_its_saved_value():
    document = Document(
        "T",
        [
            Section(
                "S",
                [
                    Table(
                        [Column("Name"), Column("Count", ColumnType.INTEGER, sum=True)],
                        [["a", 2], ["b", 3], Row(("Total", 5), RowKind.TOTAL)],
                    )
                ],
            )
        ],
    )
    rows = read_all(read_xlsx(io.BytesIO(render_xlsx(document))))
    assert rows[-1].values == ("Total", 5)


def test_it_reads_dates_as_dates():
    content = workbook_bytes([["Date"], [datetime.date(2021, 3, 31)]])
    (row,) = read_all(read_xlsx(io.BytesIO(content)))
    assert row.values == (datetime.datetime(2021, 3, 31),)


def test_it_reads_a_csv_with_or_without_a_byte_order_mark_and_pads_short_rows():
    for prefix in (b"", b"\xef\xbb\xbf"):
        table = read_csv(io.BytesIO(prefix + b"Indicator,Value,Comment\r\nCIN-01,-3\r\n\r\n"))
        assert table.header == ("Indicator", "Value", "Comment")
        assert [(r.number, r.values) for r in read_all(table)] == [(2, ("CIN-01", "-3", None))]


def test_it_tells_a_workbook_from_a_csv_by_content_not_name():
    table = read_table(io.BytesIO(workbook_bytes(GOOD_ROWS)), "values.csv")
    assert table.header[0] == "Indicator"


def test_it_refuses_a_file_over_the_size_limit():
    with pytest.raises(ApplicationError, match="smaller than 1 MB"):
        read_table(io.BytesIO(b"a" * (1024 * 1024 + 1)), "x.csv", max_bytes=1024 * 1024)


def test_it_refuses_more_rows_than_the_limit():
    content = b"Indicator\n" + b"x\n" * 11
    with pytest.raises(ApplicationError, match="more than 10 rows"):
        read_all(read_table(io.BytesIO(content), "x.csv", max_rows=10))


def test_it_refuses_a_null_character_in_any_cell_naming_it():
    # XML cannot carry U+0000, so a workbook never brings one; any other source of rows can.
    from safeboard.reports.readers import _table

    rows = iter([(1, ("Name", "Code")), (2, ("Lincoln", "E06\x00"))])
    with pytest.raises(ApplicationError, match="Cell B2 holds a null character"):
        read_all(_table(rows, max_rows=10, max_columns=10))


_CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from(["\n", "\t", " "]),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.one_of(_CELL_TEXT, st.integers(-(10**6), 10**6), st.none()), max_size=4),
        min_size=1,
        max_size=6,
    ),
    rich=st.lists(st.tuples(_CELL_TEXT, _CELL_TEXT), max_size=2),
)
def test_it_reads_plain_inline_text_exactly_as_openpyxl_parses_it(rows, rich):
    """Text cells written as inline strings (as openpyxl and many programs write them) are read
    by a fast path; what it reads must be what openpyxl's own cell parser reads, for plain text of
    any characters, spaces and line breaks, empty text, and formatted runs (left to openpyxl)."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["A", "B", "C", "D"])
    for row in rows:
        sheet.append(row)
    for bold, plain in rich:
        sheet.append([CellRichText(TextBlock(InlineFont(b=True), bold or "x"), plain or "y")])
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()

    fast = [r.values for r in read_all(read_xlsx(io.BytesIO(content)))]
    _, parser = readers._openpyxl_classes()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parser, "_plain_inline", lambda self, element: None)
        slow = [r.values for r in read_all(read_xlsx(io.BytesIO(content)))]
    assert fast == slow
