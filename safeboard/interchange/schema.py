"""The plan file format, version 1: a whole partnership's structure, plans and budget as YAML.

docs/how-to/plan-files.md describes it for people. The pydantic models are the precise
definition: unknown keys are refused, text is never a number, dates are YYYY-MM-DD. This module
holds the file's frame (format, version, the partnership's own details) and the field types every
module's section uses; each module's part is in its own `planfile.py`, and `file_model()` puts
them together from the registry.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, create_model

from safeboard.core.domain.text import has_markup

FORMAT = "safeboard-partnership"
VERSION = 1

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control_characters(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains a control character; remove it")
    # Markup has no place in a plan's text: a tag is a mistake or an attack, so say so rather
    # than store it (pages escape text anyway).
    if has_markup(value):
        raise ValueError("contains HTML markup such as <script>; write plain text")
    return value


Key = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
]
Short = Annotated[str, StringConstraints(max_length=60), AfterValidator(_no_control_characters)]
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=200), AfterValidator(_no_control_characters)
]
Title = Annotated[
    str, StringConstraints(min_length=1, max_length=500), AfterValidator(_no_control_characters)
]
Text = Annotated[str, AfterValidator(_no_control_characters)]
Line = Annotated[str, StringConstraints(max_length=200), AfterValidator(_no_control_characters)]
LongLine = Annotated[str, StringConstraints(max_length=300), AfterValidator(_no_control_characters)]
LongTitle = Annotated[
    str, StringConstraints(min_length=1, max_length=300), AfterValidator(_no_control_characters)
]
Body = Annotated[str, StringConstraints(min_length=1), AfterValidator(_no_control_characters)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Date = datetime.date
Amount = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Quantity = Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PartnershipIn(Strict):
    """The partnership's own details. Its web address (slug) belongs to the installation, so it
    is not in the file: it is chosen when the file is imported."""

    name: Name
    short_name: Short = ""
    area: Line = ""


@cache
def file_model() -> type[Strict]:
    """The whole file's model: the frame and every registered module's fields, in file order."""
    from .sections import sections

    fields: dict[str, Any] = {
        "format": (Literal["safeboard-partnership"], ...),
        "version": (Literal[1], ...),
        "partnership": (PartnershipIn, ...),
    }
    for section in sections():
        for key, definition in section.fields.items():
            if key in fields:
                raise ValueError(f"Two plan-file sections claim the key {key!r}")
            fields[key] = definition
    model: type[Strict] = create_model("PartnershipFile", __base__=Strict, **fields)
    return model
