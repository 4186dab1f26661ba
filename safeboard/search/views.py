"""The search page: the query read and checked, then searched through the selector."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.ui.pages import AppPages

from . import selectors
from .domain.query import MAX_LENGTH, QueryProblem, parse

pages = AppPages("search")


@require_GET
@partnership_view()
def search_page(request: PartnershipRequest) -> HttpResponse:
    raw = request.GET.get("q")
    results = None
    problem = ""
    if raw is not None:
        try:
            query = parse(raw)
        except QueryProblem as error:
            problem = str(error)
        else:
            results = selectors.search(request.access, query, request.GET.get("page"))
    return render(
        request,
        "search/results.html",
        {
            "q": raw or "",
            "max_length": MAX_LENGTH,
            "problem": problem,
            "results": results,
            "page": results.page if results else None,
            "breadcrumbs": pages.crumbs(request, app_root=False),
        },
    )
