"""Journey 4: a form's errors follow the GOV.UK pattern, and what people type is shown as text,
never run as script."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Dialog, Page, expect

from .helpers import demo_email, follow, sign_in, title

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"
HOSTILE_NAME = '<script>alert("xss")</script><img src=x onerror="alert(1)">'


def open_add_agency(page: Page, site: str) -> None:
    sign_in(page, site, demo_email("manager", SLUG))
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Agencies"))
    follow(page, page.get_by_role("button", name="Add an agency"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an agency")


def test_empty_form_shows_error_summary_whose_links_move_focus(site: str, page: Page) -> None:
    open_add_agency(page, site)
    follow(page, page.get_by_role("button", name="Save", exact=True))

    expect(page).to_have_title(re.compile("^" + title("Error: Add an agency", "")))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("alert")).to_be_visible()
    # govuk-frontend moves focus to the summary when the page loads.
    expect(summary).to_be_focused()
    name_link = summary.get_by_role("link", name="Enter the agency's name.")
    type_link = summary.get_by_role("link", name="Select the type of agency.")
    expect(name_link).to_have_attribute("href", "#id_name")
    expect(type_link).to_have_attribute("href", "#id_agency_type_0")

    # Each field shows its own message, tied to it for screen readers.
    name = page.get_by_label("Name", exact=True)
    expect(page.locator("#id_name-error")).to_have_text("Error: Enter the agency's name.")
    expect(name).to_have_attribute("aria-describedby", "id_name-error")
    expect(name).to_have_class(re.compile(r"\bgovuk-input--error\b"))

    name_link.click()
    expect(name).to_be_focused()
    type_link.click()
    expect(page.locator("#id_agency_type_0")).to_be_focused()

    # Correcting the form clears the errors.
    name.fill("Youth Offending Service")
    page.get_by_role("radio", name="Other", exact=True).check()
    follow(page, page.get_by_role("button", name="Save", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Youth Offending Service")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)


def test_script_typed_into_an_agency_name_is_shown_as_text(site: str, page: Page) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    open_add_agency(page, site)
    page.get_by_label("Name", exact=True).fill(HOSTILE_NAME)
    page.get_by_role("radio", name="Voluntary sector", exact=True).check()
    follow(page, page.get_by_role("button", name="Save", exact=True))

    # The agency's page: the heading, the banner and the page title all show the literal text.
    expect(page.get_by_role("heading", level=1)).to_have_text(HOSTILE_NAME)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"{HOSTILE_NAME} added."
    )
    expect(page).to_have_title(re.compile("^" + re.escape(title(HOSTILE_NAME, ""))))
    response = page.reload()
    assert response is not None
    # Defence in depth: the page also sends a Content-Security-Policy, which this test browser
    # bypasses (see open_context) so that only escaping stands between the name and a script.
    assert "script-src" in response.headers.get("content-security-policy", "")

    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Agencies"))
    expect(
        page.get_by_role("main").get_by_role("link", name=HOSTILE_NAME, exact=True)
    ).to_be_visible()

    # No markup was made from the name anywhere, and nothing ran.
    assert page.locator("main img").count() == 0
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    assert dialogs == [], f"script from an agency name ran: {dialogs}"
