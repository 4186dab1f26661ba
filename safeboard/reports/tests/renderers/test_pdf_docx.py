import datetime
import io
from decimal import Decimal

import pytest
from docx import Document as WordDocument

from safeboard.reports.document import (
    Column,
    ColumnType,
    Document,
    Heading,
    Paragraph,
    Row,
    RowKind,
    Section,
    Table,
)
from safeboard.reports.renderers.docx import render_docx
from safeboard.reports.renderers.pdf import (
    FetchRefused,
    refusing_fetcher,
    render_pdf,
    render_pdf_html,
)

DOCUMENT = Document(
    "Budget <2011/12>",
    [
        Section(
            "Contributions",
            [
                Heading("Core \ufffe budget"),
                Paragraph("Agreed by the board."),
                Table(
                    columns=[
                        Column("Agency"),
                        Column("Amount", ColumnType.MONEY, sum=True),
                        Column("Paid", ColumnType.DATE),
                    ],
                    rows=[
                        ["<script>alert(1)</script>", Decimal("1234.5"), datetime.date(2011, 4, 1)],
                        Row(("Total", Decimal("1234.5"), None), RowKind.TOTAL),
                    ],
                ),
            ],
        )
    ],
)


def test_it_writes_a_word_file_with_the_figures_as_people_read_them():
    word = WordDocument(io.BytesIO(render_docx(DOCUMENT)))
    texts = [p.text for p in word.paragraphs]
    assert "Budget <2011/12>" in texts
    assert "Core  budget" in texts  # U+FFFE removed: python-docx would refuse it
    table = word.tables[0]
    assert [c.text for c in table.rows[1].cells] == [
        "<script>alert(1)</script>",
        "£1,234.50",
        "01/04/2011",
    ]
    assert table.rows[2].cells[0].paragraphs[0].runs[0].bold


def test_it_prints_a_document_as_a_pdf():
    content = render_pdf(DOCUMENT)
    assert content.startswith(b"%PDF")


def test_it_escapes_text_in_the_print_template():
    from django.template.loader import render_to_string

    from safeboard.reports.renderers.pdf import document_context

    html = render_to_string("reports/document.html", document_context(DOCUMENT))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "£1,234.50" in html


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/x.png",
        "file:///etc/passwd",
        "ftp://example.com/x",
    ],
)
def test_it_refuses_every_url_but_data(url):
    with pytest.raises(FetchRefused):
        refusing_fetcher()(url)


def test_it_serves_data_urls_to_the_print():
    response = refusing_fetcher()("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"


def test_it_draws_nothing_from_outside_urls_in_a_print(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really a png")
    html = f'<img src="file://{secret}"><img src="http://127.0.0.1:9/x.png"><p>Text</p>'
    assert render_pdf_html(html).startswith(b"%PDF")
