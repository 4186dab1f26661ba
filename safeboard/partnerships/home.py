"""What needs a person: the contract between the home page, the reminders and every module.

Each module that has work for people names a function in its entry (`Module.home`,
"package.module:function"). The function is called as

    contribution(access, *, today, since) -> list[Panel]

with the person's `PartnershipAccess` (built from a request, or from a membership by the reminder
worker, so it must not read the request), today's date in the partnership's time zone, and when
the person last looked at their home page (None on a first visit). It returns the panels of that
module for that person, each costing a fixed number of queries whatever the data size, and none
for what the person's role has nothing to do with.

The home page shows every module's panels in `order`; the reminders e-mail the items of the
panels marked `remind`, never twice for the same `WorkItem.key` in the same digest period, so a
key names one thing that is due or waiting ("plans.action:42:overdue"), not a moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from safeboard.partnerships.access import PartnershipAccess


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    WAITING = "waiting"
    """Waiting for this person: an approval, a response to a challenge, a sign-off."""
    WATCH = "watch"
    """For information: off track, a signal in the data, changed since the last visit."""

    @property
    def label(self) -> str:
        return {
            Urgency.OVERDUE: "Overdue",
            Urgency.DUE_SOON: "Due soon",
            Urgency.WAITING: "Waiting for you",
            Urgency.WATCH: "To note",
        }[self]


@dataclass(frozen=True)
class WorkItem:
    key: str
    """Stable identity of the thing due or waiting: the reminders' de-duplication key."""
    title: str
    url: str
    urgency: Urgency
    due: dt.date | None = None
    detail: str = ""
    """One short line beside the title ("Children's social care, due 3 March 2027")."""


@dataclass(frozen=True)
class Panel:
    key: str
    """Unique among every module's panels ("plans.my_actions")."""
    heading: str
    items: tuple[WorkItem, ...]
    """The first few items (at most `PANEL_ITEMS`), most urgent first."""
    count: int
    """How many there are in all; the page says "and N more" with `more_url`."""
    order: int = 100
    more_url: str = ""
    remind: bool = False
    """Whether these items are worth an e-mail reminder (due, late, waiting for a response)."""
    warning: str = ""
    """A caution the reader must see ("Most actions have no RAG rating yet")."""
    empty: str = ""
    """What to say when there is nothing ("No actions are overdue or due soon"); a panel with no
    items and no `empty` text is not shown."""


PANEL_ITEMS = 5
DUE_SOON_DAYS = 14

Contribution = Callable[..., list[Panel]]


def contributions() -> list[Contribution]:
    """Every registered module's contribution, in `INSTALLED_APPS` order."""
    from safeboard.core.modules import registered, resolve

    return [resolve(module.home) for module in registered() if module.home]


def panels_for(
    access: PartnershipAccess, *, today: dt.date, since: dt.datetime | None
) -> list[Panel]:
    panels = [
        panel
        for contribution in contributions()
        for panel in contribution(access, today=today, since=since)
    ]
    return sorted(panels, key=lambda panel: (panel.order, panel.key))
