"""A group chair records progress with a RAG on an action their group owns and the plan overview
shows it; an agency lead of another agency cannot change that action."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from safeboard.plans.models import Action

from .helpers import assert_accessible, demo_email, follow, sign_in, visit

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"
ACTION = "Develop and deliver training on Defensible Decision Making"
NARRATIVE = "Two sessions delivered to 38 practitioners; evaluation under way."


def test_group_chair_records_progress_and_the_overview_shows_it(site: str, page: Page) -> None:
    sign_in(page, site, demo_email("groupchair", SLUG))
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Plan"))
    follow(page, page.get_by_role("link", name="My actions").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    follow(page, page.get_by_role("link", name=ACTION, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(ACTION)
    assert_accessible(page)

    # The example data rates it red (illustrative); the group chair records it as amber.
    assert Action.objects.get(title=ACTION).rag == "red"
    follow(page, page.get_by_role("button", name="Record progress"))
    # Empty first: the GOV.UK error summary names what is missing.
    follow(page, page.get_by_role("button", name="Save progress update"))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    date = page.get_by_role("group", name="Date of the update")
    date.get_by_label("Day").fill("1")
    date.get_by_label("Month").fill("10")
    date.get_by_label("Year").fill("2011")
    page.get_by_label("What progress has been made?").fill(NARRATIVE)
    page.get_by_role("radio", name="Amber", exact=True).check()
    follow(page, page.get_by_role("button", name="Save progress update"))

    expect(page.get_by_role("heading", level=1)).to_have_text(ACTION)
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(NARRATIVE)
    assert Action.objects.get(title=ACTION).rag == "amber"

    # The plan overview now counts and shows it.
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Plan"))
    follow(page, page.get_by_role("link", name="Strategic Business Plan 2011 - 2014", exact=True))
    follow(page, page.get_by_role("main").get_by_role("link", name=re.compile(r"^Overview: ")))
    row = page.locator("tr", has=page.get_by_role("link", name=ACTION, exact=True)).first
    expect(row).to_contain_text("Amber")
    expect(row).not_to_contain_text("Red")
    group_row = page.locator("tr", has_text="Education and Training Sub-Group").first
    expect(group_row).to_be_visible()
    assert_accessible(page)


def test_an_agency_lead_of_another_agency_cannot_change_the_action(site: str, page: Page) -> None:
    action = Action.objects.get(title=ACTION)
    assert action.lead_agency is None or action.lead_agency.key != "police"
    sign_in(page, site, demo_email("agencylead", SLUG))
    detail = f"{site}/p/{SLUG}/plans/actions/{action.pk}/"
    assert visit(page, detail) == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(ACTION)
    expect(page.get_by_role("button", name="Record progress")).to_have_count(0)

    # Typing the address shows why not, and a hand-made form post is refused.
    assert visit(page, f"{detail}progress/") == 200
    expect(page.get_by_role("main")).to_contain_text("You cannot record progress on this action")
    expect(page.get_by_role("button", name="Save progress update")).to_have_count(0)
    token = page.context.cookies()
    csrf = next(c["value"] for c in token if c["name"] == "csrftoken")
    response = page.request.post(
        f"{detail}progress/",
        form={
            "date_day": "1",
            "date_month": "10",
            "date_year": "2011",
            "narrative": "Not mine to say",
            "rag": "green",
        },
        headers={"X-CSRFToken": csrf, "Referer": detail},
    )
    assert response.status == 403
    action.refresh_from_db()
    assert action.rag != "green"
    assert not action.updates.filter(narrative="Not mine to say").exists()
