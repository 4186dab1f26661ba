"""What people may comment on, challenge and sign off: the contract between the scrutiny module
and every module whose records are scrutinised.

A module names its subjects in its entry (`Module.scrutiny`, "package.module:ATTRIBUTE", a tuple
of `Subject`). A subject is a kind of record, named by `kind` (the model's label, "plans.action",
or a name for a thing that is no row of its own, "performance.report" for the performance report
at a period) and identified inside a partnership by a `key` (the record's id as text, or the
period "2026-03-01"). Scrutiny stores only the kind and the key, so that it imports none of the
modules, and always finds the record again through `lookup`, which looks INSIDE the partnership
it is given: a key naming another partnership's record, or none, is simply not in the answer.

`lookup(partnership, keys)` answers many keys at once in a fixed number of queries (the challenge
log and the home page show many subjects), giving each record's title, its page and its owners:
the people who must respond to a challenge of it (none: the partnership manager responds).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Partnership


@dataclass(frozen=True)
class Owner:
    membership_id: int
    name: str


@dataclass(frozen=True)
class SubjectRecord:
    kind: str
    key: str
    title: str
    url: str
    label: str
    """What kind of record it is, as people say it ("Indicator", "Agency return")."""
    owners: tuple[Owner, ...] = ()

    @property
    def owner_ids(self) -> frozenset[int]:
        return frozenset(o.membership_id for o in self.owners)

    @property
    def owner_names(self) -> str:
        return ", ".join(o.name for o in self.owners)


def ids_of(keys: Collection[str]) -> set[int]:
    """The keys that can be record ids (others name nothing)."""
    return {int(k) for k in keys if k.isascii() and k.isdigit() and len(k) < 19}


def record_key(record: Any) -> str:
    """The key of a model instance: its id, as text."""
    return str(record.pk)


Lookup = Callable[["Partnership", Collection[str]], Mapping[str, SubjectRecord]]


@dataclass(frozen=True)
class Subject:
    kind: str
    label: str
    lookup: Lookup
    key_of: Callable[[Any], str] = record_key
    """The key of a value a page holds (a model instance; the report's period)."""
    choices: Callable[[Partnership], Sequence[SubjectRecord]] | None = field(default=None)
    """The subjects a person may pick from a list, newest first, where a page offers a choice
    (the report periods for a sign-off)."""


@cache
def subjects() -> dict[str, Subject]:
    """Every registered module's subjects, by kind."""
    from safeboard.core.modules import registered, resolve

    found: dict[str, Subject] = {}
    for module in registered():
        if module.scrutiny:
            for subject in resolve(module.scrutiny):
                if subject.kind in found:
                    raise ValueError(f"Two modules describe the subject {subject.kind!r}")
                found[subject.kind] = subject
    return found


def kind_of(record: Any) -> str:
    """The subject kind of a model instance: its model's label ("plans.action")."""
    return str(record._meta.label_lower)
