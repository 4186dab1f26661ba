"""Journey 5: repeated wrong passwords lock an account from this browser, even against the right
password, while other accounts still sign in."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import DEMO_PASSWORD, assert_accessible, demo_email, follow, sign_in, title

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"
LOCKED_OUT = "Too many attempts to sign in"


def attempt(page: Page, site: str, email: str, password: str) -> int:
    page.goto(f"{site}/account/sign-in/")
    page.get_by_label("E-mail address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Sign in", exact=True).click()
    response = navigation.value
    assert response is not None
    return response.status


def test_five_wrong_passwords_lock_the_account(site: str, page: Page) -> None:
    email = demo_email("chair", SLUG)
    for number in range(1, 5):
        status = attempt(page, site, email, f"wrong password {number}")
        assert status == 200
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Enter a correct e-mail address and password."
        )
        expect(page.get_by_label("E-mail address", exact=True)).to_have_value(email)
    # The fifth failure is the one that locks.
    assert attempt(page, site, email, "wrong password 5") == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED_OUT)

    status = attempt(page, site, email, DEMO_PASSWORD)
    assert status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED_OUT)
    expect(page).to_have_title(title(LOCKED_OUT, "Safeboard"))
    expect(page.get_by_role("link", name="reset your password")).to_be_visible()
    assert_accessible(page)

    # Not signed in: the partnership still sends them to sign in.
    page.goto(f"{site}/p/{SLUG}/")
    assert page.url.startswith(f"{site}/account/sign-in/")

    # The lock is for that account only: another signs in from the same browser.
    sign_in(page, site, demo_email("member", SLUG))
    assert page.url == f"{site}/p/{SLUG}/"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    follow(page, page.get_by_role("button", name="Sign out"))
