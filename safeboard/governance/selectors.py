"""Reads. Each list is a fixed number of queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce, Lower

from safeboard.partnerships.models import Membership, Partnership

from .domain.chart import ChartGroup, structure_svg
from .domain.structure import Node, descendants, forest
from .models import (
    BoardLink,
    Decision,
    Group,
    GroupMember,
    GroupType,
    Meeting,
    MeetingAttendee,
)

# --- Groups ------------------------------------------------------------------------------------


def group_list(*, partnership: Partnership, include_archived: bool = False) -> QuerySet[Group]:
    qs = Group.objects.filter(partnership=partnership).select_related(
        "parent", "chair__user", "vice_chair__user"
    )
    if not include_archived:
        qs = qs.filter(archived_at__isnull=True)
    return qs.order_by("position", "name")


@dataclass(frozen=True)
class GroupsOfType:
    group_type: GroupType
    groups: list[Group]


def groups_by_type(
    *, partnership: Partnership, include_archived: bool = False
) -> list[GroupsOfType]:
    """The groups in one table per type, types in the order of `GroupType`; empty types left out."""
    by_type: dict[str, list[Group]] = {}
    for group in group_list(partnership=partnership, include_archived=include_archived):
        by_type.setdefault(group.group_type, []).append(group)
    return [
        GroupsOfType(group_type, by_type[group_type.value])
        for group_type in GroupType
        if group_type.value in by_type
    ]


def groups_chaired_by(membership: Membership) -> set[int]:
    """Ids of the current groups that `membership` chairs or vice-chairs. A group chair may record
    these groups' meetings (and, in plans, update the actions they own). An archived membership
    chairs nothing."""
    if membership.is_archived:
        return set()
    return set(
        Group.objects.filter(
            Q(chair=membership) | Q(vice_chair=membership),
            partnership_id=membership.partnership_id,
            archived_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def group_parent_choices(*, partnership: Partnership, group: Group | None) -> QuerySet[Group]:
    """Groups that `group` may report to: current ones, not itself, not one that reports to it.
    The group it reports to now stays on offer even if archived, so saving keeps it."""
    current = Q(archived_at__isnull=True)
    if group is not None and group.parent_id is not None:
        current |= Q(pk=group.parent_id)
    qs = Group.objects.filter(current, partnership=partnership)
    if group is not None:
        parents = dict(Group.objects.filter(partnership=partnership).values_list("pk", "parent_id"))
        qs = qs.exclude(pk__in={group.pk, *descendants(parents, group.pk)})
    return qs.order_by("position", "name")


def group_members(*, group: Group) -> QuerySet[GroupMember]:
    return (
        GroupMember.objects.filter(group=group)
        .select_related("membership__user", "membership__agency", "agency")
        .order_by(Lower(Coalesce("membership__user__full_name", "name")), "pk")
    )


def sub_groups(*, group: Group) -> QuerySet[Group]:
    return (
        Group.objects.filter(parent=group, archived_at__isnull=True)
        .select_related("chair__user")
        .order_by("position", "name")
    )


def meeting_list(*, group: Group) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group=group).order_by("-date", "-pk")


# --- The structure chart -----------------------------------------------------------------------


@dataclass
class TreeNode:
    group: Group
    children: list[TreeNode] = field(default_factory=list)


@dataclass(frozen=True)
class Structure:
    tree: list[TreeNode]
    groups: list[Group]
    board_links: list[BoardLink]
    svg: str


def _description(partnership: Partnership, tree: list[TreeNode], count: int) -> str:
    if not count:
        return f"{partnership.name} has no groups recorded yet."
    tops = " and ".join(node.group.name for node in tree)
    return (
        f"{count} group{'s' if count != 1 else ''} of {partnership.name}. {tops} "
        f"{'is' if len(tree) == 1 else 'are'} at the top. Each box is a group with its type; a "
        "line joins each group to the group it reports to. The same structure is listed as text "
        "after the chart."
    )


def structure_of(*, partnership: Partnership) -> Structure:
    """Current groups by reporting line, as a tree and as a chart, with the links to other
    boards. Three queries."""
    groups = list(group_list(partnership=partnership))
    by_id = {g.pk: g for g in groups}
    roots, children = forest([Node(g.pk, g.parent_id) for g in groups])

    def build(pk: int) -> TreeNode:
        return TreeNode(by_id[pk], [build(child) for child in children[pk]])

    tree = [build(pk) for pk in roots]
    chart = structure_svg(
        [
            ChartGroup(
                id=g.pk,
                parent_id=g.parent_id,
                name=g.name,
                type_key=g.group_type,
                type_label=g.get_group_type_display(),
            )
            for g in groups
        ],
        title=f"Structure chart of {partnership.name}",
        description=_description(partnership, tree, len(groups)),
    )
    return Structure(
        tree=tree,
        groups=groups,
        board_links=list(board_link_list(partnership=partnership)),
        svg=chart,
    )


# --- Links to other boards ---------------------------------------------------------------------


def board_link_list(*, partnership: Partnership) -> QuerySet[BoardLink]:
    return BoardLink.objects.filter(partnership=partnership).order_by("name", "pk")


# --- Meetings ----------------------------------------------------------------------------------


def meeting_attendees(*, meeting: Meeting) -> QuerySet[MeetingAttendee]:
    return (
        MeetingAttendee.objects.filter(meeting=meeting)
        .select_related("membership__user", "agency")
        .order_by(Lower(Coalesce("membership__user__full_name", "name")), "pk")
    )


def meeting_decisions(*, meeting: Meeting) -> QuerySet[Decision]:
    return Decision.objects.filter(meeting=meeting).order_by("position", "pk")


def actions_arising(*, meeting: Meeting) -> QuerySet[Any]:
    """Plan actions agreed at this meeting, through the reverse of plans.Action.arising_from
    (governance sits below plans, so it names no plans module)."""
    return (
        meeting.actions_arising.filter(archived_at__isnull=True)
        .select_related("plan", "lead_agency", "group")
        .order_by("position", "pk")
    )
