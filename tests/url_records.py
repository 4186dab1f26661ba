"""How to name a record of each kind in a partnership URL, for the tenancy and every-page walks.

Each app lists its own in `safeboard/<app>/tests/url_records.py` as
`URL_RECORDS = {"<url kwarg>": maker}`, where `maker(tenancy, partnership)` returns the id of a
record of that kind inside `partnership` (creating it if need be). A URL kwarg that no app lists
fails tests/test_tenancy.py::test_it_knows_every_record_kind_in_partnership_urls.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

APPS = ["partnerships", "governance", "plans", "finance", "performance"]

Maker = Callable[[Any, Any], int]


def url_records() -> dict[str, Maker]:
    makers: dict[str, Maker] = {}
    for app in APPS:
        try:
            module = import_module(f"safeboard.{app}.tests.url_records")
        except ModuleNotFoundError:
            continue
        makers.update(module.URL_RECORDS)
    return makers


class RecordIds:
    """Ids for one partnership, each made once and reused across the URL walk."""

    def __init__(self, tenancy: Any, partnership: Any) -> None:
        self.tenancy, self.partnership = tenancy, partnership
        self.makers = url_records()
        self.cache: dict[str, int] = {}

    def __call__(self, kwarg: str) -> int:
        if kwarg not in self.cache:
            self.cache[kwarg] = self.makers[kwarg](self.tenancy, self.partnership)
        return self.cache[kwarg]
