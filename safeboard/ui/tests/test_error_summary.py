"""The GOV.UK error summary lists the problems in the order the page shows the fields, each
linking to its field, whichever check found the problem first."""

from __future__ import annotations

from html.parser import HTMLParser

from django import forms

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.ui.forms import DateInputField
from safeboard.ui.templatetags.govuk import govuk_error_summary


class _Page(HTMLParser):
    """The error summary's links, and every id in the page in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.summary_links: list[str] = []
        self._in_summary = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "govuk-error-summary" in (attributes.get("class") or "").split():
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        if self._in_summary and tag == "a" and (attributes.get("href") or "").startswith("#"):
            self.summary_links.append(str(attributes["href"])[1:])
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))

    def handle_endtag(self, tag: str) -> None:
        if self._in_summary and tag == "div":
            self._in_summary -= 1


def _summary_and_page_order(html: str) -> tuple[list[str], list[str]]:
    page = _Page()
    page.feed(html)
    on_page = [i for i in page.ids if i in page.summary_links]
    return page.summary_links, on_page


def test_it_lists_expect_returns_problems_in_page_order(tenancy):
    # The period is checked against the frequency in the form's clean(), after the due date's
    # own check: found second, shown first, as on the page.
    client = client_for(tenancy.user(Role.ANALYST))
    response = client.post(
        "/p/ourshire/measures/returns/schedule/",
        {"frequency": "monthly", "period": "not a period", "due_date_day": "31"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    summary, on_page = _summary_and_page_order(html)
    assert summary == ["id_period", "id_due_date_month"]
    assert summary == on_page
    assert html.index("There is a problem") < html.index('id="id_period"')


class _Form(forms.Form):
    name = forms.CharField(label="Name")
    starts = DateInputField(label="Start date")
    size = forms.IntegerField(label="Size")

    def clean(self):
        data = super().clean()
        self.add_error("name", "Enter a name that is not taken")
        return data


def test_it_orders_every_forms_errors_by_field_whoever_added_them():
    form = _Form({"name": "x", "size": "big"})
    assert not form.is_valid()
    form.add_error(None, "Someone else changed this")  # as run_service adds a service's error
    errors = govuk_error_summary(form)["errors"]
    assert [anchor for anchor, _message in errors] == ["", "#id_name", "#id_starts_day", "#id_size"]
    assert errors[0][1] == "Someone else changed this"
    assert errors[1][1] == "Enter a name that is not taken"
