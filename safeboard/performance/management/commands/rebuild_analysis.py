"""`manage.py rebuild_analysis [--partnership SLUG]`: work out and store every indicator's
analysis afresh (indicators/analysis.py), then draw the report cards not kept at their data
version (indicators/renderings.py). The services keep the analysis up to date as data change;
this is for after an upgrade, or data written outside them."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeboard.partnerships.models import Partnership
from safeboard.performance.indicators.analysis import analysis_rebuild
from safeboard.performance.indicators.renderings import draw_cards


class Command(BaseCommand):
    help = "Recompute and store every indicator's series and analysis (SPC, trends, forecast)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", help="Only this partnership (its web address).")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = None
        if options["partnership"]:
            try:
                partnership = Partnership.objects.get(slug=options["partnership"])
            except Partnership.DoesNotExist:
                raise CommandError(f"No partnership at {options['partnership']!r}.") from None
        start = time.perf_counter()
        count = analysis_rebuild(partnership=partnership)
        self.stdout.write(
            f"Stored the analysis of {count} indicator{'s' if count != 1 else ''} "
            f"in {time.perf_counter() - start:.1f} s."
        )
        start = time.perf_counter()
        drawn = sum(
            draw_cards(partnership=p)
            for p in ([partnership] if partnership else Partnership.objects.order_by("pk"))
        )
        self.stdout.write(
            f"Drew the report cards of {drawn} indicator{'s' if drawn != 1 else ''} "
            f"in {time.perf_counter() - start:.1f} s."
        )
