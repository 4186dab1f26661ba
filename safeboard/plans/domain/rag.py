"""RAG roll-up and overdue rules for plan actions. Pure Python: no Django.

An action carries a status (not started, on track, at risk, off track, complete, cancelled, or
blank when not recorded) and a RAG rating (red, amber, green, or blank when not rated).

Roll-up of a set of actions:

- cancelled actions are left out altogether: they no longer count towards the plan;
- complete actions are counted as complete, whatever RAG they last had;
- every other action is counted by its RAG: red, amber, green, or not rated when blank.

The overall RAG of the set is red if any action is red, else amber if any is amber, else green if
any is green or complete, else none (nothing rated yet, or nothing to rate).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

RED = "red"
AMBER = "amber"
GREEN = "green"
RAGS = (RED, AMBER, GREEN)

NOT_STARTED = "not_started"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
COMPLETE = "complete"
CANCELLED = "cancelled"
STATUSES = (NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, COMPLETE, CANCELLED)
# Statuses that end an action: it can no longer be overdue.
CLOSED_STATUSES = frozenset({COMPLETE, CANCELLED})

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


@dataclass(frozen=True)
class RagRollUp:
    red: int = 0
    amber: int = 0
    green: int = 0
    not_rated: int = 0
    complete: int = 0

    @property
    def total(self) -> int:
        """Actions counted (cancelled ones are not)."""
        return self.red + self.amber + self.green + self.not_rated + self.complete

    @property
    def overall(self) -> str | None:
        """Red if any red, else amber if any amber, else green if any green or complete, else
        None."""
        if self.red:
            return RED
        if self.amber:
            return AMBER
        if self.green or self.complete:
            return GREEN
        return None


def roll_up(pairs: Iterable[tuple[str, str]]) -> RagRollUp:
    """Counts of (status, rag) pairs. Unknown RAG values count as not rated."""
    red = amber = green = not_rated = complete = 0
    for status, rag in pairs:
        if status == CANCELLED:
            continue
        if status == COMPLETE:
            complete += 1
        elif rag == RED:
            red += 1
        elif rag == AMBER:
            amber += 1
        elif rag == GREEN:
            green += 1
        else:
            not_rated += 1
    return RagRollUp(red=red, amber=amber, green=green, not_rated=not_rated, complete=complete)


def roll_up_by(
    items: Iterable[T], *, keys: Callable[[T], Iterable[K]], pair: Callable[[T], tuple[str, str]]
) -> dict[K, RagRollUp]:
    """One roll-up per key. An item counts once towards each of its keys (an action linked to two
    priorities counts towards both); repeated keys for one item count once."""
    grouped: dict[K, list[tuple[str, str]]] = {}
    for item in items:
        status_rag = pair(item)
        for key in dict.fromkeys(keys(item)):
            grouped.setdefault(key, []).append(status_rag)
    return {key: roll_up(pairs) for key, pairs in grouped.items()}


def is_overdue(due_date: datetime.date | None, status: str, today: datetime.date) -> bool:
    """Past its due date and neither complete nor cancelled. No due date: never overdue. A blank
    status is not "complete", so a past-due action with no recorded status is overdue."""
    return due_date is not None and due_date < today and status not in CLOSED_STATUSES


def owning_group_id(action_group_id: int | None, work_stream_group_id: int | None) -> int | None:
    """The group that owns an action: its own group, or else the group owning its work stream."""
    return action_group_id if action_group_id is not None else work_stream_group_id
