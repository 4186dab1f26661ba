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
    """Created and modified times, plus a full history of changes."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True, editable=False)

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
