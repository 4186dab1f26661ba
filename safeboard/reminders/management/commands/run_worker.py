"""`manage.py run_worker`: the background worker. It runs the tasks queued in the database
(django-tasks-db's worker) and, in a thread beside it, the scheduler that enqueues the reminder
job every REMINDERS_INTERVAL seconds. Run one or several: between them they enqueue the job
once a slot (`reminders_schedule`), and no reminder goes twice (`reminders_send`).

SIGINT or SIGTERM stops it: the worker finishes the task in hand, the scheduler thread ends with
the process."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from safeboard.reminders.services import reminders_schedule

logger = logging.getLogger(__name__)


def schedule_forever(interval: int, stop: threading.Event) -> None:
    """Enqueue the reminder job at the start of every slot of `interval` seconds, from now."""
    while not stop.is_set():
        try:
            close_old_connections()
            if reminders_schedule(interval=interval):
                logger.info("Reminder job enqueued")
        except Exception:  # a database hiccup must not stop the schedule
            logger.exception("Could not enqueue the reminder job")
        finally:
            connection.close()
        stop.wait(interval - time.time() % interval)


class Command(BaseCommand):
    help = "Run the background worker: queued tasks, and the reminder job on its schedule."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=int,
            default=None,
            help="Seconds between reminder runs (default: the REMINDERS_INTERVAL setting).",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run queued tasks: another worker (or cron) schedules the reminder job.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval = options["interval"] or int(settings.REMINDERS_INTERVAL)
        if interval <= 0:
            self.stderr.write("The interval must be at least one second.")
            return
        stop = threading.Event()
        if not options["no_schedule"]:
            threading.Thread(
                target=schedule_forever, args=(interval, stop), name="scheduler", daemon=True
            ).start()
        self.stdout.write(f"Worker running; reminders every {interval} seconds.")
        try:
            call_command("db_worker", reload=False, interval=1, verbosity=options["verbosity"])
        finally:
            stop.set()
