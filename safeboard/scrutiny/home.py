"""What scrutiny needs of a person, for their home page and reminders (`partnerships.home`):
challenges waiting for their response, the challenges they raised that are still live, and (for
those who sign off) plans and meeting reports waiting for sign-off. Each panel costs a fixed
number of queries: the challenges in one, the records they are about in one per kind."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse

from safeboard.partnerships.access import PartnershipAccess
from safeboard.partnerships.domain.roles import Capability, Role
from safeboard.partnerships.home import DUE_SOON_DAYS, PANEL_ITEMS, Panel, Urgency, WorkItem

from . import selectors
from .domain import challenges
from .models import ChallengeStatus

# How far ahead a board meeting asks for its performance report to be signed off.
SIGN_OFF_AHEAD_DAYS = 56
_RANK = {Urgency.OVERDUE: 0, Urgency.DUE_SOON: 1, Urgency.WAITING: 2, Urgency.WATCH: 3}


def _urgency(due: datetime.date | None, today: datetime.date) -> Urgency:
    return Urgency(challenges.urgency(due, today, soon_days=DUE_SOON_DAYS))


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _first(items: Iterable[WorkItem]) -> tuple[WorkItem, ...]:
    ordered = sorted(items, key=lambda i: (_RANK[i.urgency], i.due or datetime.date.max))
    return tuple(ordered[:PANEL_ITEMS])


def _challenge_url(access: PartnershipAccess, pk: int) -> str:
    return reverse("scrutiny:challenge_detail", args=[access.partnership.slug, pk])


def _log_url(access: PartnershipAccess, status: str = "") -> str:
    url = reverse("scrutiny:challenge_log", args=[access.partnership.slug])
    return f"{url}?status={status}" if status else url


def _name(row: selectors.ChallengeRow) -> str:
    user = row.comment.author.user
    return user.full_name or user.email


def awaiting_response(access: PartnershipAccess, today: datetime.date) -> Panel:
    """Open challenges of records the person owns (a manager answers for records with no
    owner)."""
    manager = access.role is Role.MANAGER
    rows = selectors.with_subjects(
        partnership=access.partnership,
        comments=[
            c
            for c in selectors.live_challenges(partnership=access.partnership)
            if c.status == ChallengeStatus.OPEN
        ],
    )
    mine = [
        r
        for r in rows
        if access.membership.pk in r.subject.owner_ids or (manager and not r.subject.owners)
    ]
    items = []
    for r in mine:
        urgency = _urgency(r.comment.response_due, today)
        state = "overdue" if urgency is Urgency.OVERDUE else "awaiting-response"
        due = r.comment.response_due
        items.append(
            WorkItem(
                key=f"scrutiny.challenge:{r.comment.pk}:{state}",
                title=f"{r.subject.label}: {r.subject.title}",
                url=_challenge_url(access, r.comment.pk),
                urgency=urgency,
                due=due,
                detail=f"Challenge from {_name(r)}" + (f", respond by {_day(due)}" if due else ""),
            )
        )
    return Panel(
        key="scrutiny.awaiting_response",
        heading="Challenges waiting for your response",
        items=_first(items),
        count=len(items),
        order=30,
        more_url=_log_url(access, ChallengeStatus.OPEN),
        remind=True,
        empty="No challenges are waiting for your response.",
    )


def raised(access: PartnershipAccess, today: datetime.date) -> Panel:
    """The person's own challenges still live: a response to accept, or one still awaited."""
    rows = selectors.with_subjects(
        partnership=access.partnership,
        comments=selectors.raised_by(membership=access.membership),
    )
    items = []
    for r in rows:
        responded = r.comment.status == ChallengeStatus.RESPONDED
        due = r.comment.response_due
        items.append(
            WorkItem(
                key=f"scrutiny.challenge:{r.comment.pk}:{r.comment.status}",
                title=f"{r.subject.label}: {r.subject.title}",
                url=_challenge_url(access, r.comment.pk),
                urgency=Urgency.WAITING if responded else Urgency.WATCH,
                due=due,
                detail="Responded: accept the response or close the challenge"
                if responded
                else f"Waiting for {r.subject.owner_names or 'the partnership manager'}"
                + (f", due {_day(due)}" if due else ""),
            )
        )
    return Panel(
        key="scrutiny.raised",
        heading="Your open challenges",
        items=_first(items),
        count=len(items),
        order=60,
        more_url=_log_url(access),
    )


def awaiting_sign_off(access: PartnershipAccess, today: datetime.date) -> Panel:
    """Plans not signed off, and the board's coming meetings with no report signed off."""
    slug = access.partnership.slug
    items = [
        WorkItem(
            key=f"scrutiny.plan:{plan.pk}:sign-off",
            title=plan.title,
            url=reverse("scrutiny:plan_sign_off", args=[slug, plan.pk]),
            urgency=Urgency.WAITING,
            detail="Plan version not signed off"
            + (f" (version {plan.version})" if plan.version else ""),
        )
        for plan in selectors.plans_awaiting_sign_off(partnership=access.partnership)
    ]
    until = today + datetime.timedelta(days=SIGN_OFF_AHEAD_DAYS)
    report_url = reverse("scrutiny:report_sign_off", args=[slug])
    for meeting in selectors.meetings_awaiting_report(
        partnership=access.partnership, today=today, until=until
    ):
        soon = meeting.date <= today + datetime.timedelta(days=DUE_SOON_DAYS)
        items.append(
            WorkItem(
                key=f"scrutiny.meeting:{meeting.pk}:report-sign-off",
                title=f"Performance report for {meeting.group.name}, {_day(meeting.date)}",
                url=report_url,
                urgency=Urgency.DUE_SOON if soon else Urgency.WAITING,
                due=meeting.date,
                detail="No report signed off for this meeting yet",
            )
        )
    return Panel(
        key="scrutiny.awaiting_sign_off",
        heading="Waiting for your sign-off",
        items=_first(items),
        count=len(items),
        order=35,
        empty="Nothing is waiting for your sign-off.",
    )


def panels(
    access: PartnershipAccess, *, today: datetime.date, since: datetime.datetime | None
) -> list[Panel]:
    found = []
    if access.can(Capability.COMMENT):
        found += [awaiting_response(access, today), raised(access, today)]
    if access.can(Capability.SIGN_OFF):
        found.append(awaiting_sign_off(access, today))
    return found
