from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeboard.core.errors import ApplicationError
from safeboard.interchange.importer import import_partnership
from safeboard.interchange.validate import InvalidFile, parse
from safeboard.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Import a plan file (YAML), all or nothing: into an empty partnership (--into SLUG) or as "
        "a new one (--create SLUG). Every problem is reported with its line; nothing is written "
        "unless the whole file is right."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--into", metavar="SLUG", help="An existing, empty partnership.")
        target.add_argument(
            "--create", metavar="SLUG", help="Create a partnership at this address."
        )
        parser.add_argument(
            "--name",
            default="",
            help="The partnership's name, instead of the file's (names are unique, so a copy of "
            "a partnership on this installation needs another).",
        )
        parser.add_argument("--check", action="store_true", help="Check the file; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            data = parse(path.read_bytes())
        except InvalidFile as error:
            for problem in error.problems:
                self.stderr.write(f"{path}: {problem}")
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was imported."
            ) from error
        if options["check"]:
            self.stdout.write(f"{path}: no problems found.")
            return
        into = None
        if options["into"]:
            into = Partnership.objects.filter(slug=options["into"]).first()
            if into is None:
                raise CommandError(f"No partnership has the web address name {options['into']!r}.")
        try:
            partnership = import_partnership(
                data, into=into, slug=options["create"] or "", name=options["name"], by=None
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Imported {path} into {partnership.name} (/p/{partnership.slug}/).")
