"""The composite performance report as a printable PDF, drawn by the reports kit's PDF renderer
(`reports.renderers.pdf`: WeasyPrint, loaded only when a PDF is made).

The print template is self-contained: the charts are inline SVG and the styles inline, so
WeasyPrint fetches nothing (the renderer's URL fetcher refuses every URL but `data:`), and text
typed into an indicator can never make the server request a URL.

Small-number suppression is decided by partnerships/domain/disclosure.py: the view reads the
report with the viewer's entitlement for a file (`Output.FILE`), so the selector has already
replaced what they may not see (a count below an indicator's threshold prints as "<5" and is left
off the chart). This module only renders what it is given.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string

from safeboard.partnerships.access import PartnershipRequest
from safeboard.reports.renderers import pdf

from .presenters import ILLUSTRATIVE_LABEL
from .selectors import CompositeReport

PDF_CONTENT_TYPE = pdf.CONTENT_TYPE


def report_html(
    request: PartnershipRequest,
    data: CompositeReport,
    *,
    today: datetime.date,
) -> str:
    return render_to_string(
        "performance/indicators/print/report.html",
        {
            "report": data,
            "partnership": request.access.partnership,
            "today": today,
            "illustrative_label": ILLUSTRATIVE_LABEL,
        },
        request=request,
    )


def report_pdf(
    request: PartnershipRequest,
    data: CompositeReport,
    *,
    today: datetime.date,
) -> bytes:
    return pdf.render_pdf_html(report_html(request, data, today=today))
