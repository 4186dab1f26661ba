import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.plans.domain.evidence import (
    MAX_EVIDENCE_BYTES,
    evidence_content_problem,
    evidence_content_type,
    evidence_file_problem,
    evidence_url_problem,
)
from safeboard.plans.domain.rules import (
    action_dates_problem,
    period_problem,
    progress_date_problem,
)


@pytest.mark.parametrize(
    "url", ["", "https://example.org/report.pdf", "http://intranet.example/x?y=1"]
)
def test_it_accepts_blank_and_web_addresses_as_evidence_links(url):
    assert evidence_url_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "https://",
        "example.org/report",
        "http://[::1",
    ],
)
def test_it_refuses_evidence_links_that_are_not_web_addresses(url):
    assert "https://" in (evidence_url_problem(url) or "")


@pytest.mark.parametrize("name", ["minutes.pdf", "Audit.DOCX", "chart.png", "data.xlsx"])
def test_it_accepts_documents_and_images(name):
    assert evidence_file_problem(name, 1000) is None


@pytest.mark.parametrize(
    "name", ["run.exe", "page.html", "image.svg", "script.js", "noextension", "pdf"]
)
def test_it_refuses_other_kinds_of_file(name):
    assert "must be a PDF" in (evidence_file_problem(name, 1000) or "")


def test_it_refuses_files_over_10_mb_and_empty_files():
    assert evidence_file_problem("big.pdf", MAX_EVIDENCE_BYTES) is None
    assert "smaller than 10 MB" in (evidence_file_problem("big.pdf", MAX_EVIDENCE_BYTES + 1) or "")
    assert "empty" in (evidence_file_problem("none.pdf", 0) or "")


def test_it_checks_evidence_by_content_not_by_name():
    import io

    assert evidence_content_problem("minutes.pdf", io.BytesIO(b"%PDF-1.4 minutes")) is None
    page = io.BytesIO(b"<html><script>alert(1)</script></html>")
    assert "web page" in (evidence_content_problem("minutes.pdf", page) or "")
    program = io.BytesIO(b"MZ\x90\x00")
    assert "program" in (evidence_content_problem("chart.png", program) or "")
    png_as_pdf = io.BytesIO(b"\x89PNG\r\n\x1a\n")
    assert "not really a .pdf" in (evidence_content_problem("scan.pdf", png_as_pdf) or "")


def test_it_serves_evidence_with_the_type_of_its_extension():
    assert evidence_content_type("a.PDF") == "application/pdf"
    assert evidence_content_type("a.exe") == "application/octet-stream"


def test_it_wants_a_plans_years_in_order():
    assert period_problem(2017, 2019) is None
    assert period_problem(2017, 2017) is None
    assert period_problem(2019, 2017) == "The last year must be the same as or after the first year"
    assert "between 2000 and 2100" in (period_problem(17, 19) or "")


@given(st.integers(2000, 2100), st.integers(2000, 2100))
def test_it_accepts_any_ordered_period(start, end):
    assert (period_problem(start, end) is None) is (start <= end)


def test_it_wants_an_action_due_after_it_starts():
    start = datetime.date(2017, 4, 1)
    assert action_dates_problem(start, datetime.date(2018, 3, 31)) is None
    assert action_dates_problem(None, start) is None
    assert action_dates_problem(start, None) is None
    assert "due date" in (action_dates_problem(start, datetime.date(2017, 3, 31)) or "")


def test_it_wants_progress_recorded_for_a_day_that_has_happened():
    today = datetime.date(2018, 6, 15)
    assert progress_date_problem(today, today) is None
    assert progress_date_problem(datetime.date(2018, 6, 14), today) is None
    assert "today or in the past" in (
        progress_date_problem(datetime.date(2018, 6, 16), today) or ""
    )
