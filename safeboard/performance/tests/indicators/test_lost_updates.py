"""Two people change the same indicator, target or data development item at once: the first
save wins, the second is told who changed what and keeps their input, and nothing is lost."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import partial

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import DataDevelopmentItem, Target
from safeboard.ui.tests.forms import Race, by_roles, field_race, form_data, run_race

BASE = "/p/ourshire/measures"


ANALYST_AND_MANAGER = by_roles(Role.ANALYST, Role.MANAGER)  # both may change indicators
_race = partial(Race, people=ANALYST_AND_MANAGER)

CASES = {
    # The theme checkboxes come back checked: saving again keeps the indicator's theme.
    "indicator": _race(
        record=lambda world: world.indicator,
        url=f"{BASE}/indicators/{{r.pk}}/edit/",
        first_changes={"name": "Children in need"},
        second_changes={"name": "Children in need each month", "what_works": "Family hubs."},
        change="Name (Children in need per month -> Children in need)",
        stored=lambda i: (i.name, i.what_works, [t.title for t in i.themes.all()]),
        after_first=("Children in need", "Early help.", ["Neglect"]),
        after_both=("Children in need each month", "Family hubs.", ["Neglect"]),
    ),
    "target": field_race(
        lambda world: Target.objects.get(indicator=world.indicator),
        f"{BASE}/indicators/{{r.indicator_id}}/targets/{{r.pk}}/",
        "value",
        "Value (2.0000 -> 3.0000)",
        first="3",
        second="4",
        read=Decimal,
        people=ANALYST_AND_MANAGER,
    ),
    # The second person's form still said "needed": saving again knowingly applies it.
    "data development item": _race(
        record=lambda world: DataDevelopmentItem.objects.get(title="Referrals by school"),
        url=f"{BASE}/development/{{r.pk}}/",
        first_changes={"status": "in_progress"},
        second_changes={"description": "From the schools census."},
        change="Status (Needed -> In progress)",
        stored=lambda item: (item.status, item.description),
        after_first=("in_progress", ""),
        after_both=("needed", "From the schools census."),
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_keeps_both_changes(tenancy, world, kind):
    run_race(CASES[kind], tenancy, world)


def test_it_refuses_an_edit_of_a_target_without_the_version_and_writes_nothing(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    target = Target.objects.get(indicator=world.indicator)
    url = f"{BASE}/indicators/{world.indicator.pk}/targets/{target.pk}/"
    data = form_data(client, url, value="9", version=None)
    page = client.post(url, data)
    assert page.status_code == 200
    assert "This page is out of date" in page.content.decode()
    assert Target.objects.get(pk=target.pk).period_start == datetime.date(2021, 3, 1)
    assert Target.objects.get(pk=target.pk).value == Decimal("2")
