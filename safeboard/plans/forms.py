"""Forms for plans. Every choice of a related record is limited to the caller's partnership (and,
for themes and work streams, to the plan); services check the same again."""

from __future__ import annotations

from typing import Any

from django import forms

from safeboard.core.forms import VERSION_FIELD, VersionedForm
from safeboard.partnerships.models import Membership, Partnership
from safeboard.partnerships.selectors import agency_list
from safeboard.ui.forms import DateInputField, limit_choices, record_choice

from .domain.evidence import ALLOWED_EVIDENCE_TYPES, ALLOWED_LABEL
from .domain.permissions import owned_within
from .domain.rag import owning_group_id
from .domain.rules import EARLIEST_YEAR, LATEST_YEAR
from .models import (
    Action,
    ActionStatus,
    Plan,
    PlanStatus,
    Rag,
    Statement,
    StatementKind,
    Theme,
    ThemeKind,
    WorkStream,
)
from .selectors import (
    NOT_RECORDED,
    partnership_groups,
    partnership_meetings,
    partnership_people,
    plan_theme_choices,
    plan_work_stream_choices,
)

NOT_RECORDED_CHOICE = ("", "Not recorded")
NOT_YOUR_GROUP = "Select a group you chair. You can only change the work of groups you chair."
NOT_YOUR_GROUPS_WORK = (
    "Select a group you chair, or a work stream owned by a group you chair. You can only change "
    "the work of groups you chair."
)


def _date(label: str, *, required: bool = False) -> DateInputField:
    """The GOV.UK three-part date input, with the Design System's messages."""
    return DateInputField(
        label=label,
        required=required,
        error_messages={"required": f"Enter the {label.lower()}."},
    )


class _YearField(forms.IntegerField):
    def __init__(self, label: str, required_message: str) -> None:
        super().__init__(
            label=label,
            min_value=EARLIEST_YEAR,
            max_value=LATEST_YEAR,
            help_text="For example, 2017",
            error_messages={
                "required": required_message,
                "invalid": f"Enter the {label.lower()} as a number, like 2017.",
                "min_value": f"Enter a year between {EARLIEST_YEAR} and {LATEST_YEAR}.",
                "max_value": f"Enter a year between {EARLIEST_YEAR} and {LATEST_YEAR}.",
            },
        )


class PlanForm(forms.Form):
    widths = {"start_year": "4", "end_year": "4", "document_version": "10"}

    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter the title of the plan."}
    )
    start_year = _YearField("First year", "Enter the first year the plan covers.")
    end_year = _YearField("Last year", "Enter the last year the plan covers.")
    # Not `version`: that is the hidden record version of an edit form (core.forms.VersionedForm).
    document_version = forms.CharField(label="Version", max_length=60, required=False)
    status = forms.ChoiceField(
        choices=[NOT_RECORDED_CHOICE, *PlanStatus.choices],
        required=False,
        error_messages={"invalid_choice": "Select the status of the plan from the list."},
    )
    approved_by = forms.CharField(label="Approved by", max_length=200, required=False)
    date_approved = _date("Date approved")
    author = forms.CharField(max_length=200, required=False)
    date_issued = _date("Date issued")
    review_date = _date("Review date")

    @staticmethod
    def initial_for(plan: Plan) -> dict[str, Any]:
        initial = {n: getattr(plan, n) for n in PlanForm.base_fields if n != "document_version"}
        return {**initial, "document_version": plan.version}

    def for_service(self) -> dict[str, Any]:
        """The data as the plan services name it: the document's version is `version` there."""
        fields = {k: v for k, v in self.cleaned_data.items() if k != VERSION_FIELD}
        fields["version"] = fields.pop("document_version", "")
        return fields


class StatementForm(forms.Form):
    widths = {"position": "4"}

    kind = forms.ChoiceField(
        label="Kind of statement",
        choices=StatementKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of statement this is."},
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave blank to use the kind, like “Vision”."
    )
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Leave a blank line between paragraphs. Start a line with “- ” for a bulleted "
        "list.",
        error_messages={"required": "Enter the text of the statement."},
    )
    signed_by = forms.CharField(
        label="Signed by", max_length=200, required=False, help_text="For a foreword."
    )
    position = forms.IntegerField(
        min_value=0,
        max_value=10000,
        required=False,
        help_text="Statements are shown in this order, lowest first.",
        error_messages={"invalid": "Enter the position as a whole number, like 3."},
    )

    @staticmethod
    def initial_for(statement: Statement) -> dict[str, Any]:
        return {name: getattr(statement, name) for name in StatementForm.base_fields}


class ThemeForm(forms.Form):
    widths = {"position": "4"}

    kind = forms.ChoiceField(
        label="Kind",
        choices=ThemeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of priority or theme this is."},
    )
    title = forms.CharField(
        label="Name",
        max_length=300,
        error_messages={"required": "Enter the name of the priority or theme."},
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    outcome_wanted = forms.CharField(
        label="Outcome wanted", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    bellwether = forms.CharField(
        label="Bellwether indicator",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="The headline indicator the board watches for this priority.",
    )
    position = forms.IntegerField(
        min_value=0,
        max_value=10000,
        required=False,
        help_text="Shown in this order within its kind, lowest first.",
        error_messages={"invalid": "Enter the position as a whole number, like 3."},
    )

    @staticmethod
    def initial_for(theme: Theme) -> dict[str, Any]:
        return {name: getattr(theme, name) for name in ThemeForm.base_fields}


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Membership) -> str:
        agency = f", {obj.agency.name}" if obj.agency_id and obj.agency else ""
        return f"{obj.user.full_name or obj.user.email}{agency}"


class ThemesField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.title} ({obj.get_kind_display().lower()})"


def _group_field(label: str = "Owning group") -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return record_choice(
        label=label,
        empty_label="Not recorded",
        invalid="Select a group of this partnership from the list.",
    )


class WorkStreamForm(forms.Form):
    widths = {"position": "4"}

    title = forms.CharField(
        label="Name",
        max_length=300,
        error_messages={"required": "Enter the name of the work stream."},
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    group = _group_field()
    themes = ThemesField(
        queryset=Theme.objects.none(),
        label="Priorities and themes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select priorities and themes of this plan."},
    )
    position = forms.IntegerField(
        min_value=0,
        max_value=10000,
        required=False,
        error_messages={"invalid": "Enter the position as a whole number, like 3."},
    )

    def __init__(
        self, *args: Any, plan: Plan, groups: frozenset[int] | None = None, **kwargs: Any
    ) -> None:
        """`groups`: the groups whose work the caller may change (None: every group); only those
        are offered, and one of them must be chosen."""
        super().__init__(*args, **kwargs)
        self.groups = groups
        offered = partnership_groups(partnership=plan.partnership)
        if groups is not None:
            offered = offered.filter(pk__in=groups)
            self.fields["group"].required = True
            self.fields["group"].error_messages["required"] = NOT_YOUR_GROUP
            self.fields["group"].error_messages["invalid_choice"] = NOT_YOUR_GROUP
        limit_choices(self, group=offered)
        limit_choices(self, themes=plan_theme_choices(plan=plan))

    @staticmethod
    def initial_for(stream: WorkStream) -> dict[str, Any]:
        return {
            "title": stream.title,
            "description": stream.description,
            "group": stream.group_id,
            "themes": [t.pk for t in stream.themes.all()],
            "position": stream.position,
        }


class ActionForm(forms.Form):
    title = forms.CharField(
        max_length=500, error_messages={"required": "Enter the title of the action."}
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    work_stream = record_choice(
        label="Work stream",
        empty_label="Not in a work stream",
        invalid="Select a work stream of this plan from the list.",
    )
    group = _group_field()
    lead_agency = record_choice(
        label="Lead agency",
        empty_label="Not recorded",
        invalid="Select an agency of this partnership from the list.",
    )
    lead_person = record_choice(
        label="Lead person",
        empty_label="Not recorded",
        invalid="Select a person in this partnership from the list.",
        field=PersonChoiceField,
    )
    start_date = _date("Start date")
    due_date = _date("Due date")
    status = forms.ChoiceField(
        choices=[NOT_RECORDED_CHOICE, *ActionStatus.choices],
        required=False,
        error_messages={"invalid_choice": "Select the status of the action from the list."},
    )
    rag = forms.ChoiceField(
        label="RAG",
        choices=[("", "Not rated"), *Rag.choices],
        required=False,
        error_messages={"invalid_choice": "Select red, amber or green, or not rated."},
    )
    themes = ThemesField(
        queryset=Theme.objects.none(),
        label="Priorities and cross-cutting themes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select priorities and themes of this plan."},
    )
    impact_measure = forms.CharField(
        label="How impact will be measured",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    arising_from = record_choice(
        label="Arising from meeting",
        empty_label="Not recorded",
        invalid="Select a meeting of this partnership from the list.",
    )
    # Offered only on an action marked illustrative (the example partnerships'), so that whoever
    # records its real details can say so; nobody marks a new action illustrative.
    is_illustrative = forms.BooleanField(
        label="The dates, leads, status, RAG and links to priorities are illustrative (synthetic, "
        "for demonstration)",
        required=False,
        help_text="Untick this once the action's real details are recorded.",
    )

    def __init__(
        self,
        *args: Any,
        plan: Plan,
        groups: frozenset[int] | None = None,
        action: Action | None = None,
        **kwargs: Any,
    ) -> None:
        """`groups`: the groups whose work the caller may change (None: every group). Only those
        groups, and the work streams they own (and the action's own work stream), are offered,
        and the action must end up owned by one of them."""
        super().__init__(*args, **kwargs)
        self.groups = groups
        if action is None or not action.is_illustrative:
            del self.fields["is_illustrative"]
        partnership = plan.partnership
        offered_groups = partnership_groups(partnership=partnership)
        if groups is not None:
            offered_groups = offered_groups.filter(pk__in=groups)
            self.fields["group"].error_messages["invalid_choice"] = NOT_YOUR_GROUP
            self.fields["work_stream"].error_messages["invalid_choice"] = NOT_YOUR_GROUPS_WORK
        keep = action.work_stream_id if action else None
        limit_choices(
            self, work_stream=plan_work_stream_choices(plan=plan, groups=groups, keep=keep)
        )
        limit_choices(self, group=offered_groups)
        limit_choices(self, lead_agency=agency_list(partnership=partnership))
        limit_choices(self, lead_person=partnership_people(partnership=partnership))
        limit_choices(self, themes=plan_theme_choices(plan=plan))
        limit_choices(self, arising_from=partnership_meetings(partnership=partnership))

    @staticmethod
    def initial_for(action: Action) -> dict[str, Any]:
        related = {"themes", "work_stream", "group", "lead_agency", "lead_person", "arising_from"}
        initial = {
            name: getattr(action, name) for name in ActionForm.base_fields if name not in related
        }
        initial.update(
            work_stream=action.work_stream_id,
            group=action.group_id,
            lead_agency=action.lead_agency_id,
            lead_person=action.lead_person_id,
            arising_from=action.arising_from_id,
            themes=[t.pk for t in action.themes.all()],
        )
        return initial

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if self.groups is not None and not self.errors:
            group, stream = self.cleaned_data.get("group"), self.cleaned_data.get("work_stream")
            owner = owning_group_id(
                group.pk if group else None, stream.group_id if stream else None
            )
            if not owned_within(groups=self.groups, owning_group_id=owner):
                self.add_error("group", NOT_YOUR_GROUPS_WORK)
        return data


# Edit forms carry the version they were loaded from (core.forms.VersionedForm), so that saving over
# someone else's newer change is refused instead of silently overwriting it.


class PlanChangeForm(PlanForm, VersionedForm):
    pass


class StatementChangeForm(StatementForm, VersionedForm):
    pass


class ThemeChangeForm(ThemeForm, VersionedForm):
    pass


class WorkStreamChangeForm(WorkStreamForm, VersionedForm):
    pass


class ActionChangeForm(ActionForm, VersionedForm):
    pass


class ProgressForm(forms.Form):
    date = _date("Date of the update", required=True)
    narrative = forms.CharField(
        label="What progress has been made?",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what progress has been made."},
    )
    rag = forms.ChoiceField(
        label="RAG now",
        choices=[("", "Leave the RAG as it is"), *Rag.choices],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select red, amber or green, or leave the RAG as it is."},
    )
    status = forms.ChoiceField(
        label="Status now",
        choices=[("", "Leave the status as it is"), *ActionStatus.choices],
        required=False,
        error_messages={"invalid_choice": "Select the status of the action from the list."},
    )
    evidence_url = forms.CharField(
        label="Evidence link (optional)",
        max_length=200,
        required=False,
        help_text="A web address starting with https://",
    )
    evidence_file = forms.FileField(
        label="Evidence file (optional)",
        required=False,
        widget=forms.FileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EVIDENCE_TYPES)}
        ),
        help_text=f"A {ALLOWED_LABEL} file, smaller than 10 MB.",
        error_messages={"invalid": "The evidence file could not be read. Choose it again."},
    )


STATUS_FILTER_CHOICES = [("", "Any status"), *ActionStatus.choices, (NOT_RECORDED, "Not recorded")]
RAG_FILTER_CHOICES = [("", "Any RAG"), *Rag.choices, (NOT_RECORDED, "Not rated")]


class ActionFilterForm(forms.Form):
    """GET filters for the actions list. A value that is not on the list is reported and ignored."""

    group = _group_field("Owning group")
    lead_agency = record_choice(
        label="Lead agency",
        empty_label="Any agency",
        invalid="Select an agency of this partnership from the list.",
    )
    theme = record_choice(
        label="Priority or theme",
        empty_label="Any priority or theme",
        invalid="Select a priority or theme of this plan from the list.",
    )
    work_stream = record_choice(
        label="Work stream",
        empty_label="Any work stream",
        invalid="Select a work stream of this plan from the list.",
    )
    status = forms.ChoiceField(
        choices=STATUS_FILTER_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Select a status from the list."},
    )
    rag = forms.ChoiceField(
        label="RAG",
        choices=RAG_FILTER_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Select a RAG rating from the list."},
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnership: Partnership = plan.partnership
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.empty_label = "Any group"
        limit_choices(self, group=partnership_groups(partnership=partnership))
        limit_choices(self, lead_agency=agency_list(partnership=partnership))
        limit_choices(self, theme=plan_theme_choices(plan=plan))
        limit_choices(self, work_stream=plan_work_stream_choices(plan=plan))
