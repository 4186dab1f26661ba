"""An agency lead downloads the Excel template for their return, fills it and uploads it, then
submits; an analyst approves; the value appears on the report card and the bellwether dashboard.
A malformed upload is refused with row-level messages and writes nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from safeboard.performance.models import Indicator, Value

from .helpers import assert_accessible, demo_email, follow, sign_in

pytestmark = pytest.mark.browser

SLUG = "north-east-lincolnshire"
BELLWETHER = "Incidence of Domestic Abuse"
PERIOD = "April 2020"  # the month after the illustrative series ends
FIGURE = 347


def nav(page: Page, text: str) -> None:
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name=text))


def schedule_april_returns(page: Page, site: str) -> None:
    sign_in(page, site, demo_email("analyst", SLUG))
    nav(page, "Data set")
    follow(page, page.get_by_role("link", name="Agency returns", exact=True))
    page.get_by_role("radio", name="Monthly", exact=True).check()
    page.get_by_label("Period", exact=True).fill(PERIOD)
    due = page.get_by_role("group", name="Due date")
    for part, text in (("Day", "15"), ("Month", "5"), ("Year", "2020")):
        due.get_by_label(part, exact=True).fill(text)
    follow(page, page.get_by_role("button", name="Expect returns"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.context.clear_cookies()


def filled_template(path: Path, *, broken: bool = False) -> bytes:
    """The downloaded template with a value (and comment) on every row."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    # The headers are readable labels ("Indicator code" for indicator_code).
    header = ["_".join(str(cell.value).split()).lower() for cell in sheet[1]]
    code_col, value_col = header.index("indicator_code"), header.index("value")
    comment_col = header.index("comment")
    for row in sheet.iter_rows(min_row=2):
        code = row[code_col].value
        if not code:
            continue
        indicator = Indicator.objects.get(partnership__slug=SLUG, code=code)
        row[value_col].value = FIGURE if indicator.name == BELLWETHER else 12
        row[comment_col].value = "April figures, checked by the agency"
        if broken and indicator.name == BELLWETHER:
            row[value_col].value = "about three hundred"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_return_goes_from_template_to_report_card(site: str, page: Page, tmp_path) -> None:
    schedule_april_returns(page, site)
    indicator = Indicator.objects.get(partnership__slug=SLUG, name=BELLWETHER)
    before = Value.objects.filter(indicator=indicator).count()

    sign_in(page, site, demo_email("agencylead", SLUG))
    nav(page, "Data set")
    follow(page, page.get_by_role("link", name="your agency's returns"))
    follow(page, page.get_by_role("link", name=re.compile(r"^Monthly return from 1 April 2020")))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Return for {PERIOD}")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the Excel template").first.click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    # A malformed file: refused row by row, nothing written.
    follow(page, page.get_by_role("link", name="upload a filled template"))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(filled_template(template, broken=True))
    page.get_by_label("Upload a file").set_input_files(str(bad))
    follow(page, page.get_by_role("button", name="Upload and save draft"))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"Row \d+, value"))
    assert Value.objects.filter(indicator=indicator).count() == before
    assert_accessible(page)

    good = tmp_path / "good.xlsx"
    good.write_bytes(filled_template(template))
    page.get_by_label("Upload a file").set_input_files(str(good))
    follow(page, page.get_by_role("button", name="Upload and save draft"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Return for {PERIOD}")
    follow(page, page.get_by_role("button", name="Submit return"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.context.clear_cookies()

    # The analyst approves; the value reaches the report card and the dashboard.
    sign_in(page, site, demo_email("analyst", SLUG))
    nav(page, "Data set")
    follow(page, page.get_by_role("link", name="Agency returns", exact=True))
    follow(page, page.locator("a[href*='/measures/returns/']").filter(has_text="Submitted").first)
    follow(page, page.get_by_role("button", name="Approve return"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert (
        Value.objects.filter(
            indicator=indicator, agency__isnull=True, period_start__year=2020, period_start__month=4
        )
        .get()
        .value
        == FIGURE
    )

    nav(page, "Data set")
    follow(page, page.get_by_role("link", name=BELLWETHER, exact=True))
    expect(page.get_by_role("main")).to_contain_text(PERIOD)
    expect(page.get_by_role("main")).to_contain_text(str(FIGURE))
    assert_accessible(page)

    nav(page, "Data set")
    follow(page, page.get_by_role("link", name="bellwether dashboard"))
    card = page.locator("main").get_by_text(BELLWETHER).first
    expect(card).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(str(FIGURE))
    expect(page.get_by_role("main")).to_contain_text(PERIOD)
    assert_accessible(page)
