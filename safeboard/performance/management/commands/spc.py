"""`manage.py spc FILE.csv`: XmR / Making Data Count chart values for a date,value CSV.

A thin wrapper: the logic (reading the CSV, the options, the output) is in
safeboard.performance.domain.spc_cli, which is pure Python. A run is one process per file, so its
start-up is most of its cost: manage.py runs this command without `django.setup()` (no apps, no
models, no system checks; docs/decisions/0024-fast-exact-spc.md). Keep it that way: it must not use
the database, models, templates or anything else that needs the apps loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeboard.performance.domain import spc_cli


class Command(BaseCommand):
    # The command reads a file and prints numbers: it needs no database, URLs or templates, and
    # the system checks would import every view (and the libraries behind them) first. manage.py
    # runs it without loading the apps at all, so it must stay that way (see the module docstring).
    requires_system_checks: list[str] = []
    help = (
        "Compute XmR / NHS Making Data Count SPC values (mean, limits, special causes, icons) "
        "for a CSV with the header date,value. The file is only read, never changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with the header date,value (ISO dates).")
        spc_cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: {error.reason}") from error
        try:
            output = spc_cli.run(text, spc_cli.options_from(options))
        except ValueError as error:
            raise CommandError(f"{path}: {error}") from error
        self.stdout.write(output, ending="")
