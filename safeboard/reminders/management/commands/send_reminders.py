"""`manage.py send_reminders`: run the reminder job once, now (for cron, or by hand). Safe beside
a running worker: no reminder goes twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from safeboard.reminders.services import reminders_send


class Command(BaseCommand):
    help = "E-mail each person what needs them, as their reminder choice says (once only)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = reminders_send()
        self.stdout.write(
            f"Reminders: {report.sent} sent, {report.skipped} already sent by another run, "
            f"{report.failed} refused by the mail server."
        )
