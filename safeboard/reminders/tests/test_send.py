"""The reminder job as people meet it: an overdue action produces exactly one e-mail per person
per digest period, also when the job runs twice, after a restart, or in two workers at once."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Membership
from safeboard.partnerships.tests.home_world import build
from safeboard.reminders import services
from safeboard.reminders.models import ReminderEmail, ReminderItem, ReminderRun, ReminderStatus
from safeboard.reminders.services import reminders_schedule, reminders_send


def _at(hour: int, days: int = 0) -> dt.datetime:
    local = timezone.localtime().replace(hour=hour, minute=5, second=0, microsecond=0)
    return local + dt.timedelta(days=days)


@pytest.fixture
def world(tenancy):
    # Only the agency lead wants e-mails, so each test counts theirs.
    Membership.objects.filter(partnership=tenancy.ours).exclude(role=Role.AGENCY_LEAD).update(
        reminder_frequency="none"
    )
    return build(tenancy, today=timezone.localdate())


def _to(tenancy, role=Role.AGENCY_LEAD):
    return [m for m in mail.outbox if m.to == [tenancy.user(role).email]]


def test_it_sends_an_agency_lead_one_daily_summary_of_their_overdue_work_with_links(tenancy, world):
    report = reminders_send(now=_at(9))
    sent = _to(tenancy)
    assert report.sent == 1
    assert len(sent) == 1
    message = sent[0]
    assert message.subject == "2 things need you in SCP"
    assert "Audit referrals" in message.body
    assert f"https://safeboard.test/p/ourshire/plans/actions/{world.overdue.pk}/" in message.body
    assert f"https://safeboard.test/p/ourshire/measures/returns/{world.owed.pk}/" in message.body
    assert "https://safeboard.test/p/ourshire/account/reminders/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert f'href="https://safeboard.test/p/ourshire/plans/actions/{world.overdue.pk}/"' in html
    email = ReminderEmail.objects.get()
    assert email.status == ReminderStatus.SENT
    assert email.period == timezone.localdate().isoformat()
    assert set(email.items.values_list("key", flat=True)) == {
        f"plans.action:{world.overdue.pk}:overdue",
        f"performance.return:{world.owed.pk}:overdue",
    }


def test_it_sends_the_summary_once_a_day_however_often_the_job_runs(tenancy, world):
    reminders_send(now=_at(9))
    reminders_send(now=_at(9))  # the next run, or a run after a restart
    reminders_send(now=_at(17))
    assert len(_to(tenancy)) == 1
    reminders_send(now=_at(9, days=1))  # the next day: still overdue, so a new summary
    assert len(_to(tenancy)) == 2


def test_it_sends_nothing_before_the_digest_hour_or_to_someone_who_wants_none(tenancy, world):
    reminders_send(now=_at(5))
    assert _to(tenancy) == []
    Membership.objects.filter(pk=tenancy.members[Role.AGENCY_LEAD].pk).update(
        reminder_frequency="none"
    )
    reminders_send(now=_at(9))
    assert mail.outbox == []


def test_it_sends_a_weekly_summary_once_a_week(tenancy, world):
    Membership.objects.filter(pk=tenancy.members[Role.AGENCY_LEAD].pk).update(
        reminder_frequency="weekly"
    )
    now = _at(9)
    monday = now - dt.timedelta(days=now.weekday())
    for day in range(7):
        reminders_send(now=monday + dt.timedelta(days=day))
    assert len(_to(tenancy)) == 1


def test_it_sends_immediate_reminders_one_e_mail_per_new_item_once(tenancy, world):
    lead = tenancy.members[Role.AGENCY_LEAD]
    Membership.objects.filter(pk=lead.pk).update(reminder_frequency="immediate")
    reminders_send(now=_at(5))  # no digest hour for "as soon as"
    first = _to(tenancy)
    assert len(first) == 2
    assert {m.subject for m in first} == {
        "Overdue: Audit referrals (SCP)",
        "Overdue: January 2027 return (SCP)",
    }
    reminders_send(now=_at(6))
    assert len(_to(tenancy)) == 2
    # A new thing due: one more e-mail, for it alone.
    world.later.due_date = timezone.localdate() + dt.timedelta(days=3)
    world.later.save()
    reminders_send(now=_at(7))
    assert [m.subject for m in _to(tenancy)[2:]] == ["Due soon: Annual report (SCP)"]


def test_it_frees_a_reminder_the_mail_server_refused_for_the_next_run(tenancy, world, monkeypatch):
    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        report = reminders_send(now=_at(9))
    assert report.failed == 1
    failed = ReminderEmail.objects.get()
    assert failed.status == ReminderStatus.FAILED
    assert "mail server down" in failed.error
    assert not ReminderItem.objects.exists()
    reminders_send(now=_at(10))
    assert len(_to(tenancy)) == 1
    assert ReminderEmail.objects.filter(status=ReminderStatus.SENT).count() == 1


def test_it_refuses_a_second_claim_of_the_same_reminder_in_the_database(
    tenancy, world, monkeypatch
):
    """The database, not the job's own bookkeeping, holds the line: a worker that did not see
    the first claim (it read before it was committed) still cannot claim it again."""
    reminders_send(now=_at(9))
    monkeypatch.setattr("safeboard.reminders.selectors.claimed_keys", lambda periods: {})
    report = reminders_send(now=_at(9))
    assert report.skipped == 1
    assert len(_to(tenancy)) == 1


@pytest.mark.postgresql_only
@pytest.mark.django_db(transaction=True)
def test_it_sends_one_e_mail_when_two_workers_race_for_the_same_reminders(
    tenancy, world, monkeypatch
):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer at a time; the race is run on PostgreSQL")
    Membership.objects.filter(partnership=tenancy.ours).update(reminder_frequency="daily")
    barrier = threading.Barrier(2)
    real_claim = services._claim

    def claim_together(reminder, **kwargs):
        # Both workers have read that nothing is claimed yet, and claim at the same moment.
        if reminder.membership.role == Role.AGENCY_LEAD:
            barrier.wait(timeout=10)
        return real_claim(reminder, **kwargs)

    monkeypatch.setattr(services, "_claim", claim_together)
    reports: list[services.SendReport] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            reports.append(reminders_send(now=_at(9)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    for role in (Role.AGENCY_LEAD, Role.CHAIR, Role.GROUP_CHAIR, Role.ANALYST):
        assert len(_to(tenancy, role)) == 1, role
    assert sum(r.skipped for r in reports) >= 1
    assert ReminderEmail.objects.filter(membership__role=Role.AGENCY_LEAD).count() == 1


def test_it_enqueues_the_job_once_a_slot_whatever_the_number_of_schedulers(tenancy, world):
    now = _at(9)
    assert reminders_schedule(now=now, interval=300) is True  # runs at once in the tests
    assert reminders_schedule(now=now + dt.timedelta(seconds=10), interval=300) is False
    assert ReminderRun.objects.count() == 1
    assert len(_to(tenancy)) <= 1


def test_it_shows_the_manager_what_was_sent_to_whom(tenancy, world):
    reminders_send(now=_at(9))
    page = client_for(tenancy.manager).get("/p/ourshire/reminders/").content.decode()
    assert "Our Agency lead" in page
    assert "agency_lead@ourshire.example" in page
    assert "Audit referrals" in page
    assert timezone.localdate().strftime("%B %Y") in page
    # Only the manager reads the log; another partnership's manager gets nothing at all.
    assert client_for(tenancy.user(Role.CHAIR)).get("/p/ourshire/reminders/").status_code == 403
    assert client_for(tenancy.outsider).get("/p/ourshire/reminders/").status_code == 404


def test_it_lets_a_person_choose_their_reminders_kept_in_history(tenancy):
    lead = tenancy.members[Role.AGENCY_LEAD]
    client = client_for(lead.user)
    url = "/p/ourshire/account/reminders/"
    page = client.get(url).content.decode()
    # Daily summaries unless the person chooses otherwise.
    assert re.findall(r'value="(\w+)" checked', page) == ["daily"]
    response = client.post(url, {"reminder_frequency": "weekly", "version": lead.record_version})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.reminder_frequency == "weekly"
    assert lead.history.first().history_user == lead.user
    refused = client.post(url, {"reminder_frequency": "hourly", "version": lead.record_version})
    assert refused.status_code == 200
    assert "govuk-error-summary" in refused.content.decode()
    lead.refresh_from_db()
    assert lead.reminder_frequency == "weekly"
