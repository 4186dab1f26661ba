"""Reporting lines between groups: the cycle rule and the layout of the structure chart.

Pure Python. Groups are named by id; a reporting line is a child id -> parent id mapping.

The chart is laid out in *slots*: a box is one slot wide (the slot includes the gap to the next
box) and one row high (the row includes the gap below). The writer in `chart.py` turns slots into
pixels. Two rules make every chart readable:

- a parent sits on a row above all its children, centred over them;
- a subtree owns a band of x positions that no other subtree uses, so boxes never overlap and
  reporting lines never cross a box.

A group with many sub-groups that have none of their own (the eight sub-groups and panels under an
operational delivery group, say) would make a very wide chart, so those children are *stacked* in
columns below the parent, each column hung from a vertical trunk on its left, as organisation
charts usually do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

# More leaf children than this are stacked in columns rather than drawn side by side.
STACK_AFTER = 3
# At most this many stacked children in one column, before another column is started.
ROWS_PER_COLUMN = 4
# The room (in slots) left of a stacked column for its trunk.
INDENT = 0.15


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None


class Connector(StrEnum):
    BELOW = "below"  # a line down from the parent to the top of the child
    STACKED = "stacked"  # a line down the trunk, then across to the left of the child


@dataclass(frozen=True)
class Placement:
    id: int
    parent_id: int | None  # None for a group drawn at the top of its own tree
    x: float  # left edge, in slots
    row: int
    connector: Connector
    trunk_x: float | None = None  # for a stacked child: where its trunk runs


@dataclass(frozen=True)
class Layout:
    placements: dict[int, Placement]
    order: tuple[int, ...]  # ids in reading order: depth first, siblings in the order given
    width: float  # in slots
    rows: int


# --- Reporting lines ----------------------------------------------------------------------------


def ancestors(parents: Mapping[int, int | None], node: int) -> list[int]:
    """The chain of groups `node` reports to, nearest first. Stops at a loop already present."""
    chain: list[int] = []
    seen = {node}
    current = parents.get(node)
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = parents.get(current)
    return chain


def descendants(parents: Mapping[int, int | None], node: int) -> set[int]:
    """Every group that reports to `node`, directly or through others."""
    return {other for other in parents if other != node and node in ancestors(parents, other)}


def would_create_cycle(
    parents: Mapping[int, int | None], *, node: int, new_parent: int | None
) -> bool:
    """True if `node` reporting to `new_parent` would make a loop: a group cannot report to
    itself, nor to a group that (directly or not) reports to it."""
    if new_parent is None:
        return False
    if new_parent == node:
        return True
    return node in ancestors(parents, new_parent)


def forest(nodes: Sequence[Node]) -> tuple[list[int], dict[int, list[int]]]:
    """Tops of the trees and each group's children, both in the order given.

    A group whose parent is not among `nodes` (archived, say) is the top of its own tree. Stored
    data should hold no loop; if it does, the first group of the loop in the order given is drawn
    as a top, so every group still appears exactly once."""
    ids = [n.id for n in nodes]
    known = set(ids)
    parent_of = {n.id: n.parent_id for n in nodes}
    children: dict[int, list[int]] = {i: [] for i in ids}
    roots: list[int] = []
    for n in nodes:
        if n.parent_id is None or n.parent_id not in known or n.parent_id == n.id:
            roots.append(n.id)
        else:
            children[n.parent_id].append(n.id)

    reached: set[int] = set()

    def reach(top: int) -> None:
        stack = [top]
        while stack:
            current = stack.pop()
            if current in reached:
                continue
            reached.add(current)
            stack.extend(children[current])

    for top in roots:
        reach(top)
    for i in ids:
        if i not in reached:
            # A loop: cut the line from i to its parent so that i heads a tree.
            parent = parent_of[i]
            if parent is not None:
                children[parent].remove(i)
            roots.append(i)
            reach(i)
    return roots, children


# --- Layout -------------------------------------------------------------------------------------


@dataclass
class _Block:
    """A laid-out subtree: positions relative to its own top-left corner."""

    width: float
    rows: int
    placements: list[Placement]
    root_x: float


def _shift(p: Placement, dx: float, drow: int) -> Placement:
    return Placement(
        id=p.id,
        parent_id=p.parent_id,
        x=p.x + dx,
        row=p.row + drow,
        connector=p.connector,
        trunk_x=None if p.trunk_x is None else p.trunk_x + dx,
    )


def _side_by_side(blocks: Sequence[_Block]) -> tuple[list[Placement], list[float], float, int]:
    placements: list[Placement] = []
    roots: list[float] = []
    offset = 0.0
    for block in blocks:
        placements.extend(_shift(p, offset, 0) for p in block.placements)
        roots.append(block.root_x + offset)
        offset += block.width
    return placements, roots, offset, max((b.rows for b in blocks), default=0)


def _layout(
    node: int,
    parent: int | None,
    children: Mapping[int, list[int]],
    connector: Connector,
    stack_after: int,
    rows_per_column: int,
    indent: float,
) -> _Block:
    kids = children[node]
    me = Placement(id=node, parent_id=parent, x=0.0, row=0, connector=connector)
    if not kids:
        return _Block(width=1.0, rows=1, placements=[me], root_x=0.0)

    if len(kids) > stack_after and all(not children[k] for k in kids):
        columns = max(2, math.ceil(len(kids) / rows_per_column))
        per_column = math.ceil(len(kids) / columns)
        columns = math.ceil(len(kids) / per_column)
        column_width = 1.0 + indent
        width = columns * column_width
        root_x = (width - 1.0) / 2
        placements = [_shift(me, root_x, 0)]
        for i, kid in enumerate(kids):
            column, place = divmod(i, per_column)
            left = column * column_width
            placements.append(
                Placement(
                    id=kid,
                    parent_id=node,
                    x=left + indent,
                    row=1 + place,
                    connector=Connector.STACKED,
                    trunk_x=left + indent / 2,
                )
            )
        return _Block(width=width, rows=1 + per_column, placements=placements, root_x=root_x)

    blocks = [
        _layout(k, node, children, Connector.BELOW, stack_after, rows_per_column, indent)
        for k in kids
    ]
    below, roots, width, rows = _side_by_side(blocks)
    root_x = (roots[0] + roots[-1]) / 2
    placements = [_shift(me, root_x, 0), *(_shift(p, 0.0, 1) for p in below)]
    return _Block(width=max(width, 1.0), rows=1 + rows, placements=placements, root_x=root_x)


def layout(
    nodes: Sequence[Node],
    *,
    stack_after: int = STACK_AFTER,
    rows_per_column: int = ROWS_PER_COLUMN,
    indent: float = INDENT,
) -> Layout:
    """Positions for every group, the same every time for the same input."""
    roots, children = forest(nodes)
    blocks = [
        _layout(r, None, children, Connector.BELOW, stack_after, rows_per_column, indent)
        for r in roots
    ]
    placed, _, width, rows = _side_by_side(blocks)
    placements = {p.id: p for p in placed}
    return Layout(
        placements=placements,
        order=tuple(reading_order(roots, children)),
        width=width,
        rows=rows,
    )


def reading_order(roots: Iterable[int], children: Mapping[int, list[int]]) -> list[int]:
    """Depth first, each group followed by the groups that report to it."""
    order: list[int] = []
    stack = list(reversed(list(roots)))
    while stack:
        current = stack.pop()
        order.append(current)
        stack.extend(reversed(children[current]))
    return order


# --- Labels and keys ----------------------------------------------------------------------------


def wrap_label(text: str, *, width: int, max_lines: int) -> list[str]:
    """`text` in lines of at most `width` characters, breaking at spaces where it can. Text that
    does not fit in `max_lines` ends with an ellipsis (the full text is shown beside the chart)."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = [*lines[: max_lines - 1], (last[: width - 1].rstrip() + "…")]
    return lines
