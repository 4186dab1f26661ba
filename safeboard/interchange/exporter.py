"""A partnership as a plan file (YAML, format version 1). Blank fields are left out, so the file
holds only what was recorded; importing it and exporting again gives the same text. Each module's
section writes its own part."""

from __future__ import annotations

import datetime
from typing import Any

import yaml

from safeboard.partnerships.models import Partnership

from .schema import FORMAT, VERSION
from .sections import compact, sections


def document_for(p: Partnership) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "partnership": compact({"name": p.name, "short_name": p.short_name, "area": p.area}),
    }
    for section in sections():
        document.update(section.export(p))
    return compact(document)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _date(dumper: yaml.SafeDumper, value: datetime.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _str)
_Dumper.add_representer(datetime.date, _date)


def export_partnership(p: Partnership) -> str:
    header = (
        f"# Safeboard plan file (format {FORMAT}, version {VERSION}).\n"
        "# See docs/how-to/plan-files.md. Import into an empty partnership to recreate it.\n"
    )
    body = yaml.dump(
        document_for(p), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return header + body
