"""What the plan asks of a person, for their home page and reminders (the contract is
`safeboard.partnerships.home`).

- "Your actions overdue or due soon": actions the person leads, that their agency leads (an
  agency lead) or that a group they chair owns (a group chair), past due or due within
  `DUE_SOON_DAYS`, never complete or cancelled ones. Reminded by e-mail.
- "Priorities off track or at risk" (chairs, board members, managers): the RAG roll-up of each
  strategic priority and key theme of the current plans (`domain/rag.py`), red first, with a
  warning when most of the actions counted have no RAG rating.
- "Changes to the plan since your last visit" (the same roles): how many changes others made to
  plan records since then, linking to the partnership's change history.

Each panel costs a fixed number of queries whatever the size of the plans.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from safeboard.partnerships.access import PartnershipAccess
from safeboard.partnerships.domain.roles import Capability, Role
from safeboard.partnerships.home import DUE_SOON_DAYS, PANEL_ITEMS, Panel, Urgency, WorkItem

from .domain.rag import AMBER, CLOSED_STATUSES, RED, RagRollUp, roll_up, roll_up_by
from .models import Action, Plan, ProgressUpdate, Statement, Theme, ThemeKind, WorkStream
from .selectors import HEADLINE_KINDS, chaired_group_ids, owned_by_q

OVERSIGHT_ROLES = frozenset({Role.MANAGER, Role.CHAIR, Role.BOARD_MEMBER})
# Plan records whose changes the "since your last visit" panel counts (module.py `history`).
CHANGED_MODELS = (Plan, Statement, Theme, WorkStream, Action, ProgressUpdate)


def panels(access: PartnershipAccess, *, today: dt.date, since: dt.datetime | None) -> list[Panel]:
    found = [my_actions_panel(access, today=today)]
    if access.can(Capability.EDIT_PLAN):
        found.append(first_steps_panel(access))
    if access.role in OVERSIGHT_ROLES:
        found.append(priorities_panel(access))
        if since is not None:
            found.append(changes_panel(access, since=since))
    return [panel for panel in found if panel is not None]


def _url(access: PartnershipAccess, name: str, *args: object) -> str:
    return reverse(name, args=[access.partnership.slug, *args])


def _mine(access: PartnershipAccess) -> Q:
    """The person leads it; or, for an agency lead, their agency does; or, for a group chair, a
    group they chair owns it."""
    mine = Q(lead_person_id=access.membership.pk)
    if access.role is Role.AGENCY_LEAD and access.agency_id is not None:
        mine |= Q(lead_agency_id=access.agency_id)
    if access.role is Role.GROUP_CHAIR:
        chaired = chaired_group_ids(membership=access.membership)
        if chaired:
            mine |= owned_by_q(chaired)
    return mine


def _date(day: dt.date) -> str:
    """3 March 2027."""
    return f"{day.day} {day:%B %Y}"


def _due_text(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue (due {_date(due)})"
    if days == 0:
        return "Due today"
    return f"Due {_date(due)}"


def my_actions_panel(access: PartnershipAccess, *, today: dt.date) -> Panel | None:
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    actions = (
        Action.objects.filter(
            _mine(access),
            partnership=access.partnership,
            archived_at__isnull=True,
            plan__archived_at__isnull=True,
            due_date__isnull=False,
            due_date__lte=soon,
        )
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("due_date", "pk")
    )
    first = list(actions.select_related("lead_agency")[:PANEL_ITEMS])
    count = actions.count()
    items = tuple(
        WorkItem(
            key=f"plans.action:{action.pk}:{'overdue' if overdue else 'due_soon'}",
            title=action.title,
            url=_url(access, "plans:action_detail", action.pk),
            urgency=Urgency.OVERDUE if overdue else Urgency.DUE_SOON,
            due=action.due_date,
            detail=_due_text(action.due_date, today),
        )
        for action in first
        if action.due_date is not None
        for overdue in [action.due_date < today]
    )
    leads_work = access.role in (Role.AGENCY_LEAD, Role.GROUP_CHAIR)
    return Panel(
        key="plans.my_actions",
        heading="Your actions overdue or due soon",
        items=items,
        count=count,
        order=10,
        more_url=_url(access, "plans:my_actions"),
        remind=True,
        empty=f"None of your actions is overdue or due in the next {DUE_SOON_DAYS} days."
        if leads_work
        else "",
    )


def first_steps_panel(access: PartnershipAccess) -> Panel | None:
    """A partnership with no current plan is told how to bring one in. One query."""
    if Plan.objects.filter(partnership=access.partnership, archived_at__isnull=True).exists():
        return None
    return Panel(
        key="plans.first_steps",
        heading="First steps",
        items=(
            WorkItem(
                key="plans.first_steps:plan",
                title="Load a plan file",
                url=_url(access, "interchange:plan_file"),
                urgency=Urgency.WATCH,
                detail="Bring in your plan, its priorities, work streams and actions from a plan "
                "file, or add a plan by hand from the Plan pages.",
            ),
        ),
        count=1,
        order=0,
    )


def _theme_label(theme: Theme) -> str:
    return "Strategic priority" if theme.kind == ThemeKind.STRATEGIC_PRIORITY else "Key theme"


def _rollup_text(rollup: RagRollUp) -> str:
    parts = [
        f"{n} {label}"
        for n, label in (
            (rollup.red, "red"),
            (rollup.amber, "amber"),
            (rollup.green, "green"),
            (rollup.complete, "complete"),
            (rollup.not_rated, "not rated"),
        )
        if n
    ]
    return f"{', '.join(parts)} of {rollup.total} action{'s' if rollup.total != 1 else ''}"


def priorities_panel(access: PartnershipAccess) -> Panel | None:
    """Four queries: the priorities, the actions, and the two kinds of theme link."""
    current = {"partnership": access.partnership, "plan__archived_at__isnull": True}
    themes = list(
        Theme.objects.filter(kind__in=HEADLINE_KINDS, **current)
        .select_related("plan")
        .order_by("plan__start_year", "plan_id", "position", "pk")
    )
    if not themes:
        return None
    actions = list(
        Action.objects.filter(archived_at__isnull=True, **current).values_list(
            "pk", "work_stream_id", "status", "rag"
        )
    )
    action_themes: dict[int, set[int]] = {}
    for action_id, theme_id in Action.themes.through.objects.filter(
        action__partnership=access.partnership
    ).values_list("action_id", "theme_id"):
        action_themes.setdefault(action_id, set()).add(theme_id)
    stream_themes: dict[int, set[int]] = {}
    for stream_id, theme_id in WorkStream.themes.through.objects.filter(
        workstream__partnership=access.partnership
    ).values_list("workstream_id", "theme_id"):
        stream_themes.setdefault(stream_id, set()).add(theme_id)

    def themes_of(row: tuple[int, int | None, str, str]) -> set[int]:
        linked = set(action_themes.get(row[0], ()))
        if row[1] is not None:
            linked |= stream_themes.get(row[1], set())
        return linked

    by_theme = roll_up_by(actions, keys=themes_of, pair=lambda row: (row[2], row[3]))
    wanted = {theme.pk for theme in themes}
    in_scope = [row for row in actions if themes_of(row) & wanted]
    scope = roll_up((row[2], row[3]) for row in in_scope)
    flagged = [
        (theme, by_theme[theme.pk])
        for theme in themes
        if theme.pk in by_theme and by_theme[theme.pk].overall in (RED, AMBER)
    ]
    flagged.sort(key=lambda pair: (pair[1].overall != RED, -pair[1].red, -pair[1].amber))
    warning = ""
    if scope.total and scope.not_rated * 2 > scope.total:
        warning = (
            f"{scope.not_rated} of the {scope.total} actions under the priorities have no RAG "
            "rating yet, so this picture is incomplete."
        )
    return Panel(
        key="plans.priorities",
        heading="Priorities off track or at risk",
        items=tuple(
            WorkItem(
                key=f"plans.theme:{theme.pk}:{rollup.overall}",
                title=theme.title,
                url=_url(access, "plans:plan_overview", theme.plan_id) + f"#theme-{theme.pk}",
                urgency=Urgency.WATCH,
                detail=f"{_theme_label(theme)}, {'red' if rollup.overall == RED else 'amber'}: "
                f"{_rollup_text(rollup)}",
            )
            for theme, rollup in flagged[:PANEL_ITEMS]
        ),
        count=len(flagged),
        order=40,
        more_url=_url(access, "plans:plan_list"),
        warning=warning,
        empty="No priority of the current plans is rated red or amber.",
    )


def changes_panel(access: PartnershipAccess, *, since: dt.datetime) -> Panel:
    """One query for each kind of plan record counted."""
    others = ~Q(history_user_id=access.user.pk) | Q(history_user__isnull=True)
    count = sum(
        model.history.filter(
            others, partnership_id=access.partnership.pk, history_date__gt=since
        ).count()
        for model in CHANGED_MODELS
    )
    url = _url(access, "partnerships:changes") + "?" + urlencode({"since": since.isoformat()})
    items = (
        (
            WorkItem(
                key="plans.changes",
                title=f"{count} change{'s' if count != 1 else ''} to the plan by others",
                url=url,
                urgency=Urgency.WATCH,
                detail=f"Since {_date(timezone.localtime(since))} at "
                f"{timezone.localtime(since):%H:%M}",
            ),
        )
        if count
        else ()
    )
    return Panel(
        key="plans.changes",
        heading="Changes to the plan since your last visit",
        items=items,
        count=len(items),
        order=60,
        empty="Nobody has changed the plan since your last visit.",
    )
