"""Journey: search. A board member of North East Lincolnshire searches for words of a work
stream's text from the navigation's Search page, sees the result highlighted and follows it; an
empty search gets the GOV.UK error summary; the person who belongs to both partnerships finds
nothing of North East Lincolnshire's while in Lincolnshire. axe-core finds nothing on the
results page, at desktop width and at 375 px, and the page does not scroll sideways on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from .helpers import DEMO_BOTH, assert_accessible, demo_email, follow, open_context, sign_in

pytestmark = pytest.mark.browser

NEL = "north-east-lincolnshire"
WORDS = "sharper focus"
STREAM = "The work planned for 2017–19"


def _search(page: Page, words: str) -> None:
    page.get_by_role("searchbox", name=re.compile("^Search ")).fill(words)
    follow(page, page.get_by_role("main").get_by_role("button", name="Search"))


def test_a_board_member_finds_a_work_stream_by_a_word_of_its_text(site: str, page: Page) -> None:
    sign_in(page, site, demo_email("member", NEL))
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Search"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")

    _search(page, "")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    _search(page, WORDS)
    expect(page.get_by_role("heading", level=2, name=re.compile(r"results? for"))).to_be_visible()
    result = page.get_by_role("link", name=STREAM)
    expect(result).to_be_visible()
    expect(page.locator("mark", has_text="sharper").first).to_be_visible()
    assert_accessible(page)

    follow(page, result)
    assert "work_stream=" in page.url
    assert page.url.startswith(f"{site}/p/{NEL}/plans/")


def test_search_in_one_partnership_finds_nothing_of_the_other(site: str, page: Page) -> None:
    sign_in(page, site, DEMO_BOTH)
    page.goto(f"{site}/p/lincolnshire/search/?q={WORDS.replace(' ', '+')}")
    main = page.get_by_role("main")
    expect(main).not_to_contain_text(STREAM)
    expect(main.locator(f'a[href^="/p/{NEL}/"]')).to_have_count(0)


def test_the_results_page_fits_a_phone(site: str, browser: Browser) -> None:
    context = open_context(browser, viewport={"width": 375, "height": 812})
    page = context.new_page()
    try:
        sign_in(page, site, demo_email("member", NEL))
        page.goto(f"{site}/p/{NEL}/search/?q=safeguarding")
        expect(
            page.get_by_role("heading", level=2, name=re.compile("results? for"))
        ).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert_accessible(page)
    finally:
        context.close()
