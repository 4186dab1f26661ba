"""The challenge log as a workbook or a CSV file, described once as a `reports.document` and
written by the `reports` renderers (which store text as text and neutralise text that looks like
a formula)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from safeboard.partnerships.models import Membership, Partnership
from safeboard.reports.document import Column, ColumnType, Document, Paragraph, Section, Table
from safeboard.reports.renderers import csv as csv_renderer
from safeboard.reports.renderers import xlsx as xlsx_renderer

from .selectors import ChallengeRow

XLSX_CONTENT_TYPE = xlsx_renderer.CONTENT_TYPE
CSV_CONTENT_TYPE = csv_renderer.CONTENT_TYPE
TEXT, DATE = ColumnType.TEXT, ColumnType.DATE

COLUMNS = (
    Column("Raised on", DATE, width=12),
    Column("Raised by", width=22),
    Column("Kind of record", width=18),
    Column("Record", width=40),
    Column("Challenge", width=60),
    Column("Owner", width=24),
    Column("Response needed by", DATE, width=14),
    Column("Status", width=12),
    Column("Response", width=60),
    Column("Responded by", width=22),
    Column("Responded on", DATE, width=12),
    Column("Accepted or closed by", width=22),
    Column("Accepted or closed on", DATE, width=12),
)


def _name(membership: Membership | None) -> str:
    if membership is None:
        return ""
    return membership.user.full_name or membership.user.email


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def challenge_log_table(rows: Sequence[ChallengeRow]) -> Table:
    return Table(
        columns=COLUMNS,
        rows=[
            (
                _day(r.comment.created_at),
                _name(r.comment.author),
                r.subject.label,
                r.subject.title,
                r.comment.text,
                r.subject.owner_names or "Partnership manager",
                r.comment.response_due,
                r.comment.get_status_display(),
                r.comment.response,
                _name(r.comment.responded_by),
                _day(r.comment.responded_at),
                _name(r.comment.resolved_by),
                _day(r.comment.resolved_at),
            )
            for r in rows
        ],
    )


def challenge_log_document(
    *, partnership: Partnership, rows: Sequence[ChallengeRow], today: datetime.date
) -> Document:
    return Document(
        title=f"{partnership.name}: challenge log",
        sections=[
            Section(
                "Challenges",
                (
                    Paragraph(f"Challenge log of {partnership.name}, {today:%d/%m/%Y}."),
                    challenge_log_table(rows),
                ),
            )
        ],
    )


def xlsx(document: Document) -> bytes:
    return xlsx_renderer.render_xlsx(document)


def csv(document: Document) -> bytes:
    """The log's table alone, one row per challenge, for a spreadsheet or a program to read."""
    table = next(t for section in document.sections for t in section.tables)
    return csv_renderer.render_csv(table)
