"""Search across a partnership's records: one interface, `search(access, query, page)`, over
every module's searchable kinds (`partnerships.searchable`), with PostgreSQL's full-text search
in production and a plain equivalent on SQLite, chosen by `connection.vendor`.

- PostgreSQL: the title fields weighted A and the text fields B (`SearchVector`, English),
  matched by `websearch_to_tsquery` (quotes, `or`, `-word` as on a web search engine), ranked by
  `SearchRank`. No index: the vectors are worked out as the query runs (decision 0031).
- SQLite: every word must be in the title or the text (case-insensitive `icontains`, so `%` and
  `_` are plain characters); ranked by the share of the words found in the title.

Every query is filtered by `partnership=access.partnership`, and a kind needing a capability the
person lacks is not searched. Queries: one per kind searched (the hits, their count carried on
each row by a window), whatever the data size, and then whatever the kinds on the page need to
show their hits (scrutiny's comments: one lookup per kind of record they are about).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When, Window
from django.db.models.functions import Cast

from safeboard.partnerships.access import PartnershipAccess
from safeboard.partnerships.searchable import Row, Searchable, searchables, text_of

from .domain.query import Query, Segment, excerpt, segments

PAGE_SIZE = 20
MAX_PAGES = 50
"""Pages beyond this are not offered: a search finding more than 1,000 needs more words."""


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    title: tuple[Segment, ...]
    url: str
    excerpt: tuple[Segment, ...]
    illustrative: bool = False


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Results:
    query: Query
    count: int
    """How many records match in all."""
    page: Page[Hit]
    by_kind: tuple[KindCount, ...]
    """The kinds with matches, the most first."""

    @property
    def capped(self) -> bool:
        return self.count > MAX_PAGES * PAGE_SIZE


@dataclass(frozen=True)
class _Found:
    searchable: Searchable
    row: Row
    rank: float


def searchable_for(access: PartnershipAccess) -> list[Searchable]:
    """The kinds this person may search."""
    return [s for s in searchables() if access.can(s.capability)]


def _inside(searchable: Searchable, access: PartnershipAccess) -> QuerySet[Any]:
    found = searchable.model._default_manager.filter(partnership=access.partnership)
    return found.filter(searchable.filter) if searchable.filter is not None else found


def _matching_sqlite(found: QuerySet[Any], searchable: Searchable, query: Query) -> QuerySet[Any]:
    for word in query.words:
        found = found.filter(
            functools.reduce(
                operator.or_, (Q(**{f"{name}__icontains": word}) for name in searchable.fields)
            )
        )
    in_title = [
        Case(
            When(
                functools.reduce(
                    operator.or_, (Q(**{f"{name}__icontains": word}) for name in searchable.title)
                ),
                then=Value(1.0),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )
        for word in query.words
        if searchable.title
    ]
    rank: Any = (
        functools.reduce(operator.add, in_title) / Value(float(len(query.words)))
        if in_title
        else Value(0.0)
    )
    ranked: QuerySet[Any] = found.annotate(search_rank=Cast(rank, FloatField()))
    return ranked


def _matching_postgresql(
    found: QuerySet[Any], searchable: Searchable, query: Query
) -> QuerySet[Any]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    parts = []
    if searchable.title:
        parts.append(SearchVector(*searchable.title, weight="A", config="english"))
    if searchable.text:
        parts.append(SearchVector(*searchable.text, weight="B", config="english"))
    vector = functools.reduce(operator.add, parts)
    wanted = SearchQuery(query.text, search_type="websearch", config="english")
    ranked: QuerySet[Any] = (
        found.annotate(search_document=vector)
        .filter(search_document=wanted)
        .annotate(search_rank=SearchRank(F("search_document"), wanted))
    )
    return ranked


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def _hits_of_kind(
    searchable: Searchable, access: PartnershipAccess, query: Query, limit: int
) -> tuple[int, list[_Found]]:
    """The kind's `limit` best hits and how many there are in all, in one query."""
    matching = _matching_postgresql if _postgresql() else _matching_sqlite
    found = matching(_inside(searchable, access), searchable, query)
    rows = list(
        found.annotate(search_total=Window(Count("pk")))
        .order_by("-search_rank", "pk")
        .values("pk", "search_rank", "search_total", *searchable.selected)[:limit]
    )
    total = int(rows[0]["search_total"]) if rows else 0
    return total, [_Found(searchable, row, float(row["search_rank"])) for row in rows]


def _shown(found: Sequence[_Found], access: PartnershipAccess, query: Query) -> list[Hit]:
    """The hits of one page, each kind asked once for the titles and links of its hits."""
    by_kind: dict[str, list[_Found]] = {}
    for item in found:
        by_kind.setdefault(item.searchable.kind, []).append(item)
    shown = {}
    for items in by_kind.values():
        searchable = items[0].searchable
        rows = [item.row for item in items]
        for item, looks in zip(items, searchable.shown(access.partnership, rows), strict=True):
            shown[id(item)] = looks
    stemmed = _postgresql()
    terms = query.highlight_terms
    return [
        Hit(
            kind=item.searchable.kind,
            label=item.searchable.label,
            title=segments(shown[id(item)].title, terms, stemmed=stemmed),
            url=shown[id(item)].url,
            excerpt=excerpt(text_of(item.searchable, item.row), terms, stemmed=stemmed),
            illustrative=bool(
                item.searchable.illustrative and item.row[item.searchable.illustrative]
            ),
        )
        for item in found
    ]


def search(access: PartnershipAccess, query: Query, page: int | str | None = 1) -> Results:
    """The records of the caller's partnership matching `query`, best first, one page of them."""
    number = _page_number(page)
    limit = number * PAGE_SIZE
    counts: list[KindCount] = []
    found: list[_Found] = []
    for searchable in searchable_for(access):
        total, hits = _hits_of_kind(searchable, access, query, limit)
        if total:
            counts.append(KindCount(searchable.kind, searchable.label, total))
            found.extend(hits)
    found.sort(key=lambda f: (-f.rank, f.searchable.order, f.row["pk"]))
    count = sum(c.count for c in counts)
    paginator = Paginator(range(min(count, MAX_PAGES * PAGE_SIZE)), PAGE_SIZE)
    current = paginator.get_page(number)
    on_page = found[current.start_index() - 1 : current.end_index()] if count else []
    page_of_hits: Page[Hit] = Page(_shown(on_page, access, query), current.number, paginator)  # type: ignore[arg-type]
    by_kind = tuple(sorted(counts, key=lambda c: (-c.count, c.label)))
    return Results(query=query, count=count, page=page_of_hits, by_kind=by_kind)


def _page_number(page: int | str | None) -> int:
    try:
        number = int(page or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGES)
