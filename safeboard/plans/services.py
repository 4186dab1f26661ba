"""Writes to plans, their statements, themes, work streams, actions and progress updates. Each runs
in one transaction, re-checks that every related record belongs to the same partnership (and
plan), and saves through save_recorded so the history says who made the change. An update given
`expected_version` (the version its edit form was loaded from) is refused with `StaleEdit` if
someone saved the record since, and writes nothing (its themes included)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.core.services import save_recorded, unique_key
from safeboard.governance.models import Group, Meeting
from safeboard.partnerships.models import Agency, Membership, Partnership

from .domain.evidence import (
    evidence_content_problem,
    evidence_file_problem,
    evidence_url_problem,
)
from .domain.rules import action_dates_problem, period_problem, progress_date_problem
from .models import (
    Action,
    ActionStatus,
    Plan,
    PlanStatus,
    ProgressUpdate,
    Rag,
    Statement,
    StatementKind,
    Theme,
    ThemeKind,
    WorkStream,
)


def _unique_key(
    existing: QuerySet[Plan] | QuerySet[Theme] | QuerySet[WorkStream] | QuerySet[Action], text: str
) -> str:
    """A short stable key from the title, made unique among `existing`."""
    return unique_key(text, taken=existing.values_list("key", flat=True))


def _check_choice(value: str, choices: Iterable[str], message: str, field: str) -> None:
    if value and value not in choices:
        raise ApplicationError(message, field=field)


def _check_owned(record: Model | None, partnership: Partnership, message: str, field: str) -> None:
    if record is not None and getattr(record, "partnership_id", None) != partnership.pk:
        raise ApplicationError(message, field=field)


# --- Plans --------------------------------------------------------------------------------------


def _set_plan_fields(
    plan: Plan,
    *,
    title: str,
    start_year: int,
    end_year: int,
    version: str,
    status: str,
    approved_by: str,
    date_approved: datetime.date | None,
    author: str,
    date_issued: datetime.date | None,
    review_date: datetime.date | None,
) -> None:
    if not title.strip():
        raise ApplicationError("Enter the title of the plan.", field="title")
    problem = period_problem(start_year, end_year)
    if problem:
        raise ApplicationError(problem + ".", field="end_year")
    _check_choice(status, PlanStatus.values, "Select the status of the plan.", "status")
    plan.title, plan.start_year, plan.end_year = title.strip(), start_year, end_year
    plan.version, plan.status, plan.approved_by = version, status, approved_by
    plan.date_approved, plan.author = date_approved, author
    plan.date_issued, plan.review_date = date_issued, review_date


@transaction.atomic
def plan_create(
    *,
    partnership: Partnership,
    title: str,
    start_year: int,
    end_year: int,
    version: str = "",
    status: str = "",
    approved_by: str = "",
    date_approved: datetime.date | None = None,
    author: str = "",
    date_issued: datetime.date | None = None,
    review_date: datetime.date | None = None,
    key: str = "",
    by: User | None,
) -> Plan:
    plan = Plan(partnership=partnership)
    _set_plan_fields(
        plan,
        title=title,
        start_year=start_year,
        end_year=end_year,
        version=version,
        status=status,
        approved_by=approved_by,
        date_approved=date_approved,
        author=author,
        date_issued=date_issued,
        review_date=review_date,
    )
    existing = Plan.objects.filter(partnership=partnership)
    if key and existing.filter(key=key).exists():
        raise ApplicationError("Another plan already uses this key.", field="key")
    plan.key = key or _unique_key(existing, f"{title} {start_year}")
    save_recorded(plan, by=by)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    title: str,
    start_year: int,
    end_year: int,
    version: str,
    status: str,
    approved_by: str,
    date_approved: datetime.date | None,
    author: str,
    date_issued: datetime.date | None,
    review_date: datetime.date | None,
    by: User,
    expected_version: int | None = None,
) -> Plan:
    _set_plan_fields(
        plan,
        title=title,
        start_year=start_year,
        end_year=end_year,
        version=version,
        status=status,
        approved_by=approved_by,
        date_approved=date_approved,
        author=author,
        date_issued=date_issued,
        review_date=review_date,
    )
    save_recorded(plan, by=by, expected_version=expected_version)
    return plan


SIGNED_OFF_ALREADY = "This plan version was signed off by {by} on {day}. Change its version first."


@transaction.atomic
def plan_sign_off(
    *,
    plan: Plan,
    approved_by: str,
    date_approved: datetime.date,
    today: datetime.date,
    by: User,
    expected_version: int | None = None,
) -> Plan:
    """Sign off (approve) the plan at its current version: fills its approval metadata (who
    approved it, in their name and role, and when) and sets it approved. A version already
    signed off, or superseded, is refused; so is a date in the future."""
    if plan.status == PlanStatus.APPROVED and plan.approved_by:
        when = plan.date_approved
        day = f"{when.day} {when:%B %Y}" if when else "an unknown date"
        raise ApplicationError(SIGNED_OFF_ALREADY.format(by=plan.approved_by, day=day))
    if plan.status == PlanStatus.SUPERSEDED:
        raise ApplicationError("This plan has been superseded, so it cannot be signed off.")
    if date_approved > today:
        raise ApplicationError(
            "The date of sign-off must be today or in the past.", field="date_approved"
        )
    if not approved_by.strip():
        raise ApplicationError("Enter who signed the plan off.", field="approved_by")
    plan.approved_by = approved_by.strip()
    plan.date_approved = date_approved
    plan.status = PlanStatus.APPROVED
    save_recorded(
        plan,
        by=by,
        update_fields=["approved_by", "date_approved", "status"],
        expected_version=expected_version,
    )
    return plan


# --- Statements ---------------------------------------------------------------------------------


def _set_statement_fields(
    statement: Statement, *, kind: str, title: str, body: str, signed_by: str, position: int
) -> None:
    _check_choice(kind, StatementKind.values, "Select what kind of statement this is.", "kind")
    if not kind:
        raise ApplicationError("Select what kind of statement this is.", field="kind")
    if not body.strip():
        raise ApplicationError("Enter the text of the statement.", field="body")
    statement.kind, statement.body, statement.signed_by = kind, body.strip(), signed_by
    statement.title = title.strip() or str(StatementKind(kind).label)
    statement.position = position


@transaction.atomic
def statement_create(
    *,
    plan: Plan,
    kind: str,
    title: str,
    body: str,
    signed_by: str = "",
    position: int | None = None,
    by: User | None,
) -> Statement:
    if position is None:
        position = Statement.objects.filter(plan=plan).count() + 1
    statement = Statement(plan=plan, partnership_id=plan.partnership_id)
    _set_statement_fields(
        statement, kind=kind, title=title, body=body, signed_by=signed_by, position=position
    )
    save_recorded(statement, by=by)
    return statement


@transaction.atomic
def statement_update(
    *,
    statement: Statement,
    kind: str,
    title: str,
    body: str,
    signed_by: str,
    position: int | None,
    by: User,
    expected_version: int | None = None,
) -> Statement:
    """`position` None keeps the statement where it is."""
    _set_statement_fields(
        statement,
        kind=kind,
        title=title,
        body=body,
        signed_by=signed_by,
        position=statement.position if position is None else position,
    )
    save_recorded(statement, by=by, expected_version=expected_version)
    return statement


@transaction.atomic
def statement_delete(*, statement: Statement, by: User) -> None:
    statement._history_user = by  # type: ignore[attr-defined]
    statement.delete()


# --- Themes -------------------------------------------------------------------------------------


def _set_theme_fields(
    theme: Theme,
    *,
    kind: str,
    title: str,
    description: str,
    outcome_wanted: str,
    bellwether: str,
    position: int,
) -> None:
    if not kind or kind not in ThemeKind.values:
        raise ApplicationError("Select what kind of priority or theme this is.", field="kind")
    if not title.strip():
        raise ApplicationError("Enter the name of the priority or theme.", field="title")
    theme.kind, theme.title, theme.description = kind, title.strip(), description
    theme.outcome_wanted, theme.bellwether, theme.position = outcome_wanted, bellwether, position


@transaction.atomic
def theme_create(
    *,
    plan: Plan,
    kind: str,
    title: str,
    description: str = "",
    outcome_wanted: str = "",
    bellwether: str = "",
    position: int | None = None,
    key: str = "",
    by: User | None,
) -> Theme:
    existing = Theme.objects.filter(plan=plan)
    if position is None:
        position = existing.filter(kind=kind).count() + 1
    theme = Theme(plan=plan, partnership_id=plan.partnership_id)
    _set_theme_fields(
        theme,
        kind=kind,
        title=title,
        description=description,
        outcome_wanted=outcome_wanted,
        bellwether=bellwether,
        position=position,
    )
    if key and existing.filter(key=key).exists():
        raise ApplicationError("Another theme of this plan already uses this key.", field="key")
    theme.key = key or _unique_key(existing, title)
    save_recorded(theme, by=by)
    return theme


@transaction.atomic
def theme_update(
    *,
    theme: Theme,
    kind: str,
    title: str,
    description: str,
    outcome_wanted: str,
    bellwether: str,
    position: int | None,
    by: User,
    expected_version: int | None = None,
) -> Theme:
    """`position` None keeps the theme where it is."""
    _set_theme_fields(
        theme,
        kind=kind,
        title=title,
        description=description,
        outcome_wanted=outcome_wanted,
        bellwether=bellwether,
        position=theme.position if position is None else position,
    )
    save_recorded(theme, by=by, expected_version=expected_version)
    return theme


@transaction.atomic
def theme_delete(*, theme: Theme, by: User) -> None:
    if theme.actions.exists() or theme.work_streams.exists():
        raise ApplicationError(
            "Actions or work streams are linked to this theme. Remove it from them first."
        )
    theme._history_user = by  # type: ignore[attr-defined]
    theme.delete()


# --- Work streams -------------------------------------------------------------------------------


def _check_themes(plan: Plan, themes: Iterable[Theme], field: str = "themes") -> list[Theme]:
    chosen = list(themes)
    if any(t.plan_id != plan.pk for t in chosen):
        raise ApplicationError("Select priorities and themes of this plan.", field=field)
    return chosen


def _check_group(plan: Plan, group: Group | None) -> None:
    if group is None:
        return
    _check_owned(group, plan.partnership, "Select a group of this partnership.", "group")
    if group.is_archived:
        raise ApplicationError("That group is archived. Select a current group.", field="group")


@transaction.atomic
def work_stream_create(
    *,
    plan: Plan,
    title: str,
    description: str = "",
    group: Group | None = None,
    themes: Iterable[Theme] = (),
    position: int | None = None,
    key: str = "",
    by: User | None,
) -> WorkStream:
    existing = WorkStream.objects.filter(plan=plan)
    if not title.strip():
        raise ApplicationError("Enter the name of the work stream.", field="title")
    _check_group(plan, group)
    chosen = _check_themes(plan, themes)
    if key and existing.filter(key=key).exists():
        raise ApplicationError("Another work stream already uses this key.", field="key")
    stream = WorkStream(
        plan=plan,
        partnership_id=plan.partnership_id,
        title=title.strip(),
        description=description,
        group=group,
        position=existing.count() + 1 if position is None else position,
        key=key or _unique_key(existing, title),
    )
    save_recorded(stream, by=by)
    stream.themes.set(chosen)
    return stream


@transaction.atomic
def work_stream_update(
    *,
    work_stream: WorkStream,
    title: str,
    description: str,
    group: Group | None,
    themes: Iterable[Theme],
    position: int | None,
    by: User,
    expected_version: int | None = None,
) -> WorkStream:
    """`position` None keeps the work stream where it is."""
    if not title.strip():
        raise ApplicationError("Enter the name of the work stream.", field="title")
    _check_group(work_stream.plan, group)
    chosen = _check_themes(work_stream.plan, themes)
    work_stream.title, work_stream.description = title.strip(), description
    work_stream.group = group
    if position is not None:
        work_stream.position = position
    save_recorded(work_stream, by=by, expected_version=expected_version)
    work_stream.themes.set(chosen)
    return work_stream


@transaction.atomic
def work_stream_delete(*, work_stream: WorkStream, by: User) -> None:
    if work_stream.actions.exists():
        raise ApplicationError(
            "This work stream still has actions. Move them to another work stream first."
        )
    work_stream._history_user = by  # type: ignore[attr-defined]
    work_stream.delete()


# --- Actions ------------------------------------------------------------------------------------


def _set_action_fields(
    action: Action,
    *,
    plan: Plan,
    title: str,
    description: str,
    work_stream: WorkStream | None,
    group: Group | None,
    lead_agency: Agency | None,
    lead_person: Membership | None,
    start_date: datetime.date | None,
    due_date: datetime.date | None,
    status: str,
    rag: str,
    impact_measure: str,
    arising_from: Meeting | None,
) -> None:
    partnership = plan.partnership
    if not title.strip():
        raise ApplicationError("Enter the title of the action.", field="title")
    if work_stream is not None and work_stream.plan_id != plan.pk:
        raise ApplicationError("Select a work stream of this plan.", field="work_stream")
    _check_group(plan, group)
    _check_owned(lead_agency, partnership, "Select an agency of this partnership.", "lead_agency")
    _check_owned(lead_person, partnership, "Select a person in this partnership.", "lead_person")
    if lead_person is not None and lead_person.is_archived:
        raise ApplicationError(
            "That person no longer has access to the partnership. Select someone else.",
            field="lead_person",
        )
    _check_owned(arising_from, partnership, "Select a meeting of this partnership.", "arising_from")
    problem = action_dates_problem(start_date, due_date)
    if problem:
        raise ApplicationError(problem + ".", field="due_date")
    _check_choice(status, ActionStatus.values, "Select the status of the action.", "status")
    _check_choice(rag, Rag.values, "Select red, amber or green, or not rated.", "rag")
    action.title, action.description, action.work_stream = title.strip(), description, work_stream
    action.group, action.lead_agency, action.lead_person = group, lead_agency, lead_person
    action.start_date, action.due_date, action.status = start_date, due_date, status
    action.rag, action.impact_measure, action.arising_from = rag, impact_measure, arising_from


@transaction.atomic
def action_create(
    *,
    plan: Plan,
    title: str,
    description: str = "",
    work_stream: WorkStream | None = None,
    group: Group | None = None,
    lead_agency: Agency | None = None,
    lead_person: Membership | None = None,
    start_date: datetime.date | None = None,
    due_date: datetime.date | None = None,
    status: str = "",
    rag: str = "",
    themes: Iterable[Theme] = (),
    impact_measure: str = "",
    arising_from: Meeting | None = None,
    key: str = "",
    is_illustrative: bool = False,
    by: User | None,
) -> Action:
    existing = Action.objects.filter(plan=plan)
    action = Action(plan=plan, partnership_id=plan.partnership_id, is_illustrative=is_illustrative)
    _set_action_fields(
        action,
        plan=plan,
        title=title,
        description=description,
        work_stream=work_stream,
        group=group,
        lead_agency=lead_agency,
        lead_person=lead_person,
        start_date=start_date,
        due_date=due_date,
        status=status,
        rag=rag,
        impact_measure=impact_measure,
        arising_from=arising_from,
    )
    chosen = _check_themes(plan, themes)
    if key and existing.filter(key=key).exists():
        raise ApplicationError("Another action of this plan already uses this key.", field="key")
    action.key = key or _unique_key(existing, title)
    action.position = existing.count() + 1
    save_recorded(action, by=by)
    action.themes.set(chosen)
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    title: str,
    description: str,
    work_stream: WorkStream | None,
    group: Group | None,
    lead_agency: Agency | None,
    lead_person: Membership | None,
    start_date: datetime.date | None,
    due_date: datetime.date | None,
    status: str,
    rag: str,
    themes: Iterable[Theme],
    impact_measure: str,
    arising_from: Meeting | None,
    by: User | None,
    expected_version: int | None = None,
    is_illustrative: bool | None = None,
) -> Action:
    """`is_illustrative` None leaves the mark as it is; False clears it (real details now)."""
    if is_illustrative is not None:
        action.is_illustrative = is_illustrative
    _set_action_fields(
        action,
        plan=action.plan,
        title=title,
        description=description,
        work_stream=work_stream,
        group=group,
        lead_agency=lead_agency,
        lead_person=lead_person,
        start_date=start_date,
        due_date=due_date,
        status=status,
        rag=rag,
        impact_measure=impact_measure,
        arising_from=arising_from,
    )
    chosen = _check_themes(action.plan, themes)
    save_recorded(action, by=by, expected_version=expected_version)
    action.themes.set(chosen)
    return action


# --- Progress -----------------------------------------------------------------------------------


@transaction.atomic
def progress_update_record(
    *,
    action: Action,
    date: datetime.date,
    narrative: str,
    rag: str = "",
    status: str = "",
    evidence_url: str = "",
    evidence_file: UploadedFile | None = None,
    by: User | None,
    today: datetime.date | None = None,
    sets_action: bool = True,
    is_illustrative: bool = False,
) -> ProgressUpdate:
    """Record dated progress on an action. A RAG or status given here becomes the action's current
    RAG or status; left blank, the action keeps the one it had. A plan file, which records the
    action's current RAG and status itself, passes `sets_action=False`."""
    problem = progress_date_problem(date, today or timezone.localdate())
    if problem:
        raise ApplicationError(problem + ".", field="date")
    if not narrative.strip():
        raise ApplicationError("Enter what progress has been made.", field="narrative")
    _check_choice(rag, Rag.values, "Select red, amber or green, or leave the RAG blank.", "rag")
    _check_choice(status, ActionStatus.values, "Select the status of the action.", "status")
    evidence_url = evidence_url.strip()
    problem = evidence_url_problem(evidence_url)
    if problem:
        raise ApplicationError(problem + ".", field="evidence_url")
    if evidence_file is not None:
        problem = evidence_file_problem(evidence_file.name or "", evidence_file.size or 0)
        problem = problem or evidence_content_problem(evidence_file.name or "", evidence_file)
        if problem:
            raise ApplicationError(problem + ".", field="evidence_file")
    update = ProgressUpdate(
        action=action,
        partnership_id=action.partnership_id,
        date=date,
        narrative=narrative.strip(),
        rag=rag,
        status=status,
        evidence_url=evidence_url,
        recorded_by=by,
        is_illustrative=is_illustrative,
    )
    if evidence_file is not None:
        update.evidence_file = evidence_file
    save_recorded(update, by=by)
    changed: list[str] = []
    if not sets_action:
        return update
    if rag and rag != action.rag:
        action.rag = rag
        changed.append("rag")
    if status and status != action.status:
        action.status = status
        changed.append("status")
    if changed:
        save_recorded(action, by=by, update_fields=changed)
    return update
