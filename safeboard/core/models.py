"""Base models every Safeboard record builds on.

History (who, when, each field's old and new value) comes from django-simple-history: a concrete
model that inherits `Recorded` gets its own historical table.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

_M = TypeVar("_M", bound=models.Model)


class ArchivableQuerySet(models.QuerySet[_M]):
    def active(self) -> ArchivableQuerySet[_M]:
        return self.filter(archived_at__isnull=True)

    def archived(self) -> ArchivableQuerySet[_M]:
        return self.filter(archived_at__isnull=False)


class Recorded(models.Model):
    """Created and modified times, a version, plus a full history of changes.

    `record_version` starts at 1 and moves on with every save (`core.services.save_recorded`).
    An edit form carries the version it was loaded from, so that saving over someone else's newer
    change is refused instead of silently overwriting it (docs/decisions/0017-no-lost-updates.md).
    It has a database default too, so rows written with raw SQL (the bulk values import) get 1.
    """

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True, editable=False)
    # Not `version`: a plan has a `version` of its own (the document's, such as "1.2").
    record_version = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class Archivable(models.Model):
    """Records that matter are archived, never deleted: the history stays readable."""

    archived_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
