"""A partnership as a plan file (YAML, format version 1). Blank fields are left out, so the file
holds only what was recorded; importing it and exporting again gives the same text."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import yaml

from safeboard.finance.models import BudgetYear, StaffPost
from safeboard.governance.models import BoardLink, Group
from safeboard.partnerships.models import Agency, Partnership
from safeboard.plans.models import Plan

from .schema import FORMAT, VERSION


def _compact(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v not in (None, "", [], False)}


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _quantity(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def document_for(p: Partnership) -> dict[str, Any]:
    agencies = list(Agency.objects.filter(partnership=p).order_by("name", "pk"))
    groups = list(
        Group.objects.filter(partnership=p)
        .select_related("parent", "chair__user", "vice_chair__user")
        .prefetch_related("members__agency", "members__membership__user")
        .order_by("position", "pk")
    )

    def chair(membership: Any, description: str) -> str:
        return membership.user.full_name if membership is not None else description

    plans = (
        Plan.objects.filter(partnership=p)
        .prefetch_related(
            "statements",
            "themes",
            "work_streams__group",
            "work_streams__themes",
            "actions__work_stream",
            "actions__group",
            "actions__lead_agency",
            "actions__themes",
            "actions__updates",
        )
        .order_by("start_year", "pk")
    )
    years = (
        BudgetYear.objects.filter(partnership=p)
        .prefetch_related("lines__contributions__agency", "lines__spend")
        .order_by("start_year")
    )
    return _compact(
        {
            "format": FORMAT,
            "version": VERSION,
            "partnership": _compact({"name": p.name, "short_name": p.short_name, "area": p.area}),
            "agencies": [
                _compact(
                    {
                        "key": a.key,
                        "name": a.name,
                        "short_name": a.short_name,
                        "type": a.agency_type,
                    }
                )
                for a in agencies
            ],
            "groups": [
                _compact(
                    {
                        "key": g.key,
                        "name": g.name,
                        "short_name": g.short_name,
                        "type": g.group_type,
                        "reports_to": g.parent.key if g.parent else None,
                        "key_functions": g.key_functions,
                        "terms_of_reference": g.terms_of_reference,
                        "chair": chair(g.chair, g.chair_description),
                        "vice_chair": chair(g.vice_chair, g.vice_chair_description),
                        "members": [
                            _compact(
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
                _compact(
                    {"key": b.key, "name": b.name, "kind": b.kind, "relationship": b.relationship}
                )
                for b in BoardLink.objects.filter(partnership=p).order_by("name", "pk")
            ],
            "plans": [_plan(plan) for plan in plans],
            "budget": [
                _compact(
                    {
                        "year": y.label,
                        "start_year": y.start_year,
                        "notes": y.notes,
                        "lines": [
                            _compact(
                                {
                                    "key": line.key,
                                    "name": line.name,
                                    "kind": line.kind,
                                    "contributions": [
                                        {
                                            "agency": c.agency.key,
                                            "group": c.agency_group,
                                            "amount": _amount(c.amount),
                                        }
                                        for c in line.contributions.all()
                                    ],
                                    "spend": [
                                        {
                                            "date": s.date,
                                            "description": s.description,
                                            "amount": _amount(s.amount),
                                        }
                                        for s in line.spend.all()
                                    ],
                                }
                            )
                            for line in y.lines.all()
                        ],
                    }
                )
                for y in years
            ],
            "staffing": [
                _compact(
                    {
                        "title": s.title,
                        "posts": _quantity(s.posts),
                        "fte": _quantity(s.fte),
                        "as_stated": s.as_stated,
                    }
                )
                for s in StaffPost.objects.filter(partnership=p).order_by("position", "pk")
            ],
        }
    )


def _plan(plan: Plan) -> dict[str, Any]:
    return _compact(
        {
            "key": plan.key,
            "title": plan.title,
            "period": {"start": plan.start_year, "end": plan.end_year},
            "version": plan.version,
            "status": plan.status,
            "approved_by": plan.approved_by,
            "date_approved": plan.date_approved,
            "author": plan.author,
            "date_issued": plan.date_issued,
            "review_date": plan.review_date,
            "statements": [
                _compact(
                    {"kind": s.kind, "title": s.title, "body": s.body, "signed_by": s.signed_by}
                )
                for s in sorted(plan.statements.all(), key=lambda s: (s.position, s.pk))
            ],
            "themes": [
                _compact(
                    {
                        "key": t.key,
                        "kind": t.kind,
                        "title": t.title,
                        "description": t.description,
                        "outcome_wanted": t.outcome_wanted,
                        "bellwether": t.bellwether,
                    }
                )
                for t in sorted(plan.themes.all(), key=lambda t: (t.position, t.pk))
            ],
            "work_streams": [
                _compact(
                    {
                        "key": w.key,
                        "title": w.title,
                        "description": w.description,
                        "group": w.group.key if w.group else None,
                        "themes": sorted(t.key for t in w.themes.all()),
                    }
                )
                for w in sorted(plan.work_streams.all(), key=lambda w: (w.position, w.pk))
            ],
            "actions": [
                _compact(
                    {
                        "key": a.key,
                        "title": a.title,
                        "description": a.description,
                        "work_stream": a.work_stream.key if a.work_stream else None,
                        "group": a.group.key if a.group else None,
                        "lead_agency": a.lead_agency.key if a.lead_agency else None,
                        "start_date": a.start_date,
                        "due_date": a.due_date,
                        "status": a.status,
                        "rag": a.rag,
                        "themes": sorted(t.key for t in a.themes.all()),
                        "impact_measure": a.impact_measure,
                        "updates": [
                            _compact(
                                {
                                    "date": u.date,
                                    "narrative": u.narrative,
                                    "rag": u.rag,
                                    "status": u.status,
                                    "evidence_url": u.evidence_url,
                                }
                            )
                            for u in sorted(a.updates.all(), key=lambda u: (u.date, u.pk))
                        ],
                    }
                )
                for a in sorted(plan.actions.all(), key=lambda a: (a.position, a.pk))
            ],
        }
    )


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _date(dumper: yaml.SafeDumper, value: datetime.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _str)
_Dumper.add_representer(datetime.date, _date)


def export_partnership(p: Partnership) -> str:
    header = (
        f"# Safeboard plan file (format {FORMAT}, version {VERSION}).\n"
        "# See docs/how-to/plan-files.md. Import into an empty partnership to recreate it.\n"
    )
    body = yaml.dump(
        document_for(p), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return header + body
