"""The GOV.UK date input: three parts in, a date out, or the Design System's message."""

import datetime

import pytest
from django import forms
from django.template import Context, Template

from safeboard.ui.forms import DateInputField


class _Form(forms.Form):
    date_approved = DateInputField(label="Date approved", required=False)
    due = DateInputField(label="Due date", error_messages={"required": "Enter the due date."})


def _form(**parts):
    data = {"due_day": "1", "due_month": "4", "due_year": "2024"}
    data.update(parts)
    return _Form(data)


def test_it_reads_a_date_from_its_three_parts():
    form = _form(date_approved_day="30", date_approved_month="3", date_approved_year="2021")
    assert form.is_valid()
    assert form.cleaned_data["date_approved"] == datetime.date(2021, 3, 30)


def test_it_leaves_an_optional_date_blank():
    form = _form()
    assert form.is_valid()
    assert form.cleaned_data["date_approved"] is None


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("1", "", "2021"), "Date approved must include a month"),
        (("30", "2", "2021"), "Date approved must be a real date"),
        (("1", "1", "21"), "Year must include 4 numbers"),
        (("x", "1", "2021"), "Date approved must be a real date, written in numbers"),
    ],
)
def test_it_says_what_is_wrong_with_a_date_as_govuk_asks(parts, message):
    day, month, year = parts
    form = _form(date_approved_day=day, date_approved_month=month, date_approved_year=year)
    assert not form.is_valid()
    assert form.errors["date_approved"] == [message]


def test_it_uses_the_fields_own_message_when_a_required_date_is_blank():
    form = _form(due_day="", due_month="", due_year="")
    assert form.errors["due"] == ["Enter the due date."]


def test_it_renders_the_govuk_date_input_keeping_what_was_typed_and_linking_the_error():
    form = _form(date_approved_day="30", date_approved_month="", date_approved_year="2021")
    form.is_valid()
    html = Template("{% govuk_error_summary form %}{% govuk_field form.date_approved %}").render(
        Context({"form": form})
    )
    assert 'class="govuk-date-input"' in html
    assert 'name="date_approved_day"' in html
    assert 'value="30"' in html
    assert 'href="#id_date_approved_month"' in html  # the summary links to the missing part
    assert 'id="id_date_approved_month" name="date_approved_month"' in html
    month_input = html.split('id="id_date_approved_month"')[0].rsplit("<input", 1)[1]
    assert "govuk-input--error" in month_input
    day_input = html.split('id="id_date_approved_day"')[0].rsplit("<input", 1)[1]
    assert "govuk-input--error" not in day_input


def test_it_shows_an_edit_forms_date_in_its_three_parts():
    form = _Form(initial={"due": datetime.date(2012, 3, 27)})
    html = Template("{% govuk_field form.due %}").render(Context({"form": form}))
    for part in ('value="27"', 'value="3"', 'value="2012"'):
        assert part in html
