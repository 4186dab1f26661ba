"""Background tasks (django-tasks, run by `manage.py run_worker`)."""

from __future__ import annotations

from django_tasks import task

from .services import reminders_send


@task()
def send_reminders() -> dict[str, int]:
    """One run of the reminder job; what it did, kept with the task's result."""
    report = reminders_send()
    return {"sent": report.sent, "skipped": report.skipped, "failed": report.failed}
