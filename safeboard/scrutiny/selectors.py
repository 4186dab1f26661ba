"""Reads of comments, challenges and sign-offs, each a fixed number of queries: the comments
themselves in one, then the records they are about in one lookup per kind of record
(`partnerships.subjects`), whatever the number of comments."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from safeboard.core import plain
from safeboard.governance.models import GroupType, Meeting
from safeboard.partnerships.models import Membership, Partnership
from safeboard.partnerships.subjects import SubjectRecord, subjects
from safeboard.plans.models import Plan, PlanStatus
from safeboard.plans.selectors import plan_list

from .domain import challenges
from .models import ChallengeStatus, Comment, CommentKind, ReportSignOff

PEOPLE = ("author__user", "responded_by__user", "resolved_by__user")


@dataclass(frozen=True)
class ChallengeRow:
    """A challenge (or comment) with the record it is about, as found now."""

    comment: Comment
    subject: SubjectRecord


def removed_subject(kind: str, key: str) -> SubjectRecord:
    """What a comment shows when its record is no longer there (or its module is gone)."""
    subject = subjects().get(kind)
    return SubjectRecord(
        kind=kind,
        key=key,
        title="A record that is no longer there",
        url="",
        label=subject.label if subject else "Record",
    )


def subject_records(
    *, partnership: Partnership, pairs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], SubjectRecord]:
    """The records named by (kind, key) pairs, inside `partnership`: one lookup per kind."""
    by_kind: dict[str, set[str]] = {}
    for kind, key in pairs:
        by_kind.setdefault(kind, set()).add(key)
    known = subjects()
    found: dict[tuple[str, str], SubjectRecord] = {}
    for kind, keys in by_kind.items():
        subject = known.get(kind)
        records = subject.lookup(partnership, keys) if subject else {}
        for key in keys:
            found[(kind, key)] = records.get(key) or removed_subject(kind, key)
    return found


def with_subjects(*, partnership: Partnership, comments: Sequence[Comment]) -> list[ChallengeRow]:
    records = subject_records(
        partnership=partnership, pairs=((c.subject_kind, c.subject_key) for c in comments)
    )
    return [ChallengeRow(c, records[(c.subject_kind, c.subject_key)]) for c in comments]


@dataclass(frozen=True)
class CommentShown:
    """A comment or challenge as a record's page shows it: plain values, read in one light
    query (record pages are read far more often than comments are written)."""

    pk: int
    kind: str
    text: str
    created_at: datetime.datetime
    author_name: str
    status: str
    response_due: datetime.date | None
    response: str
    responded_at: datetime.datetime | None
    responder_name: str

    @property
    def is_challenge(self) -> bool:
        return self.kind == CommentKind.CHALLENGE


@functools.cache
def _comments_sql() -> str:
    """One plain statement: the comments panel is on every record page, and building its query
    (two people, each through their membership) through the ORM cost more than running it.
    Table names come from the models' metadata; every value is a bound parameter."""
    comment, membership = Comment._meta.db_table, Membership._meta.db_table
    user = Membership._meta.get_field("user").related_model._meta.db_table  # type: ignore[union-attr]
    return f"""
        SELECT c.id, c.kind, c.text, c.created_at, au.full_name, au.email, c.status,
               c.response_due, c.response, c.responded_at, ru.full_name, ru.email
          FROM {comment} c
          LEFT JOIN {membership} am ON am.id = c.author_id
          LEFT JOIN {user} au ON au.id = am.user_id
          LEFT JOIN {membership} rm ON rm.id = c.responded_by_id
          LEFT JOIN {user} ru ON ru.id = rm.user_id
         WHERE c.partnership_id = %s AND c.subject_kind = %s AND c.subject_key = %s
         ORDER BY c.created_at, c.id"""  # noqa: S608


def comments_on(*, partnership: Partnership, kind: str, key: str) -> list[CommentShown]:
    """Every comment and challenge on one record, oldest first."""
    rows = plain.rows(_comments_sql(), [partnership.pk, kind, key])
    return [
        CommentShown(
            pk,
            kind_,
            text,
            plain.moment(created),
            author or author_email or "",
            status,
            due,
            response,
            plain.moment(responded_at),
            responder or responder_email or "",
        )
        for (
            pk,
            kind_,
            text,
            created,
            author,
            author_email,
            status,
            due,
            response,
            responded_at,
            responder,
            responder_email,
        ) in rows
    ]


def challenge_log(*, partnership: Partnership, status: str = "") -> QuerySet[Comment]:
    """The partnership's challenges, newest first; `status` narrows them to one status."""
    found = Comment.objects.filter(partnership=partnership, kind=CommentKind.CHALLENGE)
    if status:
        found = found.filter(status=status)
    return found.select_related(*PEOPLE).order_by("-created_at", "-pk")


def live_challenges(*, partnership: Partnership) -> list[Comment]:
    """Challenges still open or responded, the soonest due first."""
    return list(
        Comment.objects.filter(
            partnership=partnership, kind=CommentKind.CHALLENGE, status__in=challenges.LIVE
        )
        .select_related(*PEOPLE)
        .order_by("response_due", "pk")
    )


def raised_by(*, membership: Membership) -> list[Comment]:
    """The live challenges a person raised, the soonest due first."""
    return list(
        Comment.objects.filter(
            author=membership, kind=CommentKind.CHALLENGE, status__in=challenges.LIVE
        )
        .select_related(*PEOPLE)
        .order_by("response_due", "pk")
    )


def status_counts(*, partnership: Partnership) -> dict[str, int]:
    counts = dict.fromkeys(ChallengeStatus.values, 0)
    for status in Comment.objects.filter(
        partnership=partnership, kind=CommentKind.CHALLENGE
    ).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


@dataclass(frozen=True)
class SignOffShown:
    """A report's sign-off as its page shows it."""

    group: str
    meeting_title: str
    meeting_date: datetime.date
    signer: str
    signed_at: datetime.datetime


@functools.cache
def _sign_offs_sql() -> str:
    """The report's sign-offs in one plain statement, as the comments (the report page is read
    far more often than it is signed off)."""
    sign_off, meeting = ReportSignOff._meta.db_table, Meeting._meta.db_table
    group = Meeting._meta.get_field("group").related_model._meta.db_table  # type: ignore[union-attr]
    return f"""
        SELECT g.name, m.title, m.date, s.signer, s.signed_at
          FROM {sign_off} s
          JOIN {meeting} m ON m.id = s.meeting_id
          JOIN {group} g ON g.id = m.group_id
         WHERE s.partnership_id = %s AND s.period = %s
         ORDER BY s.signed_at DESC, s.id DESC"""  # noqa: S608


def report_sign_offs(*, partnership: Partnership, period: datetime.date) -> list[SignOffShown]:
    """The report's sign-offs at `period`, newest first, as plain values."""
    return [
        SignOffShown(group_name, title, plain.day(day), signer, plain.moment(signed_at))
        for group_name, title, day, signer, signed_at in plain.rows(
            _sign_offs_sql(), [partnership.pk, period.isoformat()]
        )
    ]


def meeting_choices(*, partnership: Partnership) -> QuerySet[Meeting]:
    """The meetings a report may be signed off for: the partnership's, newest first."""
    return (
        Meeting.objects.filter(partnership=partnership)
        .select_related("group")
        .order_by("-date", "-pk")
    )


def plans_awaiting_sign_off(*, partnership: Partnership) -> list[Plan]:
    """Current plans not signed off: neither approved nor superseded."""
    done = {PlanStatus.APPROVED, PlanStatus.SUPERSEDED}
    return [p for p in plan_list(partnership=partnership) if p.status not in done]


def meetings_awaiting_report(
    *, partnership: Partnership, today: datetime.date, until: datetime.date
) -> list[Meeting]:
    """The board's meetings from today to `until` for which no report has been signed off."""
    signed = ReportSignOff.objects.filter(meeting=OuterRef("pk"))
    return list(
        Meeting.objects.filter(
            partnership=partnership,
            group__group_type=GroupType.BOARD,
            group__archived_at__isnull=True,
            date__gte=today,
            date__lte=until,
        )
        .filter(~Exists(signed))
        .select_related("group")
        .order_by("date", "pk")
    )
