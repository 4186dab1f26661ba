"""Each record's own page shows its comments and challenges, and links to challenge it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.tests.factories import (
    AgencyReturnFactory,
    IndicatorFactory,
    ValueFactory,
)
from safeboard.plans.tests.factories import ActionFactory, PlanFactory
from safeboard.scrutiny.tests.factories import ChallengeFactory, CommentFactory


def _records(tenancy):
    plan = PlanFactory(partnership=tenancy.ours)
    indicator = IndicatorFactory(partnership=tenancy.ours)
    ValueFactory(indicator=indicator, period_start=datetime.date(2024, 3, 1))
    return {
        "plan": ("plans.plan", plan.pk, reverse("plans:plan_detail", args=["ourshire", plan.pk])),
        "action": (
            "plans.action",
            (a := ActionFactory(plan=plan)).pk,
            reverse("plans:action_detail", args=["ourshire", a.pk]),
        ),
        "indicator": (
            "performance.indicator",
            indicator.pk,
            reverse("performance:indicator_detail", args=["ourshire", indicator.pk]),
        ),
        "return": (
            "performance.agencyreturn",
            (r := AgencyReturnFactory(agency=tenancy.agency)).pk,
            reverse("performance:return_detail", args=["ourshire", r.pk]),
        ),
        "report": (
            "performance.report",
            "2024-03-01",
            reverse("performance:report", args=["ourshire"]) + "?period=2024-03-01",
        ),
    }


@pytest.mark.parametrize("name", ["plan", "action", "indicator", "return", "report"])
def test_it_shows_comments_and_challenges_on_the_records_page(tenancy, name):
    kind, key, url = _records(tenancy)[name]
    chair = tenancy.members[Role.CHAIR]
    CommentFactory(author=chair, subject_kind=kind, subject_key=str(key), text="Noted by chair")
    ChallengeFactory(author=chair, subject_kind=kind, subject_key=str(key), text="Explain this")
    # The same key of another kind is another record: not shown here.
    other = "plans.plan" if kind != "plans.plan" else "plans.action"
    CommentFactory(author=chair, subject_kind=other, subject_key=str(key), text="Elsewhere")
    page = client_for(chair.user).get(url).content.decode()
    assert 'id="comments"' in page
    assert "Noted by chair" in page
    assert "Explain this" in page
    assert "Elsewhere" not in page
    challenge = reverse("scrutiny:challenge_create", args=["ourshire", kind, str(key)])
    assert challenge in page
