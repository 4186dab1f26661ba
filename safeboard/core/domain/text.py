"""Rules for text going into files and into single-line fields. Pure Python: no Django.

- XML 1.0 (inside .xlsx and .docx files) cannot hold the C0 control characters other than tab,
  line feed and carriage return, nor U+FFFE, U+FFFF or a lone surrogate: one of them in a cell
  and the workbook will not open. `clean_text` removes them.
- A spreadsheet program takes a CSV cell starting with "=", "+", "-" or "@" (or a tab or carriage
  return, which it skips) as a formula. `csv_text` gives such text a leading apostrophe (OWASP's
  rule), so text typed into Safeboard never runs on the computer of whoever opens the file.
- A name or title is one line: a line break in it breaks e-mail subjects (Django refuses the
  header) and file names, and other control characters are invisible. `single_line_problem`
  says what is wrong with such text, or None.
- Markup has no place in a name or code read from a file: a tag there is a mistake or an attack
  (pages escape text anyway). `has_markup` finds one, as plan files do.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# C0 controls except tab, LF and CR; the two non-characters; lone surrogates (Python strings can
# hold them, for instance from a file decoded with errors="surrogateescape").
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Everything a single line must not hold: every C0 and C1 control (tab and line breaks too),
# DEL, the Unicode line and paragraph separators, the non-characters and lone surrogates.
_NOT_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
MARKUP_PROBLEM = "must not contain HTML markup such as <script>: write plain text"


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


def single_line_problem(text: str) -> str | None:
    """Why `text` cannot be a one-line value (a name, a title, a code), or None if it can."""
    if "\x00" in text:
        return "must not contain null characters"
    if _LINE_BREAKS.search(text):
        return "must be on one line: remove the line break"
    if _NOT_IN_A_LINE.search(text):
        return "must not contain control characters such as tabs"
    return None


def has_markup(text: str) -> bool:
    """True when `text` holds something shaped like an HTML tag: "<script>", "</b>", "<!--x>"."""
    return _TAG.search(text) is not None
