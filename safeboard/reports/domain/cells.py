"""What may go into a cell of a file Safeboard writes. Pure Python: no Django.

Two dangers, one per kind of file:

- XML 1.0 (inside .xlsx and .docx) cannot hold the C0 control characters other than tab, line
  feed and carriage return, nor U+FFFE, U+FFFF or a lone surrogate: one of them in a cell and the
  workbook will not open. `clean_text` removes them, for every renderer.
- A spreadsheet program takes a CSV cell starting with "=", "+", "-" or "@" (or a tab or carriage
  return, which it skips) as a formula, so text typed into Safeboard could run on the computer of
  whoever opens the export. `csv_text` gives such a cell a leading apostrophe (OWASP's rule). An
  .xlsx file does not need it: its text cells are written as strings, which are never formulas.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# C0 controls except tab, LF and CR; the two non-characters; lone surrogates (Python strings can
# hold them, for instance from a decoded file with errors="surrogateescape").
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` without the characters an XML file (so an .xlsx or .docx) cannot hold."""
    return _ILLEGAL_XML.sub("", text)


def has_illegal_characters(text: str) -> bool:
    return _ILLEGAL_XML.search(text) is not None


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def csv_text(text: str) -> str:
    """Text for a CSV cell: cleaned, and with a leading apostrophe when a spreadsheet program
    would otherwise read it as a formula."""
    text = clean_text(text)
    return "'" + text if starts_like_formula(text) else text
