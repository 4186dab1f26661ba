"""The plan as a printable PDF and as an Excel workbook, made by the `reports` renderers.

`plan_document` describes the plan's tables once (a `reports.document.Document`, from
`selectors.plan_export`); `plan_xlsx` renders it as a workbook. The printed plan keeps its own
print template, drawn by `reports.renderers.pdf`, which fetches nothing from outside.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from safeboard.reports.document import Column, ColumnType, Document, Section, Table, Value
from safeboard.reports.renderers import pdf, xlsx

from .domain.rag import RagRollUp
from .models import Action, ActionStatus, Rag
from .selectors import PlanExport

PDF_CONTENT_TYPE = pdf.CONTENT_TYPE
XLSX_CONTENT_TYPE = xlsx.CONTENT_TYPE

TEXT, DATE, INTEGER = ColumnType.TEXT, ColumnType.DATE, ColumnType.INTEGER
# An action whose delivery details (dates, leads, status, RAG, progress, links to priorities)
# are illustrative.
ILLUSTRATIVE_CELL = "Yes: synthetic data for demonstration"
ILLUSTRATIVE_LABEL = "Illustrative delivery details: synthetic data for demonstration"


def plan_pdf(request: HttpRequest, data: PlanExport, *, today: datetime.date) -> bytes:
    html = render_to_string(
        "plans/print/plan.html", {"data": data, "plan": data.plan, "today": today}, request=request
    )
    return pdf.render_pdf_html(html)


def plan_xlsx(data: PlanExport, *, today: datetime.date) -> bytes:
    return xlsx.render_xlsx(plan_document(data, today=today))


def _label(value: str, choices: type[Rag] | type[ActionStatus]) -> str | None:
    return str(dict(choices.choices).get(value, "")) or None if value else None


def _person(action: Action) -> str:
    if action.lead_person is None:
        return ""
    return action.lead_person.user.full_name or action.lead_person.user.email


def _rollup_cells(r: RagRollUp) -> list[Value]:
    overall = _label(r.overall, Rag) if r.overall else "Not rated"
    return [r.red, r.amber, r.green, r.not_rated, r.complete, overall]


ACTION_COLUMNS = (
    Column("Work stream", width=30),
    Column("Action", width=45),
    Column("Description", width=50),
    Column("Owning group", width=25),
    Column("Lead agency", width=25),
    Column("Lead person", width=22),
    Column("Start date", DATE, width=12),
    Column("Due date", DATE, width=12),
    Column("Status", width=14),
    Column("RAG", width=12),
    Column("Overdue", width=10),
    Column("Priorities and themes", width=30),
    Column("How impact will be measured", width=40),
    Column("Latest update date", DATE, width=14),
    Column("Latest update", width=60),
    Column("Illustrative", width=12),
)
ACTION_HEADER = [c.heading for c in ACTION_COLUMNS]

THEME_COLUMNS = (
    Column("Kind", width=28),
    Column("Priority or theme", width=40),
    Column("Description", width=50),
    Column("Outcome wanted", width=50),
    Column("Bellwether indicator", width=40),
    Column("Red", INTEGER, width=8),
    Column("Amber", INTEGER, width=8),
    Column("Green", INTEGER, width=8),
    Column("Not rated", INTEGER, width=10),
    Column("Complete", INTEGER, width=10),
    Column("Overall RAG", width=12),
)


def plan_document(data: PlanExport, *, today: datetime.date) -> Document:
    """One sheet of actions, one of priorities and themes, one of the plan's details. A blank is
    an empty cell; dates are dates."""
    action_rows: list[list[Value]] = []
    for block in data.work_streams:
        for action in block.actions:
            owner = action.owning_group
            action_rows.append(
                [
                    block.work_stream.title if block.work_stream else None,
                    action.title,
                    action.description,
                    owner.name if owner else None,
                    action.lead_agency.name if action.lead_agency else None,
                    _person(action),
                    action.start_date,
                    action.due_date,
                    _label(action.status, ActionStatus),
                    _label(action.rag, Rag),
                    "Yes" if action.pk in data.overdue_ids else "No",
                    "; ".join(t.title for t in action.themes.all()),
                    action.impact_measure,
                    _latest(action, "latest_update_date"),
                    _latest(action, "latest_update_narrative"),
                    ILLUSTRATIVE_CELL if action.is_illustrative else "No",
                ]
            )
    theme_rows: list[list[Value]] = []
    for _heading, theme_blocks in data.theme_rows:
        for theme_block in theme_blocks:
            t = theme_block.theme
            theme_rows.append(
                [
                    t.get_kind_display(),
                    t.title,
                    t.description,
                    t.outcome_wanted,
                    t.bellwether,
                    *_rollup_cells(theme_block.rollup),
                ]
            )
    plan = data.plan
    details: list[list[Value]] = [
        ["Title", plan.title],
        ["Period", plan.period],
        ["Version", plan.version],
        ["Status", plan.get_status_display()],
        ["Approved by", plan.approved_by],
        ["Date approved", plan.date_approved],
        ["Author", plan.author],
        ["Date issued", plan.date_issued],
        ["Review date", plan.review_date],
        ["Exported", today],
    ]
    if data.illustrative_count:
        details.append(
            [
                "Illustrative",
                f"{ILLUSTRATIVE_LABEL}: {data.illustrative_count} of the {len(data.actions)} "
                "actions have made-up dates, leads, status, RAG, progress and links to priorities.",
            ]
        )
    return Document(
        title=plan.title,
        sections=[
            Section("Actions", [Table(ACTION_COLUMNS, action_rows)]),
            Section("Themes", [Table(THEME_COLUMNS, theme_rows)]),
            Section(
                "Plan", [Table((Column("Detail", width=20), Column("Value", width=60)), details)]
            ),
        ],
    )


def _latest(action: Action, attribute: str) -> Any:
    return getattr(action, attribute, None) or None
