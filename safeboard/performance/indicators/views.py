"""Indicator pages: the data set, report cards, targets, partners, data development, the
bellwether dashboard, scorecards and the composite performance report (page and PDF).
Each view: access -> service or selector -> render or redirect."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.forms import run_service
from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.disclosure import Output
from safeboard.partnerships.domain.roles import Capability
from safeboard.plans.access import access_theme

from ..access import (
    access_development_item,
    access_indicator,
    access_partner,
    access_target,
    entitlement,
)
from ..domain import periods
from ..models import Indicator, IndicatorKind
from . import exports, selectors, services
from .forms import (
    ConfirmForm,
    DevelopmentItemForm,
    IndicatorForm,
    PartnerForm,
    TargetForm,
)
from .presenters import ILLUSTRATIVE_LABEL


def _url(request: PartnershipRequest, name: str, *args: object) -> str:
    return reverse(f"performance:{name}", args=[request.access.partnership.slug, *args])


def _crumbs(request: PartnershipRequest, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    p = request.access.partnership
    return [
        (p.short_name or p.name, reverse("partnerships:home", args=[p.slug])),
        ("Data set", _url(request, "indicator_list")),
        *trail,
    ]


def _posted(request: PartnershipRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _indicator_crumb(request: PartnershipRequest, indicator: Indicator) -> tuple[str, str]:
    return (indicator.code, _url(request, "indicator_detail", indicator.pk))


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


# --- The data set -----------------------------------------------------------------------------


@require_GET
@partnership_view()
def indicator_list(request: PartnershipRequest) -> HttpResponse:
    partnership = request.access.partnership
    kind = request.GET.get("kind", "")
    if kind not in IndicatorKind.values:
        kind = ""
    themes = list(selectors.partnership_themes(partnership))
    theme_id = _int_or_none(request.GET.get("theme"))
    if theme_id is not None and theme_id not in {t.pk for t in themes}:
        theme_id = None
    rows = selectors.indicator_list(partnership=partnership, kind=kind, theme_id=theme_id)
    p = partnership
    return render(
        request,
        "performance/indicators/indicator_list.html",
        {
            "rows": rows,
            "kinds": IndicatorKind.choices,
            "themes": themes,
            "kind": kind,
            "theme_id": theme_id,
            "any_illustrative": any(r.indicator.is_illustrative for r in rows),
            "breadcrumbs": [(p.short_name or p.name, reverse("partnerships:home", args=[p.slug]))],
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def indicator_create(request: PartnershipRequest) -> HttpResponse:
    partnership = request.access.partnership
    form = IndicatorForm(_posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        indicator = run_service(
            form,
            services.indicator_create,
            partnership=partnership,
            by=request.user,
            **form.cleaned_data,
        )
        if indicator:
            messages.success(request, f"{indicator.code} {indicator.name} added.")
            return redirect(_url(request, "indicator_detail", indicator.pk))
    return render(
        request,
        "performance/indicators/indicator_form.html",
        {
            "form": form,
            "title": "Add an indicator",
            "breadcrumbs": _crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def indicator_update(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(
        request.access, indicator_id, capability=Capability.MANAGE_INDICATORS
    )
    form = IndicatorForm(
        _posted(request),
        partnership=request.access.partnership,
        initial=IndicatorForm.initial_for(indicator),
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            services.indicator_update,
            indicator=indicator,
            by=request.user,
            **form.cleaned_data,
        ):
            messages.success(request, f"{indicator.code} {indicator.name} saved.")
            return redirect(_url(request, "indicator_detail", indicator.pk))
    return render(
        request,
        "performance/indicators/indicator_form.html",
        {
            "form": form,
            "title": f"Change {indicator.code}",
            "record": indicator,
            "history": history_for(indicator),
            "breadcrumbs": _crumbs(request, _indicator_crumb(request, indicator)),
        },
    )


@require_GET
@partnership_view()
def indicator_detail(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id)
    card = selectors.report_card(indicator=indicator)
    return render(
        request,
        "performance/indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "card": card,
            "s": card.series,
            "illustrative_label": ILLUSTRATIVE_LABEL,
            "record": indicator,
            "history": history_for(indicator),
            "breadcrumbs": _crumbs(request),
        },
    )


# --- Targets ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def target_create(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    return _target_form(request, indicator_id, None)


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def target_update(request: PartnershipRequest, indicator_id: int, target_id: int) -> HttpResponse:
    return _target_form(request, indicator_id, target_id)


def _target_form(
    request: PartnershipRequest, indicator_id: int, target_id: int | None
) -> HttpResponse:
    indicator = access_indicator(
        request.access, indicator_id, capability=Capability.MANAGE_INDICATORS
    )
    target = None if target_id is None else access_target(request.access, indicator, target_id)
    initial = (
        {}
        if target is None
        else {
            "period": periods.label(target.period_start, indicator.frequency),
            "value": target.value,
        }
    )
    form = TargetForm(_posted(request), indicator=indicator, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            services.target_save,
            indicator=indicator,
            by=request.user,
            target=target,
            **form.service_kwargs(),
        )
        if saved:
            messages.success(
                request,
                f"Target for {periods.label(saved.period_start, indicator.frequency)} saved.",
            )
            return redirect(_url(request, "indicator_detail", indicator.pk) + "#targets")
    return render(
        request,
        "performance/indicators/target_form.html",
        {
            "form": form,
            "indicator": indicator,
            "title": "Add a target" if target is None else "Change a target",
            "record": target,
            "history": history_for(target) if target else [],
            "breadcrumbs": _crumbs(request, _indicator_crumb(request, indicator)),
        },
    )


# --- Partners with a role ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def partner_create(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(
        request.access, indicator_id, capability=Capability.MANAGE_INDICATORS
    )
    form = PartnerForm(_posted(request), partnership=request.access.partnership)
    if request.method == "POST" and form.is_valid():
        partner = run_service(
            form, services.partner_add, indicator=indicator, by=request.user, **form.cleaned_data
        )
        if partner:
            messages.success(request, f"{partner} added as a partner.")
            return redirect(_url(request, "indicator_detail", indicator.pk) + "#partners")
    return render(
        request,
        "performance/indicators/partner_form.html",
        {
            "form": form,
            "indicator": indicator,
            "breadcrumbs": _crumbs(request, _indicator_crumb(request, indicator)),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def partner_remove(request: PartnershipRequest, indicator_id: int, partner_id: int) -> HttpResponse:
    indicator = access_indicator(
        request.access, indicator_id, capability=Capability.MANAGE_INDICATORS
    )
    partner = access_partner(request.access, indicator, partner_id)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.partner_remove(partner=partner, by=request.user)
        messages.success(request, f"{partner} removed from the partners.")
        return redirect(_url(request, "indicator_detail", indicator.pk) + "#partners")
    return render(
        request,
        "performance/indicators/partner_remove.html",
        {
            "form": form,
            "indicator": indicator,
            "partner": partner,
            "breadcrumbs": _crumbs(request, _indicator_crumb(request, indicator)),
        },
    )


# --- Data development -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def development_create(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(
        request.access, indicator_id, capability=Capability.MANAGE_INDICATORS
    )
    return _development_form(request, indicator, None)


@require_GET
@partnership_view()
def development_list(request: PartnershipRequest) -> HttpResponse:
    items = selectors.development_agenda(partnership=request.access.partnership)
    return render(
        request,
        "performance/indicators/development_list.html",
        {"items": items, "breadcrumbs": _crumbs(request)},
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def development_create_general(request: PartnershipRequest) -> HttpResponse:
    return _development_form(request, None, None)


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def development_update(request: PartnershipRequest, item_id: int) -> HttpResponse:
    item = access_development_item(request.access, item_id, capability=Capability.MANAGE_INDICATORS)
    indicator = (
        None if item.indicator_id is None else access_indicator(request.access, item.indicator_id)
    )
    return _development_form(request, indicator, item)


def _development_form(
    request: PartnershipRequest, indicator: Indicator | None, item: Any
) -> HttpResponse:
    initial = (
        {}
        if item is None
        else {"title": item.title, "description": item.description, "status": item.status}
    )
    form = DevelopmentItemForm(_posted(request), initial=initial)
    back = (
        _url(request, "indicator_detail", indicator.pk) + "#development"
        if indicator
        else _url(request, "development_list")
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            services.development_item_save,
            partnership=request.access.partnership,
            by=request.user,
            indicator=indicator,
            item=item,
            **form.cleaned_data,
        )
        if saved:
            messages.success(request, f"{saved.title} saved.")
            return redirect(back)
    trail = [_indicator_crumb(request, indicator)] if indicator else []
    return render(
        request,
        "performance/indicators/development_form.html",
        {
            "form": form,
            "indicator": indicator,
            "title": "Add data development item"
            if item is None
            else "Change data development item",
            "record": item,
            "history": history_for(item) if item else [],
            "breadcrumbs": _crumbs(request, *trail),
        },
    )


# --- Dashboard, scorecards, composite report ---------------------------------------------------


@require_GET
@partnership_view()
def dashboard(request: PartnershipRequest) -> HttpResponse:
    rows = selectors.bellwether_dashboard(partnership=request.access.partnership)
    return render(
        request,
        "performance/indicators/dashboard.html",
        {
            "rows": rows,
            "any_illustrative": any(r.indicator.is_illustrative for r in rows),
            "illustrative_label": ILLUSTRATIVE_LABEL,
            "breadcrumbs": _crumbs(request),
        },
    )


@require_GET
@partnership_view()
def scorecard_list(request: PartnershipRequest) -> HttpResponse:
    themes = selectors.scorecard_list(partnership=request.access.partnership)
    return render(
        request,
        "performance/indicators/scorecard_list.html",
        {"themes": themes, "breadcrumbs": _crumbs(request)},
    )


@require_GET
@partnership_view()
def scorecard_theme(request: PartnershipRequest, theme_id: int) -> HttpResponse:
    theme = access_theme(request.access, theme_id)
    rows = selectors.scorecard(partnership=request.access.partnership, theme=theme)
    return render(
        request,
        "performance/indicators/scorecard.html",
        {
            "theme": theme,
            "rows": rows,
            "any_illustrative": any(r.indicator.is_illustrative for r in rows),
            "illustrative_label": ILLUSTRATIVE_LABEL,
            "breadcrumbs": _crumbs(request, ("Scorecards", _url(request, "scorecard_list"))),
        },
    )


def _chosen_period(request: PartnershipRequest) -> datetime.date | None:
    text = request.GET.get("period", "")
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _report(request: PartnershipRequest, *, output: Output) -> selectors.CompositeReport:
    return selectors.composite_report(
        partnership=request.access.partnership,
        period=_chosen_period(request),
        entitlement=entitlement(request.access, output=output),
    )


@require_GET
@partnership_view()
def report(request: PartnershipRequest) -> HttpResponse:
    data = _report(request, output=Output.SCREEN)
    return render(
        request,
        "performance/indicators/report.html",
        {
            "report": data,
            "illustrative_label": ILLUSTRATIVE_LABEL,
            "period_error": bool(request.GET.get("period")) and _chosen_period(request) is None,
            "breadcrumbs": _crumbs(request),
        },
    )


@require_GET
@partnership_view(Capability.EXPORT)
def report_pdf(request: PartnershipRequest) -> HttpResponse:
    data = _report(request, output=Output.FILE)
    pdf = exports.report_pdf(request, data, today=timezone.localdate())
    response = HttpResponse(pdf, content_type=exports.PDF_CONTENT_TYPE)
    stamp = data.period.isoformat() if data.period else "no-data"
    disposition = content_disposition_header(
        as_attachment=False,
        filename=f"{request.access.partnership.slug}-performance-report-{stamp}.pdf",
    )
    if disposition:
        response["Content-Disposition"] = disposition
    return response
