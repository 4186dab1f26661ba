"""What a person typed into the search box, made safe to search for, and the words of a hit to
highlight. Pure: no Django import.

The query is only ever text. It reaches the database as a parameter (an `icontains` per word,
whose `%` and `_` Django escapes, or PostgreSQL's `websearch_to_tsquery`, which reads any text),
and reaches the page escaped by the template, the matched words marked by segments rather than
by HTML built here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_LENGTH = 2
MAX_LENGTH = 200
MAX_WORDS = 12
EXCERPT_LENGTH = 240
_QUOTES = "\"'“”‘’"


class QueryProblem(ValueError):
    """A query not worth running; the message says what to do."""


@dataclass(frozen=True)
class Query:
    text: str
    """The query as typed, spaces tidied: what PostgreSQL's web search reads."""
    words: tuple[str, ...]
    """Its words, lower case, each once, quotes around them dropped: what SQLite looks for."""

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        """The words to mark in a hit: not the words a web search leaves out ("-word", "or")."""
        return tuple(w for w in self.words if not w.startswith("-") and w != "or")


def parse(raw: str | None) -> Query:
    # Control characters (a NUL above all, which PostgreSQL refuses in any string) are dropped.
    printable = "".join(ch for ch in (raw or "") if ch.isprintable() or ch.isspace())
    text = " ".join(printable.split())
    if not text:
        raise QueryProblem("Enter a word or words to search for")
    if len(text) > MAX_LENGTH:
        raise QueryProblem(f"Search for {MAX_LENGTH} characters or fewer")
    words = tuple(dict.fromkeys(w for w in (t.strip(_QUOTES).lower() for t in text.split()) if w))
    if len(text) < MIN_LENGTH or not words or max(len(w) for w in words) < MIN_LENGTH:
        raise QueryProblem(f"Enter at least {MIN_LENGTH} letters or numbers to search for")
    if len(words) > MAX_WORDS:
        raise QueryProblem(f"Search for {MAX_WORDS} words or fewer")
    return Query(text=text, words=words)


@dataclass(frozen=True)
class Segment:
    """A run of a hit's text, marked when it is a matched word."""

    text: str
    marked: bool = False


def _stem(word: str) -> str:
    """A rough stem, so that "streams" also marks "stream" where the full-text search
    (which stems) found it."""
    for suffix in ("ing", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _pattern(terms: tuple[str, ...], *, stemmed: bool) -> re.Pattern[str] | None:
    if not terms:
        return None
    if stemmed:
        alternatives = sorted({re.escape(_stem(t)) + r"\w*" for t in terms}, key=len, reverse=True)
    else:
        alternatives = sorted({re.escape(t) for t in terms}, key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def segments(text: str, terms: tuple[str, ...], *, stemmed: bool = False) -> tuple[Segment, ...]:
    """`text` cut into runs, the matches of `terms` marked."""
    pattern = _pattern(terms, stemmed=stemmed)
    if pattern is None or not text:
        return (Segment(text),) if text else ()
    found: list[Segment] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() == match.end():
            continue
        if match.start() > at:
            found.append(Segment(text[at : match.start()]))
        found.append(Segment(match.group(), marked=True))
        at = match.end()
    if at < len(text):
        found.append(Segment(text[at:]))
    return tuple(found)


def excerpt(
    text: str, terms: tuple[str, ...], *, stemmed: bool = False, length: int = EXCERPT_LENGTH
) -> tuple[Segment, ...]:
    """A short passage of `text` around its first match (its start when nothing matches), cut
    at spaces, with "…" where it was cut, the matches marked."""
    text = " ".join(text.split())
    if not text:
        return ()
    pattern = _pattern(terms, stemmed=stemmed)
    match = pattern.search(text) if pattern is not None else None
    start = max(0, match.start() - length // 3) if match else 0
    end = min(len(text), start + length)
    start = max(0, end - length)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (match.start() if match else end) else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (match.end() if match else start) else end
    passage = ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")
    return segments(passage, terms, stemmed=stemmed)
