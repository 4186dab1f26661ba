"""The plan's part of the plan file: each plan with its statements, priorities and themes, work
streams, actions and their dated progress updates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal

from pydantic import StringConstraints

from safeboard.accounts.models import User
from safeboard.interchange.problems import Problem
from safeboard.interchange.schema import (
    Body,
    Date,
    Key,
    Line,
    LongTitle,
    Name,
    Short,
    Strict,
    Text,
    Title,
    Year,
)
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
from safeboard.partnerships.models import Partnership

from .models import Plan
from .services import (
    action_create,
    plan_create,
    progress_update_record,
    statement_create,
    theme_create,
    work_stream_create,
)


class PeriodIn(Strict):
    start: Year
    end: Year


class StatementIn(Strict):
    kind: Literal[
        "introduction",
        "foreword",
        "vision",
        "mission",
        "values",
        "principles",
        "approach",
        "monitoring",
        "other",
    ]
    title: Name
    body: Body
    signed_by: Line = ""


class ThemeIn(Strict):
    key: Key
    kind: Literal["strategic_priority", "key_theme", "broader_theme", "cross_cutting", "outcome"]
    title: LongTitle
    description: Text = ""
    outcome_wanted: Text = ""
    bellwether: Text = ""


class WorkStreamIn(Strict):
    key: Key
    title: LongTitle
    description: Text = ""
    group: Key | None = None
    themes: list[Key] = []


Status = Literal["not_started", "on_track", "at_risk", "off_track", "complete", "cancelled"]
RagValue = Literal["red", "amber", "green"]


class UpdateIn(Strict):
    date: Date
    narrative: Body
    rag: RagValue | None = None
    status: Status | None = None
    evidence_url: Annotated[
        str, StringConstraints(max_length=200, pattern=r"^(https?://\S+)?$")
    ] = ""


class ActionIn(Strict):
    key: Key
    title: Title
    description: Text = ""
    work_stream: Key | None = None
    group: Key | None = None
    lead_agency: Key | None = None
    start_date: Date | None = None
    due_date: Date | None = None
    status: Status | None = None
    rag: RagValue | None = None
    themes: list[Key] = []
    impact_measure: Text = ""
    updates: list[UpdateIn] = []


class PlanIn(Strict):
    key: Key
    title: Name
    period: PeriodIn
    version: Short = ""
    status: Literal["draft", "approved", "superseded"] | None = None
    approved_by: Line = ""
    date_approved: Date | None = None
    author: Line = ""
    date_issued: Date | None = None
    review_date: Date | None = None
    statements: list[StatementIn] = []
    themes: list[ThemeIn] = []
    work_streams: list[WorkStreamIn] = []
    actions: list[ActionIn] = []


def _check_plan(plan: PlanIn, at: tuple[Any, ...], d: Any, known: Known) -> Iterator[Problem]:
    if plan.period.end < plan.period.start:
        yield problem(d, (*at, "period", "end"), "must not be before the start")
    themes = [t.key for t in plan.themes]
    streams = [w.key for w in plan.work_streams]
    yield from duplicates(d, (*at, "themes"), themes, "theme")
    yield from duplicates(d, (*at, "work_streams"), streams, "work stream")
    yield from duplicates(d, (*at, "actions"), [a.key for a in plan.actions], "action")
    theme_set, stream_set = set(themes), set(streams)
    for wi, stream in enumerate(plan.work_streams):
        if stream.group is not None and not known.has("group", stream.group):
            yield problem(d, (*at, "work_streams", wi, "group"), missing("group", stream.group))
        for ti, theme in enumerate(stream.themes):
            if theme not in theme_set:
                yield problem(d, (*at, "work_streams", wi, "themes", ti), missing("theme", theme))
    for ai, action in enumerate(plan.actions):
        here = (*at, "actions", ai)
        if action.work_stream is not None and action.work_stream not in stream_set:
            yield problem(d, (*here, "work_stream"), missing("work stream", action.work_stream))
        if action.group is not None and not known.has("group", action.group):
            yield problem(d, (*here, "group"), missing("group", action.group))
        if action.lead_agency is not None and not known.has("agency", action.lead_agency):
            yield problem(d, (*here, "lead_agency"), missing("agency", action.lead_agency))
        for ti, theme in enumerate(action.themes):
            if theme not in theme_set:
                yield problem(d, (*here, "themes", ti), missing("theme", theme))
        if action.start_date and action.due_date and action.due_date < action.start_date:
            yield problem(d, (*here, "due_date"), "must not be before the start date")


def _export_plan(plan: Plan) -> dict[str, Any]:
    return compact(
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
                compact(
                    {"kind": s.kind, "title": s.title, "body": s.body, "signed_by": s.signed_by}
                )
                for s in sorted(plan.statements.all(), key=lambda s: (s.position, s.pk))
            ],
            "themes": [
                compact(
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
                compact(
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
                compact(
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
                            compact(
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


class Plans(Section):
    name = "plans"
    order = 30
    fields = {"plans": (list[PlanIn], [])}

    def keys(self, file: Any) -> dict[str, Iterable[str]]:
        return {"plan": [p.key for p in file.plans]}

    def check(self, file: Any, document: Any, known: Known) -> Iterator[Problem]:
        plans: list[PlanIn] = file.plans
        yield from duplicates(document, ("plans",), [p.key for p in plans], "plan")
        for pi, plan in enumerate(plans):
            yield from _check_plan(plan, ("plans", pi), document, known)

    def has_records(self, partnership: Partnership) -> bool:
        return Plan.objects.filter(partnership=partnership).exists()

    def export(self, partnership: Partnership) -> dict[str, Any]:
        plans = (
            Plan.objects.filter(partnership=partnership)
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
        return {"plans": [_export_plan(plan) for plan in plans]}

    def write(self, partnership: Partnership, file: Any, refs: Refs, by: User | None) -> None:
        for plan_in in file.plans:
            _write_plan(partnership, plan_in, refs, by)


def _write_plan(partnership: Partnership, plan_in: PlanIn, refs: Refs, by: User | None) -> None:
    at = ("plans", plan_in.key)
    with writing(*at):
        plan = plan_create(
            partnership=partnership,
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
            by=by,
        )
    for position, s in enumerate(plan_in.statements):
        with writing(*at, "statements", s.title):
            statement_create(
                plan=plan,
                kind=s.kind,
                title=s.title,
                body=s.body,
                signed_by=s.signed_by,
                position=position,
                by=by,
            )
    themes = Refs()
    for position, t in enumerate(plan_in.themes):
        with writing(*at, "themes", t.key):
            themes.add(
                "theme",
                t.key,
                theme_create(
                    plan=plan,
                    key=t.key,
                    kind=t.kind,
                    title=t.title,
                    description=t.description,
                    outcome_wanted=t.outcome_wanted,
                    bellwether=t.bellwether,
                    position=position,
                    by=by,
                ),
            )
    for position, w in enumerate(plan_in.work_streams):
        with writing(*at, "work_streams", w.key):
            themes.add(
                "work_stream",
                w.key,
                work_stream_create(
                    plan=plan,
                    key=w.key,
                    title=w.title,
                    description=w.description,
                    group=refs.get("group", w.group),
                    themes=[themes.get("theme", k) for k in w.themes],
                    position=position,
                    by=by,
                ),
            )
    for item in plan_in.actions:
        with writing(*at, "actions", item.key):
            action = action_create(
                plan=plan,
                key=item.key,
                title=item.title,
                description=item.description,
                work_stream=themes.get("work_stream", item.work_stream),
                group=refs.get("group", item.group),
                lead_agency=refs.get("agency", item.lead_agency),
                start_date=item.start_date,
                due_date=item.due_date,
                status=item.status or "",
                rag=item.rag or "",
                themes=[themes.get("theme", k) for k in item.themes],
                impact_measure=item.impact_measure,
                by=by,
            )
            for u in item.updates:
                progress_update_record(
                    action=action,
                    date=u.date,
                    narrative=u.narrative,
                    rag=u.rag or "",
                    status=u.status or "",
                    evidence_url=u.evidence_url,
                    sets_action=False,
                    by=by,
                )


SECTION = Plans()
