"""What of the plan people can find by searching (`partnerships.searchable`): plans, their
statements, priorities and themes, work streams, actions and progress updates. Archived plans
and actions, and everything of an archived plan, are left out."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q
from django.urls import reverse

from safeboard.partnerships.models import Partnership
from safeboard.partnerships.searchable import Row, Searchable, Shown

from .models import Action, Plan, ProgressUpdate, Statement, Theme, WorkStream

_LIVE_PLAN = Q(plan__archived_at__isnull=True)


def _plan(slug: str, row: Row) -> str:
    return reverse("plans:plan_detail", args=[slug, row["pk"]])


def _statement(slug: str, row: Row) -> str:
    return reverse("plans:plan_detail", args=[slug, row["plan_id"]]) + f"#statement-{row['pk']}"


def _theme(slug: str, row: Row) -> str:
    return reverse("plans:action_list", args=[slug, row["plan_id"]]) + f"?theme={row['pk']}"


def _work_stream(slug: str, row: Row) -> str:
    return reverse("plans:action_list", args=[slug, row["plan_id"]]) + f"?work_stream={row['pk']}"


def _action(slug: str, row: Row) -> str:
    return reverse("plans:action_detail", args=[slug, row["pk"]])


def _updates(partnership: Partnership, rows: Sequence[Row]) -> list[Shown]:
    """An update is shown as its action's, with its date: an action has many."""
    return [
        Shown(
            f"{row['action__title']}: update of {row['date'].day} {row['date']:%B %Y}",
            reverse("plans:action_detail", args=[partnership.slug, row["action_id"]]) + "#progress",
        )
        for row in rows
    ]


SEARCHABLES = (
    Searchable(
        kind="plans.plan",
        label="Plan",
        model=Plan,
        title=("title",),
        text=("version", "author"),
        url=_plan,
        filter=Q(archived_at__isnull=True),
        order=10,
    ),
    Searchable(
        kind="plans.statement",
        label="Plan statement",
        model=Statement,
        title=("title",),
        text=("body", "signed_by"),
        values=("plan_id",),
        url=_statement,
        filter=_LIVE_PLAN,
        order=11,
    ),
    Searchable(
        kind="plans.theme",
        label="Priority or theme",
        model=Theme,
        title=("title",),
        text=("description", "outcome_wanted", "bellwether"),
        values=("plan_id",),
        url=_theme,
        filter=_LIVE_PLAN,
        order=12,
    ),
    Searchable(
        kind="plans.workstream",
        label="Work stream",
        model=WorkStream,
        title=("title",),
        text=("description",),
        values=("plan_id",),
        url=_work_stream,
        filter=_LIVE_PLAN,
        order=13,
    ),
    Searchable(
        kind="plans.action",
        label="Action",
        model=Action,
        title=("title",),
        text=("description", "impact_measure"),
        url=_action,
        filter=Q(archived_at__isnull=True) & _LIVE_PLAN,
        order=14,
    ),
    Searchable(
        kind="plans.progressupdate",
        label="Progress update",
        model=ProgressUpdate,
        title=("action__title",),
        text=("narrative",),
        values=("action_id", "date"),
        present=_updates,
        illustrative="is_illustrative",
        filter=Q(action__archived_at__isnull=True, action__plan__archived_at__isnull=True),
        order=15,
    ),
)
