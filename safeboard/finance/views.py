"""Budget and staffing pages. Each view: access -> service or selector -> render or redirect.

Everyone in the partnership reads the budget (`Capability.VIEW`); only a role that may change
the partnership's structure (`Capability.MANAGE_STRUCTURE`, the manager) changes it.
"""

from __future__ import annotations

import functools

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability
from safeboard.ui.pages import AppPages, Crumb, confirm_page, create_page, edit_page, file_download

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
    BudgetLineChangeForm,
    BudgetLineForm,
    BudgetYearChangeForm,
    BudgetYearForm,
    ContributionChangeForm,
    ContributionForm,
    SpendChangeForm,
    SpendForm,
    StaffPostChangeForm,
    StaffPostForm,
)
from .models import BudgetLine, BudgetYear

MANAGE = Capability.MANAGE_STRUCTURE
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STAFFING = ("Staffing", "staffing")

pages = AppPages("finance", root=("Budget", "budget_overview"))


def _year_crumbs(request: PartnershipRequest, year: BudgetYear) -> list[Crumb]:
    return pages.crumbs(request, (year.label, "year_detail", year.pk))


def _line_crumbs(request: PartnershipRequest, line: BudgetLine) -> list[Crumb]:
    return pages.crumbs(
        request,
        (line.year.label, "year_detail", line.year_id),
        (line.name, "line_detail", line.pk),
    )


# --- Budget years -------------------------------------------------------------------------------


@require_GET
@partnership_view()
def budget_overview(request: PartnershipRequest) -> HttpResponse:
    return render(
        request,
        "finance/budget_overview.html",
        {
            "years": selectors.budget_year_list(partnership=request.access.partnership),
            "breadcrumbs": pages.crumbs(request, app_root=False),
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
            "breadcrumbs": pages.crumbs(request),
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
    return file_download(content, filename=filename, content_type=XLSX)


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def year_create(request: PartnershipRequest) -> HttpResponse:
    return create_page(
        request,
        BudgetYearForm,
        save=functools.partial(services.budget_year_create, partnership=request.access.partnership),
        success=lambda year: f"Budget year {year.label} added.",
        next_url=lambda year: pages.url(request, "year_detail", year.pk),
        title="Add a budget year",
        breadcrumbs=pages.crumbs(request),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def year_edit(request: PartnershipRequest, budget_year_id: int) -> HttpResponse:
    year = access_budget_year(request.access, budget_year_id, capability=MANAGE)
    return edit_page(
        request,
        BudgetYearChangeForm,
        year,
        save=functools.partial(services.budget_year_update, year=year),
        success=lambda saved: f"Budget year {saved.label} saved.",
        next_url=pages.url(request, "year_detail", year.pk),
        title=f"Change budget year {year.label}",
        breadcrumbs=_year_crumbs(request, year),
    )


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
    return create_page(
        request,
        BudgetLineForm,
        save=functools.partial(services.budget_line_create, year=year),
        success=lambda line: f"{line.name} added to {year.label}.",
        next_url=lambda line: pages.url(request, "line_detail", line.pk),
        title=f"Add a budget line to {year.label}",
        breadcrumbs=_year_crumbs(request, year),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def line_edit(request: PartnershipRequest, budget_line_id: int) -> HttpResponse:
    line = access_budget_line(request.access, budget_line_id, capability=MANAGE)
    return edit_page(
        request,
        BudgetLineChangeForm,
        line,
        save=functools.partial(services.budget_line_update, line=line),
        success=lambda saved: f"{saved.name} saved.",
        next_url=pages.url(request, "line_detail", line.pk),
        title=f"Change {line.name} ({line.year.label})",
        breadcrumbs=_line_crumbs(request, line),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def contribution_create(request: PartnershipRequest, budget_line_id: int) -> HttpResponse:
    line = access_budget_line(request.access, budget_line_id, capability=MANAGE)
    return create_page(
        request,
        ContributionForm,
        form_kwargs={"partnership": request.access.partnership},
        save=functools.partial(services.contribution_set, line=line),
        success=lambda made: (
            f"{made.agency.name}: {format_pounds(made.amount)} added to {line.name}."
        ),
        next_url=pages.url(request, "line_detail", line.pk),
        title=f"Add a contribution to {line.name} ({line.year.label})",
        breadcrumbs=_line_crumbs(request, line),
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
    return edit_page(
        request,
        ContributionChangeForm,
        contribution,
        save=functools.partial(services.contribution_update, contribution=contribution),
        success=f"{contribution.agency.name}'s contribution saved.",
        next_url=pages.url(request, "line_detail", contribution.line_id),
        title=f"Change {contribution.agency.name}'s contribution",
        breadcrumbs=_line_crumbs(request, contribution.line),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def contribution_remove(request: PartnershipRequest, contribution_id: int) -> HttpResponse:
    contribution = access_contribution(request.access, contribution_id, capability=MANAGE)
    line = contribution.line
    return confirm_page(
        request,
        act=functools.partial(
            services.contribution_remove, contribution=contribution, by=request.user
        ),
        title=f"Remove {contribution.agency.name}'s contribution to {line.name}?",
        body=f"{format_pounds(contribution.amount)} will no longer count towards "
        f"{line.name} for {line.year.label}.",
        button="Remove contribution",
        success=f"{contribution.agency.name}'s contribution removed.",
        next_url=pages.url(request, "line_detail", line.pk),
        cancel=pages.url(request, "contribution_detail", contribution.pk),
        breadcrumbs=_line_crumbs(request, line),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def spend_create(request: PartnershipRequest, budget_line_id: int) -> HttpResponse:
    line = access_budget_line(request.access, budget_line_id, capability=MANAGE)
    return create_page(
        request,
        SpendForm,
        save=functools.partial(services.spend_record, line=line),
        success=lambda spend: f"Spend of {format_pounds(spend.amount)} recorded.",
        next_url=pages.url(request, "line_detail", line.pk),
        title=f"Record spend against {line.name} ({line.year.label})",
        breadcrumbs=_line_crumbs(request, line),
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
    return edit_page(
        request,
        SpendChangeForm,
        spend,
        save=functools.partial(services.spend_update, spend=spend),
        success="Spend saved.",
        next_url=pages.url(request, "spend_detail", spend.pk),
        title="Change spend",
        breadcrumbs=_line_crumbs(request, spend.line),
    )


@require_GET
@partnership_view()
def staffing(request: PartnershipRequest) -> HttpResponse:
    return render(
        request,
        "finance/staffing.html",
        {
            "staffing": selectors.staffing(partnership=request.access.partnership),
            "removed": selectors.removed_staff_posts(partnership=request.access.partnership),
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_GET
@partnership_view()
def staff_post_detail(request: PartnershipRequest, staff_post_id: int) -> HttpResponse:
    post = access_staff_post(request.access, staff_post_id)
    return render(
        request,
        "finance/staff_post_detail.html",
        {
            "post": post,
            "history": history_for(post),
            "breadcrumbs": pages.crumbs(request, STAFFING),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def staff_post_create(request: PartnershipRequest) -> HttpResponse:
    return create_page(
        request,
        StaffPostForm,
        save=functools.partial(services.staff_post_create, partnership=request.access.partnership),
        success=lambda post: f"{post.title} added.",
        next_url=pages.url(request, "staffing"),
        title="Add a post",
        breadcrumbs=pages.crumbs(request, STAFFING),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def staff_post_edit(request: PartnershipRequest, staff_post_id: int) -> HttpResponse:
    post = access_staff_post(request.access, staff_post_id, capability=MANAGE)
    return edit_page(
        request,
        StaffPostChangeForm,
        post,
        save=functools.partial(services.staff_post_update, post=post),
        success=lambda saved: f"{saved.title} saved.",
        next_url=pages.url(request, "staff_post_detail", post.pk),
        title=f"Change {post.title}",
        breadcrumbs=pages.crumbs(request, STAFFING),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def staff_post_remove(request: PartnershipRequest, staff_post_id: int) -> HttpResponse:
    post = access_staff_post(request.access, staff_post_id, capability=MANAGE)
    return confirm_page(
        request,
        act=functools.partial(services.staff_post_remove, post=post, by=request.user),
        title=f"Remove {post.title} from staffing?",
        body="The post will no longer be listed or counted in the staffing totals.",
        button="Remove post",
        success=f"{post.title} removed.",
        next_url=pages.url(request, "staffing"),
        cancel=pages.url(request, "staff_post_detail", post.pk),
        breadcrumbs=pages.crumbs(request, STAFFING),
    )
