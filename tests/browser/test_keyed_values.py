"""An analyst keys one value on a report card, then corrects it from the Values page, on a
desktop and on a phone; a figure that is not a number is refused and writes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Browser, expect

from safeboard.performance.models import Indicator, Value

from .helpers import assert_accessible, demo_email, follow, open_context, sign_in

pytestmark = pytest.mark.browser

SLUG = "north-east-lincolnshire"
BELLWETHER = "Incidence of Domestic Abuse"
PHONE = {"width": 375, "height": 812}


def test_an_analyst_keys_a_value_and_corrects_it(site: str, browser: Browser) -> None:
    indicator = Indicator.objects.get(partnership__slug=SLUG, name=BELLWETHER)
    context = open_context(browser, viewport=PHONE)
    page = context.new_page()
    sign_in(page, site, demo_email("analyst", SLUG))
    page.goto(f"{site}/p/{SLUG}/measures/indicators/{indicator.pk}/")
    follow(page, page.get_by_role("link", name="Add or correct a value"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add or correct a value")
    assert_accessible(page)
    page.get_by_label("Or type the period").fill("April 2020")
    page.get_by_label("Value", exact=True).fill("347")
    page.get_by_label("Comment").fill("Keyed from the police's monthly report")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Value for April 2020 added"
    )
    expect(page.get_by_role("main")).to_contain_text("347 (April 2020)")

    follow(page, page.get_by_role("link", name="List the values, to correct one"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Change the value for April 2020"))
    page.get_by_label("Value", exact=True).fill("three hundred")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Enter a number, like 12 or 3.5.")
    assert_accessible(page)
    page.get_by_label("Value", exact=True).fill("350")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Value for April 2020 corrected"
    )
    value = Value.objects.get(indicator=indicator, period_start="2020-04-01", agency=None)
    assert value.value == Decimal(350)
    context.close()
