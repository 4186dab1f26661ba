"""Form fields of the page kit: the GOV.UK date input (day, month, year), used wherever a person
types a date. The messages are the Design System's ("Date approved must include a month",
"Date approved must be a real date"); the rule itself is pure, in core.domain.date_parts. And
`limit_choices`, which sets the records a form's choice fields offer once the form knows whose
records they are."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from safeboard.core.domain.date_parts import DatePart, DateProblem, parse_date_parts

PARTS: tuple[DatePart, ...] = ("day", "month", "year")


def record_choice(
    *,
    empty_label: str,
    invalid: str,
    label: str | None = None,
    help_text: str = "",
    field: type[forms.ModelChoiceField[Any]] = forms.ModelChoiceField,
) -> forms.ModelChoiceField[Any]:
    """An optional choice of one of the partnership's (or the plan's) records: an agency, a
    person, a group. The form offers the records with `limit_choices` when it is made; a value not
    among them is refused with the `invalid` message. `field` may be a subclass that labels the
    records its own way."""
    return field(
        queryset=None,
        label=label,
        help_text=help_text,
        required=False,
        empty_label=empty_label,
        error_messages={"invalid_choice": invalid},
    )


def limit_choices(form: forms.BaseForm, **querysets: Any) -> None:
    """Offer each named choice field (single or multiple) the records of its queryset, e.g.
    `limit_choices(self, agency=agency_list(partnership=partnership))` in a form's `__init__`:
    the field is declared with `queryset=Model.objects.none()` and a value not in the queryset
    is refused with the field's `invalid_choice` message."""
    for name, queryset in querysets.items():
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)  # ModelMultipleChoiceField is one too
        field.queryset = queryset


class DateInputWidget(forms.MultiWidget):
    """Three text inputs named `<name>_day`, `<name>_month` and `<name>_year`. The GOV.UK markup is
    written by `{% govuk_field %}` (ui/forms/date_input.html), not by this widget."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(dict.fromkeys(PARTS, forms.TextInput), attrs)

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]


class DateInputField(forms.Field):
    """A date typed in three parts. Cleans to a `datetime.date`, or None when optional and blank.
    A problem is raised with the part to highlight as its code ("day", "month" or "year")."""

    widget = DateInputWidget
    hint = "For example, 27 3 2024"

    def __init__(self, *, hint: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if hint is not None:
            self.hint = hint

    def clean(self, value: Any) -> datetime.date | None:
        parts = [str(v or "") for v in value] if isinstance(value, list | tuple) else ["", "", ""]
        if not any(p.strip() for p in parts) and not self.required:
            return None
        label = str(self.label or "Date")
        parsed = parse_date_parts(*parts[:3], label=label)
        if isinstance(parsed, DateProblem):
            if not any(p.strip() for p in parts) and "required" in self.error_messages:
                custom = self.error_messages["required"]
                if custom != forms.Field.default_error_messages["required"]:
                    raise forms.ValidationError(custom, code="day")
            raise forms.ValidationError(parsed.message, code=parsed.part)
        self.run_validators(parsed)
        return parsed


def date_error_part(field: forms.BoundField) -> str:
    """The part (day, month or year) an error on a date field points at: the input the error
    summary links to and the one outlined in red; "" when there is no error."""
    errors = field.form.errors.as_data().get(field.name, [])
    for error in errors:
        if error.code in PARTS:
            return str(error.code)
    return "day" if errors else ""
