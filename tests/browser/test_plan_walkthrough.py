"""What a new user met on the plan pages (issue 9), on a phone-sized screen: an action counts
under several priorities (ticking a second does not untick the first), headings read as the plan
reads, the title is not doubled, the promised contributions are found, and the example delivery
details are labelled illustrative."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from safeboard.plans.models import Action

from .helpers import assert_accessible, demo_email, follow, open_context, sign_in

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"
PLAN = "Strategic Business Plan 2011 - 2014"
ACTION = "Develop and deliver training on Defensible Decision Making"
FIRST = "To deliver an effective Training Strategy which responds to the needs of partner agencies"
SECOND = "Child Protection"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = open_context(browser, viewport={"width": 375, "height": 800})
    yield context.new_page()
    context.close()


def test_a_manager_meets_the_plan_as_it_reads_on_a_phone(site: str, phone: Page) -> None:
    page = phone
    sign_in(page, site, demo_email("manager", SLUG))
    page.goto(f"{site}/p/{SLUG}/plans/")  # on a phone the service navigation is behind "Menu"
    follow(page, page.get_by_role("link", name=PLAN, exact=True))
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN)
    expect(main).not_to_contain_text("2011 - 2014 2011–2014")
    for heading in (
        "Board Member Values",
        "Strategic Priorities 2011 – 14",
        "Financing and Staffing",
    ):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    funding = page.locator(
        "section", has=page.get_by_role("heading", name="Financing and Staffing")
    )
    expect(funding).to_contain_text("Safeboard keeps them in the budget")
    assert_accessible(page)
    follow(page, funding.get_by_role("link", name="Budget", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget")
    expect(page.get_by_role("link", name="2011/12")).to_be_visible()

    # An action counts under two priorities: ticking the second keeps the first.
    action = Action.objects.get(title=ACTION)
    page.goto(f"{site}/p/{SLUG}/plans/actions/{action.pk}/edit/")
    themes = page.get_by_role("group", name="Priorities and cross-cutting themes")
    first = themes.get_by_role("checkbox", name=FIRST, exact=False)
    second = themes.get_by_role("checkbox", name=SECOND, exact=False)
    first.check()
    second.check()
    expect(first).to_be_checked()
    expect(second).to_be_checked()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ACTION)
    expect(page.get_by_role("main")).to_contain_text(FIRST)
    expect(page.get_by_role("main")).to_contain_text(SECOND)
    assert {t.title for t in action.themes.all()} >= {FIRST, SECOND}

    # The example's made-up details say so, on the action and in the list.
    expect(page.get_by_role("main")).to_contain_text("Illustrative delivery details")
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the action page scrolls sideways ({width} px)"
