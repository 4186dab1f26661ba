"""Reads. Each list is a fixed number of queries whatever its size."""

from __future__ import annotations

from django.db.models import QuerySet

from safeboard.accounts.models import User

from .models import Agency, Membership, Partnership


def agency_list(*, partnership: Partnership, include_archived: bool = False) -> QuerySet[Agency]:
    qs = Agency.objects.filter(partnership=partnership)
    if not include_archived:
        qs = qs.filter(archived_at__isnull=True)
    return qs.order_by("name")


def membership_list(
    *, partnership: Partnership, include_archived: bool = False, agency: Agency | None = None
) -> QuerySet[Membership]:
    qs = Membership.objects.filter(partnership=partnership).select_related("user", "agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if not include_archived:
        qs = qs.filter(archived_at__isnull=True)
    return qs.order_by("user__full_name", "user__email")


def memberships_of(*, user: User) -> QuerySet[Membership]:
    """The partnerships a person can switch between, for the header."""
    return (
        Membership.objects.filter(
            user=user, archived_at__isnull=True, partnership__archived_at__isnull=True
        )
        .select_related("partnership")
        .order_by("partnership__name")
    )


def partnership_directory() -> QuerySet[Partnership]:
    """Names only: what the site administrator may see."""
    return Partnership.objects.order_by("name").only(
        "name", "slug", "short_name", "archived_at", "created_at"
    )
