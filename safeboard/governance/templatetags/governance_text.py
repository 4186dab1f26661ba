"""`{% text_blocks value %}`: a partnership's long text as GOV.UK paragraphs and lists."""

from __future__ import annotations

from typing import Any

from django import template

from safeboard.governance.domain.text import blocks

register = template.Library()


@register.inclusion_tag("governance/_text_blocks.html")
def text_blocks(value: str | None) -> dict[str, Any]:
    return {"blocks": blocks(value or "")}
