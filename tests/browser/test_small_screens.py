"""Journey: a phone, 375 px wide. No main page scrolls sideways, chart text stays readable, wide
tables scroll inside a region the keyboard reaches, and the partnership switcher shows whole
names and lands on the same section. The same pages at desktop width for comparison; the pages
are set in Arial, never GDS Transport."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from safeboard.partnerships.models import Partnership

from .helpers import (
    DEMO_BOTH,
    AccessibilitySweep,
    demo_email,
    follow,
    open_context,
    sign_in,
    visit,
)

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# The main page of every section, and the pages the walkthrough found too wide.
MAIN_PAGES = [
    "",
    "plans/",
    "plans/my-actions/",
    "measures/",
    "measures/dashboard/",
    "measures/scorecards/",
    "measures/report/",
    "measures/returns/",
    "measures/comparators/",
    "governance/structure/",
    "governance/groups/",
    "budget/",
    "budget/staffing/",
    "agencies/",
    "people/",
    "roles/",
    "settings/",
]
# Below this the chart's text is too small to read on a phone.
SMALLEST_CHART_TEXT_PX = 11.5

_CHART_TEXT = """() => Array.from(document.querySelectorAll('svg.sb-chart text'))
    .map(t => t.getBoundingClientRect())
    .filter(r => r.width > 0 && r.height > 0)
    .map(r => r.height)"""
_FONT = "getComputedStyle(document.body).fontFamily"
_WIDER_THAN_SCREEN_TABLES = """() => Array.from(document.querySelectorAll('.govuk-table'))
    .filter(t => t.scrollWidth > t.clientWidth + 1)
    .map(t => ({tabindex: t.getAttribute('tabindex'), right: t.getBoundingClientRect().right}))"""


def _scroll_width(page: Page) -> int:
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width


_FIRST_LINK = """(pattern) => {
    const re = new RegExp(pattern);
    const a = Array.from(document.querySelectorAll('main a'))
        .find(a => re.test(a.getAttribute('href') || ''));
    return a ? a.getAttribute('href') : '';
}"""


def _first_link(page: Page, pattern: str) -> str:
    href: str = page.evaluate(_FIRST_LINK, pattern)
    return href


def _detail_pages(page: Page, base: str) -> list[str]:
    """A plan, its actions list and an indicator's report card, found by following links."""
    visit(page, f"{base}/plans/")
    plan = _first_link(page, r"/plans/\d+/$")
    visit(page, f"{base}/measures/")
    card = _first_link(page, r"/measures/indicators/\d+/$")
    return [href for href in (plan, f"{plan}actions/" if plan else "", card) if href]


def test_no_main_page_scrolls_sideways_on_a_phone(site: str, browser: Browser) -> None:
    context = open_context(browser, viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, site, demo_email("manager", SLUG))
        base = f"{site}/p/{SLUG}"
        pages = [f"{base}/{path}" for path in MAIN_PAGES]
        pages += [f"{site}{href}" for href in _detail_pages(page, base)]
        assert len(pages) >= len(MAIN_PAGES) + 3, "the plan or the report card was not found"
        too_wide: list[str] = []
        small_text: list[str] = []
        unreachable: list[str] = []
        charts_seen = 0
        for url in pages:
            assert visit(page, url) == 200, url
            assert "GDS Transport" not in page.evaluate(_FONT)
            if _scroll_width(page) > PHONE["width"]:
                too_wide.append(f"{url}: {_scroll_width(page)} px")
            heights: list[float] = page.evaluate(_CHART_TEXT)
            charts_seen += bool(heights)
            if heights and min(heights) < SMALLEST_CHART_TEXT_PX:
                small_text.append(f"{url}: {min(heights):.1f} px")
            for table in page.evaluate(_WIDER_THAN_SCREEN_TABLES):
                if table["tabindex"] != "0" or table["right"] > PHONE["width"] + 1:
                    unreachable.append(f"{url}: {table}")
        assert too_wide == []
        assert small_text == []
        assert unreachable == []
        assert charts_seen, "no page with a chart was checked"
    finally:
        context.close()


def test_the_report_card_is_accessible_and_fits_on_a_phone(site: str, browser: Browser) -> None:
    context = open_context(browser, viewport=PHONE)
    page = context.new_page()
    sweep = AccessibilitySweep(page)
    try:
        sign_in(page, site, demo_email("analyst", SLUG))
        base = f"{site}/p/{SLUG}"
        for href in _detail_pages(page, base):
            visit(page, f"{site}{href}")
            assert _scroll_width(page) <= PHONE["width"]
            sweep.check(f"{href} at 375 px")
        visit(page, f"{base}/roles/")
        sweep.check("Roles at 375 px (a wide table)")
        sweep.assert_clean()
    finally:
        context.close()


def test_the_same_pages_fit_a_desktop_and_show_the_wide_charts(site: str, browser: Browser) -> None:
    context = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    try:
        sign_in(page, site, demo_email("manager", SLUG))
        base = f"{site}/p/{SLUG}"
        for path in ("plans/", "measures/report/", "roles/"):
            visit(page, f"{base}/{path}")
            assert _scroll_width(page) <= DESKTOP["width"], path
        (card,) = [h for h in _detail_pages(page, base) if "/measures/indicators/" in h]
        visit(page, f"{site}{card}")
        expect(page.locator("svg.sb-chart--wide").first).to_be_visible()
        expect(page.locator("svg.sb-chart--narrow").first).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_switcher_shows_whole_names_and_keeps_the_section(
    site: str, browser: Browser, viewport: dict[str, int]
) -> None:
    north_east = Partnership.objects.get(slug="north-east-lincolnshire").name
    context = open_context(browser, viewport=viewport)
    page = context.new_page()
    try:
        sign_in(page, site, DEMO_BOTH)
        visit(page, f"{site}/p/{SLUG}/measures/")
        banner = page.get_by_role("banner")
        banner.get_by_text("Switch partnership", exact=True).click()
        link = banner.get_by_role("link", name=north_east, exact=True)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= viewport["width"], "the name runs off the screen"
        # The whole name is shown, wrapped if need be, never cut.
        assert link.evaluate(
            "a => a.scrollWidth <= a.clientWidth + 1 || a.getClientRects().length > 1"
        )
        assert _scroll_width(page) <= viewport["width"]
        follow(page, link)
        assert page.url == f"{site}/p/north-east-lincolnshire/measures/"
        # From a record's page: that section's landing page.
        card = _first_link(page, r"/measures/indicators/\d+/$")
        assert card
        visit(page, f"{site}{card}")
        banner.get_by_text("Switch partnership", exact=True).click()
        lincolnshire = Partnership.objects.get(slug=SLUG).name
        follow(page, banner.get_by_role("link", name=lincolnshire, exact=True))
        assert page.url == f"{site}/p/{SLUG}/measures/"
    finally:
        context.close()
