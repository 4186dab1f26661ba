"""Comparator pages: published series (England, other areas) to draw beside our own.

Everyone in the partnership reads them (VIEW); analysts and managers import and link them
(MANAGE_INDICATORS)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.errors import ApplicationError
from safeboard.core.forms import run_service
from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability

from ..access import access_comparator
from ..domain.comparators import SYMBOLS, symbol_meaning
from . import selectors
from .forms import ComparatorImportForm, ComparatorLinkForm
from .services import ComparatorImportError, comparator_link, comparators_import


def _crumbs(request: PartnershipRequest, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    p = request.access.partnership
    return [
        (p.short_name or p.name, reverse("partnerships:home", args=[p.slug])),
        *trail,
    ]


def _figure(value: Decimal | None, symbol: str) -> str:
    """45000.0000 → "45,000"; 12.5000 → "12.5"; no number → "c (suppressed)"."""
    if value is None:
        return symbol_meaning(symbol)
    return f"{value.normalize():,f}"


def _list_url(request: PartnershipRequest) -> str:
    return reverse("performance:comparator_list", args=[request.access.partnership.slug])


@require_GET
@partnership_view()
def comparator_list(request: PartnershipRequest) -> HttpResponse:
    series = selectors.comparator_list(partnership=request.access.partnership)
    return render(
        request,
        "performance/comparators/list.html",
        {"series_list": series, "breadcrumbs": _crumbs(request)},
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
            "breadcrumbs": _crumbs(request, ("Comparators", _list_url(request))),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def comparator_import(request: PartnershipRequest) -> HttpResponse:
    form = ComparatorImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
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
            return redirect(_list_url(request))
    return render(
        request,
        "performance/comparators/import.html",
        {
            "form": form,
            "problems": problems,
            "symbols": SYMBOLS,
            "breadcrumbs": _crumbs(request, ("Comparators", _list_url(request))),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def comparator_link_edit(request: PartnershipRequest, series_id: int) -> HttpResponse:
    series = access_comparator(request.access, series_id, capability=Capability.MANAGE_INDICATORS)
    form = ComparatorLinkForm(
        request.POST if request.method == "POST" else None,
        initial={"indicator": series.indicator_id},
        partnership=request.access.partnership,
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            comparator_link,
            series=series,
            indicator=form.cleaned_data["indicator"],
            by=request.user,
        )
        if done is not None:
            messages.success(request, f"Link saved for {series}.")
            return redirect(
                "performance:comparator_detail", request.access.partnership.slug, series.pk
            )
    detail = reverse(
        "performance:comparator_detail", args=[request.access.partnership.slug, series.pk]
    )
    return render(
        request,
        "performance/comparators/link.html",
        {
            "form": form,
            "series": series,
            "breadcrumbs": _crumbs(
                request, ("Comparators", _list_url(request)), (str(series), detail)
            ),
        },
    )
