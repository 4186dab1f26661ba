from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from safeboard.core.forms import VersionedForm
from safeboard.partnerships.models import Partnership
from safeboard.ui.forms import limit_choices

from ..domain.comparators import POPULATION_MEASURE
from ..models import ComparatorSeries, Indicator

MAX_BYTES = 5 * 1024 * 1024


class ComparatorImportForm(forms.Form):
    file = forms.FileField(
        label="Comparator file",
        help_text="A tidy CSV file, up to 5 MB, with the columns time_period, area_code, "
        "area_name, measure, value and symbol.",
        error_messages={"required": "Choose a CSV file to import.", "empty": "The file is empty."},
    )
    rates_for = forms.CharField(
        label="Derive rates per 10,000 for these count measures (optional)",
        help_text=f"Measure names separated by commas, e.g. cpp_at_31_march. The file must also "
        f"have {POPULATION_MEASURE} for the same areas.",
        required=False,
        max_length=1000,
    )

    def clean_file(self) -> UploadedFile:
        """The upload itself: its content is read and checked by the import service."""
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB. Split it and try again.")
        if not (upload.name or "").lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file ending .csv.")
        return upload

    def clean_rates_for(self) -> list[str]:
        text: str = self.cleaned_data["rates_for"]
        return [m.strip() for m in text.split(",") if m.strip()]


class ComparatorLinkForm(forms.Form):
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.none(),
        required=False,
        label="Indicator",
        help_text="The series is drawn beside this indicator. Leave empty to unlink it.",
        empty_label="None (not linked)",
    )
    label = forms.CharField(
        label="Name shown",
        max_length=200,
        required=False,
        help_text="What the measure is called on charts and tables, for example Referrals. "
        "Leave empty to use a name made from the measure in the source file.",
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            indicator=Indicator.objects.filter(
                partnership=partnership, archived_at__isnull=True
            ).order_by("code"),
        )

    @staticmethod
    def initial_for(series: ComparatorSeries) -> dict[str, Any]:
        return {"indicator": series.indicator_id, "label": series.label}


class ComparatorLinkChangeForm(ComparatorLinkForm, VersionedForm):
    pass
