"""GOV.UK Design System rendering for Django forms, and UK date formats.

Loaded as a template builtin, so every template can use `{% govuk_field form.x %}`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms, template
from django.utils import formats, timezone

register = template.Library()

NOT_RECORDED = "Not recorded"


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


_WIDGET_CLASSES = {
    "input": "govuk-input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
}


@register.inclusion_tag("ui/forms/field.html")
def govuk_field(field: forms.BoundField, width: str = "", label_size: str = "") -> dict[str, Any]:
    kind = _kind(field.field.widget)
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}-hint")
    if field.errors:
        describedby.append(f"{field.auto_id}-error")
    widget_html = ""
    if kind in _WIDGET_CLASSES:
        css = _WIDGET_CLASSES[kind]
        if width:
            css += f" govuk-input--width-{width}" if kind == "input" else ""
        if field.errors:
            css += f" {css.split()[0]}--error"
        attrs: dict[str, str | bool] = {"class": css}
        if describedby:
            attrs["aria-describedby"] = " ".join(describedby)
        widget_html = field.as_widget(attrs=attrs)
    return {
        "field": field,
        "kind": kind,
        "widget_html": widget_html,
        "describedby": " ".join(describedby),
        "label_size": label_size,
    }


@register.inclusion_tag("ui/forms/error_summary.html")
def govuk_error_summary(*forms_: forms.BaseForm) -> dict[str, Any]:
    """Every error, each linked to its field, as the GOV.UK error summary asks."""
    errors: list[tuple[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for message in form.non_field_errors():
            errors.append(("", str(message)))
        for name, field_errors in form.errors.items():
            if name == "__all__":
                continue
            bound = form[name]
            anchor = f"#{bound.auto_id}"
            if _kind(bound.field.widget) in {"radios", "checkboxes"}:
                anchor = f"#{bound.auto_id}_0"
            for message in field_errors:
                errors.append((anchor, str(message)))
    return {"errors": errors}


@register.filter
def uk_date(value: Any) -> str:
    if value in (None, ""):
        return NOT_RECORDED
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return str(formats.date_format(value, "DATE_FORMAT"))
    if isinstance(value, datetime.date):
        return str(formats.date_format(value, "DATE_FORMAT"))
    return str(value)


@register.filter
def uk_datetime(value: Any) -> str:
    if value in (None, ""):
        return NOT_RECORDED
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return str(formats.date_format(value, "DATETIME_FORMAT"))
    return uk_date(value)


@register.filter
def or_not_recorded(value: Any) -> Any:
    return NOT_RECORDED if value in (None, "") else value
