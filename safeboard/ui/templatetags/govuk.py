"""GOV.UK Design System rendering for Django forms, and UK date formats.

Loaded as a template builtin, so every template can use `{% govuk_field form.x %}`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe

from safeboard.ui.forms import PARTS, DateInputWidget, date_error_part

register = template.Library()

NOT_RECORDED = "Not recorded"


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, DateInputWidget):
        return "date"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it must be asked about first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
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


_DATE_WIDTHS = {"day": "2", "month": "2", "year": "4"}


def _date_parts(field: forms.BoundField) -> list[dict[str, str]]:
    widget = field.field.widget
    assert isinstance(widget, DateInputWidget)
    value = field.value()
    values = value if isinstance(value, list | tuple) else widget.decompress(value)
    highlight = _date_highlight(field)
    return [
        {
            "label": part.capitalize(),
            "id": f"{field.auto_id}_{part}",
            "name": f"{field.html_name}_{part}",
            "value": str(values[index] or "") if index < len(values) else "",
            "width": _DATE_WIDTHS[part],
            "error": "1" if part in highlight else "",
        }
        for index, part in enumerate(PARTS)
    ]


def _date_highlight(field: forms.BoundField) -> set[str]:
    """The inputs to outline in red: the parts a "must include" message names, the year for a
    year of the wrong length, otherwise (not a real date, nothing entered) all three."""
    if not field.errors:
        return set()
    message = str(field.errors[0])
    if " must include a " in message:
        return {part for part in PARTS if part in message.split(" must include a ", 1)[1]}
    if message.startswith("Year must"):
        return {"year"}
    return set(PARTS)


@register.inclusion_tag("ui/forms/field.html")
def govuk_field(field: forms.BoundField, width: str = "", label_size: str = "") -> dict[str, Any]:
    kind = _kind(field.field.widget)
    if not width:
        width = getattr(field.form, "widths", {}).get(field.name, "")
    describedby = []
    if kind == "date":
        describedby.append(f"{field.auto_id}-hint")
        if field.errors:
            describedby.append(f"{field.auto_id}-error")
        return {
            "field": field,
            "kind": kind,
            "hint": field.help_text or getattr(field.field, "hint", ""),
            "parts": _date_parts(field),
            "describedby": " ".join(describedby),
            "label_size": label_size,
        }
    if kind == "hidden":
        return {"field": field, "kind": kind, "widget_html": field.as_widget()}
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
    """Every error, each linked to its field, as the GOV.UK error summary asks: the form's own
    errors first, then the fields' in the order the page shows the fields (the form's field
    order), not the order they were found in (a rule in `clean()` or a service finds its error
    after every field's own check)."""
    errors: list[tuple[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for message in form.non_field_errors():
            errors.append(("", str(message)))
        for name in form.fields:
            field_errors = form.errors.get(name)
            if not field_errors:
                continue
            bound = form[name]
            kind = _kind(bound.field.widget)
            anchor = f"#{bound.auto_id}"
            if kind in {"radios", "checkboxes"}:
                anchor = f"#{bound.auto_id}_0"
            elif kind == "date":
                anchor = f"#{bound.auto_id}_{date_error_part(bound) or 'day'}"
            elif kind == "hidden":
                anchor = ""
            for message in field_errors:
                errors.append((anchor, str(message)))
    return {"errors": errors}


@register.simple_tag
def govuk_fields(form: forms.BaseForm) -> SafeString:
    """Every field of `form` in order, each as `{% govuk_field %}` renders it, with the width the
    form names in `widths` and a heading before a field it names in `headings`
    (e.g. `headings = {"manager_name": "First manager"}`)."""
    headings: dict[str, str] = getattr(form, "headings", {})
    html: list[str] = []
    for field in form:
        if field.name in headings:
            html.append(
                render_to_string("ui/forms/heading.html", {"heading": headings[field.name]})
            )
        html.append(render_to_string("ui/forms/field.html", govuk_field(field)))
    return mark_safe("".join(html))  # noqa: S308 - each part is an auto-escaped template


@register.inclusion_tag("ui/components/summary_list.html")
def govuk_summary_list(*pairs: Any) -> dict[str, Any]:
    """A GOV.UK summary list from key, value pairs:
    `{% govuk_summary_list "Short name" agency.short_name|or_not_recorded "Type" agency.type %}`.
    A blank value shows as "Not recorded"."""
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("govuk_summary_list takes key, value pairs")
    rows = [
        (str(pairs[i]), NOT_RECORDED if pairs[i + 1] in (None, "") else pairs[i + 1])
        for i in range(0, len(pairs), 2)
    ]
    return {"rows": rows}


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
