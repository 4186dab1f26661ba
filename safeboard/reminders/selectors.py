"""Reads for the reminders: who wants e-mails, what is claimed already, and the log."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from safeboard.partnerships.models import Membership, Partnership, ReminderFrequency

from .models import ReminderEmail, ReminderItem


def memberships_to_remind() -> list[Membership]:
    """Every current membership, of an active person in an active partnership, that wants
    e-mails. One query."""
    return list(
        Membership.objects.active()
        .filter(user__is_active=True, partnership__archived_at__isnull=True)
        .exclude(reminder_frequency=ReminderFrequency.NONE)
        .select_related("user", "partnership", "agency")
        .order_by("partnership_id", "pk")
    )


def claimed_keys(periods: dict[int, str]) -> dict[int, set[str]]:
    """For each membership (id -> its current period), the item keys already claimed in that
    period, if any. One query."""
    found: dict[int, set[str]] = {}
    if not periods:
        return found
    rows = ReminderItem.objects.filter(
        membership_id__in=list(periods), period__in=set(periods.values())
    ).values_list("membership_id", "period", "key")
    for membership_id, period, key in rows:
        if periods.get(membership_id) == period:
            found.setdefault(membership_id, set()).add(key)
    return found


def sent_log(*, partnership: Partnership) -> QuerySet[ReminderEmail]:
    """The partnership's reminder e-mails, newest first, with their person and items: a page of
    them costs three queries (the page, its count, the items)."""
    return (
        ReminderEmail.objects.filter(partnership=partnership)
        .select_related("membership__user")
        .prefetch_related(Prefetch("items", queryset=ReminderItem.objects.order_by("pk")))
        .order_by("-claimed_at", "-pk")
    )
