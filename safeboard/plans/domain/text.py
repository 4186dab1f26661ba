"""Plan statements as HTML. Pure Python: no Django.

A statement is the partnership's own words in plain text. A blank line starts a new paragraph;
lines that start with "- " are items of a bulleted list; **text** is bold. Every piece of text
is escaped before any markup is added, so nothing typed into a statement can become HTML.
"""

from __future__ import annotations

import re
from html import escape

BULLET = "- "
# **bold**, as plan documents written in Markdown mark figures that matter.
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str) -> str:
    """Escape, then turn **bold** into <strong>: the markup is added after escaping, around
    text that is already escaped."""
    return _BOLD.sub(r"<strong>\1</strong>", escape(text))


def _bullet(line: str) -> str | None:
    stripped = line.strip()
    if stripped.startswith(BULLET):
        return stripped[len(BULLET) :].strip()
    if stripped == "-":
        return ""
    return None


def statement_html(text: str) -> str:
    """GOV.UK paragraphs (`govuk-body`) and bulleted lists (`govuk-list--bullet`)."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append('<p class="govuk-body">' + "<br>".join(paragraph) + "</p>")
            paragraph.clear()

    def flush_items() -> None:
        if items:
            lis = "".join(f"<li>{item}</li>" for item in items)
            blocks.append(f'<ul class="govuk-list govuk-list--bullet">{lis}</ul>')
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        item = _bullet(raw)
        if item is not None:
            flush_paragraph()
            if item:
                items.append(_inline(item))
        elif raw.strip():
            flush_items()
            paragraph.append(_inline(raw.strip()))
        else:
            flush_paragraph()
            flush_items()
    flush_paragraph()
    flush_items()
    return "".join(blocks)
