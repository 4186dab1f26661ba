"""The plan as a printable PDF (WeasyPrint) and as an Excel workbook (openpyxl)."""

from __future__ import annotations

import datetime
from io import BytesIO
from typing import Any

import weasyprint
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import formats
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from safeboard.core.spreadsheets import safe_cell

from .domain.rag import RagRollUp
from .models import Action, ActionStatus, Rag
from .selectors import PlanExport

NOT_RECORDED = "Not recorded"
PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The print template is self-contained: WeasyPrint fetches nothing, so text typed into a
    plan can never make the server request a URL."""
    raise ValueError(f"Safeboard's printed plan fetches no resources ({url[:40]}).")


def plan_pdf(request: HttpRequest, data: PlanExport, *, today: datetime.date) -> bytes:
    html = render_to_string(
        "plans/print/plan.html", {"data": data, "plan": data.plan, "today": today}, request=request
    )
    document = weasyprint.HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_refuse_fetch
    )
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def _text(value: Any) -> Any:
    if value is None or value == "":
        return NOT_RECORDED
    return safe_cell(value)


def _date(value: datetime.date | None) -> datetime.date | str:
    return NOT_RECORDED if value is None else value


def _label(value: str, choices: type[Rag] | type[ActionStatus]) -> str:
    return str(dict(choices.choices).get(value, NOT_RECORDED)) if value else NOT_RECORDED


def _person(action: Action) -> str:
    if action.lead_person is None:
        return ""
    return action.lead_person.user.full_name or action.lead_person.user.email


def _rollup_cells(r: RagRollUp) -> list[Any]:
    overall = _label(r.overall, Rag) if r.overall else "Not rated"
    return [r.red, r.amber, r.green, r.not_rated, r.complete, overall]


def _write(sheet: Worksheet, header: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


ACTION_HEADER = [
    "Work stream",
    "Action",
    "Description",
    "Owning group",
    "Lead agency",
    "Lead person",
    "Start date",
    "Due date",
    "Status",
    "RAG",
    "Overdue",
    "Priorities and themes",
    "How impact will be measured",
    "Latest update date",
    "Latest update",
]


def plan_xlsx(data: PlanExport, *, today: datetime.date) -> bytes:
    """One sheet of actions, one of priorities and themes, one of the plan's details. Every text
    cell goes through safe_cell so nothing typed into Safeboard runs as a formula."""
    workbook = Workbook()
    actions = workbook.active
    assert isinstance(actions, Worksheet)
    actions.title = "Actions"
    rows: list[list[Any]] = []
    for block in data.work_streams:
        for action in block.actions:
            owner = action.owning_group
            rows.append(
                [
                    _text(block.work_stream.title if block.work_stream else ""),
                    _text(action.title),
                    _text(action.description),
                    _text(owner.name if owner else ""),
                    _text(action.lead_agency.name if action.lead_agency else ""),
                    _text(_person(action)),
                    _date(action.start_date),
                    _date(action.due_date),
                    _label(action.status, ActionStatus),
                    _label(action.rag, Rag),
                    "Yes" if action.pk in data.overdue_ids else "No",
                    _text("; ".join(t.title for t in action.themes.all())),
                    _text(action.impact_measure),
                    _date(getattr(action, "latest_update_date", None)),
                    _text(getattr(action, "latest_update_narrative", "") or ""),
                ]
            )
    _write(
        actions, ACTION_HEADER, rows, [30, 45, 50, 25, 25, 22, 12, 12, 14, 12, 10, 30, 40, 14, 60]
    )

    themes = workbook.create_sheet("Themes")
    theme_rows: list[list[Any]] = []
    for _heading, theme_blocks in data.theme_rows:
        for theme_block in theme_blocks:
            t = theme_block.theme
            theme_rows.append(
                [
                    t.get_kind_display(),
                    _text(t.title),
                    _text(t.description),
                    _text(t.outcome_wanted),
                    _text(t.bellwether),
                    *_rollup_cells(theme_block.rollup),
                ]
            )
    _write(
        themes,
        [
            "Kind",
            "Priority or theme",
            "Description",
            "Outcome wanted",
            "Bellwether indicator",
            "Red",
            "Amber",
            "Green",
            "Not rated",
            "Complete",
            "Overall RAG",
        ],
        theme_rows,
        [28, 40, 50, 50, 40, 8, 8, 8, 10, 10, 12],
    )

    plan = data.plan
    details = workbook.create_sheet("Plan")
    _write(
        details,
        ["Detail", "Value"],
        [
            ["Title", _text(plan.title)],
            ["Period", plan.period],
            ["Version", _text(plan.version)],
            ["Status", _text(plan.get_status_display())],
            ["Approved by", _text(plan.approved_by)],
            ["Date approved", _date(plan.date_approved)],
            ["Author", _text(plan.author)],
            ["Date issued", _date(plan.date_issued)],
            ["Review date", _date(plan.review_date)],
            ["Exported", formats.date_format(today, "DATE_FORMAT")],
        ],
        [20, 60],
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
