"""Partnership pages. Each view: access -> service or selector -> render or redirect."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.accounts.models import User
from safeboard.core.history import history_for
from safeboard.ui.pages import AppPages, confirm_page, create_page, edit_page, form_page, posted

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
    AgencyChangeForm,
    AgencyForm,
    MembershipAddForm,
    MembershipEditForm,
    PartnershipCreateForm,
    PartnershipSettingsForm,
    ReminderPreferenceForm,
)
from .invitations import invitation_send
from .models import MEMBERSHIP_HISTORY_IGNORED, Membership, Partnership
from .switching import switch_destination

pages = AppPages("partnerships")
AGENCIES = ("Agencies", "agency_list")
PEOPLE = ("People", "people_list")


# --- Overview -----------------------------------------------------------------------------------


def _since(request: PartnershipRequest) -> dt.datetime | None:
    """When the person last looked at this home page before this session: kept in the session,
    so that coming back to the page later the same day still shows what changed since then."""
    key = f"home_since:{request.access.partnership.pk}"
    if key not in request.session:
        last = request.access.membership.last_home_visit
        request.session[key] = last.isoformat() if last else ""
    stored = request.session[key]
    return dt.datetime.fromisoformat(stored) if stored else None


@require_GET
@partnership_view()
def home(request: PartnershipRequest) -> HttpResponse:
    """The person's working day: what needs them in every module, most urgent first."""
    since = _since(request)
    page = selectors.home_page(request.access, today=timezone.localdate(), since=since)
    services.membership_record_home_visit(membership=request.access.membership, at=timezone.now())
    return render(
        request,
        "partnerships/home.html",
        {
            "partnership": request.access.partnership,
            "page": page,
            "since": since,
            "reminder_label": request.access.membership.get_reminder_frequency_display(),
        },
    )


@require_GET
@partnership_view()
def changes(request: PartnershipRequest) -> HttpResponse:
    """What changed in the partnership (since a moment, from the home page), newest first."""
    since = _parse_since(request.GET.get("since", ""))
    return render(
        request,
        "partnerships/changes.html",
        {
            "changes": selectors.partnership_changes(
                partnership=request.access.partnership, since=since
            ),
            "since": since,
            "shown": selectors.CHANGES_SHOWN,
            "breadcrumbs": pages.crumbs(request),
        },
    )


def _parse_since(text: str) -> dt.datetime | None:
    """A moment from the page's address; anything else (a typo, a tampered link) is ignored."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@require_http_methods(["GET", "POST"])
@partnership_view()
def reminder_preference(request: PartnershipRequest) -> HttpResponse:
    """The person's own choice of e-mail reminders in this partnership."""
    membership = request.access.membership
    return edit_page(
        request,
        ReminderPreferenceForm,
        membership,
        save=functools.partial(services.membership_set_reminders, membership=membership),
        success="Your e-mail reminders are saved.",
        next_url=reverse("partnerships:home", args=[request.access.partnership.slug]),
        title="E-mail reminders",
        caption=request.access.partnership.name,
        breadcrumbs=pages.crumbs(request),
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
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def settings(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership
    return edit_page(
        request,
        PartnershipSettingsForm,
        p,
        save=functools.partial(services.partnership_update, partnership=p),
        success="Partnership details saved.",
        next_url=pages.url(request, "settings"),
        title="Partnership details",
        template="partnerships/settings.html",
        context={"partnership": p, "history": history_for(p)},
        breadcrumbs=pages.crumbs(request),
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
        {
            "agencies": agencies,
            "show_archived": show_archived,
            "breadcrumbs": pages.crumbs(request),
        },
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
            "breadcrumbs": pages.crumbs(request, AGENCIES),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def agency_create(request: PartnershipRequest) -> HttpResponse:
    return create_page(
        request,
        AgencyForm,
        save=functools.partial(services.agency_create, partnership=request.access.partnership),
        success=lambda agency: f"{agency.name} added.",
        next_url=lambda agency: pages.url(request, "agency_detail", agency.pk),
        title="Add an agency",
        breadcrumbs=pages.crumbs(request, AGENCIES),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def agency_edit(request: PartnershipRequest, agency_id: int) -> HttpResponse:
    agency = access_agency(request.access, agency_id, capability=Capability.MANAGE_STRUCTURE)
    return edit_page(
        request,
        AgencyChangeForm,
        agency,
        save=functools.partial(services.agency_update, agency=agency),
        success="Agency saved.",
        next_url=pages.url(request, "agency_detail", agency.pk),
        title=f"Change {agency.name}",
        breadcrumbs=pages.crumbs(request, AGENCIES, (agency.name, "agency_detail", agency.pk)),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def agency_archive(request: PartnershipRequest, agency_id: int) -> HttpResponse:
    """Archive (after a confirm page) or restore (the Restore button confirms itself)."""
    agency = access_agency(request.access, agency_id, capability=Capability.MANAGE_STRUCTURE)
    archive = request.POST.get("action", request.GET.get("action")) != "restore"
    detail = pages.url(request, "agency_detail", agency.pk)
    return confirm_page(
        request,
        act=functools.partial(
            services.agency_set_archived, agency=agency, archived=archive, by=request.user
        ),
        title=f"Archive {agency.name}?" if archive else f"Restore {agency.name}?",
        body="An archived agency is no longer offered when people or contributions are added. "
        "You can restore it later."
        if archive
        else "",
        button="Archive agency" if archive else "Restore agency",
        warning=archive,
        success=f"{agency.name} {'archived' if archive else 'restored'}.",
        next_url=detail,
        cancel=detail,
        breadcrumbs=pages.crumbs(request, AGENCIES, (agency.name, "agency_detail", agency.pk)),
    )


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
            "breadcrumbs": pages.crumbs(request),
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
            "history": history_for(membership, ignore=MEMBERSHIP_HISTORY_IGNORED),
            "breadcrumbs": pages.crumbs(request, PEOPLE),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_PEOPLE)
def person_add(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership

    def add(**data: Any) -> Membership:
        membership = services.membership_add(
            partnership=p, role=Role(data.pop("role")), by=request.user, **data
        )
        if not membership.user.has_usable_password():
            invitation_send(request, user=membership.user, partnership=p)
        return membership

    return form_page(
        request,
        MembershipAddForm(posted(request), partnership=p),
        save=add,
        success=lambda m: f"{m.user} added as {m.role_enum.label}.",
        next_url=lambda m: pages.url(request, "person_detail", m.pk),
        title="Add a person",
        intro="They will get an e-mail with a link to set their password, unless they already "
        "have a Safeboard account.",
        button="Add person",
        breadcrumbs=pages.crumbs(request, PEOPLE),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_PEOPLE)
def person_edit(request: PartnershipRequest, membership_id: int) -> HttpResponse:
    membership = access_membership(
        request.access, membership_id, capability=Capability.MANAGE_PEOPLE
    )
    return edit_page(
        request,
        MembershipEditForm,
        membership,
        form_kwargs={"partnership": request.access.partnership},
        save=functools.partial(services.membership_update, membership=membership),
        success="Role saved.",
        next_url=pages.url(request, "person_detail", membership.pk),
        title="Change role",
        caption=membership.user.full_name,
        breadcrumbs=pages.crumbs(
            request, PEOPLE, (str(membership.user), "person_detail", membership.pk)
        ),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_PEOPLE)
def person_remove(request: PartnershipRequest, membership_id: int) -> HttpResponse:
    membership = access_membership(
        request.access, membership_id, capability=Capability.MANAGE_PEOPLE
    )
    return confirm_page(
        request,
        act=functools.partial(services.membership_archive, membership=membership, by=request.user),
        title=f"Remove {membership.user} from this partnership?",
        body="They will no longer be able to see or change anything in this partnership. "
        "Their account and the history of what they did are kept.",
        button="Remove from partnership",
        success=f"{membership.user} no longer has access to this partnership.",
        next_url=pages.url(request, "people_list"),
        cancel=pages.url(request, "person_detail", membership.pk),
        breadcrumbs=pages.crumbs(
            request, PEOPLE, (str(membership.user), "person_detail", membership.pk)
        ),
    )


# --- Outside any one partnership ----------------------------------------------------------------


@require_GET
def home_redirect(request: HttpRequest) -> HttpResponse:
    """`/`: sign in, or go to your partnership, or choose one."""
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    assert isinstance(request.user, User)
    memberships = list(selectors.memberships_of(user=request.user))
    if request.user.is_site_admin and not memberships:
        return redirect("site_partnerships")
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
    membership = selectors.memberships_of(user=request.user).filter(partnership__slug=slug).first()
    if membership is None:
        raise Http404("Page not found")
    # The same section of the other partnership (see switching.py); the header's links carry
    # the page switched from.
    return redirect(switch_destination(path=request.GET.get("from", ""), membership=membership))


@require_GET
@site_admin_view
def site_partnerships(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partnerships/site_partnerships.html",
        {"partnerships": selectors.partnership_directory()},
    )


def _created(made: tuple[Partnership, Membership]) -> str:
    partnership, membership = made
    if membership.user.has_usable_password():
        return (
            f"{partnership.name} created. {membership.user.email} is its manager: they already "
            "have a Safeboard account, so they can sign in and find it now."
        )
    return (
        f"{partnership.name} created. {membership.user.email} is its manager: we have sent "
        "them an invitation to set a password."
    )


@require_http_methods(["GET", "POST"])
@site_admin_view
def site_partnership_create(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    by = request.user

    def create(**data: Any) -> tuple[Partnership, Membership]:
        partnership, membership = services.partnership_create(by=by, **data)
        if not membership.user.has_usable_password():
            invitation_send(request, user=membership.user, partnership=partnership)
        return partnership, membership

    return form_page(
        request,
        PartnershipCreateForm(posted(request)),
        save=create,
        success=_created,
        next_url=reverse("site_partnerships"),
        title="Create a partnership",
        caption="Site administration",
        button="Create partnership",
    )
