"""Partnership pages. Each view: access -> service or selector -> render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.core.forms import run_service
from safeboard.core.history import history_for

from . import selectors, services
from .access import (
    PartnershipRequest,
    access_agency,
    access_membership,
    partnership_view,
    site_admin_view,
)
from .domain.roles import SITE_ADMIN_CAPABILITIES, Capability, Role, matrix
from .forms import (
    AgencyForm,
    MembershipAddForm,
    MembershipEditForm,
    PartnershipCreateForm,
    PartnershipForm,
)
from .invitations import invitation_send


def _crumbs(request: PartnershipRequest, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    p = request.access.partnership
    return [(p.short_name or p.name, reverse("partnerships:home", args=[p.slug])), *trail]


def _url(request: PartnershipRequest, name: str, *args: object) -> str:
    return reverse(f"partnerships:{name}", args=[request.access.partnership.slug, *args])


# --- Overview -----------------------------------------------------------------------------------


@require_GET
@partnership_view()
def home(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership
    return render(
        request,
        "partnerships/home.html",
        {
            "partnership": p,
            "agency_count": selectors.agency_list(partnership=p).count(),
            "member_count": selectors.membership_list(partnership=p).count(),
        },
    )


@require_GET
@partnership_view()
def roles(request: PartnershipRequest) -> HttpResponse:
    return render(
        request,
        "partnerships/roles.html",
        {
            "roles": list(Role),
            "rows": matrix(),
            "site_admin_capabilities": SITE_ADMIN_CAPABILITIES,
            "breadcrumbs": _crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def settings(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership
    form = PartnershipForm(
        request.POST if request.method == "POST" else None,
        initial={"name": p.name, "short_name": p.short_name, "area": p.area},
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.partnership_update, partnership=p, by=request.user, **form.cleaned_data
        ):
            messages.success(request, "Partnership details saved.")
            return redirect(_url(request, "settings"))
    return render(
        request,
        "partnerships/settings.html",
        {
            "form": form,
            "partnership": p,
            "history": history_for(p),
            "breadcrumbs": _crumbs(request),
        },
    )


# --- Agencies -----------------------------------------------------------------------------------


@require_GET
@partnership_view()
def agency_list(request: PartnershipRequest) -> HttpResponse:
    show_archived = request.GET.get("archived") == "1"
    agencies = selectors.agency_list(
        partnership=request.access.partnership, include_archived=show_archived
    )
    return render(
        request,
        "partnerships/agency_list.html",
        {"agencies": agencies, "show_archived": show_archived, "breadcrumbs": _crumbs(request)},
    )


@require_GET
@partnership_view()
def agency_detail(request: PartnershipRequest, agency_id: int) -> HttpResponse:
    agency = access_agency(request.access, agency_id)
    members = (
        selectors.membership_list(partnership=request.access.partnership, agency=agency)
        if request.access.can(Capability.VIEW_PEOPLE)
        else None
    )
    return render(
        request,
        "partnerships/agency_detail.html",
        {
            "agency": agency,
            "members": members,
            "history": history_for(agency),
            "breadcrumbs": _crumbs(request, ("Agencies", _url(request, "agency_list"))),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def agency_create(request: PartnershipRequest) -> HttpResponse:
    form = AgencyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        agency = run_service(
            form,
            services.agency_create,
            partnership=request.access.partnership,
            by=request.user,
            **form.cleaned_data,
        )
        if agency:
            messages.success(request, f"{agency.name} added.")
            return redirect(_url(request, "agency_detail", agency.pk))
    return render(
        request,
        "partnerships/agency_form.html",
        {
            "form": form,
            "title": "Add an agency",
            "breadcrumbs": _crumbs(request, ("Agencies", _url(request, "agency_list"))),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def agency_edit(request: PartnershipRequest, agency_id: int) -> HttpResponse:
    agency = access_agency(request.access, agency_id, capability=Capability.MANAGE_STRUCTURE)
    form = AgencyForm(
        request.POST if request.method == "POST" else None,
        initial={
            "name": agency.name,
            "short_name": agency.short_name,
            "agency_type": agency.agency_type,
        },
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.agency_update, agency=agency, by=request.user, **form.cleaned_data
        ):
            messages.success(request, "Agency saved.")
            return redirect(_url(request, "agency_detail", agency.pk))
    return render(
        request,
        "partnerships/agency_form.html",
        {
            "form": form,
            "agency": agency,
            "title": f"Change {agency.name}",
            "breadcrumbs": _crumbs(
                request,
                ("Agencies", _url(request, "agency_list")),
                (agency.name, _url(request, "agency_detail", agency.pk)),
            ),
        },
    )


@require_POST
@partnership_view(Capability.MANAGE_STRUCTURE)
def agency_archive(request: PartnershipRequest, agency_id: int) -> HttpResponse:
    agency = access_agency(request.access, agency_id, capability=Capability.MANAGE_STRUCTURE)
    archive = request.POST.get("action") != "restore"
    try:
        services.agency_set_archived(agency=agency, archived=archive, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{agency.name} {'archived' if archive else 'restored'}.")
    return redirect(_url(request, "agency_detail", agency.pk))


# --- People -------------------------------------------------------------------------------------


@require_GET
@partnership_view(Capability.VIEW_PEOPLE)
def people_list(request: PartnershipRequest) -> HttpResponse:
    show_archived = request.GET.get("archived") == "1"
    memberships = selectors.membership_list(
        partnership=request.access.partnership, include_archived=show_archived
    )
    return render(
        request,
        "partnerships/people_list.html",
        {
            "memberships": memberships,
            "show_archived": show_archived,
            "breadcrumbs": _crumbs(request),
        },
    )


@require_GET
@partnership_view(Capability.VIEW_PEOPLE)
def person_detail(request: PartnershipRequest, membership_id: int) -> HttpResponse:
    membership = access_membership(request.access, membership_id)
    return render(
        request,
        "partnerships/person_detail.html",
        {
            "membership": membership,
            "history": history_for(membership),
            "breadcrumbs": _crumbs(request, ("People", _url(request, "people_list"))),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_PEOPLE)
def person_add(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership
    form = MembershipAddForm(request.POST if request.method == "POST" else None, partnership=p)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = run_service(
            form,
            services.membership_add,
            partnership=p,
            email=data["email"],
            full_name=data["full_name"],
            role=form.cleaned_role(),
            agency=data["agency"],
            job_title=data["job_title"],
            by=request.user,
        )
        if membership:
            if not membership.user.has_usable_password():
                invitation_send(request, user=membership.user, partnership=p)
            messages.success(request, f"{membership.user} added as {membership.role_enum.label}.")
            return redirect(_url(request, "person_detail", membership.pk))
    return render(
        request,
        "partnerships/person_add.html",
        {"form": form, "breadcrumbs": _crumbs(request, ("People", _url(request, "people_list")))},
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_PEOPLE)
def person_edit(request: PartnershipRequest, membership_id: int) -> HttpResponse:
    membership = access_membership(
        request.access, membership_id, capability=Capability.MANAGE_PEOPLE
    )
    form = MembershipEditForm(
        request.POST if request.method == "POST" else None,
        partnership=request.access.partnership,
        initial={
            "role": membership.role,
            "agency": membership.agency_id,
            "job_title": membership.job_title,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            services.membership_update,
            membership=membership,
            role=Role(data["role"]),
            agency=data["agency"],
            job_title=data["job_title"],
            by=request.user,
        ):
            messages.success(request, "Role saved.")
            return redirect(_url(request, "person_detail", membership.pk))
    return render(
        request,
        "partnerships/person_edit.html",
        {
            "form": form,
            "membership": membership,
            "breadcrumbs": _crumbs(
                request,
                ("People", _url(request, "people_list")),
                (str(membership.user), _url(request, "person_detail", membership.pk)),
            ),
        },
    )


@require_POST
@partnership_view(Capability.MANAGE_PEOPLE)
def person_remove(request: PartnershipRequest, membership_id: int) -> HttpResponse:
    membership = access_membership(
        request.access, membership_id, capability=Capability.MANAGE_PEOPLE
    )
    try:
        services.membership_archive(membership=membership, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_url(request, "person_detail", membership.pk))
    messages.success(request, f"{membership.user} no longer has access to this partnership.")
    return redirect(_url(request, "people_list"))


# --- Outside any one partnership ----------------------------------------------------------------


@require_GET
def home_redirect(request: HttpRequest) -> HttpResponse:
    """`/`: sign in, or go to your partnership, or choose one."""
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    assert isinstance(request.user, User)
    memberships = list(selectors.memberships_of(user=request.user))
    if len(memberships) == 1 and not request.user.is_site_admin:
        return redirect("partnerships:home", memberships[0].partnership.slug)
    return render(request, "partnerships/choose.html", {"memberships": memberships})


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own details, partnerships and history."""
    assert isinstance(request.user, User)
    return render(
        request,
        "partnerships/account.html",
        {
            "memberships": selectors.memberships_of(user=request.user),
            "history": history_for(request.user),
        },
    )


@require_GET
def switch_partnership(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    assert isinstance(request.user, User)
    slug = request.GET.get("to", "")
    if not selectors.memberships_of(user=request.user).filter(partnership__slug=slug).exists():
        raise Http404("Page not found")
    return redirect("partnerships:home", slug)


@require_GET
@site_admin_view
def site_partnerships(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partnerships/site_partnerships.html",
        {"partnerships": selectors.partnership_directory()},
    )


@require_http_methods(["GET", "POST"])
@site_admin_view
def site_partnership_create(request: HttpRequest) -> HttpResponse:
    form = PartnershipCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form, services.partnership_create, by=request.user, **form.cleaned_data
        )
        if result:
            partnership, membership = result
            if not membership.user.has_usable_password():
                invitation_send(request, user=membership.user, partnership=partnership)
            messages.success(
                request, f"{partnership.name} created. {membership.user.email} is its manager."
            )
            return redirect("site_partnerships")
    return render(request, "partnerships/site_partnership_form.html", {"form": form})
