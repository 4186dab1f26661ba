"""Load the illustrative example data set into the example partnerships that exist (idempotent).
`manage.py load_examples` does this too, after loading the plan files."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from safeboard.interchange.examples import Demo
from safeboard.partnerships.models import Partnership
from safeboard.performance.examples import EXAMPLES, load


class Command(BaseCommand):
    help = "Load the illustrative example measures for the example partnerships (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for partnership in Partnership.objects.filter(slug__in=EXAMPLES).order_by("slug"):
            summary = load(partnership, Demo(members={}))
            if summary and options["verbosity"] > 0:
                self.stdout.write(summary)
