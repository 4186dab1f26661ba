import io
import zipfile

import pytest

from safeboard.core.domain.filetypes import file_kind_problem, sniff


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


OOXML = {"[Content_Types].xml": b"<Types/>"}
REAL = {
    "pdf": b"%PDF-1.7\n...",
    "png": b"\x89PNG\r\n\x1a\n....",
    "jpg": b"\xff\xd8\xff\xe0....JFIF",
    "gif": b"GIF89a....",
    "docx": _zip({**OOXML, "word/document.xml": b"<w/>"}),
    "xlsx": _zip({**OOXML, "xl/workbook.xml": b"<w/>"}),
    "pptx": _zip({**OOXML, "ppt/presentation.xml": b"<p/>"}),
    "odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
    "ods": _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    ),
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
    "rtf": b"{\\rtf1\\ansi Minutes}",
    "txt": "Minutes of the board – 3 May\n".encode(),
    "csv": b"\xef\xbb\xbfName,Count\nPolice,3\n",
}


@pytest.mark.parametrize(("extension", "content"), REAL.items())
def test_it_accepts_a_file_whose_content_matches_its_name(extension, content):
    assert file_kind_problem(io.BytesIO(content), extension) is None


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"MZ\x90\x00 a windows program", "program"),
        (b"\x7fELF\x02\x01", "program"),
        (b"#!/bin/sh\nrm -rf /\n", "program"),
        (b"<!DOCTYPE html><html><body>Hi</body></html>", "web page"),
        (b"  <html><script>alert(1)</script>", "web page"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "web page"),
        (b"<svg onload=alert(1)>", "web page"),
        (_zip({**OOXML, "word/document.xml": b"<w/>", "word/vbaProject.bin": b"x"}), "macros"),
    ],
)
@pytest.mark.parametrize("extension", ["pdf", "png", "docx", "txt"])
def test_it_refuses_programs_pages_and_macros_whatever_their_name(content, why, extension):
    assert why in (file_kind_problem(io.BytesIO(content), extension) or "")


@pytest.mark.parametrize(
    ("extension", "content"),
    [
        ("pdf", REAL["png"]),
        ("png", REAL["pdf"]),
        ("docx", REAL["xlsx"]),
        ("xlsx", b"PK\x03\x04 broken zip"),
        ("txt", b"binary \x00\x01\x02"),
        ("txt", b"\xff\xfe not utf-8 \xc3\x28"),
        ("jpg", b""),
    ],
)
def test_it_refuses_a_file_whose_content_does_not_match_its_name(extension, content):
    assert "does not match its name" in (file_kind_problem(io.BytesIO(content), extension) or "")


def test_it_leaves_the_file_at_its_start():
    handle = io.BytesIO(REAL["docx"])
    handle.read(10)
    assert sniff(handle) == ("docx", None)
    assert handle.tell() == 0
