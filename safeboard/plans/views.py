"""Plan pages. Each view: access -> service or selector -> render or redirect."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.history import history_for
from safeboard.core.modules import registered
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability
from safeboard.ui.pages import (
    AppPages,
    RecordForm,
    confirm_page,
    create_page,
    edit_page,
    file_download,
    form_page,
    posted,
    posted_files,
)

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
from .domain.headings import (
    ends_in_a_promise,
    file_stem,
    promised_work_stream,
    promises_the_budget,
    statement_kind_caption,
)
from .domain.rag import RagRollUp, is_overdue
from .forms import (
    ActionChangeForm,
    ActionFilterForm,
    ActionForm,
    PlanChangeForm,
    PlanForm,
    ProgressForm,
    StatementChangeForm,
    StatementForm,
    ThemeChangeForm,
    ThemeForm,
    WorkStreamChangeForm,
    WorkStreamForm,
)
from .models import Action, Plan, Statement, Theme, WorkStream

PAGE_SIZE = 50
pages = AppPages("plans", root=("Plans", "plan_list"))
RECORD_FORM = "plans/record_form.html"  # the kit's form page, with a Delete link


def _in_plan(plan: Plan, *trail: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
    """A breadcrumb trail through the plan: (plan title, plan page), then `trail`."""
    return ((plan.title, "plan_detail", plan.pk), *trail)


def _page(request: PartnershipRequest, actions: QuerySet[Action]) -> Any:
    return Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))


def _today() -> datetime.date:
    return timezone.localdate()


def _overdue_ids(actions: Any, today: datetime.date) -> set[int]:
    return {a.pk for a in actions if is_overdue(a.due_date, a.status, today)}


def _any_illustrative(actions: Any) -> bool:
    """Whether a list shows an action whose delivery details are illustrative (so the page says
    so above it, as the data set's pages do for illustrative values)."""
    return any(a.is_illustrative for a in actions)


# --- Plans --------------------------------------------------------------------------------------


@require_GET
@partnership_view()
def plan_list(request: PartnershipRequest) -> HttpResponse:
    plans = selectors.plan_list(partnership=request.access.partnership)
    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "breadcrumbs": pages.crumbs(request, app_root=False)},
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def plan_create(request: PartnershipRequest) -> HttpResponse:
    return create_page(
        request,
        PlanForm,
        save=functools.partial(services.plan_create, partnership=request.access.partnership),
        success=lambda plan: f"{plan.title} added.",
        next_url=lambda plan: pages.url(request, "plan_detail", plan.pk),
        title="Add a plan",
        breadcrumbs=pages.crumbs(request),
    )


@dataclass(frozen=True)
class StatementRow:
    """A statement as the plan page shows it: its heading reads as the plan reads (`caption` is
    its kind, only where the title does not say it), and a statement ending in a promise ("...
    are outlined below:") is followed by where Safeboard keeps what it promises, or a note that
    the plan lists nothing there."""

    statement: Statement
    caption: str
    promises: bool
    budget_url: str = ""
    work_stream: WorkStream | None = None


# The module that keeps the agencies' contributions a plan's budget statement promises. Named by
# label, not imported: plans does not depend on it, and links to it only while it is installed.
BUDGET_MODULE = "finance"


def _budget_url(request: PartnershipRequest) -> str:
    for module in registered():
        if module.label == BUDGET_MODULE and module.nav:
            try:
                return reverse(module.nav[0].url_name, args=[request.access.partnership.slug])
            except NoReverseMatch:
                return ""
    return ""


def _statement_rows(
    request: PartnershipRequest, statements: Sequence[Statement], streams: Sequence[WorkStream]
) -> list[StatementRow]:
    by_id = {w.pk: w for w in streams}
    pairs = [(w.pk, w.description) for w in streams]
    rows = []
    for s in statements:
        stream_id = promised_work_stream(s.body, pairs)
        rows.append(
            StatementRow(
                statement=s,
                caption=statement_kind_caption(s.title, s.kind, str(s.get_kind_display())),
                promises=ends_in_a_promise(s.body),
                budget_url=_budget_url(request) if promises_the_budget(s.body) else "",
                work_stream=by_id.get(stream_id) if stream_id is not None else None,
            )
        )
    return rows


@require_GET
@partnership_view()
def plan_detail(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id)
    work_streams = list(selectors.plan_work_streams(plan=plan))
    statements = list(selectors.plan_statements(plan=plan))
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "statements": _statement_rows(request, statements, work_streams),
            "theme_groups": selectors.themes_by_kind(selectors.plan_themes(plan=plan)),
            "work_streams": work_streams,
            "changeable_ids": changeable_work_stream_ids(request.access, work_streams),
            "can_add_actions": can_add_actions(request.access),
            "history": history_for(plan),
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def plan_edit(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EDIT_PLAN)
    return edit_page(
        request,
        PlanChangeForm,
        plan,
        save=functools.partial(services.plan_update, plan=plan),
        success="Plan details saved.",
        next_url=pages.url(request, "plan_detail", plan.pk),
        title=f"Change {plan.title}",
        breadcrumbs=pages.crumbs(request, *_in_plan(plan)),
    )


@require_GET
@partnership_view()
def plan_overview(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id)
    overview = selectors.plan_overview(plan=plan, today=_today())
    actions_url = pages.url(request, "action_list", plan.pk)
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
            "illustrative_what": (
                f"{overview.illustrative_count} of the {overview.action_count} actions have "
                "illustrative due dates, leads, status, RAG ratings and links to priorities, made "
                "up by Safeboard from "
                "a fixed pattern, so the roll-ups below are illustrative too. The actions' titles "
                "are the plan's own."
            ),
            "breadcrumbs": pages.crumbs(request, *_in_plan(plan)),
        },
    )


def _group_rows(
    request: PartnershipRequest, rows: list[selectors.GroupRow]
) -> list[tuple[str, str, RagRollUp]]:
    return [
        (row.group.name, pages.url(request, "group_work", row.group.pk), row.rollup)
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
            "any_illustrative": _any_illustrative(page.object_list),
            "can_add_actions": can_add_actions(request.access),
            "breadcrumbs": pages.crumbs(request, *_in_plan(plan)),
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
            "any_illustrative": _any_illustrative(page.object_list),
            "breadcrumbs": pages.crumbs(request),
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
            "breadcrumbs": pages.crumbs(
                request, *_in_plan(action.plan, ("Actions", "action_list", action.plan_id))
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def action_create(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_for_new_action(request.access, plan_id)
    return create_page(
        request,
        ActionForm,
        form_kwargs={"plan": plan, "groups": editable_groups(request.access)},
        save=functools.partial(services.action_create, plan=plan),
        success=lambda action: f"Action “{action.title}” added.",
        next_url=lambda action: pages.url(request, "action_detail", action.pk),
        title="Add an action",
        caption=plan.title,
        breadcrumbs=pages.crumbs(request, *_in_plan(plan, ("Actions", "action_list", plan.pk))),
    )


def _action_crumbs(request: PartnershipRequest, action: Action) -> list[tuple[str, str]]:
    return pages.crumbs(
        request,
        *_in_plan(
            action.plan,
            ("Actions", "action_list", action.plan_id),
            (action.title, "action_detail", action.pk),
        ),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def action_edit(request: PartnershipRequest, action_id: int) -> HttpResponse:
    action = access_action(request.access, action_id, for_change=True)
    return edit_page(
        request,
        ActionChangeForm,
        action,
        form_kwargs={
            "plan": action.plan,
            "groups": editable_groups(request.access),
            "action": action,
        },
        save=functools.partial(services.action_update, action=action),
        success="Action saved.",
        next_url=pages.url(request, "action_detail", action.pk),
        title="Change action",
        caption=action.plan.title,
        breadcrumbs=_action_crumbs(request, action),
        context={"history": history_for(action)},
    )


@require_http_methods(["GET", "POST"])
@partnership_view()
def progress_record(request: PartnershipRequest, action_id: int) -> HttpResponse:
    """Record progress. Whoever may read the action sees this page; only those who may update it
    (domain.permissions.can_update_action) get the form, and a post from anyone else is refused
    with 403."""
    action = access_action(request.access, action_id, for_update=request.method == "POST")
    detail = pages.url(request, "action_detail", action.pk)
    return form_page(
        request,
        ProgressForm(posted(request), posted_files(request), initial={"date": _today()}),
        save=functools.partial(services.progress_update_record, action=action, by=request.user),
        success="Progress update recorded.",
        next_url=detail,
        title="Record progress",
        caption=action.title,
        button="Save progress update",
        template="plans/progress_form.html",
        breadcrumbs=_action_crumbs(request, action),
        context={"action": action, "allowed": can_update(request.access, action), "back": detail},
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
    return file_download(content, filename=name, content_type=evidence_content_type(name))


# --- Statements, themes and work streams --------------------------------------------------------
# The parts of a plan share their pages: each is added from the plan page, changed on a form with
# its history and a Delete link, and deleted after a confirm page; all of them return to their
# section of the plan page.

PlanPart = Statement | Theme | WorkStream


def _part_create(
    request: PartnershipRequest,
    plan: Plan,
    form_class: Callable[..., forms.BaseForm],
    *,
    save: Callable[..., PlanPart],
    noun: str,
    anchor: str,
    title: str,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page adding a part (`noun`, e.g. "work stream") to `plan`; `save` is its service."""
    return create_page(
        request,
        form_class,
        form_kwargs=form_kwargs,
        save=functools.partial(save, plan=plan),
        success=f"{noun.capitalize()} added.",
        next_url=pages.url(request, "plan_detail", plan.pk) + anchor,
        title=title,
        caption=plan.title,
        breadcrumbs=pages.crumbs(request, *_in_plan(plan)),
    )


def _part_edit(
    request: PartnershipRequest,
    part: PlanPart,
    form_class: RecordForm,
    *,
    save: Callable[..., PlanPart],
    noun: str,
    anchor: str,
    delete_url: str,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page changing `part` of its plan; `save` is its update service, bound to the part."""
    return edit_page(
        request,
        form_class,
        part,
        form_kwargs=form_kwargs,
        save=save,
        success=f"{noun.capitalize()} saved.",
        next_url=pages.url(request, "plan_detail", part.plan_id) + anchor,
        title=f"Change {part.title}",
        caption=part.plan.title,
        template=RECORD_FORM,
        breadcrumbs=pages.crumbs(request, *_in_plan(part.plan)),
        context={"record": part, "history": history_for(part), "delete_url": delete_url},
    )


def _part_delete(
    request: PartnershipRequest, part: PlanPart, *, act: Callable[..., None], edit: str
) -> HttpResponse:
    """The confirm page deleting `part`; `act` is its delete service, bound to the part."""
    return confirm_page(
        request,
        act=functools.partial(act, by=request.user),
        title=f"Delete “{part}”?",
        body="It will be removed from the plan. Its history is kept.",
        button="Delete",
        success=f"“{part}” deleted.",
        next_url=pages.url(request, "plan_detail", part.plan_id),
        cancel=pages.url(request, edit, part.pk),
        breadcrumbs=pages.crumbs(request, *_in_plan(part.plan)),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def statement_create(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EDIT_PLAN)
    return _part_create(
        request,
        plan,
        StatementForm,
        save=services.statement_create,
        noun="statement",
        anchor="#statements",
        title="Add a statement",
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def statement_edit(request: PartnershipRequest, statement_id: int) -> HttpResponse:
    statement = access_statement(request.access, statement_id, capability=Capability.EDIT_PLAN)
    return _part_edit(
        request,
        statement,
        StatementChangeForm,
        save=functools.partial(services.statement_update, statement=statement),
        noun="statement",
        anchor="#statements",
        delete_url=pages.url(request, "statement_delete", statement.pk),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def statement_delete(request: PartnershipRequest, statement_id: int) -> HttpResponse:
    statement = access_statement(request.access, statement_id, capability=Capability.EDIT_PLAN)
    act = functools.partial(services.statement_delete, statement=statement)
    return _part_delete(request, statement, act=act, edit="statement_edit")


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def theme_create(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EDIT_PLAN)
    return _part_create(
        request,
        plan,
        ThemeForm,
        save=services.theme_create,
        noun="priority or theme",
        anchor="#themes",
        title="Add a priority or theme",
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def theme_edit(request: PartnershipRequest, theme_id: int) -> HttpResponse:
    theme = access_theme(request.access, theme_id, capability=Capability.EDIT_PLAN)
    return _part_edit(
        request,
        theme,
        ThemeChangeForm,
        save=functools.partial(services.theme_update, theme=theme),
        noun="priority or theme",
        anchor="#themes",
        delete_url=pages.url(request, "theme_delete", theme.pk),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def theme_delete(request: PartnershipRequest, theme_id: int) -> HttpResponse:
    theme = access_theme(request.access, theme_id, capability=Capability.EDIT_PLAN)
    act = functools.partial(services.theme_delete, theme=theme)
    return _part_delete(request, theme, act=act, edit="theme_edit")


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def work_stream_create(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EDIT_PLAN)
    return _part_create(
        request,
        plan,
        WorkStreamForm,
        form_kwargs={"plan": plan},
        save=services.work_stream_create,
        noun="work stream",
        anchor="#work-streams",
        title="Add a work stream",
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def work_stream_edit(request: PartnershipRequest, work_stream_id: int) -> HttpResponse:
    stream = access_work_stream(request.access, work_stream_id, for_change=True)
    may_delete = request.access.can(Capability.EDIT_PLAN)
    return _part_edit(
        request,
        stream,
        WorkStreamChangeForm,
        form_kwargs={"plan": stream.plan, "groups": editable_groups(request.access)},
        save=functools.partial(services.work_stream_update, work_stream=stream),
        noun="work stream",
        anchor="#work-streams",
        delete_url=pages.url(request, "work_stream_delete", stream.pk) if may_delete else "",
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_PLAN)
def work_stream_delete(request: PartnershipRequest, work_stream_id: int) -> HttpResponse:
    stream = access_work_stream(request.access, work_stream_id, capability=Capability.EDIT_PLAN)
    act = functools.partial(services.work_stream_delete, work_stream=stream)
    return _part_delete(request, stream, act=act, edit="work_stream_edit")


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
                    (plan.title, pages.url(request, "plan_overview", plan.pk), rollup)
                    for plan, rollup in work.by_plan
                ],
                ("All current plans", "", work.total),
            ],
            "overdue_ids": _overdue_ids(work.actions, _today()),
            "any_illustrative": _any_illustrative(work.actions),
            "breadcrumbs": pages.crumbs(request),
        },
    )


# --- Exports ------------------------------------------------------------------------------------


def _filename(plan: Plan, extension: str) -> str:
    return f"{file_stem(plan.key, plan.start_year, plan.end_year)}.{extension}"


@require_GET
@partnership_view(Capability.EXPORT)
def plan_pdf(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EXPORT)
    today = _today()
    pdf = exports.plan_pdf(request, selectors.plan_export(plan=plan, today=today), today=today)
    return file_download(
        pdf, filename=_filename(plan, "pdf"), content_type=exports.PDF_CONTENT_TYPE
    )


@require_GET
@partnership_view(Capability.EXPORT)
def plan_xlsx(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.EXPORT)
    today = _today()
    workbook = exports.plan_xlsx(selectors.plan_export(plan=plan, today=today), today=today)
    return file_download(
        workbook, filename=_filename(plan, "xlsx"), content_type=exports.XLSX_CONTENT_TYPE
    )
