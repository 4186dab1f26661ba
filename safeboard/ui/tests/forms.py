"""Test helper: the data a person's browser would send from a page's form, as loaded, so a test
posts what a person would (the hidden version included) and changes only what it names."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.db.models import Model
from django.test import Client

from conftest import Tenancy, client_for
from safeboard.accounts.models import User
from safeboard.partnerships.domain.roles import Role


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form":
            self._form = {"attrs": attrs, "data": {}}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        data: dict[str, list[str]] = self._form["data"]
        name = attrs.get("name", "")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in attrs:
                    data.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in {"submit", "button", "file"}:
                data.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
            data.setdefault(name, [])
        elif tag == "option" and self._select is not None and "selected" in attrs:
            data[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, text: str) -> None:
        if self._form is not None and self._textarea is not None:
            values = self._form["data"][self._textarea]
            values[-1] += text.removeprefix("\n") if not values[-1] else text


def form_data(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """GET `url` and return its main form's data (the form marked `novalidate`, as every kit form
    is), with `changes` applied: a date is spread over its three inputs, None removes a field."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} gave {response.status_code}"
    data = read_form(response.content.decode())
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
            for part in ("day", "month", "year"):
                data.pop(f"{name}_{part}", None)
        elif isinstance(value, datetime.date) and f"{name}_day" in data:
            data.update(date_parts(name, value))
        else:
            data[name] = value
    return data


def read_form(html: str) -> dict[str, Any]:
    """The data of the page's main form (marked `novalidate`) as a browser would send it."""
    reader = _FormReader()
    reader.feed(html)
    main = [f for f in reader.forms if "novalidate" in f["attrs"]] or reader.forms
    data: dict[str, Any] = {
        k: (v if len(v) > 1 else (v[0] if v else "")) for k, v in main[0]["data"].items()
    }
    data.pop("csrfmiddlewaretoken", None)
    return data


def date_parts(name: str, value: datetime.date | str) -> dict[str, str]:
    """The three inputs of a date field: a date, or "" for all three blank, or "30/2/2021"."""
    if isinstance(value, datetime.date):
        day, month, year = str(value.day), str(value.month), str(value.year)
    else:
        day, month, year = ([*value.split("/"), "", ""])[:3] if value else ("", "", "")
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def assert_no_lost_update(
    first: Client,
    second: Client,
    url: str,
    *,
    first_changes: dict[str, Any],
    second_changes: dict[str, Any],
    first_name: str,
    change: str,
    stored: Callable[[], object] | None = None,
    after_first: object = None,
) -> None:
    """Two people load the edit form at `url`; the first saves, then the second. The second is
    refused with a message naming the first person and `change` ("Name (Old -> New)"), sees
    their own input again, and saving again (with the version moved on) applies it. With
    `stored`, what it reads back is `after_first` once the second person is refused: the first
    person's save is kept and nothing of the refused one is written."""
    first_form = form_data(first, url, **first_changes)
    second_form = form_data(second, url, **second_changes)
    saved = first.post(url, first_form)
    assert saved.status_code == 302, "the first save should be applied"
    refused = second.post(url, second_form)
    assert refused.status_code == 200, "the second save should be refused"
    html = refused.content.decode()
    text = html.replace("&gt;", ">").replace("&#x27;", "'")
    assert "govuk-error-summary" in html
    assert f"{first_name} changed this on " in text
    assert change in text, text[text.find("changed this on") :][:400]
    assert "Your changes are below: check them and save again to apply them." in text
    if stored is not None:
        assert stored() == after_first, "the first save is kept, nothing of the refused one"
    again = read_form(html)
    for name, value in second_form.items():
        if name != "version":
            assert again.get(name) == value, f"{name}: the second person's input is kept"
    assert int(again["version"]) > int(second_form["version"]), "the version moves on"
    assert second.post(url, again).status_code == 302, "saving again applies it"


def two_managers(tenancy: Tenancy) -> tuple[User, User]:
    """The people of most races: our analyst promoted to manager (first), and the manager."""
    other = tenancy.members[Role.ANALYST]
    other.role = Role.MANAGER.value
    other.save()
    return other.user, tenancy.manager


def by_roles(first: Role, second: Role) -> Callable[[Tenancy], tuple[User, User]]:
    """The people of a race: the members of our partnership with these roles, as they are."""
    return lambda tenancy: (tenancy.user(first), tenancy.user(second))


@dataclass(frozen=True)
class Race:
    """One record kind's case of two people editing the same record at once (`run_race`):
    `record` makes or finds it in the test's world; `url` is its edit page, formatted with the
    record as `r`; `stored` reads back, from the record as saved, what the two change: it is
    `after_first` once the second person is refused and `after_both` once they saved again."""

    record: Callable[[Any], Model]
    url: str
    first_changes: dict[str, Any]
    second_changes: dict[str, Any]
    change: str
    stored: Callable[[Any], object]
    after_first: object
    after_both: object
    people: Callable[[Tenancy], tuple[User, User]] = two_managers


def run_race(race: Race, tenancy: Tenancy, world: Any = None) -> None:
    """The race of `assert_no_lost_update` for one `Race`, in `world` (the tenancy if None)."""
    first, second = race.people(tenancy)
    record = race.record(tenancy if world is None else world)

    def stored() -> object:
        record.refresh_from_db()
        return race.stored(record)

    assert_no_lost_update(
        client_for(first),
        client_for(second),
        race.url.format(r=record),
        first_changes=race.first_changes,
        second_changes=race.second_changes,
        first_name=str(first),
        change=race.change,
        stored=stored,
        after_first=race.after_first,
    )
    assert stored() == race.after_both, "saving again applies the second person's input"


def field_race(
    record: Callable[[Any], Model],
    url: str,
    field: str,
    change: str,
    *,
    first: str = "First's words",
    second: str = "Second's words",
    read: Callable[[str], object] = str,
    people: Callable[[Tenancy], tuple[User, User]] = two_managers,
) -> Race:
    """The race in which both people change the one `field`, typing `first` and `second`; the
    record then holds `read` of what was typed (`read=Decimal` for an amount)."""
    return Race(
        record=record,
        url=url,
        first_changes={field: first},
        second_changes={field: second},
        change=change,
        stored=lambda saved: getattr(saved, field),
        after_first=read(first),
        after_both=read(second),
        people=people,
    )


def refused_page(response: Any, *fragments: str) -> str:
    """The page of a refused form (shown again, with the GOV.UK error summary) holding each of
    `fragments`; returns its HTML."""
    assert response.status_code == 200
    body: str = response.content.decode()
    assert "govuk-error-summary" in body
    for fragment in fragments:
        assert fragment in body, (fragment, body[:3000])
    return body


def escaped(text: str) -> str:
    """`text` as a page shows it (Django's escaping), to find a message in the HTML."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;")
