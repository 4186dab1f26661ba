"""Makers for the URL keywords of scrutiny pages. A record is named by kind and key: the walks
name the walk's plan (plans/tests/url_records.py) in each partnership."""

from __future__ import annotations

from typing import Any

from safeboard.partnerships.domain.roles import Role
from safeboard.plans.tests.url_records import plan_id
from safeboard.scrutiny.models import Comment, CommentKind

from .factories import ChallengeFactory


def subject_kind(tenancy: Any, partnership: Any) -> str:
    return "plans.plan"


def subject_key(tenancy: Any, partnership: Any) -> str:
    return str(plan_id(tenancy, partnership))


def challenge_id(tenancy: Any, partnership: Any) -> int:
    key = subject_key(tenancy, partnership)
    existing = Comment.objects.filter(
        partnership=partnership, kind=CommentKind.CHALLENGE, subject_key=key
    ).first()
    if existing:
        return existing.pk
    author = (
        tenancy.members[Role.CHAIR] if partnership == tenancy.ours else tenancy.their_membership
    )
    return int(ChallengeFactory(author=author, subject_kind="plans.plan", subject_key=key).pk)


URL_RECORDS = {
    "subject_kind": subject_kind,
    "subject_key": subject_key,
    "challenge_id": challenge_id,
}
