"""Helpers shared by every app's services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.text import slugify

from .domain.keys import next_free_key
from .errors import ApplicationError
from .validators import check_text_fields


def save_recorded(instance: Model, *, by: Any, update_fields: list[str] | None = None) -> None:
    """Validate and save, recording `by` as the person who made the change in the history."""
    check_text_fields(instance)  # one-line fields hold no line break or control character
    try:
        instance.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(messages[0], field=None if field == "__all__" else field) from exc
    instance._history_user = by  # type: ignore[attr-defined]
    if update_fields is not None:
        update_fields = [*update_fields, "modified_at"]
    instance.save(update_fields=update_fields)


def unique_key(
    text: str, *, taken: Iterable[str], max_length: int = 80, fallback: str = "item"
) -> str:
    """A slug for `text` that is not in `taken`: "police", then "police-2", "police-3"..."""
    return next_free_key(slugify(text), taken=taken, max_length=max_length, fallback=fallback)
