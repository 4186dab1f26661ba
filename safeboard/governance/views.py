"""Governance pages. Each view: access -> service or selector -> render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeboard.core.errors import ApplicationError
from safeboard.core.forms import run_service
from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability

from . import selectors, services
from .access import (
    access_board_link,
    access_group,
    access_group_for_meetings,
    access_group_member,
    access_meeting,
    access_meeting_to_change,
    may_record_meetings,
)
from .forms import BoardLinkForm, GroupForm, GroupMemberForm, MeetingForm, meeting_seats
from .models import Group, Meeting


def _url(request: PartnershipRequest, name: str, *args: object) -> str:
    return reverse(f"governance:{name}", args=[request.access.partnership.slug, *args])


def _crumbs(request: PartnershipRequest, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    p = request.access.partnership
    return [
        (p.short_name or p.name, reverse("partnerships:home", args=[p.slug])),
        ("Governance", _url(request, "structure")),
        *trail,
    ]


def _group_crumbs(request: PartnershipRequest, group: Group | None = None) -> list[tuple[str, str]]:
    trail = [("Groups", _url(request, "group_list"))]
    if group is not None:
        trail.append((group.name, _url(request, "group_detail", group.pk)))
    return _crumbs(request, *trail)


# --- Structure ----------------------------------------------------------------------------------


@require_GET
@partnership_view()
def structure(request: PartnershipRequest) -> HttpResponse:
    found = selectors.structure_of(partnership=request.access.partnership)
    return render(
        request,
        "governance/structure.html",
        {
            "structure": found,
            # The chart writer escapes every name and attribute it writes (domain/chart.py).
            "chart": mark_safe(found.svg),  # noqa: S308
            "breadcrumbs": _crumbs(request)[:1],
        },
    )


# --- Groups -------------------------------------------------------------------------------------


@require_GET
@partnership_view()
def group_list(request: PartnershipRequest) -> HttpResponse:
    show_archived = request.GET.get("archived") == "1"
    tables = selectors.groups_by_type(
        partnership=request.access.partnership, include_archived=show_archived
    )
    return render(
        request,
        "governance/group_list.html",
        {"tables": tables, "show_archived": show_archived, "breadcrumbs": _crumbs(request)},
    )


@require_GET
@partnership_view()
def group_detail(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group(request.access, group_id)
    return render(
        request,
        "governance/group_detail.html",
        {
            "group": group,
            "members": selectors.group_members(group=group),
            "sub_groups": selectors.sub_groups(group=group),
            "meetings": selectors.meeting_list(group=group),
            "may_record_meetings": may_record_meetings(request.access, group),
            "history": history_for(group),
            "breadcrumbs": _group_crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def group_create(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership
    initial = {}
    if "parent" in request.GET:
        initial["parent"] = request.GET["parent"]
    form = GroupForm(
        request.POST if request.method == "POST" else None, partnership=p, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        group = run_service(
            form, services.group_create, partnership=p, by=request.user, **form.cleaned_data
        )
        if group:
            messages.success(request, f"{group.name} added.")
            return redirect(_url(request, "group_detail", group.pk))
    return render(
        request,
        "governance/group_form.html",
        {"form": form, "title": "Add a group", "breadcrumbs": _group_crumbs(request)},
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def group_edit(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group(request.access, group_id, capability=Capability.MANAGE_STRUCTURE)
    form = GroupForm(
        request.POST if request.method == "POST" else None,
        partnership=request.access.partnership,
        group=group,
        initial=GroupForm.initial_for(group),
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.group_update, group=group, by=request.user, **form.cleaned_data
        ):
            messages.success(request, "Group saved.")
            return redirect(_url(request, "group_detail", group.pk))
    return render(
        request,
        "governance/group_form.html",
        {
            "form": form,
            "group": group,
            "title": f"Change {group.name}",
            "breadcrumbs": _group_crumbs(request, group),
        },
    )


@require_POST
@partnership_view(Capability.MANAGE_STRUCTURE)
def group_archive(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group(request.access, group_id, capability=Capability.MANAGE_STRUCTURE)
    archive = request.POST.get("action") != "restore"
    try:
        services.group_set_archived(group=group, archived=archive, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{group.name} {'archived' if archive else 'restored'}.")
    return redirect(_url(request, "group_detail", group.pk))


# --- Group members ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def member_add(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group(request.access, group_id, capability=Capability.MANAGE_STRUCTURE)
    form = GroupMemberForm(
        request.POST if request.method == "POST" else None, partnership=request.access.partnership
    )
    if request.method == "POST" and form.is_valid():
        member = run_service(
            form, services.group_member_add, group=group, by=request.user, **form.cleaned_data
        )
        if member:
            messages.success(request, f"{member} added to {group.name}.")
            return redirect(_url(request, "group_detail", group.pk) + "#members")
    return render(
        request,
        "governance/member_form.html",
        {"form": form, "group": group, "breadcrumbs": _group_crumbs(request, group)},
    )


@require_POST
@partnership_view(Capability.MANAGE_STRUCTURE)
def member_remove(request: PartnershipRequest, member_id: int) -> HttpResponse:
    member = access_group_member(request.access, member_id, capability=Capability.MANAGE_STRUCTURE)
    group, who = member.group, str(member)
    services.group_member_remove(member=member, by=request.user)
    messages.success(request, f"{who} is no longer a member of {group.name}.")
    return redirect(_url(request, "group_detail", group.pk) + "#members")


# --- Links to other boards ----------------------------------------------------------------------


@require_GET
@partnership_view()
def board_link_list(request: PartnershipRequest) -> HttpResponse:
    return render(
        request,
        "governance/board_link_list.html",
        {
            "links": selectors.board_link_list(partnership=request.access.partnership),
            "breadcrumbs": _crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def board_link_create(request: PartnershipRequest) -> HttpResponse:
    form = BoardLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        link = run_service(
            form,
            services.board_link_create,
            partnership=request.access.partnership,
            by=request.user,
            **form.cleaned_data,
        )
        if link:
            messages.success(request, f"Link to {link.name} added.")
            return redirect(_url(request, "board_link_list"))
    return render(
        request,
        "governance/board_link_form.html",
        {
            "form": form,
            "title": "Add a link to another board",
            "breadcrumbs": _crumbs(
                request, ("Links to other boards", _url(request, "board_link_list"))
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def board_link_edit(request: PartnershipRequest, link_id: int) -> HttpResponse:
    link = access_board_link(request.access, link_id, capability=Capability.MANAGE_STRUCTURE)
    form = BoardLinkForm(
        request.POST if request.method == "POST" else None,
        initial={
            "name": link.name,
            "kind": link.kind,
            "relationship": link.relationship,
            "key": link.key,
        },
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.board_link_update, link=link, by=request.user, **form.cleaned_data
        ):
            messages.success(request, f"Link to {link.name} saved.")
            return redirect(_url(request, "board_link_list"))
    return render(
        request,
        "governance/board_link_form.html",
        {
            "form": form,
            "link": link,
            "title": f"Change the link to {link.name}",
            "history": history_for(link),
            "breadcrumbs": _crumbs(
                request, ("Links to other boards", _url(request, "board_link_list"))
            ),
        },
    )


@require_POST
@partnership_view(Capability.MANAGE_STRUCTURE)
def board_link_delete(request: PartnershipRequest, link_id: int) -> HttpResponse:
    link = access_board_link(request.access, link_id, capability=Capability.MANAGE_STRUCTURE)
    name = link.name
    services.board_link_delete(link=link, by=request.user)
    messages.success(request, f"Link to {name} removed.")
    return redirect(_url(request, "board_link_list"))


# --- Meetings -----------------------------------------------------------------------------------


def _action_url(request: PartnershipRequest, action_id: int) -> str | None:
    """The plan action's page, once the plans app has one; until then the title is plain text."""
    try:
        return reverse(
            "plans:action_detail",
            kwargs={"partnership_slug": request.access.partnership.slug, "action_id": action_id},
        )
    except NoReverseMatch:
        return None


@require_GET
@partnership_view()
def meeting_detail(request: PartnershipRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.access, meeting_id)
    actions = [
        (action, _action_url(request, action.pk))
        for action in selectors.actions_arising(meeting=meeting)
    ]
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "attendees": selectors.meeting_attendees(meeting=meeting),
            "decisions": selectors.meeting_decisions(meeting=meeting),
            "actions": actions,
            "may_record_meetings": may_record_meetings(request.access, meeting.group),
            "history": history_for(meeting),
            "breadcrumbs": _group_crumbs(request, meeting.group),
        },
    )


def _day(meeting: Meeting) -> str:
    return str(formats.date_format(meeting.date, "DATE_FORMAT"))


def _meeting_form(
    request: PartnershipRequest, group: Group, meeting: Meeting | None
) -> MeetingForm:
    return MeetingForm(
        request.POST if request.method == "POST" else None,
        partnership=request.access.partnership,
        seats=meeting_seats(group=group, meeting=meeting),
        initial=MeetingForm.initial_for(meeting) if meeting is not None else None,
    )


def _meeting_data(form: MeetingForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "date": form.meeting_date,
        "title": data["title"],
        "notes": data["notes"],
        "attendees": data["attendee_inputs"],
        "decisions": data["decision_texts"],
    }


# A group chair may record their own group's meetings, so the page asks for the group-work
# capability; access_group_for_meetings then checks this is a group they chair (or the manager).
@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def meeting_create(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group_for_meetings(request.access, group_id)
    form = _meeting_form(request, group, None)
    if request.method == "POST" and form.is_valid():
        meeting = run_service(
            form, services.meeting_create, group=group, by=request.user, **_meeting_data(form)
        )
        if meeting:
            messages.success(request, "Meeting recorded.")
            return redirect(_url(request, "meeting_detail", meeting.pk))
    return render(
        request,
        "governance/meeting_form.html",
        {
            "form": form,
            "group": group,
            "title": f"Record a meeting of {group.name}",
            "breadcrumbs": _group_crumbs(request, group),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def meeting_edit(request: PartnershipRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting_to_change(request.access, meeting_id)
    group = meeting.group
    form = _meeting_form(request, group, meeting)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.meeting_update, meeting=meeting, by=request.user, **_meeting_data(form)
        ):
            messages.success(request, "Meeting saved.")
            return redirect(_url(request, "meeting_detail", meeting.pk))
    return render(
        request,
        "governance/meeting_form.html",
        {
            "form": form,
            "group": group,
            "meeting": meeting,
            "title": f"Change the meeting of {_day(meeting)}",
            "breadcrumbs": [
                *_group_crumbs(request, group),
                (f"Meeting of {_day(meeting)}", _url(request, "meeting_detail", meeting.pk)),
            ],
        },
    )
