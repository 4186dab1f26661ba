"""The log of reminders sent, for the partnership manager. Each view: access -> selector ->
render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability
from safeboard.ui.pages import AppPages

from . import selectors

pages = AppPages("reminders")
PER_PAGE = 50


@require_GET
@partnership_view(Capability.MANAGE_PEOPLE)
def sent(request: PartnershipRequest) -> HttpResponse:
    """Every reminder e-mail sent to the partnership's people: to whom, when, for which period,
    and what it named."""
    log = Paginator(selectors.sent_log(partnership=request.access.partnership), PER_PAGE)
    page = log.get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/sent.html",
        {"page": page, "breadcrumbs": pages.crumbs(request)},
    )
