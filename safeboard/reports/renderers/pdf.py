"""PDF files, drawn by WeasyPrint from HTML.

WeasyPrint is imported inside the functions, so nothing loads it (and its fonts) until a PDF is
made. Its URL fetcher refuses every URL except `data:` ones: a print template is self-contained,
so text typed into Safeboard (an image or stylesheet address in a name) can never make the server
request a URL, inside the network or out.

Every PDF is tagged (PDF/UA-1: a structure tree of headings, paragraphs, tables and figures, so
a screen reader can read it), and names its language and title, taken from the print
template's `<html lang="en-GB">` and `<title>`. Every print template must have both.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from ..document import Document, Heading, Paragraph, Table, display

CONTENT_TYPE = "application/pdf"
ALLOWED_SCHEMES = ("data",)
# WeasyPrint's accessible variant: tagged, with the language, the title shown as the window's.
PDF_VARIANT = "pdf/ua-1"


class FetchRefused(ValueError):
    """Raised for any URL a print template tries to fetch that is not `data:`."""


def refusing_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves `data:` URLs and refuses everything else."""
    from weasyprint.urls import URLFetcher

    class _RefuseOutside(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme not in ALLOWED_SCHEMES:
                raise FetchRefused(f"Safeboard's printed files fetch no resources ({url[:40]}).")
            return super().fetch(url, headers)

    return _RefuseOutside(allowed_protocols=ALLOWED_SCHEMES, allow_redirects=False)


def render_pdf_html(html: str) -> bytes:
    """The PDF of a self-contained HTML page (a print template rendered by the caller)."""
    import weasyprint

    pdf = weasyprint.HTML(string=html, url_fetcher=refusing_fetcher()).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    assert isinstance(pdf, bytes)
    return pdf


def render_pdf(document: Document) -> bytes:
    """A `Document` printed with the shared template `reports/document.html`."""
    return render_pdf_html(render_to_string("reports/document.html", document_context(document)))


def document_context(document: Document) -> dict[str, Any]:
    """The document as plain values for a template: every cell already shown as people read it."""
    sections = []
    for section in document.sections:
        blocks: list[dict[str, Any]] = []
        for block in section.blocks:
            if isinstance(block, Heading):
                blocks.append({"kind": "heading", "text": block.text})
            elif isinstance(block, Paragraph):
                blocks.append({"kind": "paragraph", "text": block.text})
            elif isinstance(block, Table):
                blocks.append(
                    {
                        "kind": "table",
                        "title": block.title,
                        "columns": block.columns,
                        "rows": [
                            {
                                "emphasised": row.emphasised,
                                "cells": [
                                    {
                                        "text": display(value, column.type),
                                        "numeric": column.type != "text" and column.type != "date",
                                    }
                                    for value, column in zip(row.cells, block.columns, strict=False)
                                ],
                            }
                            for row in block.typed_rows()
                        ],
                    }
                )
        sections.append({"title": section.title, "blocks": blocks})
    return {"document": document, "sections": sections}
