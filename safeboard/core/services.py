"""Helpers shared by every app's services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import formats, timezone
from django.utils.text import slugify

from .domain.keys import next_free_key
from .errors import ApplicationError, StaleEdit
from .history import HistoryEntry, changes_since
from .validators import check_text_fields

STALE_ADVICE = "Your changes are below: check them and save again to apply them."


def save_recorded(
    instance: Model,
    *,
    by: Any,
    update_fields: list[str] | None = None,
    expected_version: int | None = None,
) -> None:
    """Validate and save, recording `by` as the person who made the change in the history.

    Every save of a record that has a `record_version` (every `core.models.Recorded`) moves it
    on by one. With `expected_version` (the version an edit form was loaded from) the save is a
    compare-and-swap: one `UPDATE ... SET record_version = n + 1 WHERE pk = ... AND
    record_version = n` takes the row lock, so of two saves made from the same version, on SQLite
    or PostgreSQL, exactly one wins; the other raises `StaleEdit`, saying who changed what since,
    and writes nothing.
    """
    check_text_fields(instance)  # one-line fields hold no line break or control character
    try:
        instance.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(messages[0], field=None if field == "__all__" else field) from exc
    instance._history_user = by  # type: ignore[attr-defined]
    versioned = hasattr(instance, "record_version")
    if update_fields is not None:
        update_fields = [*update_fields, "modified_at", *(["record_version"] if versioned else [])]
    with transaction.atomic():
        if versioned and not instance._state.adding:
            instance.record_version = _next_version(instance, expected_version)  # type: ignore[attr-defined]
        instance.save(update_fields=update_fields)


def _next_version(instance: Model, expected_version: int | None) -> int:
    if expected_version is None:
        return int(instance.record_version) + 1  # type: ignore[attr-defined]
    manager = type(instance)._default_manager
    claimed = manager.filter(pk=instance.pk, record_version=expected_version).update(
        record_version=expected_version + 1
    )
    if not claimed:
        current = manager.filter(pk=instance.pk).values_list("record_version", flat=True).first()
        raise StaleEdit(
            stale_message(changes_since(instance, expected_version)),
            current_version=int(current or expected_version),
        )
    return expected_version + 1


def stale_message(entries: list[HistoryEntry]) -> str:
    """ "Ann Example changed this on 1 December 2026 at 10:42 since you opened it: Title (Old ->
    New). Your changes are below: check them and save again to apply them." """
    if not entries:
        return f"Someone changed this since you opened it. {STALE_ADVICE}"
    sentences = []
    for entry in entries:
        when = timezone.localtime(entry.when)
        day = formats.date_format(when, "DATE_FORMAT")
        sentence = f"{entry.who} changed this on {day} at {when:%H:%M} since you opened it"
        if entry.changes:
            sentence += ": " + ", ".join(
                f"{c.label} ({c.old or 'not recorded'} -> {c.new})" for c in entry.changes
            )
        sentences.append(sentence + ".")
    return " ".join([*sentences, STALE_ADVICE])


def unique_key(
    text: str, *, taken: Iterable[str], max_length: int = 80, fallback: str = "item"
) -> str:
    """A slug for `text` that is not in `taken`: "police", then "police-2", "police-3"..."""
    return next_free_key(slugify(text), taken=taken, max_length=max_length, fallback=fallback)
