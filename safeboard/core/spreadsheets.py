"""Helpers for writing spreadsheets that are safe to open.

A cell whose text starts with "=", "+", "-" or "@" is taken by Excel, LibreOffice and Google
Sheets as a formula; so is one starting with a tab or carriage return followed by one. Text typed
into Safeboard (an action title such as "=HYPERLINK(...)") must never run as a formula on the
computer of whoever opens the export, so every text cell goes through `safe_cell`.
"""

from __future__ import annotations

import re
from typing import TypeVar

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot hold: openpyxl refuses them, so they are dropped.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

T = TypeVar("T")


def safe_cell(value: T) -> T | str:
    """Text that would start a formula gets a leading single quote so it stays text; characters a
    spreadsheet cannot hold are removed. Anything that is not text is returned unchanged."""
    if not isinstance(value, str):
        return value
    text = _ILLEGAL.sub("", value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
