"""Comments and challenges on any record of a partnership, and sign-offs of the performance
report for a meeting. A comment names its subject by kind and key (`partnerships.subjects`),
never by a foreign key to another module, and is always read back inside its partnership."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from safeboard.governance.models import Meeting
from safeboard.partnerships.models import Membership, PartnershipOwned

from .domain import challenges


class CommentKind(models.TextChoices):
    COMMENT = "comment", "Comment"
    CHALLENGE = "challenge", "Challenge"


class ChallengeStatus(models.TextChoices):
    OPEN = challenges.OPEN, challenges.STATUS_LABELS[challenges.OPEN]
    RESPONDED = challenges.RESPONDED, challenges.STATUS_LABELS[challenges.RESPONDED]
    ACCEPTED = challenges.ACCEPTED, challenges.STATUS_LABELS[challenges.ACCEPTED]
    CLOSED = challenges.CLOSED, challenges.STATUS_LABELS[challenges.CLOSED]


class Comment(PartnershipOwned):
    """A comment on a record; a challenge when it asks the record's owner for a response by a
    date (then it has a status, and the response)."""

    subject_kind = models.CharField("kind of record", max_length=100)
    subject_key = models.CharField("record", max_length=100)
    kind = models.CharField(max_length=20, choices=CommentKind.choices, default=CommentKind.COMMENT)
    text = models.TextField()
    author = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="+", verbose_name="raised by"
    )
    response_due = models.DateField("response needed by", null=True, blank=True)
    status = models.CharField(max_length=20, choices=ChallengeStatus.choices, blank=True)
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="responded by",
    )
    responded_at = models.DateTimeField("responded on", null=True, blank=True)
    resolved_by = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="accepted or closed by",
    )
    resolved_at = models.DateTimeField("accepted or closed on", null=True, blank=True)

    class Meta:
        ordering = ("created_at", "pk")
        indexes = [
            models.Index(fields=["partnership", "subject_kind", "subject_key"]),
            models.Index(fields=["partnership", "kind", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=CommentKind.COMMENT, status="")
                    | (models.Q(kind=CommentKind.CHALLENGE) & ~models.Q(status=""))
                ),
                name="comment_status_only_for_challenges",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.created_at:%d/%m/%Y}"

    @property
    def is_challenge(self) -> bool:
        return self.kind == CommentKind.CHALLENGE


class ReportSignOff(PartnershipOwned):
    """The performance report at a period, signed off for a governance meeting."""

    period = models.DateField("report period")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="+", verbose_name="signed off by"
    )
    signer = models.CharField(
        "signed off by (name and role)", max_length=200, help_text="As the signer was then."
    )
    signed_at = models.DateTimeField("signed off on", default=timezone.now)

    class Meta:
        ordering = ("-signed_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "period"], name="report_sign_off_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"Sign-off of the report to {self.period:%m/%Y}"
