"""Journey: an agency lead fills in their return on a phone, 375 px wide. The page does not scroll
sideways; "Illustrative values" is said once, not on every measure; each box says what it counts
and last period's figure; a saved figure reads as typed (336, not 336.0000)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from .helpers import assert_accessible, demo_email, follow, sign_in
from .test_returns import PERIOD, SLUG, nav, schedule_april_returns

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 375, "height": 812}
LABEL = "Illustrative values: synthetic data for demonstration"


def _scroll_width(page: Page) -> int:
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width


def test_an_agency_lead_fills_in_their_return_on_a_phone(site: str, page: Page) -> None:
    schedule_april_returns(page, site)
    sign_in(page, site, demo_email("agencylead", SLUG))
    nav(page, "Data set")
    follow(page, page.get_by_role("link", name="your agency's returns"))
    follow(page, page.get_by_role("link", name=re.compile(r"^Monthly return from 1 April 2020")))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Return for {PERIOD}")
    page.set_viewport_size(PHONE)  # the menu is found at desktop width; the return on a phone

    main = page.get_by_role("main")
    assert main.inner_text().count(LABEL) == 1
    assert page.locator("form .govuk-tag").count() == 0
    expect(main).to_contain_text(re.compile(r"Last period \(March 2020\): \d"))
    first_box = page.locator("form input[name^='value_']").first
    hint = page.locator(f"#{first_box.get_attribute('aria-describedby')}")
    expect(hint).to_contain_text("Last period (March 2020)")
    width = _scroll_width(page)
    assert width <= 375, f"the return page scrolls sideways at 375 px ({width} px wide)"
    assert_accessible(page)

    first_box.fill("336")
    follow(page, page.get_by_role("button", name="Save draft"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("form input[name^='value_']").first).to_have_value("336")
    assert ".0000" not in main.inner_text()
    width = _scroll_width(page)
    assert width <= 375, f"the saved return scrolls sideways at 375 px ({width} px wide)"
