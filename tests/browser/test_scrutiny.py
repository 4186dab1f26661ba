"""The chair challenges an indicator on its report card, its owner (the analyst) responds, the
chair accepts; the challenge log shows the challenge and the response, also at 375 px. Then the
chair signs off the plan and the plan page says who signed it off and when."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safeboard.partnerships.models import Membership
from safeboard.performance.models import Indicator
from safeboard.plans.models import Plan
from safeboard.scrutiny.models import ChallengeStatus, Comment

from .helpers import assert_accessible, demo_email, follow, sign_in

pytestmark = pytest.mark.browser

SLUG = "north-east-lincolnshire"
BELLWETHER = "Incidence of Domestic Abuse"
QUESTION = "Why did incidence rise in the last quarter, and what is the plan?"
ANSWER = "Two reporting changes in Police data; the sub-group reviews it in May."


def nav(page: Page, text: str) -> None:
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name=text))


def switch_to(page: Page, site: str, who: str) -> None:
    page.context.clear_cookies()
    sign_in(page, site, demo_email(who, SLUG))


def open_the_challenge(page: Page) -> None:
    nav(page, "Challenges")
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenges")
    follow(page, page.get_by_role("link", name=QUESTION[:40]).first)


def test_chair_challenges_an_indicator_the_owner_responds_and_the_chair_accepts(
    site: str, page: Page
) -> None:
    indicator = Indicator.objects.get(partnership__slug=SLUG, name=BELLWETHER)
    analyst = Membership.objects.get(user__email=demo_email("analyst", SLUG))
    Indicator.objects.filter(pk=indicator.pk).update(owner=analyst)

    sign_in(page, site, demo_email("chair", SLUG))
    nav(page, "Data set")
    follow(page, page.get_by_role("link", name=BELLWETHER).first)
    expect(page.get_by_role("heading", name="Comments and challenges")).to_be_visible()
    follow(page, page.get_by_role("link", name="Challenge this indicator"))
    assert_accessible(page)

    # Empty first: the error summary names what is missing.
    follow(page, page.get_by_role("button", name="Raise challenge"))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Enter your challenge")
    assert_accessible(page)

    due = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Your challenge").fill(QUESTION)
    date = page.get_by_role("group", name="Response needed by")
    date.get_by_label("Day").fill(str(due.day))
    date.get_by_label("Month").fill(str(due.month))
    date.get_by_label("Year").fill(str(due.year))
    follow(page, page.get_by_role("button", name="Raise challenge"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Challenge raised")
    expect(page.get_by_role("main")).to_contain_text(QUESTION)
    assert_accessible(page)

    switch_to(page, site, "analyst")
    open_the_challenge(page)
    follow(page, page.get_by_role("button", name="Respond"))
    page.get_by_label("Your response").fill(ANSWER)
    follow(page, page.get_by_role("button", name="Save response"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(ANSWER)

    switch_to(page, site, "chair")
    open_the_challenge(page)
    follow(page, page.get_by_role("button", name="Accept the response"))
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Accept response"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("accepted")
    challenge = Comment.objects.get(text=QUESTION)
    assert challenge.status == ChallengeStatus.ACCEPTED
    assert challenge.responded_by == analyst

    nav(page, "Challenges")
    main = page.get_by_role("main")
    expect(main).to_contain_text(QUESTION)
    expect(main).to_contain_text(ANSWER)
    expect(main).to_contain_text("Accepted")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the challenge log scrolls sideways at 375 px ({width} px wide)"

    # The card itself shows the challenge and its answer.
    page.set_viewport_size({"width": 1280, "height": 900})
    nav(page, "Data set")
    follow(page, page.get_by_role("link", name=BELLWETHER).first)
    expect(page.get_by_role("main")).to_contain_text(ANSWER)


def test_chair_signs_off_the_plan_and_the_plan_says_so(site: str, page: Page) -> None:
    plan = Plan.objects.filter(partnership__slug=SLUG).order_by("pk").first()
    assert plan is not None
    Plan.objects.filter(pk=plan.pk).update(status="draft", approved_by="", date_approved=None)

    sign_in(page, site, demo_email("chair", SLUG))
    nav(page, "Plan")
    follow(page, page.get_by_role("main").get_by_role("link", name=plan.title).first)
    follow(page, page.get_by_role("button", name="Sign off this plan version"))
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Sign off plan"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("signed off")
    expect(page.get_by_role("main")).to_contain_text("This plan version was signed off by")
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.approved_by.startswith("Independent Chair")
    assert plan.date_approved == timezone.localdate()
    assert_accessible(page)
