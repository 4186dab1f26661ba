"""Comparator pages: published series (England, other areas) to draw beside our own.

Everyone in the partnership reads them (VIEW); analysts and managers import and link them
(MANAGE_INDICATORS)."""

from __future__ import annotations

import functools
from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.errors import ApplicationError
from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability
from safeboard.ui.pages import AppPages, edit_page, posted, posted_files

from ..access import access_comparator
from ..domain.comparators import SYMBOLS, symbol_meaning
from . import selectors
from .forms import ComparatorImportForm, ComparatorLinkChangeForm
from .services import ComparatorImportError, comparator_link, comparators_import

pages = AppPages("performance", root=("Comparators", "comparator_list"))


def _figure(value: Decimal | None, symbol: str) -> str:
    """45000.0000 → "45,000"; 12.5000 → "12.5"; no number → "c (suppressed)"."""
    if value is None:
        return symbol_meaning(symbol)
    return f"{value.normalize():,f}"


@require_GET
@partnership_view()
def comparator_list(request: PartnershipRequest) -> HttpResponse:
    series = selectors.comparator_list(partnership=request.access.partnership)
    return render(
        request,
        "performance/comparators/list.html",
        {"series_list": series, "breadcrumbs": pages.crumbs(request, app_root=False)},
    )


@require_GET
@partnership_view()
def comparator_detail(request: PartnershipRequest, series_id: int) -> HttpResponse:
    series = access_comparator(request.access, series_id)
    points = [(p, _figure(p.value, p.symbol)) for p in selectors.comparator_points(series=series)]
    return render(
        request,
        "performance/comparators/detail.html",
        {
            "series": series,
            "points": points,
            "symbols": SYMBOLS,
            "history": history_for(series),
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def comparator_import(request: PartnershipRequest) -> HttpResponse:
    form = ComparatorImportForm(posted(request), posted_files(request))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = comparators_import(
                partnership=request.access.partnership,
                upload=form.cleaned_data["file"],
                rates_for=form.cleaned_data["rates_for"],
                by=request.user,
            )
        except ComparatorImportError as error:
            form.add_error("file", error.message)
            problems = error.problems
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                f"Imported {summary.points} figures: {summary.series_created} new series, "
                f"{summary.series_updated} updated.",
            )
            return redirect(pages.url(request, "comparator_list"))
    return render(
        request,
        "performance/comparators/import.html",
        {
            "form": form,
            "problems": problems,
            "symbols": SYMBOLS,
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def comparator_link_edit(request: PartnershipRequest, series_id: int) -> HttpResponse:
    series = access_comparator(request.access, series_id, capability=Capability.MANAGE_INDICATORS)
    return edit_page(
        request,
        ComparatorLinkChangeForm,
        series,
        form_kwargs={"partnership": request.access.partnership},
        save=functools.partial(comparator_link, series=series),
        success=lambda saved: f"Saved {saved}.",
        next_url=pages.url(request, "comparator_detail", series.pk),
        title="Name this series and draw it beside an indicator",
        caption=str(series),
        breadcrumbs=pages.crumbs(request, (series, "comparator_detail", series.pk)),
    )
