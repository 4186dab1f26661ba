"""The challenge log and a record page's comments keep a fixed number of queries whatever the
number of challenges, people and kinds of record."""

from __future__ import annotations

import datetime
import itertools

from django.urls import reverse

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.tests.factories import MembershipFactory
from safeboard.performance.tests.factories import AgencyReturnFactory, IndicatorFactory
from safeboard.plans.tests.factories import ActionFactory, PlanFactory
from safeboard.scrutiny.models import ChallengeStatus
from safeboard.scrutiny.tests.factories import ChallengeFactory, CommentFactory
from safeboard.ui.tests.pages import queries_to_show

YEARS = itertools.count(1900)


def _build(tenancy, plan, action, count):
    for _ in range(count):
        author = MembershipFactory(partnership=tenancy.ours, role=Role.CHAIR.value)
        responder = MembershipFactory(partnership=tenancy.ours, role=Role.ANALYST.value)
        indicator = IndicatorFactory(partnership=tenancy.ours, owner=responder)
        agency_return = AgencyReturnFactory(
            agency=tenancy.agency, period_start=datetime.date(next(YEARS), 4, 1)
        )
        for kind, key in (
            ("performance.indicator", indicator.pk),
            ("performance.agencyreturn", agency_return.pk),
            ("plans.action", action.pk),
            ("plans.plan", plan.pk),
        ):
            ChallengeFactory(
                author=author,
                subject_kind=kind,
                subject_key=str(key),
                status=ChallengeStatus.RESPONDED,
                response="Answered",
                responded_by=responder,
            )
        CommentFactory(author=author, subject_kind="plans.action", subject_key=str(action.pk))


def test_it_shows_the_log_and_a_records_comments_in_fixed_queries(tenancy):
    plan = PlanFactory(partnership=tenancy.ours)
    action = ActionFactory(plan=plan, lead_person=tenancy.members[Role.AGENCY_LEAD])
    client = client_for(tenancy.user(Role.CHAIR))
    pages = [
        reverse("scrutiny:challenge_log", args=["ourshire"]),
        reverse("scrutiny:challenge_log", args=["ourshire"]) + "?status=responded",
        reverse("plans:action_detail", args=["ourshire", action.pk]),
    ]
    _build(tenancy, plan, action, 2)
    few = [queries_to_show(client, url) for url in pages]
    _build(tenancy, plan, action, 15)
    assert [queries_to_show(client, url) for url in pages] == few
    log = client.get(pages[0]).content.decode()
    assert "Ourshire Police return for April" in log
