"""Plan pages. Each view: access -> service or selector -> render or redirect."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.errors import ApplicationError
from safeboard.core.forms import run_service
from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability

from . import exports, selectors, services
from .access import (
    access_action,
    access_group,
    access_plan,
    access_plan_for_new_action,
    access_statement,
    access_theme,
    access_update,
    access_work_stream,
    can_add_actions,
    can_change_action,
    can_update,
    changeable_work_stream_ids,
    editable_groups,
)
from .domain.evidence import evidence_content_type
from .domain.rag import RagRollUp, is_overdue
from .forms import (
    ActionFilterForm,
    ActionForm,
    ConfirmDeleteForm,
    PlanForm,
    ProgressForm,
    StatementForm,
    ThemeForm,
    WorkStreamForm,
)
from .models import Action, Plan, Statement, Theme, WorkStream

PAGE_SIZE = 50


def _url(request: PartnershipRequest, name: str, *args: object) -> str:
    return reverse(f"plans:{name}", args=[request.access.partnership.slug, *args])


def _crumbs(
    request: PartnershipRequest, *trail: tuple[str, str], plan: Plan | None = None
) -> list[tuple[str, str]]:
    p = request.access.partnership
    crumbs = [
        (p.short_name or p.name, reverse("partnerships:home", args=[p.slug])),
        ("Plans", _url(request, "plan_list")),
    ]
    if plan is not None:
        crumbs.append((plan.title, _url(request, "plan_detail", plan.pk)))
    return [*crumbs, *trail]


def _posted(request: PartnershipRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _page(request: PartnershipRequest, actions: QuerySet[Action]) -> Any:
    return Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))


def _today() -> datetime.date:
    return timezone.localdate()


def _overdue_ids(actions: Any, today: datetime.date) -> set[int]:
    return {a.pk for a in actions if is_overdue(a.due_date, a.status, today)}


# --- Plans --------------------------------------------------------------------------------------


@require_GET
@partnership_view()
def plan_list(request: PartnershipRequest) -> HttpResponse:
    plans = selectors.plan_list(partnership=request.access.partnership)
    p = request.access.partnership
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "breadcrumbs": [(p.short_name or p.name, reverse("partnerships:home", args=[p.slug]))],
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def plan_create(request: PartnershipRequest) -> HttpResponse:
    form = PlanForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        plan = run_service(
            form,
            services.plan_create,
            partnership=request.access.partnership,
            by=request.user,
            **form.cleaned_data,
        )
        if plan:
            messages.success(request, f"{plan.title} added.")
            return redirect(_url(request, "plan_detail", plan.pk))
    return render(
        request,
        "plans/plan_form.html",
        {"form": form, "title": "Add a plan", "breadcrumbs": _crumbs(request)},
    )


@require_GET
@partnership_view()
def plan_detail(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id)
    work_streams = list(selectors.plan_work_streams(plan=plan))
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "statements": selectors.plan_statements(plan=plan),
            "theme_groups": selectors.themes_by_kind(selectors.plan_themes(plan=plan)),
            "work_streams": work_streams,
            "changeable_ids": changeable_work_stream_ids(request.access, work_streams),
            "can_add_actions": can_add_actions(request.access),
            "history": history_for(plan),
            "breadcrumbs": _crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def plan_edit(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EDIT_PLAN)
    form = PlanForm(_posted(request), initial=PlanForm.initial_for(plan))
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.plan_update, plan=plan, by=request.user, **form.cleaned_data):
            messages.success(request, "Plan details saved.")
            return redirect(_url(request, "plan_detail", plan.pk))
    return render(
        request,
        "plans/plan_form.html",
        {
            "form": form,
            "plan": plan,
            "title": f"Change {plan.title}",
            "breadcrumbs": _crumbs(request, plan=plan),
        },
    )


@require_GET
@partnership_view()
def plan_overview(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id)
    overview = selectors.plan_overview(plan=plan, today=_today())
    actions_url = _url(request, "action_list", plan.pk)
    return render(
        request,
        "plans/plan_overview.html",
        {
            "plan": plan,
            "overview": overview,
            "total_rows": [("Whole plan", actions_url, overview.total)],
            "theme_rows": [
                (
                    f"{b.theme.title} ({b.theme.get_kind_display().lower()})",
                    f"{actions_url}?theme={b.theme.pk}",
                    b.rollup,
                )
                for _heading, blocks in overview.theme_rows
                for b in blocks
            ],
            "group_rows": _group_rows(request, overview.groups),
            "breadcrumbs": _crumbs(request, plan=plan),
        },
    )


def _group_rows(
    request: PartnershipRequest, rows: list[selectors.GroupRow]
) -> list[tuple[str, str, RagRollUp]]:
    return [
        (row.group.name, _url(request, "group_work", row.group.pk), row.rollup)
        if row.group is not None
        else ("No owning group recorded", "", row.rollup)
        for row in rows
    ]


# --- Actions ------------------------------------------------------------------------------------


@require_GET
@partnership_view()
def action_list(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id)
    form = ActionFilterForm(request.GET or None, plan=plan)
    data: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # a value that is not on the list is reported and ignored
        data = form.cleaned_data
    filters = selectors.ActionFilters(
        group=data.get("group"),
        lead_agency=data.get("lead_agency"),
        theme=data.get("theme"),
        work_stream=data.get("work_stream"),
        status=data.get("status") or "",
        rag=data.get("rag") or "",
        overdue=bool(data.get("overdue")),
    )
    today = _today()
    page = _page(request, selectors.action_list(plan=plan, filters=filters, today=today))
    return render(
        request,
        "plans/action_list.html",
        {
            "plan": plan,
            "form": form,
            "filters": filters,
            "page": page,
            "overdue_ids": _overdue_ids(page.object_list, today),
            "can_add_actions": can_add_actions(request.access),
            "breadcrumbs": _crumbs(request, plan=plan),
        },
    )


@require_GET
@partnership_view()
def my_actions(request: PartnershipRequest) -> HttpResponse:
    today = _today()
    page = _page(request, selectors.my_actions(membership=request.access.membership))
    return render(
        request,
        "plans/my_actions.html",
        {
            "page": page,
            "overdue_ids": _overdue_ids(page.object_list, today),
            "breadcrumbs": _crumbs(request),
        },
    )


@require_GET
@partnership_view()
def action_detail(request: PartnershipRequest, action_id: int) -> HttpResponse:
    action = access_action(request.access, action_id)
    return render(
        request,
        "plans/action_detail.html",
        {
            "action": action,
            "plan": action.plan,
            "themes": selectors.ordered_themes(action.themes.all()),
            "updates": selectors.action_updates(action=action),
            "can_update": can_update(request.access, action),
            "can_change": can_change_action(request.access, action),
            "overdue": is_overdue(action.due_date, action.status, _today()),
            "history": history_for(action),
            "breadcrumbs": _crumbs(
                request, ("Actions", _url(request, "action_list", action.plan_id)), plan=action.plan
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def action_create(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_for_new_action(request.access, plan_id)
    form = ActionForm(_posted(request), plan=plan, groups=editable_groups(request.access))
    if request.method == "POST" and form.is_valid():
        action = run_service(
            form,
            services.action_create,
            plan=plan,
            by=request.user,
            **form.cleaned_data,
        )
        if action:
            messages.success(request, f"Action “{action.title}” added.")
            return redirect(_url(request, "action_detail", action.pk))
    return render(
        request,
        "plans/action_form.html",
        {
            "form": form,
            "plan": plan,
            "title": "Add an action",
            "breadcrumbs": _crumbs(
                request, ("Actions", _url(request, "action_list", plan.pk)), plan=plan
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def action_edit(request: PartnershipRequest, action_id: int) -> HttpResponse:
    action = access_action(request.access, action_id, for_change=True)
    form = ActionForm(
        _posted(request),
        plan=action.plan,
        groups=editable_groups(request.access),
        action=action,
        initial=ActionForm.initial_for(action),
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.action_update, action=action, by=request.user, **form.cleaned_data
        ):
            messages.success(request, "Action saved.")
            return redirect(_url(request, "action_detail", action.pk))
    return render(
        request,
        "plans/action_form.html",
        {
            "form": form,
            "plan": action.plan,
            "action": action,
            "title": "Change action",
            "breadcrumbs": _crumbs(
                request,
                ("Actions", _url(request, "action_list", action.plan_id)),
                (action.title, _url(request, "action_detail", action.pk)),
                plan=action.plan,
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view()
def progress_record(request: PartnershipRequest, action_id: int) -> HttpResponse:
    """Record progress. Whoever may read the action sees this page; only those who may update it
    (domain.permissions.can_update_action) get the form, and a post from anyone else is refused
    with 403."""
    action = access_action(request.access, action_id, for_update=request.method == "POST")
    allowed = can_update(request.access, action)
    form = ProgressForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"date": _today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        update = run_service(
            form,
            services.progress_update_record,
            action=action,
            date=data["date"],
            narrative=data["narrative"],
            rag=data["rag"],
            status=data["status"],
            evidence_url=data["evidence_url"],
            evidence_file=data["evidence_file"] or None,
            by=request.user,
        )
        if update:
            messages.success(request, "Progress update recorded.")
            return redirect(_url(request, "action_detail", action.pk))
    return render(
        request,
        "plans/progress_form.html",
        {
            "form": form,
            "action": action,
            "allowed": allowed,
            "breadcrumbs": _crumbs(
                request,
                ("Actions", _url(request, "action_list", action.plan_id)),
                (action.title, _url(request, "action_detail", action.pk)),
                plan=action.plan,
            ),
        },
    )


@require_GET
@partnership_view()
def evidence_download(request: PartnershipRequest, update_id: int) -> HttpResponse:
    """An evidence file, always as a download (never shown in the browser as a page). Files are at
    most 10 MB, so it is read whole."""
    update = access_update(request.access, update_id)
    if not update.evidence_file:
        raise Http404("Page not found")
    name = update.evidence_file.name.rsplit("/", 1)[-1]
    try:
        with update.evidence_file.open("rb") as handle:
            content = handle.read()
    except OSError as exc:
        raise Http404("Page not found") from exc
    response = HttpResponse(content, content_type=evidence_content_type(name))
    disposition = content_disposition_header(as_attachment=True, filename=name)
    response["Content-Disposition"] = disposition or "attachment"
    return response


# --- Statements, themes and work streams --------------------------------------------------------


def _delete_page(
    request: PartnershipRequest,
    *,
    record: Statement | Theme | WorkStream,
    plan: Plan,
    kind: str,
    service: Any,
    back: str,
) -> HttpResponse:
    form = ConfirmDeleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] != "yes":
            return redirect(back)
        try:
            service(by=request.user, **{kind: record})
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(back)
        messages.success(request, f"“{record}” deleted.")
        return redirect(_url(request, "plan_detail", plan.pk))
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "form": form,
            "record": record,
            "back": back,
            "breadcrumbs": _crumbs(request, plan=plan),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def statement_create(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EDIT_PLAN)
    form = StatementForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.statement_create, plan=plan, by=request.user, **form.cleaned_data
        ):
            messages.success(request, "Statement added.")
            return redirect(_url(request, "plan_detail", plan.pk) + "#statements")
    return render(
        request,
        "plans/statement_form.html",
        {
            "form": form,
            "plan": plan,
            "title": "Add a statement",
            "breadcrumbs": _crumbs(request, plan=plan),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def statement_edit(request: PartnershipRequest, statement_id: int) -> HttpResponse:
    statement = access_statement(request.access, statement_id, capability=Capability.EDIT_PLAN)
    form = StatementForm(
        _posted(request),
        initial=StatementForm.initial_for(statement),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form, services.statement_update, statement=statement, by=request.user, **data
        ):
            messages.success(request, "Statement saved.")
            return redirect(_url(request, "plan_detail", statement.plan_id) + "#statements")
    return render(
        request,
        "plans/statement_form.html",
        {
            "form": form,
            "plan": statement.plan,
            "record": statement,
            "title": f"Change {statement.title}",
            "history": history_for(statement),
            "delete_url": _url(request, "statement_delete", statement.pk),
            "breadcrumbs": _crumbs(request, plan=statement.plan),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def statement_delete(request: PartnershipRequest, statement_id: int) -> HttpResponse:
    statement = access_statement(request.access, statement_id, capability=Capability.EDIT_PLAN)
    return _delete_page(
        request,
        record=statement,
        plan=statement.plan,
        kind="statement",
        service=services.statement_delete,
        back=_url(request, "statement_edit", statement.pk),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def theme_create(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EDIT_PLAN)
    form = ThemeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.theme_create, plan=plan, by=request.user, **form.cleaned_data
        ):
            messages.success(request, "Priority or theme added.")
            return redirect(_url(request, "plan_detail", plan.pk) + "#themes")
    return render(
        request,
        "plans/theme_form.html",
        {
            "form": form,
            "plan": plan,
            "title": "Add a priority or theme",
            "breadcrumbs": _crumbs(request, plan=plan),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def theme_edit(request: PartnershipRequest, theme_id: int) -> HttpResponse:
    theme = access_theme(request.access, theme_id, capability=Capability.EDIT_PLAN)
    form = ThemeForm(_posted(request), initial=ThemeForm.initial_for(theme))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, services.theme_update, theme=theme, by=request.user, **data):
            messages.success(request, "Priority or theme saved.")
            return redirect(_url(request, "plan_detail", theme.plan_id) + "#themes")
    return render(
        request,
        "plans/theme_form.html",
        {
            "form": form,
            "plan": theme.plan,
            "record": theme,
            "title": f"Change {theme.title}",
            "history": history_for(theme),
            "delete_url": _url(request, "theme_delete", theme.pk),
            "breadcrumbs": _crumbs(request, plan=theme.plan),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def theme_delete(request: PartnershipRequest, theme_id: int) -> HttpResponse:
    theme = access_theme(request.access, theme_id, capability=Capability.EDIT_PLAN)
    return _delete_page(
        request,
        record=theme,
        plan=theme.plan,
        kind="theme",
        service=services.theme_delete,
        back=_url(request, "theme_edit", theme.pk),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def work_stream_create(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EDIT_PLAN)
    form = WorkStreamForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.work_stream_create, plan=plan, by=request.user, **form.cleaned_data
        ):
            messages.success(request, "Work stream added.")
            return redirect(_url(request, "plan_detail", plan.pk) + "#work-streams")
    return render(
        request,
        "plans/work_stream_form.html",
        {
            "form": form,
            "plan": plan,
            "title": "Add a work stream",
            "breadcrumbs": _crumbs(request, plan=plan),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def work_stream_edit(request: PartnershipRequest, work_stream_id: int) -> HttpResponse:
    stream = access_work_stream(request.access, work_stream_id, for_change=True)
    form = WorkStreamForm(
        _posted(request),
        plan=stream.plan,
        groups=editable_groups(request.access),
        initial=WorkStreamForm.initial_for(stream),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form, services.work_stream_update, work_stream=stream, by=request.user, **data
        ):
            messages.success(request, "Work stream saved.")
            return redirect(_url(request, "plan_detail", stream.plan_id) + "#work-streams")
    return render(
        request,
        "plans/work_stream_form.html",
        {
            "form": form,
            "plan": stream.plan,
            "record": stream,
            "title": f"Change {stream.title}",
            "history": history_for(stream),
            "delete_url": _url(request, "work_stream_delete", stream.pk)
            if request.access.can(Capability.EDIT_PLAN)
            else "",
            "breadcrumbs": _crumbs(request, plan=stream.plan),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def work_stream_delete(request: PartnershipRequest, work_stream_id: int) -> HttpResponse:
    stream = access_work_stream(request.access, work_stream_id, capability=Capability.EDIT_PLAN)
    return _delete_page(
        request,
        record=stream,
        plan=stream.plan,
        kind="work_stream",
        service=services.work_stream_delete,
        back=_url(request, "work_stream_edit", stream.pk),
    )


# --- A group's work -----------------------------------------------------------------------------


@require_GET
@partnership_view()
def group_work(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group(request.access, group_id)
    work = selectors.group_work(group=group)
    return render(
        request,
        "plans/group_work.html",
        {
            "group": group,
            "work": work,
            "plan_rows": [
                *[
                    (plan.title, _url(request, "plan_overview", plan.pk), rollup)
                    for plan, rollup in work.by_plan
                ],
                ("All current plans", "", work.total),
            ],
            "overdue_ids": _overdue_ids(work.actions, _today()),
            "breadcrumbs": _crumbs(request),
        },
    )


# --- Exports ------------------------------------------------------------------------------------


def _filename(plan: Plan, extension: str) -> str:
    return f"{plan.key or 'plan'}-{plan.start_year}-{plan.end_year}.{extension}"


@require_GET
@partnership_view(Capability.EXPORT)
def plan_pdf(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EXPORT)
    today = _today()
    pdf = exports.plan_pdf(request, selectors.plan_export(plan=plan, today=today), today=today)
    response = HttpResponse(pdf, content_type=exports.PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "pdf")}"'
    return response


@require_GET
@partnership_view(Capability.EXPORT)
def plan_xlsx(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EXPORT)
    today = _today()
    workbook = exports.plan_xlsx(selectors.plan_export(plan=plan, today=today), today=today)
    response = HttpResponse(workbook, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "xlsx")}"'
    return response
