"""How to name a record of each kind in a partnership URL, for the tenancy and every-page walks.

Each module names its own in its registry entry (`url_records` in `safeboard/<app>/module.py`,
usually `safeboard/<app>/tests/url_records.py` `URL_RECORDS = {"<url kwarg>": maker}`), where
`maker(tenancy, partnership)` returns the id of a record of that kind inside `partnership`
(creating it if need be). A URL kwarg that no module lists fails
tests/test_tenancy.py::test_it_knows_every_record_kind_in_partnership_urls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from safeboard.core.modules import registered, resolve

Maker = Callable[[Any, Any], int]


def url_records() -> dict[str, Maker]:
    makers: dict[str, Maker] = {}
    for module in registered():
        if module.url_records:
            for kwarg, maker in resolve(module.url_records).items():
                # A keyword two modules use (group_id) is made by the first that lists it.
                makers.setdefault(kwarg, maker)
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
