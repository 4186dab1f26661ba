"""Governance's part of the plan file: groups (with their members) and links to other boards."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal

from safeboard.accounts.models import User
from safeboard.interchange.problems import Problem
from safeboard.interchange.schema import Key, Line, Name, Short, Strict, Text
from safeboard.interchange.sections import (
    Known,
    Refs,
    Section,
    compact,
    duplicates,
    missing,
    problem,
    writing,
)
from safeboard.partnerships.models import Membership, Partnership

from .models import BoardLink, Group
from .services import board_link_create, group_create, group_member_add


class GroupMemberIn(Strict):
    name: Line = ""
    agency: Key | None = None
    role: Line = ""
    lay_member: bool = False


class GroupIn(Strict):
    key: Key
    name: Name
    short_name: Short = ""
    type: Literal[
        "board", "strategic", "operational", "sub_group", "panel", "review_group", "task_group"
    ]
    reports_to: Key | None = None
    key_functions: Text = ""
    terms_of_reference: Text = ""
    chair: Line = ""
    vice_chair: Line = ""
    members: list[GroupMemberIn] = []


class BoardLinkIn(Strict):
    key: Key
    name: Name
    kind: Literal[
        "health_wellbeing",
        "adult_safeguarding",
        "domestic_abuse",
        "mappa",
        "community_safety",
        "children_young_people",
        "scrutiny",
        "other",
    ]
    relationship: Text = ""


def _chair(membership: Membership | None, description: str) -> str:
    return membership.user.full_name if membership is not None else description


def _parents_first(groups: list[GroupIn]) -> list[tuple[int, GroupIn]]:
    """The groups with their place in the file, each after the group it reports to (the checks
    have refused loops and unknown groups)."""
    placed: set[str] = set()
    ordered: list[tuple[int, GroupIn]] = []
    waiting = list(enumerate(groups))
    while waiting:
        ready = [(i, g) for i, g in waiting if g.reports_to is None or g.reports_to in placed]
        ordered.extend(ready)
        placed.update(g.key for _, g in ready)
        waiting = [(i, g) for i, g in waiting if g.key not in placed]
    return ordered


class Governance(Section):
    name = "governance"
    order = 20
    fields = {
        "groups": (list[GroupIn], []),
        "board_links": (list[BoardLinkIn], []),
    }

    def keys(self, file: Any) -> dict[str, Iterable[str]]:
        return {"group": [g.key for g in file.groups]}

    def check(self, file: Any, document: Any, known: Known) -> Iterator[Problem]:
        groups: list[GroupIn] = file.groups
        yield from duplicates(document, ("groups",), [g.key for g in groups], "group")
        yield from duplicates(
            document, ("board_links",), [b.key for b in file.board_links], "board link"
        )
        parents: dict[str, str] = {}
        for gi, group in enumerate(groups):
            if group.reports_to is not None:
                if not known.has("group", group.reports_to):
                    yield problem(
                        document, ("groups", gi, "reports_to"), missing("group", group.reports_to)
                    )
                else:
                    parents[group.key] = group.reports_to
            for mi, member in enumerate(group.members):
                at = ("groups", gi, "members", mi)
                if member.agency is not None and not known.has("agency", member.agency):
                    yield problem(document, (*at, "agency"), missing("agency", member.agency))
                if not member.name and member.agency is None:
                    yield problem(document, at, "needs a name or an agency")
        for gi, group in enumerate(groups):
            seen, current = {group.key}, parents.get(group.key)
            while current is not None:
                if current in seen:
                    yield problem(
                        document,
                        ("groups", gi, "reports_to"),
                        "makes a loop: a group cannot report to itself or to a group below it",
                    )
                    break
                seen.add(current)
                current = parents.get(current)

    def has_records(self, partnership: Partnership) -> bool:
        return (
            Group.objects.filter(partnership=partnership).exists()
            or BoardLink.objects.filter(partnership=partnership).exists()
        )

    def export(self, partnership: Partnership) -> dict[str, Any]:
        groups = (
            Group.objects.filter(partnership=partnership)
            .select_related("parent", "chair__user", "vice_chair__user")
            .prefetch_related("members__agency", "members__membership__user")
            .order_by("position", "pk")
        )
        links = BoardLink.objects.filter(partnership=partnership).order_by("name", "pk")
        return {
            "groups": [
                compact(
                    {
                        "key": g.key,
                        "name": g.name,
                        "short_name": g.short_name,
                        "type": g.group_type,
                        "reports_to": g.parent.key if g.parent else None,
                        "key_functions": g.key_functions,
                        "terms_of_reference": g.terms_of_reference,
                        "chair": _chair(g.chair, g.chair_description),
                        "vice_chair": _chair(g.vice_chair, g.vice_chair_description),
                        "members": [
                            compact(
                                {
                                    "name": m.membership.user.full_name if m.membership else m.name,
                                    "agency": m.agency.key if m.agency else None,
                                    "role": m.role_in_group,
                                    "lay_member": m.is_lay_member,
                                }
                            )
                            for m in g.members.all()
                        ],
                    }
                )
                for g in groups
            ],
            "board_links": [
                compact(
                    {"key": b.key, "name": b.name, "kind": b.kind, "relationship": b.relationship}
                )
                for b in links
            ],
        }

    def write(self, partnership: Partnership, file: Any, refs: Refs, by: User | None) -> None:
        for position, g in _parents_first(file.groups):
            with writing("groups", g.key):
                refs.add(
                    "group",
                    g.key,
                    group_create(
                        partnership=partnership,
                        key=g.key,
                        name=g.name,
                        short_name=g.short_name,
                        group_type=g.type,
                        parent=refs.get("group", g.reports_to),
                        key_functions=g.key_functions,
                        terms_of_reference=g.terms_of_reference,
                        chair_description=g.chair,
                        vice_chair_description=g.vice_chair,
                        position=position,
                        by=by,
                    ),
                )
        for g in file.groups:
            for m in g.members:
                with writing("groups", g.key, "members", m.name or m.agency or ""):
                    group_member_add(
                        group=refs.get("group", g.key),
                        name=m.name,
                        agency=refs.get("agency", m.agency),
                        role_in_group=m.role,
                        is_lay_member=m.lay_member,
                        by=by,
                    )
        for link in file.board_links:
            with writing("board_links", link.key):
                board_link_create(
                    partnership=partnership,
                    key=link.key,
                    name=link.name,
                    kind=link.kind,
                    relationship=link.relationship,
                    by=by,
                )


SECTION = Governance()
