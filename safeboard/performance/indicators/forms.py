"""Forms for indicators, targets, partners and data development items. Every choice of a related
record is limited to the caller's partnership; the services check the same again."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms

from safeboard.core.forms import VersionedForm
from safeboard.partnerships.models import Membership, Partnership
from safeboard.partnerships.selectors import agency_list
from safeboard.plans.models import Action, Theme
from safeboard.ui.forms import limit_choices, record_choice

from ..domain import periods
from ..models import (
    DataDevelopmentItem,
    DevelopmentStatus,
    Frequency,
    Indicator,
    IndicatorKind,
    Polarity,
    Target,
    Unit,
    Value,
)
from .selectors import partnership_actions, partnership_themes
from .services import INDICATOR_FIELDS

PERIOD_HINT = 'Monthly: "April 2017". Quarterly: "2017/18 Q1". Annual: "2017/18".'


def _choice_errors(what: str) -> dict[str, str]:
    return {
        "required": f"Select {what}.",
        "invalid_choice": f"Select {what} from the list.",  # noqa: S608 - a message, not SQL
    }


def _period_text(day: datetime.date | None, frequency: str) -> str:
    return "" if day is None else periods.label(day, frequency)


class _ThemeChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_kind_display()}, {obj.plan.title})"


class _ActionChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.plan.title})"


class _MemberChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user.full_name or obj.user.email)


class IndicatorForm(forms.Form):
    widths = {"code": "10", "suppression_threshold": "4", "baseline_end": "10", "position": "4"}

    code = forms.SlugField(
        max_length=40,
        help_text="A short stable code of letters, numbers and hyphens, e.g. NEL-DA-01.",
        error_messages={
            "required": "Enter a code for the indicator.",
            "invalid": "Enter a code using only letters, numbers, hyphens and underscores.",
        },
    )
    name = forms.CharField(max_length=300, error_messages={"required": "Enter the name."})
    kind = forms.ChoiceField(
        choices=IndicatorKind.choices, error_messages=_choice_errors("what kind of measure it is")
    )
    definition = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    why_it_matters = forms.CharField(
        label="Why it matters", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    unit = forms.ChoiceField(choices=Unit.choices, error_messages=_choice_errors("the unit"))
    numerator_label = forms.CharField(label="Numerator", max_length=200, required=False)
    denominator_label = forms.CharField(label="Denominator", max_length=200, required=False)
    polarity = forms.ChoiceField(
        choices=Polarity.choices, error_messages=_choice_errors("which way is better")
    )
    frequency = forms.ChoiceField(
        choices=Frequency.choices, error_messages=_choice_errors("how often it is measured")
    )
    source_agency = record_choice(
        label="Source agency",
        empty_label="Not recorded",
        invalid="Select the source agency from the list.",
    )
    owner = record_choice(
        empty_label="Not recorded",
        invalid="Select the owner from the list.",
        field=_MemberChoice,
    )
    is_bellwether = forms.BooleanField(label="This is a bellwether indicator", required=False)
    themes = _ThemeChoice(
        queryset=Theme.objects.none(),
        required=False,
        label="Priorities and outcomes",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select priorities and outcomes from the list."},
    )
    actions = _ActionChoice(
        queryset=Action.objects.none(),
        required=False,
        label="Plan actions",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select plan actions from the list."},
    )
    suppression_threshold = forms.IntegerField(
        label="Small-number suppression threshold",
        min_value=0,
        max_value=1000,
        initial=5,
        help_text="Counts below this are shown as fewer than this in exports and published "
        "reports.",
        error_messages={
            "required": "Enter the suppression threshold, for example 5.",
            "invalid": "Enter the suppression threshold as a whole number, like 5.",
            "min_value": "Enter a threshold of 0 or more.",
            "max_value": "Enter a threshold of 1000 or less.",
        },
    )
    story_behind_baseline = forms.CharField(
        label="Story behind the baseline", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    what_works = forms.CharField(
        label="What works", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    baseline_end = forms.CharField(
        label="End of the baseline (period)",
        required=False,
        max_length=40,
        help_text=f"The last period of the baseline; the forecast runs on from it. {PERIOD_HINT}",
    )
    is_illustrative = forms.BooleanField(
        label="The values are illustrative (synthetic data for demonstration)", required=False
    )
    position = forms.IntegerField(
        min_value=0,
        initial=0,
        required=False,
        error_messages={"invalid": "Enter the position as a whole number, like 3."},
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            source_agency=agency_list(partnership=partnership, include_archived=True),
            owner=(
                Membership.objects.active()
                .filter(partnership=partnership)
                .select_related("user")
                .order_by("user__full_name", "pk")
            ),
            themes=partnership_themes(partnership),
            actions=partnership_actions(partnership),
        )

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
        initial["source_agency"] = indicator.source_agency_id
        initial["owner"] = indicator.owner_id
        initial["themes"] = list(indicator.themes.values_list("pk", flat=True))
        initial["actions"] = list(indicator.actions.values_list("pk", flat=True))
        initial["baseline_end"] = _period_text(indicator.baseline_end, indicator.frequency)
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("baseline_end") or "").strip()
        frequency = data.get("frequency")
        if text and frequency:
            try:
                data["baseline_end"] = periods.parse(text, frequency)
            except periods.PeriodError as exc:
                self.add_error("baseline_end", str(exc))
        else:
            data["baseline_end"] = None
        if data.get("position") is None:
            data["position"] = 0
        return data


class IndicatorChangeForm(IndicatorForm, VersionedForm):
    pass


class TargetForm(forms.Form):
    widths = {"period": "10", "value": "10"}

    period = forms.CharField(
        max_length=40,
        error_messages={"required": "Enter the period the target is for."},
    )
    value = forms.DecimalField(
        label="Target",
        max_digits=14,
        decimal_places=4,
        error_messages={
            "required": "Enter the target.",
            "invalid": "Enter the target as a number, like 12.5.",
            "max_digits": "Enter a target of at most 10 digits before the decimal point.",
            "max_decimal_places": "Enter the target with at most 4 decimal places.",
        },
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        example = periods.label(datetime.date(2017, 4, 1), indicator.frequency)
        self.fields["period"].help_text = f"For example, {example}."

    def clean_period(self) -> datetime.date:
        try:
            return periods.parse(self.cleaned_data["period"], self.indicator.frequency)
        except periods.PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def for_service(self) -> dict[str, Any]:
        value: Decimal = self.cleaned_data["value"]
        return {"period_start": self.cleaned_data["period"], "value": value}

    @staticmethod
    def initial_for(target: Target) -> dict[str, Any]:
        return {
            "period": periods.label(target.period_start, target.indicator.frequency),
            "value": target.value,
        }


class TargetChangeForm(TargetForm, VersionedForm):
    pass


class SpcRebaseForm(forms.Form):
    widths = {"period": "10"}

    period = forms.CharField(
        label="Recalculate the limits from",
        max_length=40,
        error_messages={"required": "Enter the period the change in process took effect."},
    )
    reason = forms.CharField(
        label="What changed",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown beside the chart and in its data table, for example "
        '"New front door: referrals counted at first contact".',
        error_messages={
            "required": "Enter why the limits are recalculated, like a new way of counting.",
            "max_length": "Enter a reason of at most 300 characters.",
        },
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        example = periods.label(datetime.date(2017, 4, 1), indicator.frequency)
        self.fields[
            "period"
        ].help_text = f"The first period of the new process, for example {example}."

    def clean_period(self) -> datetime.date:
        try:
            return periods.parse(self.cleaned_data["period"], self.indicator.frequency)
        except periods.PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def for_service(self) -> dict[str, Any]:
        return {"period_start": self.cleaned_data["period"], "reason": self.cleaned_data["reason"]}


class PartnerForm(forms.Form):
    agency = record_choice(
        empty_label="Not one of our agencies",
        invalid="Select the agency from the list.",
    )
    name = forms.CharField(
        label="Name of the partner",
        max_length=200,
        required=False,
        help_text="Only if the partner is not one of our agencies.",
    )
    role = forms.CharField(
        label="Their role in turning the curve",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, agency=agency_list(partnership=partnership, include_archived=True))


class DevelopmentItemForm(forms.Form):
    title = forms.CharField(
        max_length=300, error_messages={"required": "Enter what data is needed."}
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    status = forms.ChoiceField(
        choices=DevelopmentStatus.choices, error_messages=_choice_errors("the status")
    )

    @staticmethod
    def initial_for(item: DataDevelopmentItem) -> dict[str, Any]:
        return {"title": item.title, "description": item.description, "status": item.status}


class DevelopmentItemChangeForm(DevelopmentItemForm, VersionedForm):
    pass


# How many periods the value form offers to choose from, newest first (older ones are typed).
CHOOSABLE_PERIODS = {Frequency.MONTHLY: 36, Frequency.QUARTERLY: 16, Frequency.ANNUAL: 8}


def choosable_periods(frequency: str, today: datetime.date) -> list[tuple[str, str]]:
    """(ISO start, label) of the indicator's recent periods up to the one holding `today`."""
    last = periods.period_start(today, frequency)
    starts = [last]
    for _ in range(CHOOSABLE_PERIODS.get(Frequency(frequency), 12) - 1):
        starts.append(periods.period_start(starts[-1] - datetime.timedelta(days=1), frequency))
    return [(day.isoformat(), periods.label(day, frequency)) for day in starts]


def _figure(label: str, hint: str = "") -> forms.CharField:
    # Text, not a number field: the figures are checked by the values import's own rules, so
    # a keyed value is refused with the same message as a row of a file.
    return forms.CharField(label=label, required=False, max_length=40, help_text=hint)


class ValueChangeForm(VersionedForm):
    """Correct the value of one period: its figures and comment (the period is the page's)."""

    widths = {"value": "10", "numerator": "10", "denominator": "10"}

    value = _figure("Value")
    numerator = _figure("Numerator")
    denominator = _figure("Denominator")
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the value is keyed or corrected, or what a reader should know about it.",
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.unit in (Unit.PERCENTAGE, Unit.RATE_1000, Unit.RATE_10000):
            self.fields["numerator"].label = indicator.numerator_label or "Numerator"
            self.fields["denominator"].label = indicator.denominator_label or "Denominator"
            self.fields["value"].help_text = (
                f"{indicator.get_unit_display()}. Give the numerator and denominator and the "
                "value is worked out from them, or give the value alone."
            )
        else:
            del self.fields["numerator"], self.fields["denominator"]
            self.fields["value"].help_text = f"{indicator.get_unit_display()}, for example 12."

    def for_service(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        return {"numerator": "", "denominator": "", **data}

    @staticmethod
    def initial_for(value: Value) -> dict[str, Any]:
        def text(number: Decimal | None) -> str:
            return "" if number is None else periods_number(number)

        return {
            "value": text(value.value),
            "numerator": text(value.numerator),
            "denominator": text(value.denominator),
            "comment": value.comment,
        }


def periods_number(number: Decimal) -> str:
    """336.0000 → "336"; 12.5000 → "12.5": a stored figure as a person types it."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class ValueForm(ValueChangeForm):
    """Key a value for a period, or correct the one there: the period chosen from the recent
    ones, or typed as a values file writes it."""

    field_order = ("period", "other_period", "agency", "value", "numerator", "denominator")

    period = forms.ChoiceField(
        label="Period", required=False, help_text="The recent periods, newest first."
    )
    other_period = forms.CharField(
        label="Or type the period",
        required=False,
        max_length=40,
        help_text=f"For an earlier period. {PERIOD_HINT}",
    )
    agency = record_choice(
        empty_label="The partnership total",
        invalid="Select the agency from the list.",
        label="Whose value",
        help_text="The report card shows the partnership total.",
    )

    def __init__(
        self, *args: Any, indicator: Indicator, today: datetime.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, indicator=indicator, **kwargs)
        del self.fields["version"]
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = [
            ("", "Choose a period"),
            *choosable_periods(indicator.frequency, today),
        ]
        limit_choices(self, agency=agency_list(partnership=indicator.partnership))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen, typed = data.get("period", ""), (data.get("other_period") or "").strip()
        if chosen and typed:
            self.add_error("other_period", "Choose a period or type one, not both.")
        elif not chosen and not typed:
            self.add_error("period", "Choose the period the value is for, or type it below.")
        elif typed:
            try:
                periods.parse(typed, self.indicator.frequency)
            except periods.PeriodError as exc:
                self.add_error("other_period", str(exc))
        return data

    def for_service(self) -> dict[str, Any]:
        data = super().for_service()
        typed = data.pop("other_period", "").strip()
        return {**data, "period": data.get("period") or typed}
