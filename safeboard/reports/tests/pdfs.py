"""Reading a PDF as an assistive technology or a viewer would start to: is it tagged, which
language and title does it declare, which fonts does it embed. Plain bytes and zlib, so the
tests need no PDF library: WeasyPrint keeps most objects in compressed object streams, so every
Flate stream is inflated and searched with the rest."""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass

_STREAM = re.compile(rb"stream\r?\n")
_LANG = re.compile(rb"/Lang \(([^)]*)\)")
_XMP_TITLE = re.compile(rb"<dc:title><rdf:Alt><rdf:li[^>]*>(.*?)</rdf:li>", re.DOTALL)
_INFO_TITLE = re.compile(rb"/Producer \([^)]*\)/Title (<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\))")
_FONT = re.compile(rb"/BaseFont /(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)")
_TAG = re.compile(rb"/Type /StructElem/S /(\w+)")


@dataclass(frozen=True)
class PdfFacts:
    tagged: bool  # a structure tree, marked content, and the PDF/UA identification
    lang: str
    title: str  # the document's title (XMP dc:title)
    info_title: str  # the title in the document information dictionary
    shows_title: bool  # the viewer shows the title, not the file name (DisplayDocTitle)
    fonts: frozenset[str]
    tags: frozenset[str]  # the structure types used: H1, P, Table, Figure...


def _inflated(data: bytes) -> bytes:
    parts = [data]
    for match in _STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(data[match.end() : end]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _pdf_string(token: bytes) -> str:
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode())
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be")
        return raw.decode("latin-1")
    body = re.sub(rb"\\(.)", rb"\1", token[1:-1])
    return body.decode("latin-1")


def read_pdf(data: bytes) -> PdfFacts:
    assert data.startswith(b"%PDF"), "not a PDF"
    text = _inflated(data)
    lang = _LANG.search(text)
    xmp_title = _XMP_TITLE.search(text)
    info_title = _INFO_TITLE.search(text)
    return PdfFacts(
        tagged=b"/StructTreeRoot" in text
        and b"/MarkInfo <</Marked true>>" in text
        and b'pdfuaid:part="1"' in text,
        lang=lang.group(1).decode() if lang else "",
        title=html.unescape(xmp_title.group(1).decode()) if xmp_title else "",
        info_title=_pdf_string(info_title.group(1)) if info_title else "",
        shows_title=b"/DisplayDocTitle true" in text,
        fonts=frozenset(m.group(1).decode() for m in _FONT.finditer(text)),
        tags=frozenset(m.group(1).decode() for m in _TAG.finditer(text)),
    )
