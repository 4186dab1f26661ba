"""What a module writes into the plan file, and how the plan file machinery drives it.

Each module that has a part of the plan file declares a `Section` (its `plan_file` entry in
`safeboard/<app>/module.py`). The section owns some top-level keys of the file (`fields`: their
pydantic types), names the keys of the records it defines so other sections can refer to them
(`keys`), checks references (`check`), exports its records (`export`) and imports them through
its app's own services (`write`), so there is one write path with one set of rules.

Sections run in `order` (agencies before the groups that name them, groups before the plans that
name them); that order is also the order of the keys in the file.
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.core.modules import registered, resolve
from safeboard.partnerships.models import Partnership

from . import yaml_lines
from .problems import Problem, where


class Known:
    """The keys the file defines, by kind ("agency", "group", "theme"...), for cross-checks."""

    def __init__(self, keys: dict[str, Iterable[str]] | None = None) -> None:
        self._keys: dict[str, set[str]] = defaultdict(set)
        for kind, values in (keys or {}).items():
            self._keys[kind].update(values)

    def update(self, keys: dict[str, Iterable[str]]) -> None:
        for kind, values in keys.items():
            self._keys[kind].update(values)

    def has(self, kind: str, key: str) -> bool:
        return key in self._keys[kind]


class Refs:
    """The records written so far in one import, by kind and key, so that a later section can
    link to them (a work stream to its group)."""

    def __init__(self) -> None:
        self._records: dict[str, dict[str, Any]] = defaultdict(dict)

    def add(self, kind: str, key: str, record: Any) -> Any:
        self._records[kind][key] = record
        return record

    def get(self, kind: str, key: str | None) -> Any:
        """The record, or None when `key` is None. A key the checks let through but nothing wrote
        is a bug, so it raises."""
        if key is None:
            return None
        return self._records[kind][key]


class Section:
    """A module's part of the plan file. Subclasses set `name`, `order` and `fields`."""

    name: ClassVar[str]
    order: ClassVar[int]
    fields: ClassVar[dict[str, tuple[Any, Any]]]
    """Top-level key -> (type, default), added to the file's pydantic model."""

    def keys(self, file: Any) -> dict[str, Iterable[str]]:
        """The keys this section's records define, by kind."""
        return {}

    def check(self, file: Any, document: Any, known: Known) -> Iterable[Problem]:
        """Problems the types cannot see: duplicate keys, references to keys the file lacks."""
        return ()

    def has_records(self, partnership: Partnership) -> bool:
        raise NotImplementedError

    def export(self, partnership: Partnership) -> dict[str, Any]:
        """Top-level key -> list of compact dictionaries, blank fields left out."""
        raise NotImplementedError

    def write(self, partnership: Partnership, file: Any, refs: Refs, by: User | None) -> None:
        """Create the records through the app's services."""
        raise NotImplementedError


@cache
def sections() -> tuple[Section, ...]:
    """Every registered module's section, in file order."""
    found = [resolve(m.plan_file) for m in registered() if m.plan_file]
    for section in found:
        if not isinstance(section, Section):
            raise TypeError(f"{section!r} is not an interchange Section")
    return tuple(sorted(found, key=lambda s: s.order))


# --- Helpers for sections -------------------------------------------------------------------------


def compact(fields: dict[str, Any]) -> dict[str, Any]:
    """Only what was recorded: blank text, empty lists, None and False are left out."""
    return {k: v for k, v in fields.items() if v not in (None, "", [], False)}


def amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def quantity(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def problem(document: Any, location: Sequence[Any], message: str) -> Problem:
    return Problem(yaml_lines.line_of(document, location), where(document, location), message)


def duplicates(
    document: Any, base: tuple[Any, ...], keys: list[str], what: str
) -> Iterator[Problem]:
    counts = Counter(keys)
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if counts[key] > 1 and key in seen:
            yield problem(document, (*base, index, "key"), f"{what} key {key!r} is used twice")
        seen.add(key)


def missing(kind: str, key: str) -> str:
    return f"names the {kind} {key!r}, which is not in the file's {kind} list"


@contextlib.contextmanager
def writing(*location: str) -> Iterator[None]:
    """Name the record a service refused, so the message says where in the file to look."""
    try:
        yield
    except ApplicationError as error:
        place = " › ".join(location)
        raise ApplicationError(f"{place}: {error.message}") from error
