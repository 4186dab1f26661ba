"""The platform's part of the plan file: the partnership's agencies (partnerships is below the
kits, so its section lives here)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal

from safeboard.accounts.models import User
from safeboard.partnerships.models import Agency, Partnership
from safeboard.partnerships.services import agency_create

from .problems import Problem
from .schema import Key, Name, Short, Strict
from .sections import Known, Refs, Section, compact, duplicates, writing

AgencyType = Literal[
    "la_childrens",
    "district_council",
    "health",
    "police",
    "probation",
    "fire_rescue",
    "cafcass",
    "education",
    "voluntary",
    "other",
]


class AgencyIn(Strict):
    key: Key
    name: Name
    short_name: Short = ""
    type: AgencyType


class Agencies(Section):
    name = "agencies"
    order = 10
    fields = {"agencies": (list[AgencyIn], [])}

    def keys(self, file: Any) -> dict[str, Iterable[str]]:
        return {"agency": [a.key for a in file.agencies]}

    def check(self, file: Any, document: Any, known: Known) -> Iterator[Problem]:
        yield from duplicates(document, ("agencies",), [a.key for a in file.agencies], "agency")

    def has_records(self, partnership: Partnership) -> bool:
        return Agency.objects.filter(partnership=partnership).exists()

    def export(self, partnership: Partnership) -> dict[str, Any]:
        agencies = Agency.objects.filter(partnership=partnership).order_by("name", "pk")
        return {
            "agencies": [
                compact(
                    {
                        "key": a.key,
                        "name": a.name,
                        "short_name": a.short_name,
                        "type": a.agency_type,
                    }
                )
                for a in agencies
            ]
        }

    def write(self, partnership: Partnership, file: Any, refs: Refs, by: User | None) -> None:
        for agency in file.agencies:
            with writing("agencies", agency.key):
                refs.add(
                    "agency",
                    agency.key,
                    agency_create(
                        partnership=partnership,
                        key=agency.key,
                        name=agency.name,
                        short_name=agency.short_name,
                        agency_type=agency.type,
                        by=by,
                    ),
                )


SECTION = Agencies()
