"""Signing off a plan version, as the chair does it. (The performance report's sign-off is
tested with the data set, in tests/scrutiny/test_report_sign_off.py.)"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Membership
from safeboard.plans.models import PlanStatus
from safeboard.plans.tests.factories import PlanFactory
from safeboard.ui.tests.forms import date_parts, form_data

SLUG = "ourshire"


def _sign_off_url(plan):
    return reverse("scrutiny:plan_sign_off", args=[SLUG, plan.pk])


def _plan_url(plan):
    return reverse("plans:plan_detail", args=[SLUG, plan.pk])


def test_it_fills_the_approval_of_a_plan_version_and_shows_it(tenancy):
    plan = PlanFactory(
        partnership=tenancy.ours, title="Business Plan", version="1.2", status="draft"
    )
    Membership.objects.filter(pk=tenancy.members[Role.CHAIR].pk).update(
        job_title="Independent Chair"
    )
    chair = client_for(tenancy.user(Role.CHAIR))
    page = chair.get(_plan_url(plan)).content.decode()
    assert "This plan version has not been signed off." in page
    assert "Sign off this plan version" in page

    data = form_data(chair, _sign_off_url(plan))
    assert data["approved_by"] == "Our Chair or scrutineer, Independent Chair"
    response = chair.post(_sign_off_url(plan), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_by == "Our Chair or scrutineer, Independent Chair"
    assert plan.date_approved == timezone.localdate()
    assert plan.history.first().history_user == tenancy.user(Role.CHAIR)

    page = chair.get(_plan_url(plan)).content.decode()
    day = timezone.localdate()
    assert (
        "This plan version was signed off by Our Chair or scrutineer, Independent Chair on "
        f"{day.day} {day:%B %Y}" in page
    )
    assert "Sign off this plan version</a>" not in page
    # Signed off once: the page says by whom instead of offering the form again.
    again = chair.get(_sign_off_url(plan)).content.decode()
    assert 'name="approved_by"' not in again
    assert chair.post(_sign_off_url(plan), data).status_code == 200
    assert plan.history.count() == 2


def test_it_refuses_a_sign_off_dated_in_the_future_or_blank(tenancy):
    plan = PlanFactory(partnership=tenancy.ours)
    chair = client_for(tenancy.user(Role.CHAIR))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = chair.post(
        _sign_off_url(plan), form_data(chair, _sign_off_url(plan), date_approved=tomorrow)
    )
    assert "The date of sign-off must be today or in the past." in future.content.decode()
    blank = chair.post(
        _sign_off_url(plan),
        form_data(chair, _sign_off_url(plan), approved_by="", **date_parts("date_approved", "")),
    )
    assert "Enter who signed the plan off" in blank.content.decode()
    assert "Enter the date the plan was signed off" in blank.content.decode()
    plan.refresh_from_db()
    assert plan.status != PlanStatus.APPROVED
    assert plan.approved_by == ""


def test_it_refuses_a_stale_sign_off_form(tenancy):
    plan = PlanFactory(partnership=tenancy.ours, status="draft")
    chair = client_for(tenancy.user(Role.CHAIR))
    data = form_data(chair, _sign_off_url(plan))
    manager = client_for(tenancy.manager)
    change = form_data(
        manager, reverse("plans:plan_edit", args=[SLUG, plan.pk]), document_version="2.0"
    )
    assert manager.post(reverse("plans:plan_edit", args=[SLUG, plan.pk]), change).status_code == 302
    stale = chair.post(_sign_off_url(plan), data)
    assert stale.status_code == 200
    assert "Our Partnership manager changed this" in stale.content.decode()
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_it_gives_roles_without_sign_off_a_403_and_no_button(tenancy):
    plan = PlanFactory(partnership=tenancy.ours)
    for role in (Role.ANALYST, Role.BOARD_MEMBER, Role.GROUP_CHAIR, Role.AGENCY_LEAD):
        client = client_for(tenancy.user(role))
        assert "Sign off this plan version" not in client.get(_plan_url(plan)).content.decode()
        assert client.get(_sign_off_url(plan)).status_code == 403
        assert client.post(_sign_off_url(plan), {"approved_by": "Me"}).status_code == 403
        assert client.get(reverse("scrutiny:report_sign_off", args=[SLUG])).status_code == 403
    plan.refresh_from_db()
    assert plan.approved_by == ""


def test_it_answers_404_for_another_partnerships_plan(tenancy):
    theirs = PlanFactory(partnership=tenancy.theirs)
    chair = client_for(tenancy.user(Role.CHAIR))
    assert chair.get(_sign_off_url(theirs)).status_code == 404
    assert chair.post(_sign_off_url(theirs), {"approved_by": "Me"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.approved_by == ""
