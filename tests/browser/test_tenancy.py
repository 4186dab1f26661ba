"""Journey 6: a member of one partnership cannot see into another; they get the same GOV.UK
"Page not found" page as for an address that does not exist."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from safeboard.partnerships.models import Agency, Partnership

from .helpers import demo_email, sign_in, title, visit

pytestmark = pytest.mark.browser

HOME = "lincolnshire"
OTHER = "north-east-lincolnshire"


def expect_not_found(page: Page, url: str, secret: str) -> None:
    assert visit(page, url) == 404
    expect(page).to_have_title(re.compile("^" + title("Page not found", "")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("main")).to_contain_text("If you typed the web address")
    assert secret not in page.content(), f"{url} shows {secret!r}"


def test_member_of_one_partnership_gets_not_found_in_another(site: str, page: Page) -> None:
    other = Partnership.objects.get(slug=OTHER)
    other_agency = Agency.objects.filter(partnership=other).order_by("pk").first()
    assert other_agency is not None
    sign_in(page, site, demo_email("member", HOME))
    assert page.url == f"{site}/p/{HOME}/"

    expect_not_found(page, f"{site}/p/{OTHER}/", other.name)
    expect_not_found(page, f"{site}/p/{OTHER}/agencies/", other_agency.name)
    expect_not_found(page, f"{site}/p/{OTHER}/agencies/{other_agency.pk}/", other_agency.name)
    # Nor can another partnership's record be reached through one's own partnership's address.
    expect_not_found(page, f"{site}/p/{HOME}/agencies/{other_agency.pk}/", other_agency.name)
    # Nor through the header's switcher.
    expect_not_found(page, f"{site}/switch/?to={OTHER}", other.name)
    # Same answer as for a partnership that does not exist at all.
    expect_not_found(page, f"{site}/p/no-such-partnership/", other.name)

    # Their own partnership still works.
    page.goto(f"{site}/p/{HOME}/agencies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agencies")
