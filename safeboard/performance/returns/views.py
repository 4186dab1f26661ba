"""Agency returns (schedule, fill in by web form or Excel template, submit, approve, send back)
and tidy value files (import; export to CSV and Excel).

Who may do what: everyone in the partnership may read the returns pages; only the agency's own
lead, or an analyst or manager, may change a return (access_return(..., for_submit=True) answers
403 to anyone else's POST); analysts and managers schedule, approve and send back (APPROVE_DATA)
and import values (MANAGE_INDICATORS).

Small-number suppression in exports is decided by partnerships/domain/disclosure.py from the
viewer's entitlement (analysts and managers see every number; board members, chairs, group
chairs and agency leads see counts below an indicator's threshold as "<5"); the selectors apply
it.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeboard.core.errors import ApplicationError
from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.disclosure import Output
from safeboard.partnerships.domain.roles import Capability
from safeboard.ui.pages import (
    AppPages,
    Crumb,
    create_page,
    file_download,
    form_page,
    posted,
    posted_files,
)

from ..access import access_return, entitlement, may_act_for_return
from ..domain import periods
from ..domain import returns as rules
from ..indicators.presenters import ILLUSTRATIVE_LABEL
from ..models import AgencyReturn
from . import files, selectors, services
from .forms import FileForm, ReturnValuesForm, ScheduleForm, SendBackForm

pages = AppPages("performance", root=("Agency returns", "returns_overview"))


def _title(agency_return: AgencyReturn) -> str:
    period = periods.label(agency_return.period_start, agency_return.frequency)
    return f"{agency_return.agency.name}: {period}"


@require_GET
@partnership_view()
def returns_overview(request: PartnershipRequest) -> HttpResponse:
    """Every agency's returns, agency by period, with status, completeness and timeliness."""
    today = timezone.localdate()
    groups = selectors.returns_overview(request.access.partnership, today=today)
    return render(
        request,
        "performance/returns/overview.html",
        {
            "groups": groups,
            "schedule_form": ScheduleForm()
            if request.access.can(Capability.APPROVE_DATA)
            else None,
            "breadcrumbs": pages.crumbs(request, app_root=False),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.APPROVE_DATA)
def returns_schedule(request: PartnershipRequest) -> HttpResponse:
    form = ScheduleForm(posted(request))
    return form_page(
        request,
        form,
        save=functools.partial(
            services.returns_schedule, partnership=request.access.partnership, by=request.user
        ),
        success=form.done_message,
        next_url=pages.url(request, "returns_overview"),
        title="Expect returns for a period",
        intro="Every agency that is the source of at least one indicator collected this often "
        "will be asked for a return. Returns already expected are left as they are.",
        button="Expect returns",
        breadcrumbs=pages.crumbs(request),
    )


@require_GET
@partnership_view()
def my_returns(request: PartnershipRequest) -> HttpResponse:
    """An agency lead's returns: their own agency's, newest first."""
    agency_id = request.access.agency_id
    cells = (
        selectors.agency_returns(request.access.partnership, agency_id, today=timezone.localdate())
        if agency_id is not None
        else []
    )
    return render(
        request,
        "performance/returns/my_returns.html",
        {
            "cells": cells,
            "agency": request.access.membership.agency,
            "breadcrumbs": pages.crumbs(request),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view()
def return_detail(request: PartnershipRequest, return_id: int) -> HttpResponse:
    """The return: one row per expected indicator. Its agency's lead (or an analyst) saves a
    draft or submits; anyone else reads it, and a POST from them is refused with 403."""
    agency_return = access_return(request.access, return_id, for_submit=request.method == "POST")
    page = selectors.return_page(agency_return, today=timezone.localdate())
    form = ReturnValuesForm(posted(request), rows=page.rows)
    submitting = "submit" in request.POST
    save = services.return_save_and_submit if submitting else services.return_save_values
    return form_page(
        request,
        form,
        record=agency_return,
        save=form.showing_row_errors(
            functools.partial(save, agency_return=agency_return, by=request.user)
        ),
        success="Return submitted. An analyst will check it."
        if submitting
        else "Draft saved. Submit the return when every value is in.",
        next_url=pages.url(request, "return_detail", agency_return.pk),
        title=f"Return for {page.period_label}",
        template="performance/returns/return_detail.html",
        breadcrumbs=pages.crumbs(request),
        context={
            "page": page,
            "agency_return": agency_return,
            "editable": agency_return.status in rules.EDITABLE,
            "tag_class": selectors.STATUS_TAGS.get(agency_return.status, ""),
            "allowed": may_act_for_return(request.access, agency_return),
            "period_label": page.period_label,
            "timeliness_label": rules.TIMELINESS_LABELS[page.timeliness],
            "completeness_percent": "Not recorded"
            if page.completeness is None
            else f"{page.completeness:.0%}",
            "history": history_for(agency_return),
            "illustrative_label": ILLUSTRATIVE_LABEL,
        },
    )


@require_POST
@partnership_view(Capability.APPROVE_DATA)
def return_approve(request: PartnershipRequest, return_id: int) -> HttpResponse:
    agency_return = access_return(request.access, return_id, for_submit=True)
    try:
        services.return_approve(agency_return=agency_return, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Return approved. Its values are now the official figures.")
    return redirect(pages.url(request, "return_detail", agency_return.pk))


def _return_crumbs(request: PartnershipRequest, agency_return: AgencyReturn) -> list[Crumb]:
    return pages.crumbs(request, (_title(agency_return), "return_detail", agency_return.pk))


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.APPROVE_DATA)
def return_send_back(request: PartnershipRequest, return_id: int) -> HttpResponse:
    agency_return = access_return(request.access, return_id, for_submit=True)
    return create_page(
        request,
        SendBackForm,
        save=functools.partial(services.return_send_back, agency_return=agency_return),
        success="Return sent back to the agency.",
        next_url=pages.url(request, "return_detail", agency_return.pk),
        title="Send the return back",
        caption=_title(agency_return),
        button="Send back",
        breadcrumbs=_return_crumbs(request, agency_return),
    )


@require_GET
@partnership_view()
def return_template(request: PartnershipRequest, return_id: int) -> HttpResponse:
    """The Excel template for the return: one row per expected indicator. Values already saved
    are filled in only for those who may act on the return."""
    agency_return = access_return(request.access, return_id)
    template = selectors.return_template(
        agency_return,
        entitlement=entitlement(request.access, output=Output.FILE, agency_return=agency_return),
        today=timezone.localdate(),
    )
    name = f"return-{agency_return.agency.key}-{agency_return.period_start:%Y-%m}.xlsx"
    return file_download(
        files.return_template_xlsx(template), filename=name, content_type=files.XLSX_CONTENT_TYPE
    )


@require_http_methods(["GET", "POST"])
@partnership_view()
def return_upload(request: PartnershipRequest, return_id: int) -> HttpResponse:
    """Upload a filled template (XLSX or CSV). All or nothing: any wrong row and nothing is
    saved; every problem is listed by row and column."""
    agency_return = access_return(request.access, return_id, for_submit=request.method == "POST")
    allowed = may_act_for_return(request.access, agency_return)
    form = FileForm(posted(request), posted_files(request))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.return_upload(
                agency_return=agency_return, upload=upload, name=upload.name, by=request.user
            )
        except services.UploadError as exc:
            problems = exc.problems
        else:
            messages.success(request, "Template uploaded and saved as a draft. Check and submit.")
            return redirect(pages.url(request, "return_detail", agency_return.pk))
    return render(
        request,
        "performance/returns/upload.html",
        {
            "form": form,
            "problems": problems,
            "agency_return": agency_return,
            "allowed": allowed and agency_return.status in rules.EDITABLE,
            "title": _title(agency_return),
            "breadcrumbs": _return_crumbs(request, agency_return),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def values_import(request: PartnershipRequest) -> HttpResponse:
    """Import values from a tidy CSV or Excel file: all or nothing, row-level messages."""
    form = FileForm(posted(request), posted_files(request))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.values_import_file(
                partnership=request.access.partnership,
                upload=upload,
                name=upload.name,
                by=request.user,
            )
        except services.ImportError_ as exc:
            problems = exc.messages
        else:
            messages.success(
                request,
                f"Values imported: {result.created} added, {result.updated} updated.",
            )
            return redirect(pages.url(request, "values_import"))
    return render(
        request,
        "performance/returns/values_import.html",
        {
            "form": form,
            "problems": problems[:100],
            "more_problems": max(len(problems) - 100, 0),
            "breadcrumbs": pages.crumbs(request),
        },
    )


def _export_rows(request: PartnershipRequest) -> Any:
    return selectors.values_export_rows(
        request.access.partnership,
        entitlement=entitlement(request.access, output=Output.FILE),
    )


@require_GET
@partnership_view(Capability.EXPORT)
def values_export_csv(request: PartnershipRequest) -> HttpResponse:
    name = f"{request.access.partnership.slug}-values.csv"
    return file_download(
        files.values_export_csv(_export_rows(request)),
        filename=name,
        content_type=files.CSV_CONTENT_TYPE,
    )


@require_GET
@partnership_view(Capability.EXPORT)
def values_export_xlsx(request: PartnershipRequest) -> HttpResponse:
    name = f"{request.access.partnership.slug}-values.xlsx"
    content = files.values_export_xlsx(_export_rows(request))
    return file_download(content, filename=name, content_type=files.XLSX_CONTENT_TYPE)
