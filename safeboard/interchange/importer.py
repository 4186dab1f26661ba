"""Write a checked plan file into a partnership, all or nothing, through each module's services."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.partnerships.models import Partnership
from safeboard.partnerships.services import partnership_create_empty, partnership_update

from .sections import Refs, sections
from .validate import parse


def partnership_is_empty(partnership: Partnership) -> bool:
    return not any(section.has_records(partnership) for section in sections())


@transaction.atomic
def import_partnership(
    data: Any,
    *,
    into: Partnership | None = None,
    slug: str = "",
    name: str = "",
    by: User | None,
) -> Partnership:
    """Into an existing, empty partnership (`into`), or a new one with web address `slug`.
    `data` is a file checked by `validate.parse`. `name`, if given, is used instead of the
    file's partnership name (names are unique, so a copy needs another)."""
    details = data.partnership
    name = name.strip() or details.name
    if into is None:
        if not slug:
            raise ApplicationError("Choose a web address name for the new partnership.")
        partnership = partnership_create_empty(
            name=name,
            slug=slug,
            short_name=details.short_name,
            area=details.area,
            by=by,
        )
    elif not partnership_is_empty(into):
        raise ApplicationError(
            "This partnership already has agencies, groups, plans or a budget. A plan file can "
            "only be imported into an empty partnership."
        )
    else:
        partnership = partnership_update(
            partnership=into,
            name=name,
            short_name=details.short_name,
            area=details.area,
            by=by,
        )
    refs = Refs()
    try:
        for section in sections():
            section.write(partnership, data, refs, by)
    except IntegrityError as error:  # a rule the checks missed: refuse, write nothing
        raise ApplicationError(f"The file could not be imported: {error}") from error
    return partnership


def import_plan_file(
    text: str | bytes,
    *,
    into: Partnership | None = None,
    slug: str = "",
    name: str = "",
    by: User | None,
) -> Partnership:
    """Check the whole file, then import it. `validate.InvalidFile` lists every problem with its
    line, `ApplicationError` a rule a module's service keeps; either way nothing is written."""
    return import_partnership(parse(text), into=into, slug=slug, name=name, by=by)
