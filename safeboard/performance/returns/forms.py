"""Forms for agency returns and tidy value files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django import forms

from safeboard.core.forms import VersionedForm
from safeboard.ui.forms import DateInputField

from ..domain import periods
from ..domain import returns as rules
from ..models import AgencyReturn, Frequency
from .selectors import ReturnRow
from .services import ReturnInput, RowsError

T = TypeVar("T")
MAX_UPLOAD = 50 * 1024 * 1024


class ScheduleForm(forms.Form):
    widths = {"period": "10"}

    frequency = forms.ChoiceField(
        label="How often",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often the data is collected."},
    )
    period = forms.CharField(
        label="Period",
        max_length=40,
        help_text='For example, "April 2017" for a month, "2017/18 Q1" for a quarter or '
        '"2017/18" for a year',
        error_messages={"required": "Enter the period the returns are for."},
    )
    due_date = DateInputField(
        label="Due date",
        hint="For example, 15 5 2025",
        error_messages={"required": "Enter the date the returns are due."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        frequency, text = data.get("frequency"), data.get("period")
        if frequency and text:
            try:
                data["period_start"] = periods.parse(text, frequency)
            except periods.PeriodError as exc:
                self.add_error("period", str(exc))
        return data

    def for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: data[k] for k in ("frequency", "period_start", "due_date")}

    def done_message(self, created: Sequence[AgencyReturn]) -> str:
        label = periods.label(self.cleaned_data["period_start"], self.cleaned_data["frequency"])
        if not created:
            return f"Every return for {label} was already expected."
        return f"{len(created)} return{'s' if len(created) != 1 else ''} expected for {label}."


def _row_field(label: str, code: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=f"{label} for {code}",
        help_text=hint,
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )


def _hint(*parts: str) -> str:
    """Hint sentences joined: "Children referred. Last period (March 2020): 4"."""
    kept = [p.strip() for p in parts if p.strip()]
    kept = [p[:1].upper() + p[1:] for p in kept]
    last = len(kept) - 1
    return " ".join(p if i == last or p.endswith(".") else f"{p}." for i, p in enumerate(kept))


def _figure_hints(row: ReturnRow) -> dict[str, str]:
    """The hint on each figure's box: what it counts and last period's figure, as written."""
    indicator = row.indicator
    if not row.has_ratio:
        return {"value": row.last_period("value")}
    return {
        "numerator": _hint(indicator.numerator_label, row.last_period("numerator")),
        "denominator": _hint(indicator.denominator_label, row.last_period("denominator")),
        "value": _hint(
            "Worked out from the numerator and denominator: enter it only if you have neither.",
            row.last_period("value"),
        ),
    }


class ReturnValuesForm(VersionedForm):
    """One row per expected indicator: value (or numerator and denominator) and comment, and the
    version of the return the form was loaded from (two people filling in one return at once:
    the second save is refused, naming the first person and the values they changed)."""

    def __init__(self, *args: Any, rows: Sequence[ReturnRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            indicator, value = row.indicator, row.value
            pk, code = indicator.pk, indicator.code
            hints = _figure_hints(row)
            if row.has_ratio:
                self.fields[f"numerator_{pk}"] = _row_field("Numerator", code, hints["numerator"])
                self.fields[f"denominator_{pk}"] = _row_field(
                    "Denominator", code, hints["denominator"]
                )
            self.fields[f"value_{pk}"] = _row_field("Value", code, hints["value"])
            self.fields[f"comment_{pk}"] = forms.CharField(
                label=f"Comment for {code}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if value is not None:
                for name in ("value", "numerator", "denominator"):
                    number = getattr(value, name)
                    if f"{name}_{pk}" in self.fields and number is not None:
                        self.initial[f"{name}_{pk}"] = rules.plain_number(number)
                self.initial[f"comment_{pk}"] = value.comment

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        inputs = []
        for row in self.rows:
            pk, code = row.indicator.pk, row.indicator.code
            numbers: dict[str, Any] = {}
            for name in ("value", "numerator", "denominator"):
                key = f"{name}_{pk}"
                if key not in self.fields:
                    numbers[name] = None
                    continue
                try:
                    numbers[name] = rules.parse_number(data.get(key, ""))
                except ValueError as exc:
                    self.add_error(key, f"{code}, {name}: {exc}")
                    numbers[name] = None
            inputs.append(
                ReturnInput(
                    indicator_id=pk,
                    value=numbers["value"],
                    numerator=numbers["numerator"],
                    denominator=numbers["denominator"],
                    comment=data.get(f"comment_{pk}", "") or "",
                )
            )
        data["inputs"] = inputs
        return data

    def for_service(self) -> dict[str, Any]:
        return {"rows": self.cleaned_data["inputs"]}

    def showing_row_errors(self, service: Callable[..., T]) -> Callable[..., T | None]:
        """`service`, with each row problem it finds (RowsError) put on its box of this form
        (and None returned, so the page shows the form again)."""

        def save(**kwargs: Any) -> T | None:
            try:
                return service(**kwargs)
            except RowsError as exc:
                for indicator_id, column, message in exc.errors:
                    name = f"{column}_{indicator_id}"
                    self.add_error(name if name in self.fields else None, message)
                return None

        return save

    def bound_rows(self) -> list[dict[str, Any]]:
        result = []
        for row in self.rows:
            pk = row.indicator.pk
            result.append(
                {
                    "row": row,
                    "value": self[f"value_{pk}"],
                    "numerator": self[f"numerator_{pk}"] if row.has_ratio else None,
                    "denominator": self[f"denominator_{pk}"] if row.has_ratio else None,
                    "comment": self[f"comment_{pk}"],
                }
            )
        return result


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="Why is the return being sent back?",
        help_text="Say what needs checking or changing. The agency lead will see this.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason for sending the return back."},
    )


class FileForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="An Excel workbook (.xlsx) or a CSV file",
        error_messages={
            "required": "Select a file to upload.",
            "empty": "The selected file is empty. Choose a different file.",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The selected file must be smaller than 50 MB.")
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("The selected file must be an Excel (.xlsx) or CSV file.")
        return upload
