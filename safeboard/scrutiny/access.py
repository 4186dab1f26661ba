"""The door to scrutiny: the record a comment is about is looked up inside the caller's
partnership through its module's subject (`partnerships.subjects`), so a URL naming another
partnership's record, or a kind nobody describes, is "not found" like any missing page; a
challenge is looked up inside the partnership too. Who may respond, accept or close is decided
by `domain.challenges` for the challenge in hand."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from safeboard.partnerships.access import NOT_FOUND, PartnershipAccess, get_inside
from safeboard.partnerships.domain.roles import Capability, Role
from safeboard.partnerships.subjects import SubjectRecord, subjects

from . import selectors
from .domain import challenges
from .models import Comment, CommentKind

RESPOND_REFUSED = "Only the owner of the record or a partnership manager can respond."
RESOLVE_REFUSED = "Only the person who raised the challenge or a partnership manager can do this."


def access_subject(access: PartnershipAccess, kind: str, key: str) -> SubjectRecord:
    """The record `key` of kind `kind` inside the caller's partnership, or 404."""
    subject = subjects().get(kind)
    found = subject.lookup(access.partnership, [key]).get(key) if subject else None
    if found is None:
        raise Http404(NOT_FOUND)
    return found


def access_challenge(access: PartnershipAccess, challenge_id: Any) -> selectors.ChallengeRow:
    """A challenge of the caller's partnership, with the record it is about."""
    challenge = get_inside(
        access,
        Comment.objects.filter(kind=CommentKind.CHALLENGE).select_related(*selectors.PEOPLE),
        challenge_id,
    )
    return selectors.with_subjects(partnership=access.partnership, comments=[challenge])[0]


def _is_manager(access: PartnershipAccess) -> bool:
    return access.role is Role.MANAGER


def owns(access: PartnershipAccess, subject: SubjectRecord) -> bool:
    return access.membership.pk in subject.owner_ids


def can_respond(access: PartnershipAccess, row: selectors.ChallengeRow) -> bool:
    return access.can(Capability.COMMENT) and challenges.may_respond(
        status=row.comment.status,
        is_owner=owns(access, row.subject),
        is_manager=_is_manager(access),
    )


def _raised(access: PartnershipAccess, row: selectors.ChallengeRow) -> bool:
    return row.comment.author_id == access.membership.pk


def can_accept(access: PartnershipAccess, row: selectors.ChallengeRow) -> bool:
    return access.can(Capability.COMMENT) and challenges.may_accept(
        status=row.comment.status, is_raiser=_raised(access, row), is_manager=_is_manager(access)
    )


def can_close(access: PartnershipAccess, row: selectors.ChallengeRow) -> bool:
    return access.can(Capability.COMMENT) and challenges.may_close(
        status=row.comment.status, is_raiser=_raised(access, row), is_manager=_is_manager(access)
    )


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
