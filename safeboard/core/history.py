"""Readable history of a record, built from django-simple-history's historical rows.

Each entry says who changed the record, when, and each field's old and new value, with foreign keys
and choices shown as people read them rather than as ids and codes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import formats, timezone

NOT_RECORDED = "not recorded"
# Bookkeeping fields that change on every save, and the tenant, which never changes.
# The version moves on with every save (see Recorded), so it is bookkeeping too.
IGNORED_FIELDS = frozenset({"modified_at", "created_at", "id", "partnership", "record_version"})


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str
    changes: tuple[FieldChange, ...]
    version: int | None = None  # the record's version this change made, where it has one


def _display(field: models.Field[Any, Any], value: Any, related: dict[Any, str]) -> str:
    if value is None or value == "":
        return NOT_RECORDED
    if field.is_relation:
        return related.get(value, f"removed record ({value})")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return str(formats.date_format(timezone.localtime(value), "DATETIME_FORMAT"))
    if isinstance(value, datetime.date):
        return str(formats.date_format(value, "DATE_FORMAT"))
    return str(value)


def _names(ids: frozenset[Any], names: dict[Any, str]) -> str:
    if not ids:
        return NOT_RECORDED
    return "; ".join(sorted(names.get(i, f"removed record ({i})") for i in ids))


def _m2m_sets(
    instance: models.Model, rows: list[Any], ignored: set[str] | frozenset[str]
) -> list[tuple[str, list[frozenset[Any]], dict[Any, str]]]:
    """For each many-to-many field kept in the history: its label, the set of linked ids at each
    historical row, and the names of every record ever linked."""
    result = []
    for name in getattr(instance, "_history_m2m_fields", []):
        if name in ignored:
            continue
        field = instance._meta.get_field(name)
        assert isinstance(field, models.ManyToManyField)
        target = field.m2m_reverse_field_name()
        linked: dict[Any, set[Any]] = {row.history_id: set() for row in rows}
        if rows:
            # One query for every row's links: the historical link model, filtered by row.
            link_model = getattr(rows[0], name).model
            for history_id, target_id in link_model.objects.filter(
                history_id__in=list(linked)
            ).values_list("history_id", f"{target}_id"):
                linked[history_id].add(target_id)
        sets = [frozenset(linked[row.history_id]) for row in rows]
        ids = frozenset().union(*sets) if sets else frozenset()
        remote = field.related_model
        names = (
            {o.pk: str(o) for o in remote._default_manager.filter(pk__in=ids)}  # type: ignore[union-attr]
            if ids
            else {}
        )
        result.append((_label(str(field.verbose_name)), sets, names))
    return result


def _label(verbose_name: str) -> str:
    # Capitalise the first letter only: "RAG" stays "RAG", "due date" becomes "Due date".
    return verbose_name[:1].upper() + verbose_name[1:]


def _who(row: Any) -> str:
    user = row.history_user
    if user is None:
        return "System"
    return str(user)


def history_for(instance: models.Model, *, ignore: Iterable[str] = ()) -> list[HistoryEntry]:
    """Newest first. Queries: one for the rows, one per related model named in them."""
    return _entries(instance, ignore=ignore, keep_unchanged=False)


def changes_since(instance: models.Model, version: int) -> list[HistoryEntry]:
    """Oldest first: every save of `instance` that moved it past `version`, with who made it and
    what it changed. A save that changed only the record's parts (a meeting's attendees, say)
    is kept too, with no field changes, so that the person is still named."""
    return [
        entry
        for entry in reversed(_entries(instance, ignore=(), keep_unchanged=True))
        if entry.version is not None and entry.version > version
    ]


def _entries(
    instance: models.Model, *, ignore: Iterable[str], keep_unchanged: bool
) -> list[HistoryEntry]:
    ignored = IGNORED_FIELDS | set(ignore)
    rows = list(
        instance.history.select_related("history_user").order_by("history_date", "history_id")  # type: ignore[attr-defined]
    )
    model = instance._meta.model
    # Fields excluded from history (a password hash, say) have no column in the historical table.
    recorded = {f.attname for f in instance.history.model._meta.fields}  # type: ignore[attr-defined]
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name not in ignored and f.attname in recorded and not f.name.startswith("_")
    ]

    # Gather every related id mentioned anywhere in the history, then fetch each model once.
    related: dict[str, dict[Any, str]] = {}
    for field in fields:
        if not field.is_relation or field.related_model is None:
            continue
        ids = {getattr(r, field.attname) for r in rows} - {None}
        remote = field.related_model
        related[field.name] = (
            {o.pk: str(o) for o in remote._default_manager.filter(pk__in=ids)} if ids else {}  # type: ignore[union-attr]
        )

    m2m = _m2m_sets(instance, rows, ignored)

    entries: list[HistoryEntry] = []
    previous = None
    for index, row in enumerate(rows):
        changes: list[FieldChange] = []
        for label, sets, names in m2m:
            new_set = sets[index]
            old_set = sets[index - 1] if index else frozenset()
            if new_set != old_set and (index or new_set):
                changes.append(
                    FieldChange(
                        label=label,
                        old=_names(old_set, names) if index else "",
                        new=_names(new_set, names),
                    )
                )
        for field in fields:
            new = getattr(row, field.attname)
            old = getattr(previous, field.attname) if previous is not None else None
            if previous is not None and old == new:
                continue
            if previous is None and (new is None or new == ""):
                continue
            rel = related.get(field.name, {})
            changes.append(
                FieldChange(
                    label=_label(str(field.verbose_name)),
                    old=_display(field, old, rel) if previous is not None else "",
                    new=_display(field, new, rel),
                )
            )
        action = {"+": "Created", "~": "Changed", "-": "Deleted"}[row.history_type]
        if previous is not None and "archived_at" in {f.name for f in fields}:
            if previous.archived_at is None and row.archived_at is not None:
                action = "Archived"
            elif previous.archived_at is not None and row.archived_at is None:
                action = "Restored"
        if changes or previous is None or row.history_type == "-" or keep_unchanged:
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=_who(row),
                    action=action,
                    changes=tuple(changes),
                    version=getattr(row, "record_version", None),
                )
            )
        previous = row
    entries.reverse()
    return entries
