"""Reads. Each list is a fixed number of queries whatever its size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.urls import reverse

from safeboard.accounts.models import User
from safeboard.core.modules import registered

from .access import PartnershipAccess
from .domain.roles import Capability
from .home import Panel, Urgency, WorkItem, panels_for
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


# --- The home page ------------------------------------------------------------------------------

URGENCY_ORDER = (Urgency.OVERDUE, Urgency.DUE_SOON, Urgency.WAITING, Urgency.WATCH)
FIRST_STEPS = "first_steps"


def _most_urgent(panel: Panel) -> int:
    """The rank of the panel's most urgent item; panels with nothing come last."""
    ranks = [URGENCY_ORDER.index(item.urgency) for item in panel.items]
    return min(ranks) if ranks else len(URGENCY_ORDER)


@dataclass(frozen=True)
class HomePage:
    first_steps: list[WorkItem]
    panels: list[Panel]
    """Shown panels, most urgent first (an overdue item before a due-soon one), then in the
    modules' order."""

    @property
    def needs_me(self) -> bool:
        """Anything due, late or waiting for the person (not only things to note)."""
        return any(item.urgency is not Urgency.WATCH for p in self.panels for item in p.items)


def home_page(access: PartnershipAccess, *, today: dt.date, since: dt.datetime | None) -> HomePage:
    """Every module's panels for the person, and the first steps a new partnership still needs.
    A fixed number of queries: each module's panels are (partnerships/home.py)."""
    panels = panels_for(access, today=today, since=since)
    steps = [item for p in panels if p.key.endswith(f".{FIRST_STEPS}") for item in p.items]
    partnership = access.partnership
    if (
        access.can(Capability.MANAGE_PEOPLE)
        and not (
            Membership.objects.active().filter(partnership=partnership).exclude(user=access.user)
        ).exists()
    ):
        steps.insert(
            0,
            WorkItem(
                key="partnerships.first_steps:people",
                title="Invite people",
                url=reverse("partnerships:person_add", args=[partnership.slug]),
                urgency=Urgency.WATCH,
                detail="Add the chair, group chairs, agency leads and analysts: each gets an "
                "e-mail to set a password.",
            ),
        )
    if access.can(Capability.MANAGE_STRUCTURE) and not (
        Agency.objects.active().filter(partnership=partnership).exists()
    ):
        steps.insert(
            0,
            WorkItem(
                key="partnerships.first_steps:agencies",
                title="Add agencies",
                url=reverse("partnerships:agency_create", args=[partnership.slug]),
                urgency=Urgency.WATCH,
                detail="The police, health, the local authority and the other partners.",
            ),
        )
    shown = [
        p
        for p in panels
        if not p.key.endswith(f".{FIRST_STEPS}") and (p.items or p.empty or p.warning)
    ]
    shown.sort(key=_most_urgent)  # stable: the modules' order within one urgency
    return HomePage(first_steps=steps, panels=shown)


# --- What changed -------------------------------------------------------------------------------

CHANGES_SHOWN = 100
_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
_NAME_FIELDS = ("title", "name", "key", "code")


@dataclass(frozen=True)
class Change:
    when: dt.datetime
    who: str
    kind: str
    name: str
    action: str


def _name(row: Any) -> str:
    for field in _NAME_FIELDS:
        value = getattr(row, field, "")
        if isinstance(value, str) and value:
            return value
    return ""


def partnership_changes(*, partnership: Partnership, since: dt.datetime | None) -> list[Change]:
    """The latest changes (at most CHANGES_SHOWN) to every record kind each module names in its
    `history`, newest first, made after `since` if given. One query per record kind, whatever
    the number of changes. Records are named by their title, name, key or code only (never a
    figure: a value's history row names no number here)."""
    rows: list[Change] = []
    for module in registered():
        for model_name in module.history:
            model = apps.get_model(module.label, model_name)
            # A membership is named by its person.
            person = "user" if any(f.name == "user" for f in model._meta.fields) else None
            related = ["history_user", *([person] if person else [])]
            history = model.history.select_related(*related)
            if model is Partnership:
                history = history.filter(id=partnership.pk)
            else:
                history = history.filter(partnership_id=partnership.pk)
            if since is not None:
                history = history.filter(history_date__gt=since)
            kind = str(model._meta.verbose_name)
            for row in history.order_by("-history_date")[:CHANGES_SHOWN]:
                user = row.history_user
                rows.append(
                    Change(
                        when=row.history_date,
                        who=str(user) if user is not None else "System",
                        kind=kind[:1].upper() + kind[1:],
                        name=str(row.user) if person else _name(row),
                        action=_ACTIONS.get(row.history_type, "Changed"),
                    )
                )
    rows.sort(key=lambda change: change.when, reverse=True)
    return rows[:CHANGES_SHOWN]
