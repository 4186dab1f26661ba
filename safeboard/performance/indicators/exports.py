"""The composite performance report as a printable PDF (WeasyPrint).

The print template is self-contained: the charts are inline SVG and the styles inline, so
WeasyPrint fetches nothing (a URL fetcher that refuses every URL), and text typed into an
indicator can never make the server request a URL.

Small-number suppression: analysts and managers (MANAGE_INDICATORS) are entitled to the detail
and their PDF shows every number. For everyone else (board members, chairs, group chairs, agency
leads) the view applies selectors_indicators.suppress_small_numbers first: counts below an
indicator's threshold, and values worked out from such a numerator, print as "<5" and are left
off the chart.
"""

from __future__ import annotations

import datetime
from typing import Any

import weasyprint
from django.template.loader import render_to_string

from safeboard.partnerships.access import PartnershipRequest

from .selectors import ILLUSTRATIVE_LABEL, CompositeReport

PDF_CONTENT_TYPE = "application/pdf"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"Safeboard's printed report fetches no resources ({url[:40]}).")


def report_html(
    request: PartnershipRequest,
    data: CompositeReport,
    *,
    today: datetime.date,
    entitled: bool = True,
) -> str:
    return render_to_string(
        "performance/indicators/print/report.html",
        {
            "report": data,
            "partnership": request.access.partnership,
            "today": today,
            "illustrative_label": ILLUSTRATIVE_LABEL,
            "entitled": entitled,
        },
        request=request,
    )


def report_pdf(
    request: PartnershipRequest,
    data: CompositeReport,
    *,
    today: datetime.date,
    entitled: bool = True,
) -> bytes:
    html = report_html(request, data, today=today, entitled=entitled)
    document = weasyprint.HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_refuse_fetch
    )
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
