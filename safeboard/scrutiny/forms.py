"""The forms of comments, challenges and sign-offs, in GOV.UK style: empty text and bad dates are
told in the Design System's words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from safeboard.core.forms import VersionedForm
from safeboard.governance.models import Meeting
from safeboard.partnerships.subjects import SubjectRecord
from safeboard.ui.forms import DateInputField, limit_choices

TEXT_LIMIT = 5000


def _text_field(label: str, required: str, *, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": required,
            "max_length": f"{label} must be {TEXT_LIMIT} characters or fewer",
        },
    )


class CommentForm(forms.Form):
    text = _text_field("Comment", "Enter your comment")


class ChallengeForm(forms.Form):
    text = _text_field(
        "Your challenge",
        "Enter your challenge",
        hint="Say what you want the owner of this record to answer.",
    )
    response_due = DateInputField(
        label="Response needed by",
        error_messages={"required": "Enter the date a response is needed by"},
    )


class ResponseForm(VersionedForm):
    response = _text_field(
        "Your response", "Enter your response", hint="Answer the challenge for the board."
    )

    @staticmethod
    def initial_for(challenge: Any) -> dict[str, Any]:
        return {"response": challenge.response, **VersionedForm.initial_version(challenge)}


class PlanSignOffForm(VersionedForm):
    approved_by = forms.CharField(
        label="Signed off by",
        help_text="Your name and role, as the plan will show them under “Approved by”.",
        max_length=200,
        error_messages={"required": "Enter who signed the plan off"},
    )
    date_approved = DateInputField(
        label="Date signed off",
        error_messages={"required": "Enter the date the plan was signed off"},
    )
    widths = {"approved_by": "30"}


class MeetingChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Meeting) -> str:
        what = f"{obj.group.name}: {obj.title}" if obj.title else f"{obj.group.name} meeting"
        return f"{what}, {obj.date.day} {obj.date:%B %Y}"


class ReportSignOffForm(forms.Form):
    period = forms.ChoiceField(
        label="Report period",
        error_messages={
            "required": "Select the report period",
            "invalid_choice": "Select a report period from the list",
        },
    )
    meeting = MeetingChoiceField(
        label="Meeting",
        help_text="The governance meeting the report is signed off for.",
        queryset=Meeting.objects.none(),
        empty_label="Select a meeting",
        error_messages={
            "required": "Select the meeting",
            "invalid_choice": "Select a meeting of this partnership from the list",
        },
    )

    def __init__(
        self,
        *args: Any,
        reports: Sequence[SubjectRecord],
        meetings: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.reports = {r.key: r for r in reports}
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = [("", "Select a period"), *((r.key, r.title) for r in reports)]
        limit_choices(self, meeting=meetings)

    def for_service(self) -> dict[str, Any]:
        return {
            "report": self.reports[self.cleaned_data["period"]],
            "meeting": self.cleaned_data["meeting"],
        }
