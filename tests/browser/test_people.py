"""Journey 3: a manager adds a person, finds them on the People page, changes their role, and the
person's History says who made each change and what it was."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from safeboard.accounts.models import User

from .helpers import assert_accessible, demo_email, follow, sign_in

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"
NEW_NAME = "Priya Shah"
NEW_EMAIL = "priya.shah@lincolnshire.example"


def newest_history_entry(page: Page) -> Locator:
    history = page.locator("table.sb-history")
    expect(history).to_be_visible()
    return history.locator("tbody tr").first


def test_manager_adds_a_person_then_changes_their_role(site: str, page: Page) -> None:
    manager = User.objects.get(email=demo_email("manager", SLUG)).full_name
    sign_in(page, site, demo_email("manager", SLUG))

    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="People"))
    expect(page.get_by_role("main").get_by_role("link", name=NEW_NAME)).to_have_count(0)
    follow(page, page.get_by_role("button", name="Add a person"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    page.get_by_label("Full name", exact=True).fill(NEW_NAME)
    page.get_by_label("E-mail address", exact=True).fill(NEW_EMAIL)
    page.get_by_role("radio", name="Board member", exact=True).check()
    follow(page, page.get_by_role("button", name="Add person", exact=True))

    # The person's page, with a success banner.
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Success")
    expect(banner).to_contain_text(f"{NEW_NAME} added as Board member.")
    details = page.locator(".govuk-summary-list")
    expect(details).to_contain_text(NEW_EMAIL)
    expect(details).to_contain_text("Board member")
    created = newest_history_entry(page)
    expect(created.locator("td").nth(1)).to_have_text(manager)
    expect(created).to_contain_text("Created")
    expect(created).to_contain_text("Role: Board member")
    assert_accessible(page)

    # They are on the People page, with their role.
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="People"))
    link = page.get_by_role("main").get_by_role("link", name=NEW_NAME, exact=True)
    row = page.locator("tbody tr", has=page.get_by_role("link", name=NEW_NAME, exact=True))
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("Board member")

    # Change their role.
    follow(page, link)
    follow(page, page.get_by_role("button", name=f"Change role of {NEW_NAME}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change role")
    expect(page.get_by_role("radio", name="Board member", exact=True)).to_be_checked()
    page.get_by_role("radio", name="Analyst", exact=True).check()
    follow(page, page.get_by_role("button", name="Save", exact=True))

    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Role saved.")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Analyst")
    changed = newest_history_entry(page)
    expect(changed.locator("td").nth(1)).to_have_text(manager)
    expect(changed).to_contain_text("Changed")
    expect(changed.locator("del")).to_have_text("Board member")
    expect(changed.locator("ins")).to_have_text("Analyst")
    # Read aloud, the change says what it was and what it became.
    expect(changed.locator("li").filter(has_text="Role:")).to_contain_text(
        "Board member changed to"
    )
    expect(page.locator("table.sb-history tbody tr")).to_have_count(2)
