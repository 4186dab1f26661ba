"""The log of reminders: each e-mail (to whom, when, for which period) and the items it named.

The log is also the lock that stops a reminder going twice. A worker *claims* an e-mail and its
items by inserting them, and commits, before it sends; then marks the e-mail sent. The unique
constraints below make a second worker's claim of the same items (a race, or a run after a
restart) fail with an IntegrityError, so it skips them. A send that fails marks the e-mail
failed and frees its items for the next run; a worker that stops between claim and send leaves
the e-mail "claimed", never sent twice (the log shows it).
"""

from __future__ import annotations

from django.db import models

from safeboard.partnerships.models import Membership, Partnership, ReminderFrequency

from .domain.periods import IMMEDIATE, period_label


class ReminderStatus(models.TextChoices):
    CLAIMED = "claimed", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not sent: the mail server refused it"


LIVE = [ReminderStatus.CLAIMED, ReminderStatus.SENT]


class ReminderEmail(models.Model):
    """One e-mail to one person about one partnership. Written only by the reminder job, never
    changed by people, so it keeps no history of its own: it is the history."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    to_email = models.EmailField("sent to")
    frequency = models.CharField(max_length=10, choices=ReminderFrequency.choices)
    period = models.CharField(max_length=20)
    status = models.CharField(
        max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.CLAIMED
    )
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=200)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ("-claimed_at", "-pk")
        constraints = [
            # At most one summary a person a period (an "immediate" e-mail is one per item).
            models.UniqueConstraint(
                fields=["membership", "period"],
                condition=models.Q(status__in=LIVE) & ~models.Q(frequency=IMMEDIATE),
                name="reminderemail_one_digest_a_period",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "-claimed_at"])]

    def __str__(self) -> str:
        return f"Reminder to {self.to_email} ({self.period})"

    @property
    def period_label(self) -> str:
        return period_label(self.frequency, self.period)


class ReminderItem(models.Model):
    """One thing an e-mail reminded a person of. Never the same item twice in one period."""

    email = models.ForeignKey(ReminderEmail, on_delete=models.CASCADE, related_name="items")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500)

    class Meta:
        ordering = ("email", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "key", "period"], name="reminderitem_once_a_period"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class ReminderRun(models.Model):
    """One scheduled run of the reminder job: the scheduler of each worker inserts its slot
    before enqueueing, so several workers enqueue one run a slot between them."""

    slot = models.CharField(max_length=40, unique=True)
    enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.slot
