"""Journey 1: every demo account signs in and reaches its partnership; a person in two partnerships
chooses one and switches between them from the header, without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from safeboard.accounts.models import User
from safeboard.partnerships.models import Partnership

from .helpers import (
    DASH,
    DEMO_BOTH,
    DEMO_ROLES,
    SITE_ADMIN,
    SLUGS,
    demo_email,
    follow,
    open_context,
    sign_in,
    title,
    visit,
)

pytestmark = pytest.mark.browser

# The agency each partnership's demo agency lead acts for (see load_examples).
AGENCY_LEAD_AGENCY = {
    "lincolnshire": "Police",
    "north-east-lincolnshire": "Demo agency (not from the plan)",
}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_demo_account_reaches_its_partnership_home(site: str, page: Page, slug: str) -> None:
    name = Partnership.objects.get(slug=slug).name
    for prefix, role_label in DEMO_ROLES:
        email = demo_email(prefix, slug)
        # The next person starts with no session (quicker than a new browser context).
        page.context.clear_cookies()
        sign_in(page, site, email)
        assert page.url == f"{site}/p/{slug}/", f"{email} landed on {page.url}"
        expect(page).to_have_title(title("Overview", name, "Safeboard"))
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        signed_in_as = page.get_by_text("You are signed in as")
        expect(signed_in_as.locator("strong")).to_have_text(role_label)
        if prefix == "agencylead":
            expect(signed_in_as).to_contain_text(f"for {AGENCY_LEAD_AGENCY[slug]}")
        expect(page.get_by_role("banner")).to_contain_text(User.objects.get(email=email).full_name)
        # One partnership only, so the header offers no switcher.
        expect(page.get_by_label("Partnership", exact=True)).to_have_count(0)
        nav = page.get_by_role("navigation", name="Menu")
        expect(nav.get_by_role("link", name="Overview")).to_have_attribute("aria-current", "true")


def test_person_in_two_partnerships_chooses_and_switches_without_javascript(
    site: str, browser: Browser
) -> None:
    lincolnshire = Partnership.objects.get(slug="lincolnshire").name
    north_east = Partnership.objects.get(slug="north-east-lincolnshire").name
    # The switcher is a plain GET form: it must work with JavaScript switched off.
    context = open_context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, site, DEMO_BOTH)
        assert page.url == f"{site}/"
        expect(page.get_by_role("heading", level=1)).to_have_text("Your partnerships")
        main = page.get_by_role("main")
        expect(main.get_by_role("link", name=lincolnshire, exact=True)).to_be_visible()
        expect(main.get_by_role("link", name=north_east, exact=True)).to_be_visible()
        expect(main).to_contain_text(f"{lincolnshire} {DASH} Partnership manager")

        follow(page, main.get_by_role("link", name=lincolnshire, exact=True))
        assert page.url == f"{site}/p/lincolnshire/"
        expect(page.get_by_role("heading", level=1)).to_have_text(lincolnshire)
        banner = page.get_by_role("banner")
        expect(banner.get_by_role("link", name=lincolnshire, exact=True)).to_have_count(0)

        # The header's switcher is a details disclosure of links: it opens without JavaScript.
        banner.get_by_text("Switch partnership", exact=True).click()
        follow(page, banner.get_by_role("link", name=north_east, exact=True))
        assert page.url == f"{site}/p/north-east-lincolnshire/"
        expect(page.get_by_role("heading", level=1)).to_have_text(north_east)
        expect(page.get_by_text("You are signed in as").locator("strong")).to_have_text(
            "Partnership manager"
        )

        # From a section, the switcher lands on the same section of the other partnership.
        visit(page, f"{site}/p/north-east-lincolnshire/budget/")
        banner.get_by_text("Switch partnership", exact=True).click()
        follow(page, banner.get_by_role("link", name=lincolnshire, exact=True))
        assert page.url == f"{site}/p/lincolnshire/budget/"
    finally:
        context.close()


def test_site_administrator_sees_no_partnership_data(site: str, page: Page) -> None:
    sign_in(page, site, SITE_ADMIN)
    # A site administrator who belongs to no partnership lands on the partnerships list.
    assert page.url == f"{site}/site-admin/"
    expect(page.get_by_role("button", name="Create a partnership")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerships on this installation")
    for slug in SLUGS:
        expect(page.get_by_role("main")).to_contain_text(f"/p/{slug}/")
    assert visit(page, f"{site}/p/lincolnshire/") == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
