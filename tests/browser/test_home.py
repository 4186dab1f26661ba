"""The working day, as the agency lead meets it: the home page shows their overdue action with a
link to it, the reminder job e-mails them once however often it runs, and they choose weekly
summaries instead. The page passes axe-core and fits a 375 px screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from safeboard.partnerships.models import Membership
from safeboard.plans.models import Action
from safeboard.reminders.services import reminders_send

from .helpers import assert_accessible, demo_email, follow, sign_in

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"


def test_an_agency_lead_sees_their_overdue_action_and_is_reminded_once(
    site: str, page: Page
) -> None:
    lead = Membership.objects.select_related("user").get(
        partnership__slug=SLUG, user__email=demo_email("agencylead", SLUG)
    )
    action = Action.objects.filter(partnership__slug=SLUG).order_by("pk").first()
    assert action is not None
    action.lead_agency_id = lead.agency_id
    action.due_date = timezone.localdate() - dt.timedelta(days=3)
    action.status = ""
    action.save()

    sign_in(page, site, lead.user.email)
    assert page.url == f"{site}/p/{SLUG}/"
    card = page.locator("#panel-plansmy_actions")
    expect(card.get_by_role("heading", level=2)).to_contain_text("Your actions overdue or due soon")
    expect(card).to_contain_text("Overdue")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    follow(page, card.get_by_role("link", name=action.title))
    assert page.url == f"{site}/p/{SLUG}/plans/actions/{action.pk}/"

    morning = timezone.localtime().replace(hour=9, minute=0)
    reminders_send(now=morning)
    reminders_send(now=morning + dt.timedelta(hours=1))
    mine = [m for m in mail.outbox if m.to == [lead.user.email]]
    assert len(mine) == 1
    assert action.title in mine[0].body

    page.goto(f"{site}/p/{SLUG}/")
    follow(page, page.get_by_role("link", name="Change your e-mail reminders"))
    page.get_by_role("radio", name="A weekly summary (on Mondays)").check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your e-mail reminders are saved."
    )
    lead.refresh_from_db()
    assert lead.reminder_frequency == "weekly"
