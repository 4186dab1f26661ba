from __future__ import annotations

import datetime

import factory

from safeboard.partnerships.tests.factories import MembershipFactory, record_factory
from safeboard.scrutiny.models import ChallengeStatus, Comment, CommentKind

CommentFactory = record_factory(
    Comment,
    within=("author", MembershipFactory),
    subject_kind="plans.plan",
    subject_key="0",
    text="Comment {n}",
)
ChallengeFactory = record_factory(
    Comment,
    within=("author", MembershipFactory),
    subject_kind="plans.plan",
    subject_key="0",
    kind=CommentKind.CHALLENGE,
    status=ChallengeStatus.OPEN,
    text="Challenge {n}",
    response_due=factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=20)),
)
