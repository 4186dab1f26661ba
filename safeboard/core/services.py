"""Helpers shared by every app's services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model

from .errors import ApplicationError


def save_recorded(instance: Model, *, by: Any, update_fields: list[str] | None = None) -> None:
    """Validate and save, recording `by` as the person who made the change in the history."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(messages[0], field=None if field == "__all__" else field) from exc
    instance._history_user = by  # type: ignore[attr-defined]
    if update_fields is not None:
        update_fields = [*update_fields, "modified_at"]
    instance.save(update_fields=update_fields)
