"""What of governance people can find by searching (`partnerships.searchable`): groups (not
archived), meetings and their decisions."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from safeboard.partnerships.searchable import Row, Searchable

from .models import Decision, Group, Meeting


def _group(slug: str, row: Row) -> str:
    return reverse("governance:group_detail", args=[slug, row["pk"]])


def _meeting(slug: str, row: Row) -> str:
    return reverse("governance:meeting_detail", args=[slug, row["pk"]])


def _decision(slug: str, row: Row) -> str:
    return reverse("governance:meeting_detail", args=[slug, row["meeting_id"]])


SEARCHABLES = (
    Searchable(
        kind="governance.group",
        label="Group",
        model=Group,
        title=("name", "short_name"),
        text=("key_functions", "terms_of_reference"),
        url=_group,
        filter=Q(archived_at__isnull=True),
        order=30,
    ),
    Searchable(
        kind="governance.meeting",
        label="Meeting",
        model=Meeting,
        title=("title", "group__name"),
        text=("notes",),
        url=_meeting,
        order=31,
    ),
    Searchable(
        kind="governance.decision",
        label="Meeting decision",
        model=Decision,
        title=("meeting__title", "meeting__group__name"),
        text=("text",),
        values=("meeting_id",),
        url=_decision,
        order=32,
    ),
)
