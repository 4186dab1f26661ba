from __future__ import annotations

from typing import Any

from django import forms

from safeboard.core.forms import VersionedForm
from safeboard.core.validators import single_line_text
from safeboard.ui.forms import limit_choices, record_choice

from .domain.roles import Role
from .models import ROLE_CHOICES, Agency, AgencyType, Membership, Partnership, ReminderFrequency
from .selectors import agency_list


class PartnershipForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        validators=[single_line_text],
        error_messages={"required": "Enter the partnership's name."},
    )
    short_name = forms.CharField(
        label="Short name",
        max_length=60,
        required=False,
        help_text="For example LSCB or SCP.",
        validators=[single_line_text],
    )
    area = forms.CharField(
        label="Area served", max_length=200, required=False, validators=[single_line_text]
    )
    widths = {"short_name": "10"}


class PartnershipSettingsForm(PartnershipForm, VersionedForm):
    """The partnership's own details, changed by its manager."""

    @staticmethod
    def initial_for(partnership: Partnership) -> dict[str, Any]:
        """Each field is the partnership's attribute of the same name."""
        return {name: getattr(partnership, name) for name in PartnershipForm.base_fields}


class PartnershipCreateForm(PartnershipForm):
    slug = forms.SlugField(
        label="Web address name",
        max_length=60,
        help_text="Lower-case letters, numbers and hyphens, for example north-somerset.",
        error_messages={
            "required": "Enter a web address name.",
            "invalid": "Use only lower-case letters, numbers and hyphens in the web address name.",
        },
    )
    manager_name = forms.CharField(
        label="First manager's full name",
        max_length=200,
        validators=[single_line_text],
        error_messages={"required": "Enter the first manager's full name."},
    )
    manager_email = forms.EmailField(
        label="First manager's e-mail address",
        error_messages={
            "required": "Enter the first manager's e-mail address.",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org.",
        },
    )

    field_order = ["name", "short_name", "slug", "area", "manager_name", "manager_email"]
    widths = {"short_name": "10", "slug": "20"}
    headings = {"manager_name": "First manager"}

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug != slug.lower():
            raise forms.ValidationError("Use only lower-case letters in the web address name.")
        return slug


class AgencyForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        validators=[single_line_text],
        error_messages={"required": "Enter the agency's name."},
    )
    short_name = forms.CharField(
        label="Short name", max_length=60, required=False, validators=[single_line_text]
    )
    agency_type = forms.ChoiceField(
        label="Type of agency",
        choices=AgencyType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of agency."},
    )
    widths = {"short_name": "10"}

    @staticmethod
    def initial_for(agency: Agency) -> dict[str, Any]:
        return {
            "name": agency.name,
            "short_name": agency.short_name,
            "agency_type": agency.agency_type,
        }


class AgencyChangeForm(AgencyForm, VersionedForm):
    pass


class _AgencyChoiceMixin(forms.Form):
    agency = record_choice(
        empty_label="No agency",
        invalid="Select an agency of this partnership.",
        help_text="Needed for an agency lead.",
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, agency=agency_list(partnership=partnership))


class MembershipAddForm(_AgencyChoiceMixin):
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        required=False,
        validators=[single_line_text],
        help_text="Not needed if they already have a Safeboard account.",
    )
    email = forms.EmailField(
        label="E-mail address",
        error_messages={
            "required": "Enter their e-mail address.",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org.",
        },
    )
    role = forms.ChoiceField(
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role."},
    )
    job_title = forms.CharField(
        label="Job title", max_length=200, required=False, validators=[single_line_text]
    )
    field_order = ["full_name", "email", "role", "agency", "job_title"]

    def cleaned_role(self) -> Role:
        return Role(self.cleaned_data["role"])


class MembershipEditForm(_AgencyChoiceMixin, VersionedForm):
    role = forms.ChoiceField(
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role."},
    )
    job_title = forms.CharField(
        label="Job title", max_length=200, required=False, validators=[single_line_text]
    )
    field_order = ["role", "agency", "job_title"]

    def clean_role(self) -> Role:
        return Role(self.cleaned_data["role"])

    @staticmethod
    def initial_for(membership: Membership) -> dict[str, Any]:
        return {
            "role": membership.role,
            "agency": membership.agency_id,
            "job_title": membership.job_title,
        }


class ReminderPreferenceForm(VersionedForm):
    """A person's own choice of e-mail reminders in one partnership."""

    reminder_frequency = forms.ChoiceField(
        label="How often do you want e-mails about what needs you?",
        choices=ReminderFrequency.choices,
        widget=forms.RadioSelect,
        help_text="The e-mails list your overdue and due-soon actions and returns, and what is "
        "waiting for you. A summary comes at most once a day or once a week; “as soon as” sends "
        "one e-mail for each new thing, once.",
        error_messages={"required": "Select how often you want e-mail reminders."},
    )

    @staticmethod
    def initial_for(membership: Membership) -> dict[str, Any]:
        return {"reminder_frequency": membership.reminder_frequency}
