"""Indicator pages: the data set, report cards, targets, partners, data development, the
bellwether dashboard, scorecards and the composite performance report (page and PDF).
Each view: access -> service or selector -> render or redirect."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.disclosure import Output
from safeboard.partnerships.domain.roles import Capability
from safeboard.plans.access import access_theme
from safeboard.ui.pages import AppPages, Crumb, confirm_page, create_page, edit_page, file_download

from ..access import (
    access_development_item,
    access_indicator,
    access_indicator_value,
    access_partner,
    access_rebase,
    access_target,
    entitlement,
)
from ..domain import periods
from ..models import Indicator, IndicatorKind, Target
from . import exports, renderings, selectors, services
from .forms import (
    DevelopmentItemChangeForm,
    DevelopmentItemForm,
    IndicatorChangeForm,
    IndicatorForm,
    PartnerForm,
    SpcRebaseForm,
    TargetChangeForm,
    TargetForm,
    ValueChangeForm,
    ValueForm,
)
from .presenters import ILLUSTRATIVE_LABEL

pages = AppPages("performance", root=("Data set", "indicator_list"))
MANAGE = Capability.MANAGE_INDICATORS


def _indicator_crumbs(request: PartnershipRequest, indicator: Indicator) -> list[Crumb]:
    return pages.crumbs(request, (indicator.code, "indicator_detail", indicator.pk))


def _indicator_caption(indicator: Indicator) -> str:
    return f"{indicator.code} {indicator.name}"


def _page_of(request: PartnershipRequest, indicator: Indicator | None, part: str) -> dict[str, Any]:
    """The form page of one part of an indicator's report card (its targets, partners or data
    development): back to that part of the card, captioned with the indicator. A data
    development item of no indicator goes back to the data development agenda."""
    if indicator is None:
        return {
            "next_url": pages.url(request, "development_list"),
            "breadcrumbs": pages.crumbs(request),
        }
    return {
        "next_url": pages.url(request, "indicator_detail", indicator.pk) + f"#{part}",
        "caption": _indicator_caption(indicator),
        "breadcrumbs": _indicator_crumbs(request, indicator),
    }


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
            "breadcrumbs": pages.crumbs(request, app_root=False),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def indicator_create(request: PartnershipRequest) -> HttpResponse:
    partnership = request.access.partnership
    return create_page(
        request,
        IndicatorForm,
        form_kwargs={"partnership": partnership},
        save=functools.partial(services.indicator_create, partnership=partnership),
        success=lambda indicator: f"{indicator.code} {indicator.name} added.",
        next_url=lambda indicator: pages.url(request, "indicator_detail", indicator.pk),
        title="Add an indicator",
        breadcrumbs=pages.crumbs(request),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def indicator_update(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    return edit_page(
        request,
        IndicatorChangeForm,
        indicator,
        form_kwargs={"partnership": request.access.partnership},
        save=functools.partial(services.indicator_update, indicator=indicator),
        success=lambda saved: f"{saved.code} {saved.name} saved.",
        next_url=pages.url(request, "indicator_detail", indicator.pk),
        title=f"Change {indicator.code}",
        breadcrumbs=_indicator_crumbs(request, indicator),
        context={"history": history_for(indicator)},
    )


@require_GET
@partnership_view()
def indicator_detail(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id)
    edit = request.access.can(Capability.MANAGE_INDICATORS)
    rendering = "card_edit" if edit else "card"
    card = selectors.report_card(indicator=indicator, rendering=rendering)
    renderings.attach([card.series], rendering, slug=_slug(request))
    return render(
        request,
        "performance/indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "card": card,
            "s": card.series,
            "rebases": card.rebases,
            "illustrative_label": ILLUSTRATIVE_LABEL,
            "record": indicator,
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_GET
@partnership_view()
def indicator_history(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    """Every change to the indicator's record, on a page of its own: the report card is read far
    more often than its history, and stays a fixed, small cost."""
    indicator = access_indicator(request.access, indicator_id)
    return render(
        request,
        "performance/indicators/indicator_history.html",
        {
            "indicator": indicator,
            "history": history_for(indicator),
            "breadcrumbs": _indicator_crumbs(request, indicator),
        },
    )


# --- Values keyed or corrected one at a time -------------------------------------------------


def _value_saved(saved: services.ValueSaved) -> str:
    whose = f" ({saved.value.agency})" if saved.value.agency_id else ""
    done = "corrected" if saved.corrected else "added"
    return f"Value for {saved.label}{whose} {done}. The report card shows it."


@require_GET
@partnership_view(MANAGE)
def value_list(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    """The partnership-level values of an indicator, each with a link to correct it."""
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    return render(
        request,
        "performance/indicators/value_list.html",
        {
            "indicator": indicator,
            "values": selectors.indicator_values(indicator=indicator),
            "illustrative_label": ILLUSTRATIVE_LABEL,
            "breadcrumbs": _indicator_crumbs(request, indicator),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def value_create(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    return create_page(
        request,
        ValueForm,
        form_kwargs={"indicator": indicator, "today": timezone.localdate()},
        save=functools.partial(services.value_save, indicator=indicator),
        success=_value_saved,
        next_url=pages.url(request, "indicator_detail", indicator.pk),
        title="Add or correct a value",
        caption=_indicator_caption(indicator),
        intro="A value already recorded for the period is replaced; its history keeps the "
        "value before.",
        breadcrumbs=_indicator_crumbs(request, indicator),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def value_update(request: PartnershipRequest, indicator_id: int, value_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    value = access_indicator_value(request.access, indicator, value_id)
    label = periods.label(value.period_start, indicator.frequency)
    source = value.agency_return
    intro = f"The value for {label}."
    if source is not None:
        intro += (
            f" It came from {source.agency}'s return, approved; a correction here changes the "
            "report card's figure, not the return."
        )
    return edit_page(
        request,
        ValueChangeForm,
        value,
        form_kwargs={"indicator": indicator},
        save=functools.partial(
            services.value_save,
            indicator=indicator,
            record=value,
            period=value.period_start.isoformat(),
        ),
        success=_value_saved,
        next_url=pages.url(request, "indicator_detail", indicator.pk),
        title=f"Correct the value for {label}",
        caption=_indicator_caption(indicator),
        intro=intro,
        breadcrumbs=pages.crumbs(
            request,
            (indicator.code, "indicator_detail", indicator.pk),
            ("Values", "value_list", indicator.pk),
        ),
        context={"history": history_for(value)},
    )


# --- Targets, partners with a role, data development ----------------------------------------


def _target_saved(indicator: Indicator) -> Callable[[Target], str]:
    return lambda target: (
        f"Target for {periods.label(target.period_start, indicator.frequency)} saved."
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def target_create(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    return create_page(
        request,
        TargetForm,
        form_kwargs={"indicator": indicator},
        save=functools.partial(services.target_save, indicator=indicator),
        success=_target_saved(indicator),
        title="Add a target",
        **_page_of(request, indicator, "targets"),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def target_update(request: PartnershipRequest, indicator_id: int, target_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    target = access_target(request.access, indicator, target_id)
    return edit_page(
        request,
        TargetChangeForm,
        target,
        form_kwargs={"indicator": indicator},
        save=functools.partial(services.target_save, indicator=indicator, target=target),
        success=_target_saved(indicator),
        title="Change a target",
        context={"history": history_for(target)},
        **_page_of(request, indicator, "targets"),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def rebase_create(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    return create_page(
        request,
        SpcRebaseForm,
        form_kwargs={"indicator": indicator},
        save=functools.partial(services.spc_rebase_add, indicator=indicator),
        success=lambda rebase: (
            f"The limits are recalculated from "
            f"{periods.label(rebase.period_start, indicator.frequency)}."
        ),
        title="Recalculate the SPC limits after a change in process",
        button="Recalculate the limits",
        **_page_of(request, indicator, "rebases"),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def rebase_remove(request: PartnershipRequest, indicator_id: int, rebase_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    rebase = access_rebase(request.access, indicator, rebase_id)
    label = periods.label(rebase.period_start, indicator.frequency)
    back = pages.url(request, "indicator_detail", indicator.pk) + "#rebases"
    return confirm_page(
        request,
        act=functools.partial(services.spc_rebase_remove, rebase=rebase, by=request.user),
        title=f"Stop recalculating the limits from {label}?",
        body=f"The SPC limits of {_indicator_caption(indicator)} will run on across {label} "
        f"again. The reason recorded was: {rebase.reason}",
        button="Remove the rebase",
        success=f"The limits are no longer recalculated from {label}.",
        next_url=back,
        cancel=back,
        breadcrumbs=_indicator_crumbs(request, indicator),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def partner_create(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    return create_page(
        request,
        PartnerForm,
        form_kwargs={"partnership": request.access.partnership},
        save=functools.partial(services.partner_add, indicator=indicator),
        success=lambda partner: f"{partner} added as a partner.",
        title="Add a partner with a role",
        button="Add partner",
        **_page_of(request, indicator, "partners"),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def partner_remove(request: PartnershipRequest, indicator_id: int, partner_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    partner = access_partner(request.access, indicator, partner_id)
    back = pages.url(request, "indicator_detail", indicator.pk) + "#partners"
    return confirm_page(
        request,
        act=functools.partial(services.partner_remove, partner=partner, by=request.user),
        title=f"Remove {partner} from the partners?",
        body=f"{partner} will no longer be listed as a partner of {_indicator_caption(indicator)}.",
        button="Remove partner",
        success=f"{partner} removed from the partners.",
        next_url=back,
        cancel=back,
        breadcrumbs=_indicator_crumbs(request, indicator),
    )


@require_GET
@partnership_view()
def development_list(request: PartnershipRequest) -> HttpResponse:
    items = selectors.development_agenda(partnership=request.access.partnership)
    return render(
        request,
        "performance/indicators/development_list.html",
        {"items": items, "breadcrumbs": pages.crumbs(request)},
    )


def _development_create(request: PartnershipRequest, indicator: Indicator | None) -> HttpResponse:
    return create_page(
        request,
        DevelopmentItemForm,
        save=functools.partial(
            services.development_item_save,
            partnership=request.access.partnership,
            indicator=indicator,
        ),
        success=lambda item: f"{item.title} saved.",
        title="Add data development item",
        **_page_of(request, indicator, "development"),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def development_create(request: PartnershipRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.access, indicator_id, capability=MANAGE)
    return _development_create(request, indicator)


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def development_create_general(request: PartnershipRequest) -> HttpResponse:
    return _development_create(request, None)


@require_http_methods(["GET", "POST"])
@partnership_view(MANAGE)
def development_update(request: PartnershipRequest, item_id: int) -> HttpResponse:
    item = access_development_item(request.access, item_id, capability=MANAGE)
    indicator = (
        None if item.indicator_id is None else access_indicator(request.access, item.indicator_id)
    )
    return edit_page(
        request,
        DevelopmentItemChangeForm,
        item,
        save=functools.partial(
            services.development_item_save,
            partnership=request.access.partnership,
            indicator=indicator,
            item=item,
        ),
        success=lambda saved: f"{saved.title} saved.",
        title="Change data development item",
        context={"history": history_for(item)},
        **_page_of(request, indicator, "development"),
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
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_GET
@partnership_view()
def scorecard_list(request: PartnershipRequest) -> HttpResponse:
    themes = selectors.scorecard_list(partnership=request.access.partnership)
    return render(
        request,
        "performance/indicators/scorecard_list.html",
        {"themes": themes, "breadcrumbs": pages.crumbs(request)},
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
            "breadcrumbs": pages.crumbs(request, ("Scorecards", "scorecard_list")),
        },
    )


def _chosen_period(request: PartnershipRequest) -> datetime.date | None:
    text = request.GET.get("period", "")
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _slug(request: PartnershipRequest) -> str:
    return request.access.partnership.slug


def _report(
    request: PartnershipRequest,
    *,
    output: Output,
    section: str | None = None,
    detail: bool = False,
    rendering: str = "",
    page: str | int | None = None,
    decoded: bool | None = None,
    basis: selectors.ReportBasis | None = None,
) -> selectors.CompositeReport:
    """The report as `output` may show it: on screen, its renderings only (unless `decoded`);
    as a file, every figure read for the reader's entitlement."""
    return selectors.composite_report(
        partnership=request.access.partnership,
        period=_chosen_period(request),
        entitlement=entitlement(request.access, output=output),
        section=section,
        detail=detail,
        decoded=output == Output.FILE if decoded is None else decoded,
        rendering=rendering,
        page=page,
        basis=basis,
    )


def _period_options(choices: list[datetime.date], chosen: datetime.date | None) -> SafeString:
    """The period picker's options. A report can be read at any of 120 months or more, on every
    view of its pages: the options are joined here in one pass (dates and month names, escaped
    all the same), not looped over in the template or built by format_html one by one."""
    return mark_safe(  # noqa: S308 - every text in it escaped here
        "".join(
            f'<option value="{day.isoformat()}"{" selected" if day == chosen else ""}>'
            f"{escape(periods.label(day, 'monthly'))}</option>"
            for day in choices
        )
    )


def _report_context(request: PartnershipRequest, data: selectors.CompositeReport) -> dict[str, Any]:
    return {
        "report": data,
        "illustrative_label": ILLUSTRATIVE_LABEL,
        "period_error": bool(request.GET.get("period")) and _chosen_period(request) is None,
        "period_query": f"?period={data.period.isoformat()}" if data.period else "",
        "period_options": _period_options(data.period_choices, data.period),
    }


@require_GET
@partnership_view()
def report(request: PartnershipRequest) -> HttpResponse:
    """The composite report's summary: every indicator in one table, each section linked. The
    table is kept as drawn, keyed by a digest of what it was drawn from (ReportBasis.digest)."""
    partnership = request.access.partnership
    basis = selectors.report_basis(partnership=partnership)
    period, choices, _ = selectors.report_period(
        partnership=partnership, period=_chosen_period(request), basis=basis
    )
    shell = selectors.CompositeReport(
        period=period, period_choices=choices, sections=[], any_illustrative=False
    )
    context = _report_context(request, shell)

    def draw() -> str:
        data = _report(request, output=Output.SCREEN, decoded=True, basis=basis)
        return render_to_string(
            "performance/indicators/fragments/report_summary.html",
            {**context, "report": data, "current_partnership": {"slug": partnership.slug}},
        )

    body = renderings.page_part(
        partnership=partnership,
        name=f"report-summary:{period.isoformat() if period else 'none'}",
        key=basis.digest(slug=partnership.slug, period=period),
        render=draw,
    )
    return render(
        request,
        "performance/indicators/report.html",
        {**context, "body": body, "breadcrumbs": pages.crumbs(request)},
    )


@require_GET
@partnership_view()
def report_section(request: PartnershipRequest, section: str) -> HttpResponse:
    """One section of the composite report, a page of its indicators' charts and tables. The
    section is laid out from the report's basis; its indicators' renderings, one after another,
    are kept as one part keyed by the basis's digest, so a read costs the basis and that part.
    An earlier period's part is drawn for its reader, not kept (there are many periods)."""
    partnership = request.access.partnership
    basis = selectors.report_basis(partnership=partnership)
    period, choices, as_of = selectors.report_period(
        partnership=partnership, period=_chosen_period(request), basis=basis
    )
    layout, shown = selectors.report_layout(
        basis=basis, section=section, page=request.GET.get("page")
    )
    if not layout or shown is None:
        raise Http404("No such section of the report.")
    key, heading, caption, members = layout[0]
    part = selectors.ReportSection(key, heading, caption, [], page=shown)
    shell = selectors.CompositeReport(
        period=period,
        period_choices=choices,
        sections=[part],
        any_illustrative=basis.any_illustrative(members),
        section=part,
    )
    context = _report_context(request, shell)

    def draw() -> str:
        data = _report(
            request,
            output=Output.SCREEN,
            section=section,
            rendering="section",
            page=shown.number,
            basis=basis,
        )
        series = data.series
        renderings.attach(series, "section", slug=partnership.slug)
        return "".join(s.html for s in series)

    when = period.isoformat() if period else "none"
    part.html = renderings.page_part(
        partnership=partnership,
        name=f"report-section:{key}:{shown.number}:{when}",
        key=basis.digest(slug=partnership.slug, period=period),
        render=draw,
        keep=as_of is None,
    )
    return render(
        request,
        "performance/indicators/report_section.html",
        {
            **context,
            "breadcrumbs": pages.crumbs(request, ("Performance report", "report")),
        },
    )


@require_GET
@partnership_view(Capability.EXPORT)
def report_pdf(request: PartnershipRequest) -> HttpResponse:
    data = _report(request, output=Output.FILE, detail=True)
    pdf = exports.report_pdf(request, data, today=timezone.localdate())
    stamp = data.period.isoformat() if data.period else "no-data"
    return file_download(
        pdf,
        filename=f"{request.access.partnership.slug}-performance-report-{stamp}.pdf",
        content_type=exports.PDF_CONTENT_TYPE,
    )
