"""What people can find by searching: the contract between the search kit and every module.

A module names its searchable kinds in its entry (`Module.search`, "package.module:ATTRIBUTE", a
tuple of `Searchable`). A kind is one model: the fields whose words are its title (weighted
first) and its text, the capability a person needs to find it (VIEW unless said), a filter that
leaves out what nobody should find (archived records), and how to link to it.

The search kit (`safeboard.search`) reads only this: it runs one query per kind the person may
see, always filtered by `partnership=access.partnership`, and asks the kind for the links of the
hits it shows. A kind's fields are model fields or lookups through foreign keys
("action__title"), never through a many-to-many relation (a record would be found twice).

Links are made either row by row (`url`, from the slug and the row's `values`, no query) or, for
a kind whose links need other records, for the whole page of hits at once (`present`, a fixed
number of queries: scrutiny's comments link to the record they are about).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q

from .domain.roles import Capability

if TYPE_CHECKING:
    from .models import Partnership

Row = Mapping[str, Any]
"""A hit as the search reads it: "pk", every title and text field, and every `values` field."""


@dataclass(frozen=True)
class Shown:
    """How one hit is shown: its title and the page it links to."""

    title: str
    url: str


@dataclass(frozen=True)
class Searchable:
    kind: str
    """A name unique among every module's kinds: the model's label ("plans.workstream")."""
    label: str
    """What kind of record it is, as people say it ("Work stream")."""
    model: type[Model]
    title: tuple[str, ...]
    """The fields that make the title, shown joined by ": " (blank parts left out); none when
    `present` gives the titles."""
    text: tuple[str, ...] = ()
    """The fields of its text, shown as the excerpt."""
    url: Callable[[str, Row], str] | None = None
    """The link to a hit, from the partnership's slug and the row (no query)."""
    values: tuple[str, ...] = ()
    """Further fields `url` or `present` need ("plan_id")."""
    capability: Capability = Capability.VIEW
    """People without it do not search this kind at all."""
    filter: Q | None = None
    """What is left out whoever searches (`Q(archived_at__isnull=True)`)."""
    present: Callable[[Partnership, Sequence[Row]], Sequence[Shown]] | None = None
    """Instead of `url`: titles and links for a page of hits at once, in their order."""
    order: int = 100
    """Among hits ranked equal, kinds with a lower order come first."""
    illustrative: str = ""
    """A boolean field saying the hit's text was made up for the example partnerships: the hit
    is then tagged "Illustrative", as on the record's own page."""

    def __post_init__(self) -> None:
        if not self.title and self.present is None:
            raise ValueError(f"The searchable kind {self.kind!r} names no title field")
        if (self.url is None) == (self.present is None):
            raise ValueError(f"The searchable kind {self.kind!r} needs one of url or present")

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.title, *self.text)

    @property
    def selected(self) -> tuple[str, ...]:
        """Every field the search reads of a hit, each once."""
        extra = (self.illustrative,) if self.illustrative else ()
        return tuple(dict.fromkeys((*self.fields, *self.values, *extra)))

    def shown(self, partnership: Partnership, rows: Sequence[Row]) -> list[Shown]:
        if self.present is not None:
            return list(self.present(partnership, rows))
        assert self.url is not None
        return [Shown(title_of(self, row), self.url(partnership.slug, row)) for row in rows]


def title_of(searchable: Searchable, row: Row) -> str:
    parts = (str(row[name]) for name in searchable.title if row.get(name))
    return ": ".join(parts) or searchable.label


def text_of(searchable: Searchable, row: Row) -> str:
    """The hit's text, its fields one after another."""
    return "\n".join(str(row[name]) for name in searchable.text if row.get(name))


@cache
def searchables() -> tuple[Searchable, ...]:
    """Every registered module's searchable kinds, in `INSTALLED_APPS` order."""
    from safeboard.core.modules import registered, resolve

    found: dict[str, Searchable] = {}
    for module in registered():
        if module.search:
            for searchable in resolve(module.search):
                if searchable.kind in found:
                    raise ValueError(f"Two modules describe the searchable {searchable.kind!r}")
                found[searchable.kind] = searchable
    return tuple(found.values())
