"""A `Document` as a Word file (python-docx): the title, then each section under a heading, its
paragraphs and tables. Every text is cleaned of characters XML cannot hold (python-docx would
refuse them); numbers are right-aligned and totals rows bold."""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from ..document import ColumnType, Document, Heading, Paragraph, Table, display
from ..domain.cells import clean_text

# python-docx is imported when a Word file is made, not when this module is (see xlsx.py).
if TYPE_CHECKING:
    from docx.document import Document as WordFile

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_docx(document: Document) -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    word.core_properties.title = clean_text(document.title)[:255]
    word.add_heading(clean_text(document.title), level=0)
    if document.subtitle:
        word.add_paragraph(clean_text(document.subtitle))
    for section in document.sections:
        word.add_heading(clean_text(section.title), level=1)
        for block in section.blocks:
            if isinstance(block, Heading):
                word.add_heading(clean_text(block.text), level=2)
            elif isinstance(block, Paragraph):
                word.add_paragraph(clean_text(block.text))
            elif isinstance(block, Table):
                _table(word, block)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _table(word: WordFile, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if table.title:
        word.add_heading(clean_text(table.title), level=3)
    rows = table.typed_rows()
    grid = word.add_table(rows=1 + len(rows), cols=len(table.columns))
    grid.style = "Table Grid"
    for index, column in enumerate(table.columns):
        cell = grid.cell(0, index)
        cell.text = clean_text(column.heading)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row_index, row in enumerate(rows, start=1):
        for index, column in enumerate(table.columns):
            value = row.cells[index] if index < len(row.cells) else None
            cell = grid.cell(row_index, index)
            cell.text = display(value, column.type)
            paragraph = cell.paragraphs[0]
            if column.type not in (ColumnType.TEXT, ColumnType.DATE):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if row.emphasised:
                for run in paragraph.runs:
                    run.bold = True
