"""Reads. Every page's queries are a fixed number whatever the number of actions: lists select
their related records in the same query and roll-ups are counted in Python from one pass."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from safeboard.governance.models import Group, Meeting
from safeboard.governance.selectors import groups_chaired_by
from safeboard.partnerships.models import Agency, Membership, Partnership

from .domain.rag import CLOSED_STATUSES, RagRollUp, is_overdue, roll_up, roll_up_by
from .models import (
    Action,
    Plan,
    ProgressUpdate,
    Statement,
    Theme,
    ThemeKind,
    WorkStream,
)

NOT_RECORDED = "none"  # the filter value meaning "status or RAG not recorded"


def chaired_group_ids(*, membership: Membership) -> set[int]:
    """Groups this member chairs or vice-chairs: "their group" (governance decides)."""
    return groups_chaired_by(membership)


# --- Plans --------------------------------------------------------------------------------------


def plan_list(*, partnership: Partnership) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(partnership=partnership, archived_at__isnull=True)
        .annotate(action_count=Count("actions", filter=Q(actions__archived_at__isnull=True)))
        .order_by("-start_year", "title")
    )


def plan_statements(*, plan: Plan) -> QuerySet[Statement]:
    return Statement.objects.filter(plan=plan).order_by("position", "pk")


def ordered_themes(qs: QuerySet[Theme]) -> QuerySet[Theme]:
    """Priorities first: kinds in the order they are declared, then by position."""
    kind_order = Case(
        *[When(kind=kind, then=Value(i)) for i, kind in enumerate(ThemeKind.values)],
        default=Value(99),
        output_field=IntegerField(),
    )
    return qs.alias(kind_order=kind_order).order_by("kind_order", "position", "pk")


def plan_themes(*, plan: Plan) -> QuerySet[Theme]:
    return ordered_themes(Theme.objects.filter(plan=plan))


THEME_KIND_HEADINGS = {
    ThemeKind.STRATEGIC_PRIORITY: "Strategic priorities",
    ThemeKind.KEY_THEME: "Key themes",
    ThemeKind.BROADER_THEME: "Broader safeguarding themes",
    ThemeKind.CROSS_CUTTING: "Cross-cutting themes",
    ThemeKind.OUTCOME: "Outcomes of the outcomes framework",
}


def themes_by_kind(themes: Iterable[Theme]) -> list[tuple[str, list[Theme]]]:
    """(heading, themes) in the order kinds are declared: priorities first."""
    order = {kind: i for i, kind in enumerate(ThemeKind.values)}
    grouped: dict[str, list[Theme]] = {}
    for theme in sorted(themes, key=lambda t: (order.get(t.kind, 99), t.position, t.pk)):
        grouped.setdefault(theme.kind, []).append(theme)
    return [
        (THEME_KIND_HEADINGS.get(ThemeKind(kind), kind), items) for kind, items in grouped.items()
    ]


def plan_work_streams(*, plan: Plan) -> QuerySet[WorkStream]:
    return (
        WorkStream.objects.filter(plan=plan)
        .select_related("group")
        .prefetch_related("themes")
        .annotate(action_count=Count("actions", filter=Q(actions__archived_at__isnull=True)))
        .order_by("position", "pk")
    )


# --- Actions ------------------------------------------------------------------------------------


def _with_latest_update(qs: QuerySet[Action]) -> QuerySet[Action]:
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-pk")
    return qs.annotate(
        latest_update_date=Subquery(latest.values("date")[:1]),
        latest_update_narrative=Subquery(latest.values("narrative")[:1]),
    )


def action_queryset(*, partnership: Partnership) -> QuerySet[Action]:
    """Current actions with everything a list shows, in a fixed number of queries."""
    qs = (
        Action.objects.filter(partnership=partnership, archived_at__isnull=True)
        .select_related("plan", "group", "work_stream__group", "lead_agency", "lead_person__user")
        .prefetch_related("themes")
    )
    return _with_latest_update(qs).order_by(
        "plan_id",
        F("work_stream__position").asc(nulls_last=True),
        F("work_stream_id").asc(nulls_last=True),
        "position",
        "pk",
    )


def overdue_q(today: datetime.date) -> Q:
    """The query form of domain.rag.is_overdue."""
    return Q(due_date__lt=today) & ~Q(status__in=CLOSED_STATUSES)


def owned_by_q(group_ids: Iterable[int]) -> Q:
    """Owned by one of these groups: directly, or through its work stream when it names none."""
    ids = list(group_ids)
    return Q(group_id__in=ids) | Q(group__isnull=True, work_stream__group_id__in=ids)


def theme_q(theme: Theme) -> Q:
    """Linked to the theme directly or through its work stream."""
    direct = Action.themes.through.objects.filter(theme_id=theme.pk).values("action_id")
    streams = WorkStream.themes.through.objects.filter(theme_id=theme.pk).values("workstream_id")
    return Q(pk__in=direct) | Q(work_stream_id__in=streams)


@dataclass(frozen=True)
class ActionFilters:
    group: Group | None = None
    lead_agency: Agency | None = None
    theme: Theme | None = None
    work_stream: WorkStream | None = None
    status: str = ""  # a status code, NOT_RECORDED, or "" for any
    rag: str = ""  # a RAG code, NOT_RECORDED, or "" for any
    overdue: bool = False

    @property
    def any(self) -> bool:
        return any(
            (
                self.group,
                self.lead_agency,
                self.theme,
                self.work_stream,
                self.status,
                self.rag,
                self.overdue,
            )
        )


def action_list(*, plan: Plan, filters: ActionFilters, today: datetime.date) -> QuerySet[Action]:
    qs = action_queryset(partnership=plan.partnership).filter(plan=plan)
    if filters.group is not None:
        qs = qs.filter(owned_by_q([filters.group.pk]))
    if filters.lead_agency is not None:
        qs = qs.filter(lead_agency=filters.lead_agency)
    if filters.theme is not None:
        qs = qs.filter(theme_q(filters.theme))
    if filters.work_stream is not None:
        qs = qs.filter(work_stream=filters.work_stream)
    if filters.status:
        qs = qs.filter(status="" if filters.status == NOT_RECORDED else filters.status)
    if filters.rag:
        qs = qs.filter(rag="" if filters.rag == NOT_RECORDED else filters.rag)
    if filters.overdue:
        qs = qs.filter(overdue_q(today))
    return qs


def my_actions(*, membership: Membership) -> QuerySet[Action]:
    """Actions I lead, my agency leads, or a group I chair owns, in every current plan."""
    mine = Q(lead_person=membership)
    if membership.agency_id is not None:
        mine |= Q(lead_agency_id=membership.agency_id)
    chaired = chaired_group_ids(membership=membership)
    if chaired:
        mine |= owned_by_q(chaired)
    return (
        action_queryset(partnership=membership.partnership)
        .filter(mine, plan__archived_at__isnull=True)
        .order_by(F("due_date").asc(nulls_last=True), "plan_id", "position", "pk")
    )


def action_updates(*, action: Action) -> QuerySet[ProgressUpdate]:
    """Newest first."""
    return ProgressUpdate.objects.filter(action=action).select_related("recorded_by")


# --- Overview and roll-ups ----------------------------------------------------------------------


def _pair(action: Action) -> tuple[str, str]:
    return (action.status, action.rag)


@dataclass
class StreamBlock:
    """A work stream (or None for actions in no work stream) with its actions and roll-up."""

    work_stream: WorkStream | None
    actions: list[Action]
    rollup: RagRollUp


@dataclass
class ThemeBlock:
    theme: Theme
    rollup: RagRollUp
    streams: list[StreamBlock] = field(default_factory=list)
    # Actions linked to the theme directly, whose work stream is not itself linked to it.
    other_actions: list[Action] = field(default_factory=list)


@dataclass
class GroupRow:
    group: Group | None
    rollup: RagRollUp


@dataclass
class Overview:
    plan: Plan
    total: RagRollUp
    theme_rows: list[tuple[str, list[ThemeBlock]]]
    priorities: list[ThemeBlock]
    groups: list[GroupRow]
    unlinked_streams: list[StreamBlock]
    action_count: int
    overdue_ids: set[int]
    illustrative_count: int = 0
    """How many of the actions carry illustrative delivery details (the example partnerships')."""


def _group_rows(actions: list[Action], groups: dict[int, Group]) -> list[GroupRow]:
    by_group = roll_up_by(actions, keys=lambda a: [a.owning_group_id], pair=_pair)
    rows = [
        GroupRow(group=groups[gid], rollup=by_group[gid])
        for gid in sorted(
            (g for g in by_group if g is not None),
            key=lambda g: (groups[g].position, groups[g].name),
        )
    ]
    if None in by_group:
        rows.append(GroupRow(group=None, rollup=by_group[None]))
    return rows


# Kinds the overview always lists, linked work or not, so that a gap shows. Other kinds are
# listed when something is linked to them; cross-cutting themes only in the roll-up table.
HEADLINE_KINDS = frozenset({ThemeKind.STRATEGIC_PRIORITY, ThemeKind.KEY_THEME})


def plan_overview(*, plan: Plan, today: datetime.date) -> Overview:
    """Priorities and themes -> work streams -> actions, with RAG roll-ups per theme and per group.

    Six queries whatever the size of the plan. An action counts towards a theme when it is linked
    to it directly or through its work stream; it counts towards the group that owns it (its own
    group, or its work stream's)."""
    themes = list(plan_themes(plan=plan))
    streams = list(WorkStream.objects.filter(plan=plan).select_related("group"))
    streams.sort(key=lambda s: (s.position, s.pk))
    stream_themes: dict[int, set[int]] = {}
    for stream_id, theme_id in WorkStream.themes.through.objects.filter(
        workstream__plan=plan
    ).values_list("workstream_id", "theme_id"):
        stream_themes.setdefault(stream_id, set()).add(theme_id)
    actions = list(
        Action.objects.filter(plan=plan, archived_at__isnull=True)
        .select_related("group", "work_stream__group", "lead_agency")
        .order_by("position", "pk")
    )
    action_themes: dict[int, set[int]] = {}
    for action_id, theme_id in Action.themes.through.objects.filter(
        action__plan=plan, action__archived_at__isnull=True
    ).values_list("action_id", "theme_id"):
        action_themes.setdefault(action_id, set()).add(theme_id)

    def themes_of(action: Action) -> set[int]:
        linked = set(action_themes.get(action.pk, set()))
        if action.work_stream_id is not None:
            linked |= stream_themes.get(action.work_stream_id, set())
        return linked

    by_theme = roll_up_by(actions, keys=themes_of, pair=_pair)
    by_stream: dict[int | None, list[Action]] = {}
    for action in actions:
        by_stream.setdefault(action.work_stream_id, []).append(action)
    stream_blocks = {
        s.pk: StreamBlock(s, by_stream.get(s.pk, []), roll_up(map(_pair, by_stream.get(s.pk, []))))
        for s in streams
    }

    blocks: dict[int, ThemeBlock] = {
        t.pk: ThemeBlock(theme=t, rollup=by_theme.get(t.pk, RagRollUp())) for t in themes
    }
    for stream in streams:
        for theme_id in sorted(stream_themes.get(stream.pk, set())):
            if theme_id in blocks:
                blocks[theme_id].streams.append(stream_blocks[stream.pk])
    for action in actions:
        through_stream = stream_themes.get(action.work_stream_id or 0, set())
        for theme_id in action_themes.get(action.pk, set()) - through_stream:
            if theme_id in blocks:
                blocks[theme_id].other_actions.append(action)

    unlinked = [stream_blocks[s.pk] for s in streams if not stream_themes.get(s.pk)]
    loose = [a for a in by_stream.get(None, []) if not action_themes.get(a.pk)]
    if loose:
        unlinked.append(StreamBlock(None, loose, roll_up(map(_pair, loose))))

    groups: dict[int, Group] = {}
    for action in actions:
        owner = action.owning_group
        if owner is not None:
            groups[owner.pk] = owner
    ordered_blocks = [blocks[t.pk] for t in themes]
    return Overview(
        plan=plan,
        total=roll_up(map(_pair, actions)),
        theme_rows=[
            (label, [blocks[t.pk] for t in kind_themes])
            for label, kind_themes in themes_by_kind(themes)
        ],
        priorities=[
            b
            for b in ordered_blocks
            if b.theme.kind in HEADLINE_KINDS
            or (b.theme.kind != ThemeKind.CROSS_CUTTING and (b.streams or b.other_actions))
        ],
        groups=_group_rows(actions, groups),
        unlinked_streams=unlinked,
        action_count=len(actions),
        overdue_ids={a.pk for a in actions if is_overdue(a.due_date, a.status, today)},
        illustrative_count=sum(1 for a in actions if a.is_illustrative),
    )


@dataclass
class GroupWork:
    group: Group
    work_streams: Sequence[WorkStream]
    actions: list[Action]
    total: RagRollUp
    by_plan: list[tuple[Plan, RagRollUp]]


def group_work(*, group: Group) -> GroupWork:
    """The work streams a group owns and the actions it owns, in every current plan."""
    streams = list(
        WorkStream.objects.filter(group=group, plan__archived_at__isnull=True)
        .select_related("plan")
        .annotate(action_count=Count("actions", filter=Q(actions__archived_at__isnull=True)))
        .order_by("-plan__start_year", "plan_id", "position", "pk")
    )
    actions = list(
        action_queryset(partnership=group.partnership).filter(
            owned_by_q([group.pk]), plan__archived_at__isnull=True
        )
    )
    plans: dict[int, Plan] = {a.plan_id: a.plan for a in actions}
    by_plan = roll_up_by(actions, keys=lambda a: [a.plan_id], pair=_pair)
    return GroupWork(
        group=group,
        work_streams=streams,
        actions=actions,
        total=roll_up(map(_pair, actions)),
        by_plan=[(plans[pid], by_plan[pid]) for pid in plans],
    )


# --- Choices for forms --------------------------------------------------------------------------


def partnership_groups(*, partnership: Partnership) -> QuerySet[Group]:
    return Group.objects.filter(partnership=partnership, archived_at__isnull=True).order_by(
        "position", "name"
    )


def partnership_people(*, partnership: Partnership) -> QuerySet[Membership]:
    """The people who may lead an action: current members, by name."""
    return (
        Membership.objects.filter(partnership=partnership, archived_at__isnull=True)
        .select_related("user", "agency")
        .order_by("user__full_name")
    )


def partnership_meetings(*, partnership: Partnership) -> QuerySet[Meeting]:
    return Meeting.objects.filter(partnership=partnership).select_related("group").order_by("-date")


def plan_theme_choices(*, plan: Plan) -> QuerySet[Theme]:
    return ordered_themes(Theme.objects.filter(plan=plan))


def plan_work_stream_choices(
    *, plan: Plan, groups: Iterable[int] | None = None, keep: int | None = None
) -> QuerySet[WorkStream]:
    """The plan's work streams in order; with `groups`, only those the groups own (and `keep`,
    the one a record is in already)."""
    streams = WorkStream.objects.filter(plan=plan).select_related("group").order_by("position")
    if groups is not None:
        streams = streams.filter(Q(group_id__in=list(groups)) | Q(pk__in=[keep] if keep else []))
    return streams


# --- Exports ------------------------------------------------------------------------------------


@dataclass
class PlanExport:
    plan: Plan
    statements: list[Statement]
    theme_rows: list[tuple[str, list[ThemeBlock]]]
    work_streams: list[StreamBlock]
    actions: list[Action]
    total: RagRollUp
    overdue_ids: set[int]
    illustrative_count: int = 0


def plan_export(*, plan: Plan, today: datetime.date) -> PlanExport:
    """Everything the printed plan and the spreadsheet hold, in a fixed number of queries."""
    overview = plan_overview(plan=plan, today=today)
    actions = list(action_queryset(partnership=plan.partnership).filter(plan=plan))
    by_stream: dict[int | None, list[Action]] = {}
    for action in actions:
        by_stream.setdefault(action.work_stream_id, []).append(action)
    streams = list(
        WorkStream.objects.filter(plan=plan)
        .select_related("group")
        .prefetch_related("themes")
        .order_by("position", "pk")
    )
    blocks = [
        StreamBlock(s, by_stream.get(s.pk, []), roll_up(map(_pair, by_stream.get(s.pk, []))))
        for s in streams
    ]
    if by_stream.get(None):
        loose = by_stream[None]
        blocks.append(StreamBlock(None, loose, roll_up(map(_pair, loose))))
    return PlanExport(
        plan=plan,
        statements=list(plan_statements(plan=plan)),
        theme_rows=overview.theme_rows,
        work_streams=blocks,
        actions=actions,
        total=overview.total,
        overdue_ids=overview.overdue_ids,
        illustrative_count=overview.illustrative_count,
    )
