"""What the data set asks of a person, for their home page and reminders (the contract is
`safeboard.partnerships.home`).

- "Returns your agency owes" (agency leads): their agency's returns not yet submitted that are
  overdue, due within `DUE_SOON_DAYS`, or sent back for changes. Reminded by e-mail.
- "Returns waiting for approval" and "Agencies with late returns" (analysts and managers, who
  approve data). Reminded by e-mail.
- "Indicators to look at" (chairs, board members, analysts, managers): indicators whose latest
  point is special-cause concern, or whose target SPC says is consistently missed, read from the
  stored analysis (`indicators.analysis.stored_series`): nothing is worked out here.

Each panel costs a fixed number of queries whatever the number of returns or indicators.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Q
from django.urls import reverse

from safeboard.partnerships.access import PartnershipAccess
from safeboard.partnerships.domain.roles import Capability, Role
from safeboard.partnerships.home import DUE_SOON_DAYS, PANEL_ITEMS, Panel, Urgency, WorkItem

from .domain import periods
from .domain.returns import EDITABLE
from .indicators.analysis import stored_series
from .indicators.presenters import ILLUSTRATIVE_LABEL
from .indicators.series import IndicatorSeries
from .models import AgencyReturn, Indicator, ReturnStatus

WATCHING_ROLES = frozenset({Role.MANAGER, Role.CHAIR, Role.BOARD_MEMBER, Role.ANALYST})


def panels(access: PartnershipAccess, *, today: dt.date, since: dt.datetime | None) -> list[Panel]:
    found: list[Panel | None] = []
    if access.can(Capability.SUBMIT_OWN_AGENCY_DATA) and access.agency_id is not None:
        found.append(agency_returns_panel(access, agency_id=access.agency_id, today=today))
    if access.can(Capability.APPROVE_DATA):
        found.append(approval_panel(access))
        found.append(late_agencies_panel(access, today=today))
    if access.role in WATCHING_ROLES:
        found.append(indicators_panel(access))
    if access.can(Capability.MANAGE_INDICATORS):
        found.append(first_steps_panel(access))
    return [panel for panel in found if panel is not None]


def _url(access: PartnershipAccess, name: str, *args: object) -> str:
    return reverse(name, args=[access.partnership.slug, *args])


def _period(agency_return: AgencyReturn) -> str:
    return periods.label(agency_return.period_start, agency_return.frequency)


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def agency_returns_panel(access: PartnershipAccess, *, agency_id: int, today: dt.date) -> Panel:
    """Two queries: the first few, and how many in all."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    owed = AgencyReturn.objects.filter(
        Q(due_date__lte=soon) | Q(status=ReturnStatus.RETURNED),
        partnership=access.partnership,
        agency_id=agency_id,
        status__in=EDITABLE,
    ).order_by("due_date", "pk")
    rows = list(owed[:PANEL_ITEMS])
    count = owed.count()
    items = []
    for r in rows:
        if r.due_date < today:
            urgency, state = Urgency.OVERDUE, "overdue"
            detail = f"Overdue: it was due {_date(r.due_date)}"
        elif r.status == ReturnStatus.RETURNED:
            urgency, state = Urgency.WAITING, "sent_back"
            detail = f"Sent back for changes; due {_date(r.due_date)}"
        else:
            urgency, state = Urgency.DUE_SOON, "due_soon"
            detail = f"Due {_date(r.due_date)}"
        if r.status == ReturnStatus.RETURNED and state != "sent_back":
            detail += " (sent back for changes)"
        items.append(
            WorkItem(
                key=f"performance.return:{r.pk}:{state}",
                title=f"{_period(r)} return",
                url=_url(access, "performance:return_detail", r.pk),
                urgency=urgency,
                due=r.due_date,
                detail=detail,
            )
        )
    return Panel(
        key="performance.agency_returns",
        heading="Returns your agency owes",
        items=tuple(items),
        count=count,
        order=20,
        more_url=_url(access, "performance:my_returns"),
        remind=True,
        empty=f"Your agency owes no return in the next {DUE_SOON_DAYS} days.",
    )


def approval_panel(access: PartnershipAccess) -> Panel:
    """Two queries."""
    waiting = AgencyReturn.objects.filter(
        partnership=access.partnership, status=ReturnStatus.SUBMITTED
    ).order_by("submitted_at", "pk")
    rows = list(waiting.select_related("agency")[:PANEL_ITEMS])
    count = waiting.count()
    return Panel(
        key="performance.approvals",
        heading="Returns waiting for approval",
        items=tuple(
            WorkItem(
                key=f"performance.return:{r.pk}:submitted",
                title=f"{r.agency.name}: {_period(r)} return",
                url=_url(access, "performance:return_detail", r.pk),
                urgency=Urgency.WAITING,
                due=r.due_date,
                detail=f"Submitted {_date(r.submitted_at.date())}"
                if r.submitted_at
                else "Submitted",
            )
            for r in rows
        ),
        count=count,
        order=25,
        more_url=_url(access, "performance:returns_overview"),
        remind=True,
        empty="No return is waiting for approval.",
    )


def late_agencies_panel(access: PartnershipAccess, *, today: dt.date) -> Panel:
    """One query: every overdue return's agency (a few per agency at most)."""
    late = Counter[tuple[int, str]]()
    oldest: dict[int, dt.date] = {}
    for agency_id, name, due in (
        AgencyReturn.objects.filter(
            partnership=access.partnership, status__in=EDITABLE, due_date__lt=today
        )
        .order_by("due_date")
        .values_list("agency_id", "agency__name", "due_date")
    ):
        late[(agency_id, name)] += 1
        oldest.setdefault(agency_id, due)
    ranked = sorted(late.items(), key=lambda pair: (oldest[pair[0][0]], pair[0][1]))
    return Panel(
        key="performance.late_agencies",
        heading="Agencies with late returns",
        items=tuple(
            WorkItem(
                key=f"performance.agency:{agency_id}:late",
                title=name,
                url=_url(access, "performance:returns_overview"),
                urgency=Urgency.OVERDUE,
                due=oldest[agency_id],
                detail=f"{n} return{'s' if n != 1 else ''} overdue, the oldest due "
                f"{_date(oldest[agency_id])}",
            )
            for (agency_id, name), n in ranked[:PANEL_ITEMS]
        ),
        count=len(ranked),
        order=26,
        more_url=_url(access, "performance:returns_overview"),
        remind=True,
        empty="No agency is late with a return.",
    )


def first_steps_panel(access: PartnershipAccess) -> Panel | None:
    """A partnership with no indicator is told where to add them. One query."""
    if Indicator.objects.filter(partnership=access.partnership).exists():
        return None
    return Panel(
        key="performance.first_steps",
        heading="First steps",
        items=(
            WorkItem(
                key="performance.first_steps:indicators",
                title="Add indicators",
                url=_url(access, "performance:indicator_create"),
                urgency=Urgency.WATCH,
                detail="The measures the board watches; agencies then send their values in "
                "returns, or you import them.",
            ),
        ),
        count=1,
        order=0,
    )


def _signal(series: IndicatorSeries) -> str:
    """Why the indicator needs a look, in words; "" when it does not."""
    reasons = []
    if (series.variation_icon or "").startswith("concern"):
        reasons.append(series.variation[1])
    if series.assurance_icon == "fail":
        reasons.append(series.assurance[1])
    return "; ".join(reasons)


def indicators_panel(access: PartnershipAccess) -> Panel | None:
    """Two queries: the indicators and their stored analyses (summaries only)."""
    indicators = list(
        Indicator.objects.active()
        .filter(partnership=access.partnership)
        .order_by("position", "code")
    )
    if not indicators:
        return None
    flagged = [
        (series, reason)
        for series in stored_series(indicators, detail=False)
        if (reason := _signal(series))
    ]
    # Concern and a missed target together first, then by the indicators' own order.
    flagged.sort(key=lambda pair: -pair[1].count(";"))
    return Panel(
        key="performance.indicators",
        heading="Indicators showing concern or missing their target",
        items=tuple(
            WorkItem(
                key=f"performance.indicator:{series.indicator.pk}:signal",
                title=series.indicator.name,
                url=_url(access, "performance:indicator_detail", series.indicator.pk),
                urgency=Urgency.WATCH,
                detail=f"{reason}. {ILLUSTRATIVE_LABEL}"
                if series.indicator.is_illustrative
                else reason,
            )
            for series, reason in flagged[:PANEL_ITEMS]
        ),
        count=len(flagged),
        order=45,
        more_url=_url(access, "performance:dashboard"),
        empty="No indicator shows special-cause concern or consistently misses its target.",
    )
