"""The composite performance report as a printable PDF (WeasyPrint).

The print template is self-contained: the charts are inline SVG and the styles inline, so
WeasyPrint fetches nothing (a URL fetcher that refuses every URL), and text typed into an
indicator can never make the server request a URL.

Small-number suppression is decided by partnerships/domain/disclosure.py: the view reads the
report with the viewer's entitlement for a file (`Output.FILE`), so the selector has already
replaced what they may not see (a count below an indicator's threshold prints as "<5" and is left
off the chart). This module only renders what it is given.
"""

from __future__ import annotations

import datetime
from typing import Any

import weasyprint
from django.template.loader import render_to_string

from safeboard.partnerships.access import PartnershipRequest

from .presenters import ILLUSTRATIVE_LABEL
from .selectors import CompositeReport

PDF_CONTENT_TYPE = "application/pdf"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"Safeboard's printed report fetches no resources ({url[:40]}).")


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
    html = report_html(request, data, today=today)
    document = weasyprint.HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_refuse_fetch
    )
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
