from __future__ import annotations

from django import forms


class PlanFileForm(forms.Form):
    file = forms.FileField(
        label="Plan file",
        help_text="A Safeboard plan file (.yaml), up to 5 MB.",
        error_messages={"required": "Choose a plan file to import.", "empty": "The file is empty."},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 5 MB.")
        if not upload.name.lower().endswith((".yaml", ".yml")):
            raise forms.ValidationError("The file must be a plan file ending .yaml or .yml.")
        data: bytes = upload.read()
        return data
