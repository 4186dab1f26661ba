"""A record's comments and the report's sign-offs, each read in one plain statement: the same
values as the ORM gives, in order, with their times aware (so a challenge made at 23:30 UTC in
summer is dated the next day in London), and nothing from another record, period or
partnership."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from safeboard.governance.tests.factories import GroupFactory, MeetingFactory
from safeboard.partnerships.tests.factories import MembershipFactory
from safeboard.scrutiny import selectors
from safeboard.scrutiny.models import Comment, ReportSignOff
from safeboard.scrutiny.tests.factories import ChallengeFactory, CommentFactory
from safeboard.ui.templatetags.govuk import uk_date

pytestmark = pytest.mark.django_db

LATE = datetime.datetime(2024, 6, 30, 23, 30, tzinfo=datetime.UTC)


def test_it_reads_a_records_comments_as_the_orm_does(tenancy):
    ours = tenancy.ours
    author = MembershipFactory(partnership=ours)
    responder = MembershipFactory(partnership=ours)
    first = CommentFactory(partnership=ours, author=author, subject_key="7", text="First")
    Comment.objects.filter(pk=first.pk).update(created_at=LATE - datetime.timedelta(days=1))
    challenge = ChallengeFactory(
        partnership=ours,
        author=author,
        subject_key="7",
        text="Why late?",
        response="Staffing.",
        responded_by=responder,
        responded_at=LATE,
    )
    Comment.objects.filter(pk=challenge.pk).update(created_at=LATE)
    CommentFactory(partnership=ours, author=author, subject_key="8", text="Another record")
    CommentFactory(
        partnership=tenancy.theirs,
        author=MembershipFactory(partnership=tenancy.theirs),
        subject_key="7",
        text="Theirs",
    )

    shown = selectors.comments_on(partnership=ours, kind="plans.plan", key="7")

    assert [c.text for c in shown] == ["First", "Why late?"]
    late = shown[1]
    stored = Comment.objects.get(pk=challenge.pk)
    assert late.created_at == stored.created_at == LATE
    assert timezone.is_aware(late.created_at)
    assert late.responded_at == LATE
    assert uk_date(late.created_at) == "1 July 2024"  # London is an hour ahead in summer
    assert late.author_name == author.user.full_name
    assert late.responder_name == responder.user.full_name
    assert late.response_due == stored.response_due
    assert late.is_challenge
    assert not shown[0].is_challenge
    assert shown[0].responded_at is None


def test_it_reads_a_reports_sign_offs_newest_first_for_its_period_only(tenancy):
    ours = tenancy.ours
    board = GroupFactory(partnership=ours, name="The Board")
    march = datetime.date(2024, 3, 1)
    signer = MembershipFactory(partnership=ours)
    for title, day, signed in (
        ("April board", datetime.date(2024, 4, 18), LATE - datetime.timedelta(days=2)),
        ("May board", datetime.date(2024, 5, 16), LATE),
    ):
        ReportSignOff.objects.create(
            partnership=ours,
            period=march,
            meeting=MeetingFactory(group=board, date=day, title=title),
            signed_by=signer,
            signer="Our Chair",
            signed_at=signed,
        )
    ReportSignOff.objects.create(
        partnership=ours,
        period=datetime.date(2024, 2, 1),
        meeting=MeetingFactory(group=board, title="Another period"),
        signed_by=signer,
        signer="Our Chair",
    )

    shown = selectors.report_sign_offs(partnership=ours, period=march)

    assert [(s.group, s.meeting_title, s.meeting_date) for s in shown] == [
        ("The Board", "May board", datetime.date(2024, 5, 16)),
        ("The Board", "April board", datetime.date(2024, 4, 18)),
    ]
    assert shown[0].signed_at == LATE
    assert uk_date(shown[0].signed_at) == "1 July 2024"
    assert shown[0].signer == "Our Chair"
