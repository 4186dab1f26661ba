"""Agency returns (schedule, fill in by web form or Excel template, submit, approve, send back)
and tidy value files (import; export to CSV and Excel).

Who may do what: everyone in the partnership may read the returns pages; only the agency's own
lead, or an analyst or manager, may change a return (access_return(..., for_submit=True) answers
403 to anyone else's POST); analysts and managers schedule, approve and send back (APPROVE_DATA)
and import values (MANAGE_INDICATORS).

Small-number suppression in exports: analysts and managers (MANAGE_INDICATORS) are entitled to
the detail and see every number; board members, chairs, group chairs and agency leads see counts
below an indicator's threshold as "<5".
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeboard.core.errors import ApplicationError
from safeboard.core.forms import run_service
from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability

from ..access import access_return, may_act_for_return
from ..domain import periods
from ..domain import returns as rules
from ..domain.tidy import IndicatorInfo, TidyError, header_index, parse_rows
from ..models import AgencyReturn
from . import selectors, services
from .files import (
    CSV_CONTENT_TYPE,
    ILLUSTRATIVE_LABEL,
    XLSX_CONTENT_TYPE,
    csv_bytes,
    read_table,
    xlsx_bytes,
)
from .forms import FileForm, ReturnValuesForm, ScheduleForm, SendBackForm

TEMPLATE_COLUMNS = [
    "indicator_code",
    "indicator_name",
    "period",
    "agency",
    "value",
    "numerator",
    "denominator",
    "comment",
    "illustrative",
]


def _url(request: PartnershipRequest, name: str, *args: Any) -> str:
    return reverse(f"performance:{name}", args=[request.access.partnership.slug, *args])


def _crumbs(request: PartnershipRequest, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("Home", reverse("partnerships:home", args=[request.access.partnership.slug])),
        ("Agency returns", _url(request, "returns_overview")),
        *extra,
    ]


def _title(agency_return: AgencyReturn) -> str:
    period = periods.label(agency_return.period_start, agency_return.frequency)
    return f"{agency_return.agency.name}: {period}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if disposition:
        response["Content-Disposition"] = disposition
    return response


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
            "breadcrumbs": _crumbs(request)[:-1],
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.APPROVE_DATA)
def returns_schedule(request: PartnershipRequest) -> HttpResponse:
    form = ScheduleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run_service(
            form,
            services.returns_schedule,
            partnership=request.access.partnership,
            frequency=data["frequency"],
            period_start=data["period_start"],
            due_date=data["due_date"],
            by=request.user,
        )
        if created is not None:
            label = periods.label(data["period_start"], data["frequency"])
            messages.success(
                request,
                f"{len(created)} return{'s' if len(created) != 1 else ''} expected for {label}."
                if created
                else f"Every return for {label} was already expected.",
            )
            return redirect(_url(request, "returns_overview"))
    return render(
        request,
        "performance/returns/schedule.html",
        {"form": form, "breadcrumbs": _crumbs(request)},
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
            "breadcrumbs": _crumbs(request),
        },
    )


def _add_row_errors(form: ReturnValuesForm, errors: list[tuple[int, str, str]]) -> None:
    for indicator_id, column, message in errors:
        name = f"{column}_{indicator_id}"
        form.add_error(name if name in form.fields else None, message)


@require_http_methods(["GET", "POST"])
@partnership_view()
def return_detail(request: PartnershipRequest, return_id: int) -> HttpResponse:
    """The return: one row per expected indicator. Its agency's lead (or an analyst) saves a
    draft or submits; anyone else reads it, and a POST from them is refused with 403."""
    agency_return = access_return(request.access, return_id, for_submit=request.method == "POST")
    today = timezone.localdate()
    page = selectors.return_page(agency_return, today=today)
    editable = agency_return.status in rules.EDITABLE
    allowed = may_act_for_return(request.access, agency_return)
    form = ReturnValuesForm(request.POST if request.method == "POST" else None, rows=page.rows)
    if request.method == "POST" and editable and form.is_valid():
        submitting = "submit" in request.POST
        try:
            services.return_save_values(
                agency_return=agency_return, rows=form.cleaned_data["inputs"], by=request.user
            )
            if submitting:
                services.return_submit(agency_return=agency_return, by=request.user)
        except services.RowsError as exc:
            _add_row_errors(form, exc.errors)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                "Return submitted. An analyst will check it."
                if submitting
                else "Draft saved. Submit the return when every value is in.",
            )
            return redirect(_url(request, "return_detail", agency_return.pk))
    elif request.method == "POST" and not editable:
        form.is_valid()
        try:
            rules.check_editable(agency_return.status)
        except rules.ReturnRuleError as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "performance/returns/return_detail.html",
        {
            "page": page,
            "agency_return": agency_return,
            "form": form,
            "bound_rows": form.bound_rows(),
            "editable": editable,
            "tag_class": selectors.STATUS_TAGS.get(agency_return.status, ""),
            "allowed": allowed,
            "period_label": page.period_label,
            "timeliness_label": rules.TIMELINESS_LABELS[page.timeliness],
            "completeness_percent": "Not recorded"
            if page.completeness is None
            else f"{page.completeness:.0%}",
            "upload_form": FileForm(),
            "send_back_form": SendBackForm(),
            "history": history_for(agency_return),
            "breadcrumbs": _crumbs(request),
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
    return redirect(_url(request, "return_detail", agency_return.pk))


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.APPROVE_DATA)
def return_send_back(request: PartnershipRequest, return_id: int) -> HttpResponse:
    agency_return = access_return(request.access, return_id, for_submit=True)
    form = SendBackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.return_send_back,
            agency_return=agency_return,
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        if done is not None:
            messages.success(request, "Return sent back to the agency.")
            return redirect(_url(request, "return_detail", agency_return.pk))
    return render(
        request,
        "performance/returns/send_back.html",
        {
            "form": form,
            "agency_return": agency_return,
            "title": _title(agency_return),
            "breadcrumbs": _crumbs(
                request,
                (_title(agency_return), _url(request, "return_detail", agency_return.pk)),
            ),
        },
    )


@require_GET
@partnership_view()
def return_template(request: PartnershipRequest, return_id: int) -> HttpResponse:
    """The Excel template for the return: one row per expected indicator. Values already saved
    are filled in only for those who may act on the return."""
    agency_return = access_return(request.access, return_id)
    page = selectors.return_page(agency_return, today=timezone.localdate())
    show = may_act_for_return(request.access, agency_return)
    rows = []
    for row in page.rows:
        value = row.value if show else None
        rows.append(
            [
                row.indicator.code,
                row.indicator.name,
                page.period_label,
                agency_return.agency.key,
                # A rate entered as numerator and denominator is worked out again on upload.
                value.value if value and value.numerator is None else None,
                value.numerator if value else None,
                value.denominator if value else None,
                value.comment if value else "",
                ILLUSTRATIVE_LABEL if row.indicator.is_illustrative else "",
            ]
        )
    content = xlsx_bytes(
        TEMPLATE_COLUMNS, rows, title="Return", widths=[16, 40, 14, 16, 12, 12, 12, 40, 30]
    )
    name = f"return-{agency_return.agency.key}-{agency_return.period_start:%Y-%m}.xlsx"
    return _download(content, XLSX_CONTENT_TYPE, name)


def _upload_to_return(
    agency_return: AgencyReturn, page: selectors.ReturnPage, upload: Any, by: Any
) -> list[str]:
    """Read a filled template into the return. Returns row-level messages; empty when saved."""
    try:
        table = read_table(upload, upload.name)
        index = header_index(table.header)
    except TidyError as exc:
        return [str(exc)]
    indicators = {
        r.indicator.code.lower(): IndicatorInfo(
            id=r.indicator.pk,
            code=r.indicator.code,
            frequency=r.indicator.frequency,
            unit=r.indicator.unit,
        )
        for r in page.rows
    }
    agency = agency_return.agency
    agencies = {agency.key.lower(): agency.pk, agency.name.strip().lower(): agency.pk}
    try:
        parsed, errors = parse_rows(
            table.rows, index, indicators=indicators, agencies=agencies, require_value=False
        )
    except TidyError as exc:
        return [str(exc)]
    problems = [str(e) for e in errors]
    for row in parsed:
        if row.period_start != agency_return.period_start:
            problems.append(f"Row {row.row}, period: this return is for {page.period_label}")
    if problems:
        return problems
    if not parsed:
        return ["The file has no rows. Fill in the template and upload it again."]
    rows_of = {row.indicator_id: row.row for row in parsed}
    try:
        services.return_save_values(
            agency_return=agency_return,
            rows=[
                services.ReturnInput(
                    indicator_id=r.indicator_id,
                    value=r.value,
                    numerator=r.numerator,
                    denominator=r.denominator,
                    comment=r.comment,
                )
                for r in parsed
            ],
            by=by,
        )
    except services.RowsError as exc:
        return [
            f"Row {rows_of[i]}, {column}: {message}" if i in rows_of else message
            for i, column, message in exc.errors
        ]
    except ApplicationError as exc:
        return [exc.message]
    return []


@require_http_methods(["GET", "POST"])
@partnership_view()
def return_upload(request: PartnershipRequest, return_id: int) -> HttpResponse:
    """Upload a filled template (XLSX or CSV). All or nothing: any wrong row and nothing is
    saved; every problem is listed by row and column."""
    agency_return = access_return(request.access, return_id, for_submit=request.method == "POST")
    allowed = may_act_for_return(request.access, agency_return)
    form = FileForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        page = selectors.return_page(agency_return, today=timezone.localdate())
        problems = _upload_to_return(agency_return, page, form.cleaned_data["file"], request.user)
        if not problems:
            messages.success(request, "Template uploaded and saved as a draft. Check and submit.")
            return redirect(_url(request, "return_detail", agency_return.pk))
    return render(
        request,
        "performance/returns/upload.html",
        {
            "form": form,
            "problems": problems,
            "agency_return": agency_return,
            "allowed": allowed and agency_return.status in rules.EDITABLE,
            "title": _title(agency_return),
            "breadcrumbs": _crumbs(
                request,
                (_title(agency_return), _url(request, "return_detail", agency_return.pk)),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_INDICATORS)
def values_import(request: PartnershipRequest) -> HttpResponse:
    """Import values from a tidy CSV or Excel file: all or nothing, row-level messages."""
    form = FileForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload, upload.name)
            result = services.values_import(
                partnership=request.access.partnership, table=table, by=request.user
            )
        except TidyError as exc:
            problems = [str(exc)]
        except services.ImportError_ as exc:
            problems = exc.messages
        else:
            messages.success(
                request,
                f"Values imported: {result.created} added, {result.updated} updated.",
            )
            return redirect(_url(request, "values_import"))
    return render(
        request,
        "performance/returns/values_import.html",
        {
            "form": form,
            "problems": problems[:100],
            "more_problems": max(len(problems) - 100, 0),
            "breadcrumbs": _crumbs(request),
        },
    )


def _export_rows(request: PartnershipRequest) -> Any:
    return selectors.values_export_rows(
        request.access.partnership, entitled=request.access.can(Capability.MANAGE_INDICATORS)
    )


@require_GET
@partnership_view(Capability.EXPORT)
def values_export_csv(request: PartnershipRequest) -> HttpResponse:
    content = csv_bytes(selectors.EXPORT_COLUMNS, _export_rows(request))
    name = f"{request.access.partnership.slug}-values.csv"
    return _download(content, CSV_CONTENT_TYPE, name)


@require_GET
@partnership_view(Capability.EXPORT)
def values_export_xlsx(request: PartnershipRequest) -> HttpResponse:
    content = xlsx_bytes(
        selectors.EXPORT_COLUMNS,
        _export_rows(request),
        widths=[16, 14, 16, 12, 12, 12, 40, 16, 30],
    )
    name = f"{request.access.partnership.slug}-values.xlsx"
    return _download(content, XLSX_CONTENT_TYPE, name)
