"""`{% record_panels record %}`: what other modules add to a record's page, read from the
registry (`Module.record_panel`), so a module's page names none of them. `record` is a model
instance, or a kind of record with `key` naming it ("performance.report" and the period)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from safeboard.core.modules import registered, resolve

register = template.Library()


@register.simple_tag(takes_context=True)
def record_panels(context: template.Context, record: Any, key: Any = None) -> SafeString:
    parts = [
        resolve(module.record_panel)(context, record, key)
        for module in registered()
        if module.record_panel
    ]
    return mark_safe("".join(parts))  # noqa: S308 - each part is a module's rendered template
