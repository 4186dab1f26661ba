"""The reminder job: e-mail each person what needs them, never the same reminder twice.

`reminders_send(now=...)` goes through every active membership whose person wants e-mails and,
when their period is due (domain/periods.py), takes the items of the panels marked `remind`
from `partnerships.home.panels_for` and

1. claims them: inserts the e-mail (status "claimed") and one row per item, in one transaction,
   and commits. The unique constraints (models.py) refuse a second claim of the same item in
   the same period, or a second summary in the same period, with an IntegrityError: a worker
   racing for the same person, or a run repeated after a restart, skips them;
2. sends the e-mail (plain text with an HTML alternative, absolute links from SITE_URL);
3. marks it sent, or, if the mail server refused it, failed, freeing its items for a later run.

A worker that stops between 1 and 3 leaves the e-mail "claimed": the log shows it, and it is
never sent a second time (at most once, rather than at least once: a reminder twice is the
failure people notice).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from safeboard.partnerships.access import PartnershipAccess
from safeboard.partnerships.home import Panel, WorkItem, panels_for
from safeboard.partnerships.models import Membership

from . import selectors
from .domain.periods import DIGESTS, IMMEDIATE, period_for
from .models import ReminderEmail, ReminderItem, ReminderRun, ReminderStatus

logger = logging.getLogger(__name__)


@dataclass
class SendReport:
    sent: int = 0
    skipped: int = 0
    """Claims refused because another worker (or an earlier run) has them."""
    failed: int = 0
    emails: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Reminder:
    """What one e-mail says: the panels with their items to remind of."""

    membership: Membership
    frequency: str
    period: str
    sections: list[tuple[Panel, list[WorkItem]]]

    @property
    def items(self) -> list[WorkItem]:
        return [item for _, items in self.sections for item in items]


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


def _access(membership: Membership) -> PartnershipAccess:
    return PartnershipAccess(
        user=membership.user, partnership=membership.partnership, membership=membership
    )


def reminders_due(membership: Membership, *, today: dt.date) -> list[tuple[Panel, list[WorkItem]]]:
    """The panels worth an e-mail for this person now, with their items."""
    panels = panels_for(_access(membership), today=today, since=membership.last_home_visit)
    return [(panel, list(panel.items)) for panel in panels if panel.remind and panel.items]


def _subject(reminder: Reminder) -> str:
    partnership = reminder.membership.partnership
    name = " ".join((partnership.short_name or partnership.name).split())
    if reminder.frequency == IMMEDIATE:
        item = reminder.items[0]
        return f"{item.urgency.label}: {' '.join(item.title.split())[:120]} ({name})"
    n = len(reminder.items)
    return f"{n} thing{'s' if n != 1 else ''} need{'s' if n == 1 else ''} you in {name}"


def _message(reminder: Reminder, subject: str) -> EmailMultiAlternatives:
    membership = reminder.membership
    slug = membership.partnership.slug
    context = {
        "membership": membership,
        "partnership": membership.partnership,
        "reminder": reminder,
        "sections": [
            {
                "heading": panel.heading,
                "items": [(item, _absolute(item.url)) for item in items],
                "more": panel.count - len(items) if panel.count > len(items) else 0,
                "more_url": _absolute(panel.more_url) if panel.more_url else "",
            }
            for panel, items in reminder.sections
        ],
        "home_url": _absolute(reverse("partnerships:home", args=[slug])),
        "preference_url": _absolute(reverse("partnerships:reminder_preference", args=[slug])),
        "frequency_label": membership.get_reminder_frequency_display(),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("reminders/email/reminder.txt", context),
        to=[membership.user.email],
    )
    message.attach_alternative(
        render_to_string("reminders/email/reminder.html", context), "text/html"
    )
    return message


def _claim(reminder: Reminder, *, now: dt.datetime, subject: str) -> ReminderEmail | None:
    """Insert the e-mail and its items, committed before anything is sent; None when another
    worker or an earlier run has claimed them already."""
    membership = reminder.membership
    try:
        with transaction.atomic():
            email = ReminderEmail.objects.create(
                partnership=membership.partnership,
                membership=membership,
                to_email=membership.user.email,
                frequency=reminder.frequency,
                period=reminder.period,
                claimed_at=now,
                subject=subject,
            )
            ReminderItem.objects.bulk_create(
                ReminderItem(
                    email=email,
                    membership=membership,
                    period=reminder.period,
                    key=item.key,
                    title=item.title[:500],
                    url=item.url[:500],
                )
                for item in reminder.items
            )
    except IntegrityError:
        return None
    return email


def _deliver(reminder: Reminder, email: ReminderEmail, report: SendReport) -> None:
    try:
        _message(reminder, email.subject).send()
    except Exception as error:  # the mail server's refusal, whatever its kind
        logger.exception("Reminder %s to %s not sent", email.pk, email.to_email)
        with transaction.atomic():
            ReminderEmail.objects.filter(pk=email.pk).update(
                status=ReminderStatus.FAILED, error=str(error)[:1000]
            )
            # Free the items: the next run may claim them again.
            ReminderItem.objects.filter(email_id=email.pk).delete()
        report.failed += 1
        return
    ReminderEmail.objects.filter(pk=email.pk).update(
        status=ReminderStatus.SENT, sent_at=timezone.now()
    )
    report.sent += 1
    report.emails.append(email.pk)


def _reminders(
    membership: Membership, *, period: str, today: dt.date, already: Iterable[str]
) -> list[Reminder]:
    sections = reminders_due(membership, today=today)
    frequency = membership.reminder_frequency
    if frequency in DIGESTS:
        return [Reminder(membership, frequency, period, sections)] if sections else []
    done = set(already)
    return [
        Reminder(membership, frequency, period, [(panel, [item])])
        for panel, items in sections
        for item in items
        if item.key not in done
    ]


def reminders_send(*, now: dt.datetime | None = None) -> SendReport:
    """One run of the reminder job (see the module docstring). Safe to run twice, or in two
    workers at once: each reminder goes once."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    report = SendReport()
    memberships = selectors.memberships_to_remind()
    # What is already claimed this period, by membership, in one query (a cheap first filter;
    # the constraints decide).
    periods = {
        m.pk: period
        for m in memberships
        if (period := period_for(m.reminder_frequency, local, digest_hour=_digest_hour()))
    }
    claimed = selectors.claimed_keys(periods)
    for membership in memberships:
        period = periods.get(membership.pk)
        if period is None:
            continue
        done = claimed.get(membership.pk)
        if membership.reminder_frequency in DIGESTS and done is not None:
            continue  # this period's summary has gone already
        for reminder in _reminders(
            membership, period=period, today=local.date(), already=done or ()
        ):
            subject = _subject(reminder)
            email = _claim(reminder, now=now, subject=subject)
            if email is None:
                report.skipped += 1
                continue
            _deliver(reminder, email, report)
    return report


def _digest_hour() -> int:
    return int(settings.REMINDERS_DIGEST_HOUR)


def reminders_schedule(*, now: dt.datetime | None = None, interval: int | None = None) -> bool:
    """Enqueue the reminder job for the slot `now` falls in, once between every worker's
    scheduler: the slot's row is inserted with the task, in one transaction, and a second
    scheduler's insert of the same slot fails. Whether this call enqueued it."""
    from .tasks import send_reminders

    now = now or timezone.now()
    seconds = interval or int(settings.REMINDERS_INTERVAL)
    slot = int(now.timestamp()) // seconds * seconds
    name = f"{seconds}:{dt.datetime.fromtimestamp(slot, tz=dt.UTC).isoformat()}"
    try:
        with transaction.atomic():
            ReminderRun.objects.create(slot=name, enqueued_at=now)
            send_reminders.enqueue()
    except IntegrityError:
        return False
    return True
