"""The analyst records a known change in process on an indicator's report card: the limits are
recalculated from that period at once, the chart marks it and the data table says why; the
Making Data Count icons show with their words; then the analyst removes the rebase again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from safeboard.performance.domain import periods
from safeboard.performance.models import Indicator, SpcRebase

from .helpers import assert_accessible, demo_email, follow, sign_in

pytestmark = pytest.mark.browser

SLUG = "north-east-lincolnshire"
BELLWETHER = "Incidence of Domestic Abuse"
REASON = "Police changed how incidents are recorded (illustrative)"


def test_analyst_records_and_removes_a_change_in_process(site: str, page: Page) -> None:
    indicator = Indicator.objects.get(partnership__slug=SLUG, name=BELLWETHER)
    days = sorted(
        indicator.values.filter(agency__isnull=True).values_list("period_start", flat=True)
    )
    middle = periods.label(days[len(days) // 2], indicator.frequency)

    sign_in(page, site, demo_email("analyst", SLUG))
    page.goto(f"{site}/p/{SLUG}/measures/indicators/{indicator.pk}/")
    main = page.get_by_role("main")
    expect(main.locator("svg.sb-spc-icon[role=img]").first).to_be_visible()
    follow(page, page.get_by_role("link", name="Recalculate the limits after a change in process"))
    follow(page, page.get_by_role("button", name="Recalculate the limits"))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Recalculate the limits from").fill(middle)
    page.get_by_label("What changed").fill(REASON)
    follow(page, page.get_by_role("button", name="Recalculate the limits"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"The limits are recalculated from {middle}"
    )
    table = page.locator("table.sb-data-table")
    expect(table).to_contain_text(f"Limits recalculated from here: {REASON}")
    expect(page.locator("svg.sb-chart--wide line.marker")).to_have_count(1)
    expect(page.locator("#rebases ~ dl.govuk-summary-list").first).to_contain_text(REASON)
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 800})
    expect(page.locator("svg.sb-chart--narrow line.marker")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    follow(page, page.get_by_role("link", name=f"Remove the rebase from {middle}"))
    follow(page, page.get_by_role("button", name="Remove the rebase"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"no longer recalculated from {middle}"
    )
    expect(page.locator("table.sb-data-table")).not_to_contain_text("Limits recalculated from here")
    assert not SpcRebase.objects.filter(indicator=indicator).exists()
