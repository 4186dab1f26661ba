"""Write a checked plan file into a partnership, all or nothing."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.finance.models import BudgetLine, BudgetYear, Contribution, Spend, StaffPost
from safeboard.governance.models import BoardLink, Group, GroupMember
from safeboard.partnerships.models import Agency, Partnership
from safeboard.plans.models import Action, Plan, ProgressUpdate, Statement, Theme, WorkStream

from .schema import PartnershipFile


def _save(instance: Any, by: User | None) -> Any:
    instance._history_user = by
    instance.save()
    return instance


def partnership_is_empty(partnership: Partnership) -> bool:
    return not any(
        model.objects.filter(partnership=partnership).exists()
        for model in (Agency, Group, BoardLink, Plan, BudgetYear, StaffPost)
    )


@transaction.atomic
def import_partnership(
    data: PartnershipFile, *, into: Partnership | None = None, slug: str = "", by: User | None
) -> Partnership:
    """Into an existing, empty partnership (`into`), or a new one with web address `slug`."""
    if into is None:
        if not slug:
            raise ApplicationError("Choose a web address name for the new partnership.")
        if Partnership.objects.filter(slug=slug).exists():
            raise ApplicationError(f"A partnership already uses the web address {slug}.")
        into = Partnership(slug=slug)
    elif not partnership_is_empty(into):
        raise ApplicationError(
            "This partnership already has agencies, groups, plans or a budget. A plan file can "
            "only be imported into an empty partnership."
        )
    p = into
    p.name, p.short_name, p.area = (
        data.partnership.name,
        data.partnership.short_name,
        data.partnership.area,
    )
    try:
        _save(p, by)
        _write(p, data, by)
    except IntegrityError as error:  # a rule the checks missed: refuse, write nothing
        raise ApplicationError(f"The file could not be imported: {error}") from error
    return p


def _write(p: Partnership, data: PartnershipFile, by: User | None) -> None:
    agencies: dict[str, Agency] = {}
    for agency_in in data.agencies:
        agencies[agency_in.key] = _save(
            Agency(
                partnership=p,
                key=agency_in.key,
                name=agency_in.name,
                short_name=agency_in.short_name,
                agency_type=agency_in.type,
            ),
            by,
        )
    groups: dict[str, Group] = {}
    for position, g in enumerate(data.groups):
        groups[g.key] = _save(
            Group(
                partnership=p,
                key=g.key,
                name=g.name,
                short_name=g.short_name,
                group_type=g.type,
                key_functions=g.key_functions,
                terms_of_reference=g.terms_of_reference,
                chair_description=g.chair,
                vice_chair_description=g.vice_chair,
                position=position,
            ),
            by,
        )
    for g in data.groups:
        if g.reports_to:
            group = groups[g.key]
            group.parent = groups[g.reports_to]
            _save(group, by)
        for m in g.members:
            _save(
                GroupMember(
                    partnership=p,
                    group=groups[g.key],
                    name=m.name,
                    agency=agencies[m.agency] if m.agency else None,
                    role_in_group=m.role,
                    is_lay_member=m.lay_member,
                ),
                by,
            )
    for link in data.board_links:
        _save(
            BoardLink(
                partnership=p,
                key=link.key,
                name=link.name,
                kind=link.kind,
                relationship=link.relationship,
            ),
            by,
        )
    for plan_in in data.plans:
        plan = _save(
            Plan(
                partnership=p,
                key=plan_in.key,
                title=plan_in.title,
                start_year=plan_in.period.start,
                end_year=plan_in.period.end,
                version=plan_in.version,
                status=plan_in.status or "",
                approved_by=plan_in.approved_by,
                date_approved=plan_in.date_approved,
                author=plan_in.author,
                date_issued=plan_in.date_issued,
                review_date=plan_in.review_date,
            ),
            by,
        )
        for position, s in enumerate(plan_in.statements):
            _save(
                Statement(
                    partnership=p,
                    plan=plan,
                    kind=s.kind,
                    title=s.title,
                    body=s.body,
                    signed_by=s.signed_by,
                    position=position,
                ),
                by,
            )
        themes: dict[str, Theme] = {}
        for position, t in enumerate(plan_in.themes):
            themes[t.key] = _save(
                Theme(
                    partnership=p,
                    plan=plan,
                    key=t.key,
                    kind=t.kind,
                    title=t.title,
                    description=t.description,
                    outcome_wanted=t.outcome_wanted,
                    bellwether=t.bellwether,
                    position=position,
                ),
                by,
            )
        streams: dict[str, WorkStream] = {}
        for position, w in enumerate(plan_in.work_streams):
            stream = _save(
                WorkStream(
                    partnership=p,
                    plan=plan,
                    key=w.key,
                    title=w.title,
                    description=w.description,
                    group=groups[w.group] if w.group else None,
                    position=position,
                ),
                by,
            )
            stream.themes.set([themes[k] for k in w.themes])
            streams[w.key] = stream
        for position, item in enumerate(plan_in.actions):
            action = _save(
                Action(
                    partnership=p,
                    plan=plan,
                    key=item.key,
                    title=item.title,
                    description=item.description,
                    work_stream=streams[item.work_stream] if item.work_stream else None,
                    group=groups[item.group] if item.group else None,
                    lead_agency=agencies[item.lead_agency] if item.lead_agency else None,
                    start_date=item.start_date,
                    due_date=item.due_date,
                    status=item.status or "",
                    rag=item.rag or "",
                    impact_measure=item.impact_measure,
                    position=position,
                ),
                by,
            )
            action.themes.set([themes[k] for k in item.themes])
            for u in item.updates:
                _save(
                    ProgressUpdate(
                        partnership=p,
                        action=action,
                        date=u.date,
                        narrative=u.narrative,
                        rag=u.rag or "",
                        status=u.status or "",
                        evidence_url=u.evidence_url,
                        recorded_by=by,
                    ),
                    by,
                )
    for y in data.budget:
        year = _save(
            BudgetYear(partnership=p, label=y.year, start_year=y.start_year, notes=y.notes), by
        )
        for position, line_in in enumerate(y.lines):
            line = _save(
                BudgetLine(
                    partnership=p,
                    year=year,
                    key=line_in.key,
                    name=line_in.name,
                    kind=line_in.kind,
                    position=position,
                ),
                by,
            )
            for cposition, c in enumerate(line_in.contributions):
                _save(
                    Contribution(
                        partnership=p,
                        line=line,
                        agency=agencies[c.agency],
                        agency_group=c.group,
                        amount=c.amount,
                        position=cposition,
                    ),
                    by,
                )
            for spend in line_in.spend:
                _save(
                    Spend(
                        partnership=p,
                        line=line,
                        date=spend.date,
                        description=spend.description,
                        amount=spend.amount,
                    ),
                    by,
                )
    for position, post in enumerate(data.staffing):
        _save(
            StaffPost(
                partnership=p,
                title=post.title,
                posts=post.posts,
                fte=post.fte,
                as_stated=post.as_stated,
                position=position,
            ),
            by,
        )
