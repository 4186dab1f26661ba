"""What may be attached to a progress update as evidence. Pure Python: no Django.

A link must be a web address (http or https): anything else (javascript:, data:, file:) could run
or read something when clicked. A file must be a document or an image of an allowed type, no larger
than 10 MB, and its content must be what its name says (`core.domain.filetypes`): a web page, a
program or a macro-enabled Office file renamed "minutes.pdf" is refused.
"""

from __future__ import annotations

from typing import IO
from urllib.parse import urlsplit

from safeboard.core.domain.filetypes import file_kind_problem

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# Extension -> the content type the file is served with.
ALLOWED_EVIDENCE_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "csv": "text/csv",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
}

ALLOWED_LABEL = "PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, PNG, JPEG or GIF"


def extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def evidence_url_problem(url: str) -> str | None:
    """Why `url` cannot be an evidence link, or None if it can. Blank is allowed."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "Enter the evidence link as a web address starting with https:// or http://"
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return "Enter the evidence link as a web address starting with https:// or http://"
    return None


def evidence_file_problem(filename: str, size: int) -> str | None:
    """Why a file of this name and size cannot be evidence, or None if it can."""
    if extension(filename) not in ALLOWED_EVIDENCE_TYPES:
        return f"The evidence file must be a {ALLOWED_LABEL} file"
    if size > MAX_EVIDENCE_BYTES:
        return "The evidence file must be smaller than 10 MB"
    if size == 0:
        return "The evidence file is empty. Choose a file with something in it"
    return None


def evidence_content_problem(filename: str, content: IO[bytes]) -> str | None:
    """Why this file's content cannot be evidence under this name, or None if it can."""
    problem = file_kind_problem(content, extension(filename), allowed=ALLOWED_EVIDENCE_TYPES)
    if problem:
        return f"The evidence file {problem}. Choose a {ALLOWED_LABEL} file"
    return None


def evidence_content_type(filename: str) -> str:
    return ALLOWED_EVIDENCE_TYPES.get(extension(filename), "application/octet-stream")
