"""What of the data set people may comment on, challenge and sign off (`partnerships.subjects`):
indicators (their report cards), agency returns and the performance report at a period. Each
lookup is a fixed number of queries inside the partnership, whatever the number of keys."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.urls import reverse

from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Membership, Partnership
from safeboard.partnerships.subjects import Owner, Subject, SubjectRecord, ids_of

from .domain import periods
from .indicators.selectors import report_periods
from .models import AgencyReturn, Indicator


def _owner(membership: Membership) -> Owner:
    return Owner(membership.pk, membership.user.full_name or membership.user.email)


def indicators(partnership: Partnership, keys: Collection[str]) -> dict[str, SubjectRecord]:
    """An indicator is answered for by its owner."""
    found = Indicator.objects.filter(partnership=partnership, pk__in=ids_of(keys)).select_related(
        "owner__user"
    )
    return {
        str(i.pk): SubjectRecord(
            kind="performance.indicator",
            key=str(i.pk),
            title=f"{i.code} {i.name}",
            url=reverse("performance:indicator_detail", args=[partnership.slug, i.pk]),
            label="Indicator",
            owners=(_owner(i.owner),) if i.owner and i.owner.archived_at is None else (),
        )
        for i in found
    }


def returns(partnership: Partnership, keys: Collection[str]) -> dict[str, SubjectRecord]:
    """An agency return is answered for by the leads of its agency."""
    found = list(
        AgencyReturn.objects.filter(partnership=partnership, pk__in=ids_of(keys)).select_related(
            "agency"
        )
    )
    leads: dict[int, list[Owner]] = {}
    if found:
        for lead in (
            Membership.objects.active()
            .filter(
                partnership=partnership,
                role=Role.AGENCY_LEAD.value,
                agency_id__in={r.agency_id for r in found},
            )
            .select_related("user")
        ):
            assert lead.agency_id is not None
            leads.setdefault(lead.agency_id, []).append(_owner(lead))
    return {
        str(r.pk): SubjectRecord(
            kind="performance.agencyreturn",
            key=str(r.pk),
            title=f"{r.agency.name} return for {periods.label(r.period_start, r.frequency)}",
            url=reverse("performance:return_detail", args=[partnership.slug, r.pk]),
            label="Agency return",
            owners=tuple(leads.get(r.agency_id, ())),
        )
        for r in found
    }


REPORT = "performance.report"


def _report(partnership: Partnership, period: datetime.date) -> SubjectRecord:
    url = reverse("performance:report", args=[partnership.slug])
    return SubjectRecord(
        kind=REPORT,
        key=period.isoformat(),
        title=f"Performance report to {periods.label(period, periods.MONTHLY)}",
        url=f"{url}?period={period.isoformat()}",
        label="Performance report",
    )


def _period(key: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(key)
    except ValueError:
        return None


def report_choices(partnership: Partnership) -> list[SubjectRecord]:
    """The periods the report can be read at, newest first. The partnership manager answers for
    the report."""
    return [_report(partnership, p) for p in report_periods(partnership=partnership)]


def reports(partnership: Partnership, keys: Collection[str]) -> dict[str, SubjectRecord]:
    wanted = {p for p in map(_period, keys) if p is not None}
    if not wanted:
        return {}
    return {r.key: r for r in report_choices(partnership) if _period(r.key) in wanted}


def _report_key(period: datetime.date) -> str:
    return period.isoformat()


SUBJECTS = (
    Subject(kind="performance.indicator", label="Indicator", lookup=indicators),
    Subject(kind="performance.agencyreturn", label="Agency return", lookup=returns),
    Subject(
        kind=REPORT,
        label="Performance report",
        lookup=reports,
        key_of=_report_key,
        choices=report_choices,
    ),
)
