"""The rules of a challenge, as plain Python: who may respond, accept or close it, which status
it may move to, and when it is due. The access module applies them to the record in hand.

A challenge is open until the record's owner (or the partnership manager) responds; the person
who raised it (or the manager) then accepts the response, or closes the challenge at any time
while it is live. Accepted and closed challenges are settled: nothing moves them again.
"""

from __future__ import annotations

import datetime

OPEN, RESPONDED, ACCEPTED, CLOSED = "open", "responded", "accepted", "closed"
STATUS_LABELS = {
    OPEN: "Open",
    RESPONDED: "Responded",
    ACCEPTED: "Accepted",
    CLOSED: "Closed",
}
LIVE = frozenset({OPEN, RESPONDED})

RESPOND, ACCEPT, CLOSE = "respond", "accept", "close"
_ALLOWED_FROM = {RESPOND: LIVE, ACCEPT: frozenset({RESPONDED}), CLOSE: LIVE}
_MOVES_TO = {RESPOND: RESPONDED, ACCEPT: ACCEPTED, CLOSE: CLOSED}


def may_respond(*, status: str, is_owner: bool, is_manager: bool) -> bool:
    """The owner of the record, or the partnership manager, responds while it is live (a second
    response replaces the first until the challenge is accepted or closed)."""
    return status in LIVE and (is_owner or is_manager)


def may_accept(*, status: str, is_raiser: bool, is_manager: bool) -> bool:
    return status == RESPONDED and (is_raiser or is_manager)


def may_close(*, status: str, is_raiser: bool, is_manager: bool) -> bool:
    return status in LIVE and (is_raiser or is_manager)


def transition_problem(move: str, status: str) -> str | None:
    """Why `move` cannot be made from `status` now (someone settled it meanwhile), or None."""
    if status in _ALLOWED_FROM[move]:
        return None
    if move == ACCEPT and status == OPEN:
        return "There is no response to accept yet."
    return f"This challenge is already {STATUS_LABELS.get(status, status).lower()}."


def moved_to(move: str) -> str:
    return _MOVES_TO[move]


def response_due_problem(due: datetime.date, today: datetime.date) -> str | None:
    if due < today:
        return "The date a response is needed by must be today or in the future"
    if due > today + datetime.timedelta(days=366):
        return "The date a response is needed by must be within a year"
    return None


def urgency(due: datetime.date | None, today: datetime.date, *, soon_days: int) -> str:
    """ "overdue", "due_soon" or "waiting", by the response date."""
    if due is not None and due < today:
        return "overdue"
    if due is not None and due <= today + datetime.timedelta(days=soon_days):
        return "due_soon"
    return "waiting"


def signer_description(*, name: str, job_title: str, role_label: str) -> str:
    """How a sign-off names the signer: "Ann Example, Independent Chair" (their job title, or
    else their role in the partnership)."""
    capacity = job_title.strip() or role_label
    return f"{name.strip()}, {capacity}" if name.strip() else capacity
