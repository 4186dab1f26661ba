"""Governance pages. Each view: access -> service or selector -> render or redirect."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability
from safeboard.ui.pages import AppPages, Crumb, confirm_page, create_page, edit_page

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
from .forms import (
    BoardLinkChangeForm,
    BoardLinkForm,
    GroupChangeForm,
    GroupForm,
    GroupMemberForm,
    MeetingChangeForm,
    MeetingForm,
    meeting_seats,
)
from .models import Group, Meeting

MANAGE = Capability.MANAGE_STRUCTURE
GROUPS = ("Groups", "group_list")
LINKS = ("Links to other boards", "board_link_list")

pages = AppPages("governance", root=("Governance", "structure"))


def _group_crumbs(request: PartnershipRequest, group: Group | None = None) -> list[Crumb]:
    if group is None:
        return pages.crumbs(request, GROUPS)
    return pages.crumbs(request, GROUPS, (group.name, "group_detail", group.pk))


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
            "breadcrumbs": pages.crumbs(request, app_root=False),
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
        {"tables": tables, "show_archived": show_archived, "breadcrumbs": pages.crumbs(request)},
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
@partnership_view(MANAGE)
def group_create(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership
    initial = {"parent": request.GET["parent"]} if "parent" in request.GET else {}
    return create_page(
        request,
        GroupForm,
        form_kwargs={"partnership": p, "initial": initial},
        save=functools.partial(services.group_create, partnership=p),
        success=lambda group: f"{group.name} added.",
        next_url=lambda group: pages.url(request, "group_detail", group.pk),
        title="Add a group",
        breadcrumbs=_group_crumbs(request),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def group_edit(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group(request.access, group_id, capability=MANAGE)
    return edit_page(
        request,
        GroupChangeForm,
        group,
        form_kwargs={"partnership": request.access.partnership, "group": group},
        save=functools.partial(services.group_update, group=group),
        success="Group saved.",
        next_url=pages.url(request, "group_detail", group.pk),
        title=f"Change {group.name}",
        breadcrumbs=_group_crumbs(request, group),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def group_archive(request: PartnershipRequest, group_id: int) -> HttpResponse:
    """Archive (after a confirm page) or restore (the Restore button confirms itself)."""
    group = access_group(request.access, group_id, capability=MANAGE)
    archive = request.POST.get("action", request.GET.get("action")) != "restore"
    detail = pages.url(request, "group_detail", group.pk)
    return confirm_page(
        request,
        act=functools.partial(
            services.group_set_archived, group=group, archived=archive, by=request.user
        ),
        title=f"Archive {group.name}?" if archive else f"Restore {group.name}?",
        body="An archived group leaves the structure chart. You can restore it later."
        if archive
        else "",
        button="Archive group" if archive else "Restore group",
        warning=archive,
        success=f"{group.name} {'archived' if archive else 'restored'}.",
        next_url=detail,
        cancel=detail,
        breadcrumbs=_group_crumbs(request, group),
    )


# --- Group members ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def member_add(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group(request.access, group_id, capability=MANAGE)
    return create_page(
        request,
        GroupMemberForm,
        form_kwargs={"partnership": request.access.partnership},
        save=functools.partial(services.group_member_add, group=group),
        success=lambda member: f"{member} added to {group.name}.",
        next_url=pages.url(request, "group_detail", group.pk) + "#members",
        title="Add a member",
        caption=group.name,
        button="Add member",
        breadcrumbs=_group_crumbs(request, group),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def member_remove(request: PartnershipRequest, member_id: int) -> HttpResponse:
    member = access_group_member(request.access, member_id, capability=MANAGE)
    group = member.group
    back = pages.url(request, "group_detail", group.pk) + "#members"
    return confirm_page(
        request,
        act=functools.partial(services.group_member_remove, member=member, by=request.user),
        title=f"Remove {member} from {group.name}?",
        button="Remove member",
        success=f"{member} is no longer a member of {group.name}.",
        next_url=back,
        cancel=back,
        breadcrumbs=_group_crumbs(request, group),
    )


# --- Links to other boards ----------------------------------------------------------------------


@require_GET
@partnership_view()
def board_link_list(request: PartnershipRequest) -> HttpResponse:
    return render(
        request,
        "governance/board_link_list.html",
        {
            "links": selectors.board_link_list(partnership=request.access.partnership),
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def board_link_create(request: PartnershipRequest) -> HttpResponse:
    return create_page(
        request,
        BoardLinkForm,
        save=functools.partial(services.board_link_create, partnership=request.access.partnership),
        success=lambda link: f"Link to {link.name} added.",
        next_url=pages.url(request, "board_link_list"),
        title="Add a link to another board",
        breadcrumbs=pages.crumbs(request, LINKS),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def board_link_edit(request: PartnershipRequest, link_id: int) -> HttpResponse:
    link = access_board_link(request.access, link_id, capability=MANAGE)
    return edit_page(
        request,
        BoardLinkChangeForm,
        link,
        save=functools.partial(services.board_link_update, link=link),
        success=lambda saved: f"Link to {saved.name} saved.",
        next_url=pages.url(request, "board_link_list"),
        title=f"Change the link to {link.name}",
        template="governance/board_link_form.html",
        context={"link": link, "history": history_for(link)},
        breadcrumbs=pages.crumbs(request, LINKS),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def board_link_delete(request: PartnershipRequest, link_id: int) -> HttpResponse:
    link = access_board_link(request.access, link_id, capability=MANAGE)
    return confirm_page(
        request,
        act=functools.partial(services.board_link_delete, link=link, by=request.user),
        title=f"Remove the link to {link.name}?",
        button="Remove link",
        success=f"Link to {link.name} removed.",
        next_url=pages.url(request, "board_link_list"),
        cancel=pages.url(request, "board_link_edit", link.pk),
        breadcrumbs=pages.crumbs(request, LINKS),
    )


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


def _meeting_form_kwargs(
    request: PartnershipRequest, group: Group, meeting: Meeting | None
) -> dict[str, Any]:
    """What the meeting form takes besides its data: the partnership and the group's seats."""
    seats = meeting_seats(group=group, meeting=meeting)
    return {"partnership": request.access.partnership, "seats": seats}


# A group chair may record their own group's meetings, so the page asks for the group-work
# capability; access_group_for_meetings then checks this is a group they chair (or the manager).
@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def meeting_create(request: PartnershipRequest, group_id: int) -> HttpResponse:
    group = access_group_for_meetings(request.access, group_id)
    return create_page(
        request,
        MeetingForm,
        form_kwargs=_meeting_form_kwargs(request, group, None),
        save=functools.partial(services.meeting_create, group=group),
        success="Meeting recorded.",
        next_url=lambda meeting: pages.url(request, "meeting_detail", meeting.pk),
        title=f"Record a meeting of {group.name}",
        caption=group.name,
        button="Save meeting",
        template="governance/meeting_form.html",
        breadcrumbs=_group_crumbs(request, group),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.EDIT_OWN_GROUP_WORK)
def meeting_edit(request: PartnershipRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting_to_change(request.access, meeting_id)
    group = meeting.group
    day = _day(meeting)
    return edit_page(
        request,
        MeetingChangeForm,
        meeting,
        form_kwargs=_meeting_form_kwargs(request, group, meeting),
        save=functools.partial(services.meeting_update, meeting=meeting),
        success="Meeting saved.",
        next_url=pages.url(request, "meeting_detail", meeting.pk),
        title=f"Change the meeting of {day}",
        caption=group.name,
        button="Save meeting",
        template="governance/meeting_form.html",
        context={"meeting": meeting},
        breadcrumbs=[
            *_group_crumbs(request, group),
            (f"Meeting of {day}", pages.url(request, "meeting_detail", meeting.pk)),
        ],
    )
