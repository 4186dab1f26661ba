"""Writes of comments, challenges and report sign-offs. Each runs in one transaction and saves
through save_recorded, so the history says who did what and when. A move of a challenge (respond,
accept, close) locks its row and re-checks its status, so two people settling it at once cannot
both succeed; a response given `expected_version` is refused if someone saved the challenge
since its form was loaded."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.core.services import save_recorded
from safeboard.governance.models import Meeting
from safeboard.partnerships.models import Membership, Partnership
from safeboard.partnerships.subjects import SubjectRecord

from .domain import challenges
from .models import ChallengeStatus, Comment, CommentKind, ReportSignOff

REPORT = "performance.report"


def _text(value: str, *, field: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise ApplicationError(message, field=field)
    return text


def _check_author(partnership: Partnership, member: Membership) -> None:
    if member.partnership_id != partnership.pk or member.archived_at is not None:
        raise ApplicationError("Only a member of this partnership can do this.")


@transaction.atomic
def comment_add(
    *,
    partnership: Partnership,
    subject: SubjectRecord,
    author: Membership,
    text: str,
    by: User,
) -> Comment:
    _check_author(partnership, author)
    comment = Comment(
        partnership=partnership,
        subject_kind=subject.kind,
        subject_key=subject.key,
        kind=CommentKind.COMMENT,
        text=_text(text, field="text", message="Enter your comment"),
        author=author,
    )
    save_recorded(comment, by=by)
    return comment


@transaction.atomic
def challenge_raise(
    *,
    partnership: Partnership,
    subject: SubjectRecord,
    author: Membership,
    text: str,
    response_due: datetime.date,
    today: datetime.date,
    by: User,
) -> Comment:
    """A comment asking the record's owner for a response by `response_due`."""
    _check_author(partnership, author)
    problem = challenges.response_due_problem(response_due, today)
    if problem:
        raise ApplicationError(problem, field="response_due")
    challenge = Comment(
        partnership=partnership,
        subject_kind=subject.kind,
        subject_key=subject.key,
        kind=CommentKind.CHALLENGE,
        text=_text(text, field="text", message="Enter your challenge"),
        author=author,
        response_due=response_due,
        status=ChallengeStatus.OPEN,
    )
    save_recorded(challenge, by=by)
    return challenge


def _locked(challenge: Comment, move: str) -> Comment:
    """The challenge as it is now, its row locked, if `move` can still be made from its status."""
    current = Comment.objects.select_for_update().get(pk=challenge.pk)
    problem = challenges.transition_problem(move, current.status)
    if problem:
        raise ApplicationError(problem)
    return current


@transaction.atomic
def challenge_respond(
    *,
    challenge: Comment,
    responder: Membership,
    response: str,
    by: User,
    expected_version: int | None = None,
) -> Comment:
    text = _text(response, field="response", message="Enter your response")
    current = _locked(challenge, challenges.RESPOND)
    if expected_version is None:
        expected_version = current.record_version
    current.response = text
    current.responded_by = responder
    current.responded_at = timezone.now()
    current.status = challenges.moved_to(challenges.RESPOND)
    # Saved from the version the form was loaded from: the row as locked keeps any newer
    # version, so a stale form is refused by save_recorded.
    save_recorded(
        current,
        by=by,
        update_fields=["response", "responded_by", "responded_at", "status"],
        expected_version=expected_version,
    )
    return current


def _resolve(challenge: Comment, move: str, resolver: Membership, by: User) -> Comment:
    current = _locked(challenge, move)
    current.status = challenges.moved_to(move)
    current.resolved_by = resolver
    current.resolved_at = timezone.now()
    save_recorded(current, by=by, update_fields=["status", "resolved_by", "resolved_at"])
    return current


@transaction.atomic
def challenge_accept(*, challenge: Comment, resolver: Membership, by: User) -> Comment:
    """The raiser (or the manager) accepts the owner's response."""
    return _resolve(challenge, challenges.ACCEPT, resolver, by)


@transaction.atomic
def challenge_close(*, challenge: Comment, resolver: Membership, by: User) -> Comment:
    """The raiser (or the manager) closes the challenge, answered or not."""
    return _resolve(challenge, challenges.CLOSE, resolver, by)


@transaction.atomic
def report_sign_off(
    *,
    partnership: Partnership,
    report: SubjectRecord,
    meeting: Meeting,
    signer: Membership,
    signer_description: str,
    by: User,
) -> ReportSignOff:
    """Sign off the performance report at `report`'s period for a governance meeting."""
    _check_author(partnership, signer)
    if report.kind != REPORT:
        raise ApplicationError("Select the report period.", field="period")
    if meeting.partnership_id != partnership.pk:
        raise ApplicationError("Select a meeting of this partnership.", field="meeting")
    period = datetime.date.fromisoformat(report.key)
    earlier = (
        ReportSignOff.objects.filter(meeting=meeting, period=period)
        .select_related("signed_by__user")
        .first()
    )
    if earlier is not None:
        raise ApplicationError(
            f"{report.title} was already signed off for this meeting by {earlier.signer}.",
            field="meeting",
        )
    sign_off = ReportSignOff(
        partnership=partnership,
        period=period,
        meeting=meeting,
        signed_by=signer,
        signer=signer_description,
        signed_at=timezone.now(),
    )
    save_recorded(sign_off, by=by)
    return sign_off
