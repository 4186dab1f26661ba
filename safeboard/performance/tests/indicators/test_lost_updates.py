"""Two people change the same indicator, target or data development item at once: the first
save wins, the second is told who changed what and keeps their input, and nothing is lost."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import DataDevelopmentItem, Indicator, Target
from safeboard.ui.tests.forms import assert_no_lost_update, form_data

BASE = "/p/ourshire/measures"


@pytest.fixture
def two_analysts(tenancy):
    """An analyst and the manager: both may change indicators."""
    analyst = tenancy.user(Role.ANALYST)
    return client_for(analyst), client_for(tenancy.manager), str(analyst)


def test_it_keeps_both_changes_to_an_indicator(tenancy, world, two_analysts):
    first, second, name = two_analysts
    assert_no_lost_update(
        first,
        second,
        f"{BASE}/indicators/{world.indicator.pk}/edit/",
        first_changes={"name": "Children in need"},
        second_changes={"name": "Children in need each month", "what_works": "Family hubs."},
        first_name=name,
        change="Name (Children in need per month -> Children in need)",
    )
    indicator = Indicator.objects.get(pk=world.indicator.pk)
    assert (indicator.name, indicator.what_works) == ("Children in need each month", "Family hubs.")
    assert list(indicator.themes.all()) == [world.theme]  # the checkboxes came back checked


def test_it_keeps_both_changes_to_a_target(tenancy, world, two_analysts):
    first, second, name = two_analysts
    target = Target.objects.get(indicator=world.indicator)
    assert_no_lost_update(
        first,
        second,
        f"{BASE}/indicators/{world.indicator.pk}/targets/{target.pk}/",
        first_changes={"value": "3"},
        second_changes={"value": "4"},
        first_name=name,
        change="Value (2.0000 -> 3.0000)",
    )
    assert Target.objects.get(pk=target.pk).value == Decimal("4")


def test_it_keeps_both_changes_to_a_data_development_item(tenancy, world, two_analysts):
    first, second, name = two_analysts
    item = DataDevelopmentItem.objects.get(title="Referrals by school")
    assert_no_lost_update(
        first,
        second,
        f"{BASE}/development/{item.pk}/",
        first_changes={"status": "in_progress"},
        second_changes={"description": "From the schools census."},
        first_name=name,
        change="Status (Needed -> In progress)",
    )
    item.refresh_from_db()
    # The second person's form still said "needed": saving again knowingly applies it.
    assert (item.status, item.description) == ("needed", "From the schools census.")


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
