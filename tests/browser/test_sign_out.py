"""Journey 7: signing out is a button in the header that POSTs; afterwards the partnership's pages
ask the person to sign in again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import DEMO_PASSWORD, demo_email, follow, sign_in

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"


def test_sign_out_button_ends_the_session(site: str, page: Page) -> None:
    sign_in(page, site, demo_email("analyst", SLUG))
    assert page.url == f"{site}/p/{SLUG}/"

    header = page.get_by_role("banner")
    sign_out = header.get_by_role("button", name="Sign out", exact=True)
    expect(sign_out).to_be_visible()
    # A button in a POST form, not a link: a GET (a prefetch, an <img src>) cannot sign anyone out.
    expect(header.get_by_role("link", name="Sign out")).to_have_count(0)
    form = header.locator("form", has=page.get_by_role("button", name="Sign out", exact=True))
    expect(form).to_have_attribute("method", "post")
    expect(form.locator("input[name=csrfmiddlewaretoken]")).to_have_count(1)

    with page.expect_request(lambda r: r.url.endswith("/account/sign-out/")) as sent:
        follow(page, sign_out)
    assert sent.value.method == "POST"
    assert page.url == f"{site}/account/sign-in/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Safeboard")
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_have_count(0)

    page.goto(f"{site}/p/{SLUG}/")
    assert page.url == f"{site}/account/sign-in/?next=/p/{SLUG}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Safeboard")

    # Signing in again from there returns to the page asked for.
    page.get_by_label("E-mail address", exact=True).fill(demo_email("analyst", SLUG))
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    follow(page, page.get_by_role("button", name="Sign in", exact=True))
    assert page.url == f"{site}/p/{SLUG}/"
