from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeboard.interchange.exporter import export_partnership
from safeboard.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Write a partnership as a plan file (YAML). See docs/how-to/plan-files.md."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("slug", help="The partnership's web address name, e.g. lincolnshire.")
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["slug"]).first()
        if partnership is None:
            raise CommandError(f"No partnership has the web address name {options['slug']!r}.")
        text = export_partnership(partnership)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
