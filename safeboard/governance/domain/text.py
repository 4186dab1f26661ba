"""Long text a partnership writes (key functions, terms of reference) as paragraphs and lists.

Pure Python. A blank line starts a new paragraph; lines starting "- " (or "* ", or "• ") are the
items of a bulleted list, as in the partnership's own documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BULLETS = ("- ", "* ", "• ")


@dataclass(frozen=True)
class Block:
    kind: Literal["paragraph", "list"]
    lines: tuple[str, ...]


def _bullet(line: str) -> str | None:
    for bullet in BULLETS:
        if line.startswith(bullet):
            return line[len(bullet) :].strip()
    return None


def blocks(text: str) -> list[Block]:
    """Paragraphs (lines joined with a space) and lists (one item per bullet line), in order."""
    result: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            result.append(Block("paragraph", (" ".join(paragraph),)))
            paragraph.clear()
        if items:
            result.append(Block("list", tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        item = _bullet(line)
        if item is not None:
            if paragraph:
                flush()
            if item:
                items.append(item)
        elif items:
            flush()
            paragraph.append(line)
        else:
            paragraph.append(line)
    flush()
    return result
