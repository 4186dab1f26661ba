"""What a file really is, told from its content, not its name. Pure Python: no Django.

An upload's extension is only a claim: a web page or a program renamed `report.pdf` is still a web
page or a program. `sniff` reads the file's first bytes (and, for Office and OpenDocument files,
the list of parts inside the zip) and says which kind it is; `file_kind_problem` says why a file
cannot be accepted under its name: refused outright (a program, a script, a web page, an SVG
image, a macro-enabled Office file) or of a kind that does not match its extension.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from typing import IO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word, Excel, PowerPoint (and encrypted)
HEAD_BYTES = 4096
TEXT_SAMPLE_BYTES = 1024 * 1024

# Each extension and the kinds of content it may hold.
KINDS_OF_EXTENSION: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "png": frozenset({"png"}),
    "jpg": frozenset({"jpeg"}),
    "jpeg": frozenset({"jpeg"}),
    "gif": frozenset({"gif"}),
    "docx": frozenset({"docx"}),
    "xlsx": frozenset({"xlsx"}),
    "pptx": frozenset({"pptx"}),
    "odt": frozenset({"odt"}),
    "ods": frozenset({"ods"}),
    "odp": frozenset({"odp"}),
    "doc": frozenset({"ole"}),
    "xls": frozenset({"ole"}),
    "ppt": frozenset({"ole"}),
    "rtf": frozenset({"rtf"}),
    "txt": frozenset({"text"}),
    "csv": frozenset({"text"}),
}

_OOXML_MAIN_PART = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_PROGRAM_MAGIC = (
    b"MZ",  # Windows programs and libraries
    b"\x7fELF",  # Linux programs
    b"\xfe\xed\xfa\xce",  # macOS programs (Mach-O), both byte orders and widths
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # universal macOS programs, Java classes
    b"#!",  # scripts
)
_MARKUP = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")

REFUSED = "refused"  # a program, script, web page or image that can hold scripts
UNKNOWN = "unknown"


def sniff(handle: IO[bytes]) -> tuple[str, str | None]:
    """The kind of file `handle` holds, and for a refused one why: ("pdf", None),
    ("refused", "a web page"), ("unknown", None). Leaves `handle` at its start."""
    handle.seek(0)
    head = handle.read(HEAD_BYTES)
    handle.seek(0)
    try:
        return _sniff(handle, head)
    finally:
        handle.seek(0)


def _sniff(handle: IO[bytes], head: bytes) -> tuple[str, str | None]:
    if head.startswith(_PROGRAM_MAGIC):
        return REFUSED, "a program or script"
    if head.startswith(b"%PDF-"):
        return "pdf", None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", None
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg", None
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif", None
    if head.startswith(OLE_MAGIC):
        return "ole", None
    if head.startswith(b"{\\rtf"):
        return "rtf", None
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(handle)
    return _text_kind(handle)


def _zip_kind(handle: IO[bytes]) -> tuple[str, str | None]:
    try:
        archive = zipfile.ZipFile(handle)
        names = set(archive.namelist())
        if "[Content_Types].xml" in names:
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return REFUSED, "an Office file with macros"
            for part, kind in _OOXML_MAIN_PART.items():
                if part in names:
                    return kind, None
            return UNKNOWN, None
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
            mimetype = archive.read("mimetype").strip()
            if mimetype in _ODF_MIMETYPES:
                if any(name.lower().startswith("basic/") for name in names):
                    return REFUSED, "an OpenDocument file with macros"
                return _ODF_MIMETYPES[mimetype], None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError):
        return UNKNOWN, None
    return UNKNOWN, None


def _text_kind(handle: IO[bytes]) -> tuple[str, str | None]:
    sample = handle.read(TEXT_SAMPLE_BYTES)
    if b"\x00" in sample:
        return UNKNOWN, None
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # The sample may end part-way through a character.
        if exc.start < len(sample) - 3:
            return UNKNOWN, None
        text = sample[: exc.start].decode("utf-8-sig")
    start = text.lstrip().lower().encode()
    if start.startswith(_MARKUP) or any(tag in start[:1024] for tag in (b"<script", b"<html")):
        return REFUSED, "a web page or SVG image"
    return "text", None


def file_kind_problem(
    handle: IO[bytes], extension: str, *, allowed: Collection[str] | None = None
) -> str | None:
    """Why a file with this extension and this content cannot be accepted, or None. The message
    completes "The file ..."."""
    extension = extension.lower().lstrip(".")
    if allowed is not None and extension not in allowed:
        return None  # the caller's own message about allowed types comes first
    kind, reason = sniff(handle)
    if kind == REFUSED:
        return f"is {reason}, which cannot be uploaded"
    if kind not in KINDS_OF_EXTENSION.get(extension, frozenset()):
        return f"is not really a .{extension} file: its content does not match its name"
    return None
