"""Budget and staffing pages. Each view: access -> service or selector -> render or redirect.

Everyone in the partnership reads the budget (`Capability.VIEW`); only a role that may change
the partnership's structure (`Capability.MANAGE_STRUCTURE`, the manager) changes it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.forms import run_service
from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability

from . import selectors, services
from .access import (
    access_budget_line,
    access_budget_year,
    access_contribution,
    access_spend,
    access_staff_post,
)
from .domain.money import format_pounds
from .exports import year_workbook
from .forms import (
    BudgetLineForm,
    BudgetYearForm,
    ContributionChangeForm,
    ContributionForm,
    SpendForm,
    StaffPostForm,
    money_initial,
)
from .models import BudgetLine, BudgetYear

MANAGE = Capability.MANAGE_STRUCTURE
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _url(request: PartnershipRequest, name: str, *args: object) -> str:
    return reverse(f"finance:{name}", args=[request.access.partnership.slug, *args])


def _crumbs(request: PartnershipRequest, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    p = request.access.partnership
    return [
        (p.short_name or p.name, reverse("partnerships:home", args=[p.slug])),
        ("Budget", _url(request, "budget_overview")),
        *trail,
    ]


def _year_crumbs(request: PartnershipRequest, year: BudgetYear) -> list[tuple[str, str]]:
    return _crumbs(request, (year.label, _url(request, "year_detail", year.pk)))


def _line_crumbs(request: PartnershipRequest, line: BudgetLine) -> list[tuple[str, str]]:
    return _crumbs(
        request,
        (line.year.label, _url(request, "year_detail", line.year_id)),
        (line.name, _url(request, "line_detail", line.pk)),
    )


def _staffing_crumbs(request: PartnershipRequest) -> list[tuple[str, str]]:
    return _crumbs(request, ("Staffing", _url(request, "staffing")))


def _posted(request: PartnershipRequest) -> bool:
    return request.method == "POST"


# --- Budget years -------------------------------------------------------------------------------


@require_GET
@partnership_view()
def budget_overview(request: PartnershipRequest) -> HttpResponse:
    return render(
        request,
        "finance/budget_overview.html",
        {
            "years": selectors.budget_year_list(partnership=request.access.partnership),
            "breadcrumbs": _crumbs(request)[:1],
        },
    )


@require_GET
@partnership_view()
def year_detail(request: PartnershipRequest, budget_year_id: int) -> HttpResponse:
    year = access_budget_year(request.access, budget_year_id)
    return render(
        request,
        "finance/year_detail.html",
        {
            "budget": selectors.budget_year_detail(year=year),
            "year": year,
            "history": history_for(year),
            "breadcrumbs": _crumbs(request),
        },
    )


@require_GET
@partnership_view(Capability.EXPORT)
def year_export(request: PartnershipRequest, budget_year_id: int) -> HttpResponse:
    year = access_budget_year(request.access, budget_year_id, capability=Capability.EXPORT)
    partnership = request.access.partnership
    content = year_workbook(
        selectors.budget_year_detail(year=year), partnership_name=partnership.name
    )
    filename = f"{partnership.slug}-budget-{slugify(year.label.replace('/', '-'))}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def year_create(request: PartnershipRequest) -> HttpResponse:
    form = BudgetYearForm(request.POST if _posted(request) else None)
    if _posted(request) and form.is_valid():
        year = run_service(
            form,
            services.budget_year_create,
            partnership=request.access.partnership,
            by=request.user,
            **form.cleaned_data,
        )
        if year:
            messages.success(request, f"Budget year {year.label} added.")
            return redirect(_url(request, "year_detail", year.pk))
    return render(
        request,
        "finance/year_form.html",
        {"form": form, "title": "Add a budget year", "breadcrumbs": _crumbs(request)},
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def year_edit(request: PartnershipRequest, budget_year_id: int) -> HttpResponse:
    year = access_budget_year(request.access, budget_year_id, capability=MANAGE)
    form = BudgetYearForm(
        request.POST if _posted(request) else None,
        initial={"start_year": year.start_year, "label": year.label, "notes": year.notes},
    )
    if _posted(request) and form.is_valid():
        if run_service(
            form, services.budget_year_update, year=year, by=request.user, **form.cleaned_data
        ):
            messages.success(request, f"Budget year {year.label} saved.")
            return redirect(_url(request, "year_detail", year.pk))
    return render(
        request,
        "finance/year_form.html",
        {
            "form": form,
            "year": year,
            "title": f"Change budget year {year.label}",
            "breadcrumbs": _year_crumbs(request, year),
        },
    )


# --- Budget lines -------------------------------------------------------------------------------


@require_GET
@partnership_view()
def line_detail(request: PartnershipRequest, budget_line_id: int) -> HttpResponse:
    line = access_budget_line(request.access, budget_line_id)
    return render(
        request,
        "finance/line_detail.html",
        {
            "table": selectors.budget_line_detail(line=line),
            "line": line,
            "removed": selectors.removed_contributions(line=line),
            "history": history_for(line),
            "breadcrumbs": _year_crumbs(request, line.year),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def line_create(request: PartnershipRequest, budget_year_id: int) -> HttpResponse:
    year = access_budget_year(request.access, budget_year_id, capability=MANAGE)
    form = BudgetLineForm(request.POST if _posted(request) else None)
    if _posted(request) and form.is_valid():
        line = run_service(
            form, services.budget_line_create, year=year, by=request.user, **form.cleaned_data
        )
        if line:
            messages.success(request, f"{line.name} added to {year.label}.")
            return redirect(_url(request, "line_detail", line.pk))
    return render(
        request,
        "finance/line_form.html",
        {
            "form": form,
            "title": f"Add a budget line to {year.label}",
            "breadcrumbs": _year_crumbs(request, year),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def line_edit(request: PartnershipRequest, budget_line_id: int) -> HttpResponse:
    line = access_budget_line(request.access, budget_line_id, capability=MANAGE)
    form = BudgetLineForm(
        request.POST if _posted(request) else None,
        initial={"name": line.name, "kind": line.kind},
    )
    if _posted(request) and form.is_valid():
        if run_service(
            form, services.budget_line_update, line=line, by=request.user, **form.cleaned_data
        ):
            messages.success(request, f"{line.name} saved.")
            return redirect(_url(request, "line_detail", line.pk))
    return render(
        request,
        "finance/line_form.html",
        {
            "form": form,
            "title": f"Change {line.name} ({line.year.label})",
            "breadcrumbs": _line_crumbs(request, line),
        },
    )


# --- Contributions ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def contribution_create(request: PartnershipRequest, budget_line_id: int) -> HttpResponse:
    line = access_budget_line(request.access, budget_line_id, capability=MANAGE)
    form = ContributionForm(
        request.POST if _posted(request) else None, partnership=request.access.partnership
    )
    if _posted(request) and form.is_valid():
        contribution = run_service(
            form, services.contribution_set, line=line, by=request.user, **form.cleaned_data
        )
        if contribution:
            messages.success(
                request,
                f"{contribution.agency.name}: {format_pounds(contribution.amount)} "
                f"added to {line.name}.",
            )
            return redirect(_url(request, "line_detail", line.pk))
    return render(
        request,
        "finance/contribution_form.html",
        {
            "form": form,
            "line": line,
            "title": f"Add a contribution to {line.name} ({line.year.label})",
            "breadcrumbs": _line_crumbs(request, line),
        },
    )


@require_GET
@partnership_view()
def contribution_detail(request: PartnershipRequest, contribution_id: int) -> HttpResponse:
    contribution = access_contribution(request.access, contribution_id)
    return render(
        request,
        "finance/contribution_detail.html",
        {
            "contribution": contribution,
            "line": contribution.line,
            "history": history_for(contribution),
            "breadcrumbs": _line_crumbs(request, contribution.line),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def contribution_edit(request: PartnershipRequest, contribution_id: int) -> HttpResponse:
    contribution = access_contribution(request.access, contribution_id, capability=MANAGE)
    form = ContributionChangeForm(
        request.POST if _posted(request) else None,
        initial={
            "agency_group": contribution.agency_group,
            "amount": money_initial(contribution.amount),
        },
    )
    if _posted(request) and form.is_valid():
        if run_service(
            form,
            services.contribution_update,
            contribution=contribution,
            by=request.user,
            **form.cleaned_data,
        ):
            messages.success(request, f"{contribution.agency.name}'s contribution saved.")
            return redirect(_url(request, "line_detail", contribution.line_id))
    return render(
        request,
        "finance/contribution_form.html",
        {
            "form": form,
            "line": contribution.line,
            "contribution": contribution,
            "title": f"Change {contribution.agency.name}'s contribution",
            "breadcrumbs": _line_crumbs(request, contribution.line),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def contribution_remove(request: PartnershipRequest, contribution_id: int) -> HttpResponse:
    """A confirmation page. Only its button (which sends confirm=yes) removes the contribution."""
    contribution = access_contribution(request.access, contribution_id, capability=MANAGE)
    line = contribution.line
    if _posted(request) and request.POST.get("confirm") == "yes":
        services.contribution_remove(contribution=contribution, by=request.user)
        messages.success(request, f"{contribution.agency.name}'s contribution removed.")
        return redirect(_url(request, "line_detail", line.pk))
    return render(
        request,
        "finance/confirm_remove.html",
        {
            "title": f"Remove {contribution.agency.name}'s contribution to {line.name}?",
            "body": f"{format_pounds(contribution.amount)} will no longer count towards "
            f"{line.name} for {line.year.label}.",
            "button": "Remove contribution",
            "cancel": _url(request, "contribution_detail", contribution.pk),
            "breadcrumbs": _line_crumbs(request, line),
        },
    )


# --- Spend --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def spend_create(request: PartnershipRequest, budget_line_id: int) -> HttpResponse:
    line = access_budget_line(request.access, budget_line_id, capability=MANAGE)
    form = SpendForm(request.POST if _posted(request) else None)
    if _posted(request) and form.is_valid():
        spend = run_service(
            form, services.spend_record, line=line, by=request.user, **form.cleaned_data
        )
        if spend:
            messages.success(request, f"Spend of {format_pounds(spend.amount)} recorded.")
            return redirect(_url(request, "line_detail", line.pk))
    return render(
        request,
        "finance/spend_form.html",
        {
            "form": form,
            "title": f"Record spend against {line.name} ({line.year.label})",
            "breadcrumbs": _line_crumbs(request, line),
        },
    )


@require_GET
@partnership_view()
def spend_detail(request: PartnershipRequest, spend_id: int) -> HttpResponse:
    spend = access_spend(request.access, spend_id)
    return render(
        request,
        "finance/spend_detail.html",
        {
            "spend": spend,
            "history": history_for(spend),
            "breadcrumbs": _line_crumbs(request, spend.line),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def spend_edit(request: PartnershipRequest, spend_id: int) -> HttpResponse:
    spend = access_spend(request.access, spend_id, capability=MANAGE)
    form = SpendForm(
        request.POST if _posted(request) else None,
        initial={
            "date": spend.date.strftime("%d/%m/%Y"),
            "description": spend.description,
            "amount": money_initial(spend.amount),
        },
    )
    if _posted(request) and form.is_valid():
        if run_service(
            form, services.spend_update, spend=spend, by=request.user, **form.cleaned_data
        ):
            messages.success(request, "Spend saved.")
            return redirect(_url(request, "spend_detail", spend.pk))
    return render(
        request,
        "finance/spend_form.html",
        {
            "form": form,
            "title": "Change spend",
            "breadcrumbs": _line_crumbs(request, spend.line),
        },
    )


# --- Staffing -----------------------------------------------------------------------------------


@require_GET
@partnership_view()
def staffing(request: PartnershipRequest) -> HttpResponse:
    return render(
        request,
        "finance/staffing.html",
        {
            "staffing": selectors.staffing(partnership=request.access.partnership),
            "removed": selectors.removed_staff_posts(partnership=request.access.partnership),
            "breadcrumbs": _crumbs(request),
        },
    )


@require_GET
@partnership_view()
def staff_post_detail(request: PartnershipRequest, staff_post_id: int) -> HttpResponse:
    post = access_staff_post(request.access, staff_post_id)
    return render(
        request,
        "finance/staff_post_detail.html",
        {"post": post, "history": history_for(post), "breadcrumbs": _staffing_crumbs(request)},
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def staff_post_create(request: PartnershipRequest) -> HttpResponse:
    form = StaffPostForm(request.POST if _posted(request) else None)
    if _posted(request) and form.is_valid():
        post = run_service(
            form,
            services.staff_post_create,
            partnership=request.access.partnership,
            by=request.user,
            **form.cleaned_data,
        )
        if post:
            messages.success(request, f"{post.title} added.")
            return redirect(_url(request, "staffing"))
    return render(
        request,
        "finance/staff_post_form.html",
        {"form": form, "title": "Add a post", "breadcrumbs": _staffing_crumbs(request)},
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def staff_post_edit(request: PartnershipRequest, staff_post_id: int) -> HttpResponse:
    post = access_staff_post(request.access, staff_post_id, capability=MANAGE)
    form = StaffPostForm(
        request.POST if _posted(request) else None,
        initial={
            "title": post.title,
            "posts": "" if post.posts is None else format(post.posts.normalize(), "f"),
            "fte": "" if post.fte is None else format(post.fte.normalize(), "f"),
            "as_stated": post.as_stated,
        },
    )
    if _posted(request) and form.is_valid():
        if run_service(
            form, services.staff_post_update, post=post, by=request.user, **form.cleaned_data
        ):
            messages.success(request, f"{post.title} saved.")
            return redirect(_url(request, "staff_post_detail", post.pk))
    return render(
        request,
        "finance/staff_post_form.html",
        {
            "form": form,
            "title": f"Change {post.title}",
            "breadcrumbs": _staffing_crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def staff_post_remove(request: PartnershipRequest, staff_post_id: int) -> HttpResponse:
    """A confirmation page. Only its button (which sends confirm=yes) removes the post."""
    post = access_staff_post(request.access, staff_post_id, capability=MANAGE)
    if _posted(request) and request.POST.get("confirm") == "yes":
        services.staff_post_remove(post=post, by=request.user)
        messages.success(request, f"{post.title} removed.")
        return redirect(_url(request, "staffing"))
    return render(
        request,
        "finance/confirm_remove.html",
        {
            "title": f"Remove {post.title} from staffing?",
            "body": "The post will no longer be listed or counted in the staffing totals.",
            "button": "Remove post",
            "cancel": _url(request, "staff_post_detail", post.pk),
            "breadcrumbs": _staffing_crumbs(request),
        },
    )
