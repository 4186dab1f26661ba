"""Forms for budgets and staffing. Amounts are read by `domain.money.to_amount` and numbers of
posts by `domain.staffing.to_quantity`, so a form and a service refuse the same things with the
same words. Any choice of agency is limited to the caller's partnership."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from safeboard.core.forms import VersionedForm
from safeboard.partnerships.models import Agency, Partnership
from safeboard.partnerships.selectors import agency_list
from safeboard.ui.forms import DateInputField, limit_choices

from .domain.money import AmountError, to_amount
from .domain.staffing import QuantityError, to_quantity
from .domain.years import FIRST_YEAR, LAST_YEAR
from .models import AgencyGroup, BudgetLine, BudgetYear, Contribution, LineKind, Spend, StaffPost
from .services import MAX_FTE, MAX_POSTS


class MoneyField(forms.CharField):
    """Pounds and pence as typed: "£1,234.50", "1234.5" or "84250". Cleans to a Decimal."""

    def __init__(self, *, name: str, **kwargs: Any) -> None:
        self.amount_name = name
        kwargs.setdefault("error_messages", {"required": f"Enter {name}."})
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return to_amount(text, name=self.amount_name)
        except AmountError as error:
            raise forms.ValidationError(error.message) from error


class QuantityField(forms.CharField):
    """An optional number such as 1.4 (posts, FTE). Blank cleans to None: not recorded."""

    def __init__(self, *, name: str, places: int, maximum: Decimal, **kwargs: Any) -> None:
        self.quantity_name, self.places, self.maximum = name, places, maximum
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        try:
            return to_quantity(
                text, name=self.quantity_name, places=self.places, maximum=self.maximum
            )
        except QuantityError as error:
            raise forms.ValidationError(error.message) from error


def money_initial(amount: Decimal) -> str:
    """An amount as the form shows it for changing: "84250" or "1234.50"."""
    return str(int(amount)) if amount == amount.to_integral_value() else f"{amount:.2f}"


class BudgetYearForm(forms.Form):
    start_year = forms.IntegerField(
        label="Year the financial year starts",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="For example, 2011 for the year from April 2011 to March 2012.",
        error_messages={
            "required": "Enter the year the financial year starts, like 2011.",
            "invalid": "Enter the start year as a 4-digit number, like 2011.",
            "min_value": f"Enter a start year between {FIRST_YEAR} and {LAST_YEAR}, like 2011.",
            "max_value": f"Enter a start year between {FIRST_YEAR} and {LAST_YEAR}, like 2011.",
        },
    )
    label = forms.CharField(
        max_length=20,
        required=False,
        help_text="For example, 2011/12. Leave blank to make it from the start year.",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    widths = {"start_year": "4", "label": "10"}

    @staticmethod
    def initial_for(year: BudgetYear) -> dict[str, Any]:
        return {"start_year": year.start_year, "label": year.label, "notes": year.notes}


class BudgetYearChangeForm(BudgetYearForm, VersionedForm):
    pass


class BudgetLineForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        help_text="For example, Core budget or Training budget.",
        error_messages={"required": "Enter the name of the budget line."},
    )
    kind = forms.ChoiceField(
        label="Kind of budget line",
        choices=LineKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of budget line.",
            "invalid_choice": "Select the kind of budget line.",
        },
    )

    @staticmethod
    def initial_for(line: BudgetLine) -> dict[str, Any]:
        return {"name": line.name, "kind": line.kind}


class BudgetLineChangeForm(BudgetLineForm, VersionedForm):
    pass


class ContributionAmountForm(forms.Form):
    agency_group = forms.ChoiceField(
        label="Kind of agency",
        choices=AgencyGroup.choices,
        widget=forms.RadioSelect,
        help_text="Core agencies are the key funders: the local authority, health and the police.",
        error_messages={
            "required": "Select whether this is a core agency or another agency.",
            "invalid_choice": "Select whether this is a core agency or another agency.",
        },
    )
    amount = MoneyField(
        name="the contribution",
        label="Contribution",
        help_text="In pounds, for example 84,250 or £1,234.50.",
    )
    widths = {"amount": "10"}


class ContributionChangeForm(ContributionAmountForm, VersionedForm):
    @staticmethod
    def initial_for(contribution: Contribution) -> dict[str, Any]:
        return {
            "agency_group": contribution.agency_group,
            "amount": money_initial(contribution.amount),
        }


class ContributionForm(ContributionAmountForm):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        empty_label="Select an agency",
        error_messages={
            "required": "Select the agency that contributes.",
            "invalid_choice": "Select an agency of this partnership.",
        },
    )
    field_order = ["agency", "agency_group", "amount"]

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, agency=agency_list(partnership=partnership))


class SpendForm(forms.Form):
    date = DateInputField(
        label="Date",
        hint="For example, 27 3 2012",
        error_messages={"required": "Enter the date of the spend."},
    )
    description = forms.CharField(
        label="What was it spent on?",
        max_length=300,
        error_messages={"required": "Enter what the money was spent on."},
    )
    amount = MoneyField(
        name="the amount spent", label="Amount spent", help_text="In pounds, for example £1,234.50."
    )
    widths = {"amount": "10"}

    @staticmethod
    def initial_for(spend: Spend) -> dict[str, Any]:
        return {
            "date": spend.date,
            "description": spend.description,
            "amount": money_initial(spend.amount),
        }


class SpendChangeForm(SpendForm, VersionedForm):
    pass


class StaffPostForm(forms.Form):
    title = forms.CharField(
        label="Post",
        max_length=200,
        help_text="For example, Business Manager or Training Officers.",
        error_messages={"required": "Enter the title of the post."},
    )
    posts = QuantityField(
        name="the number of posts",
        places=1,
        maximum=MAX_POSTS,
        label="Number of posts (optional)",
        help_text="For example, 2. Leave blank if the plan does not say.",
    )
    fte = QuantityField(
        name="the full-time equivalent",
        places=2,
        maximum=MAX_FTE,
        label="Full-time equivalent (FTE) (optional)",
        help_text="For example, 1.4. Leave blank if the plan does not say.",
    )
    as_stated = forms.CharField(
        label="As stated in the plan (optional)",
        max_length=300,
        required=False,
        help_text="The plan's own words, for example “1 Full-time and 1 half-time”.",
    )
    widths = {"posts": "4", "fte": "4"}

    @staticmethod
    def initial_for(post: StaffPost) -> dict[str, Any]:
        return {
            "title": post.title,
            "posts": "" if post.posts is None else format(post.posts.normalize(), "f"),
            "fte": "" if post.fte is None else format(post.fte.normalize(), "f"),
            "as_stated": post.as_stated,
        }


class StaffPostChangeForm(StaffPostForm, VersionedForm):
    pass
