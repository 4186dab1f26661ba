"""Two managers change the same budget or staffing record at once: nothing is lost."""

import datetime
from decimal import Decimal

import pytest

from conftest import client_for
from safeboard.finance.models import BudgetLine, BudgetYear, Contribution, Spend, StaffPost
from safeboard.finance.tests.factories import (
    BudgetLineFactory,
    BudgetYearFactory,
    ContributionFactory,
    SpendFactory,
    StaffPostFactory,
)
from safeboard.partnerships.domain.roles import Role
from safeboard.ui.tests.forms import assert_no_lost_update


@pytest.fixture
def two_managers(tenancy):
    other = tenancy.members[Role.ANALYST]
    other.role = Role.MANAGER.value
    other.save()
    return client_for(other.user), client_for(tenancy.manager), str(other.user)


def _line(tenancy):
    year = BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")
    return BudgetLineFactory(year=year, name="Core")


def test_it_keeps_both_changes_to_a_budget_year(tenancy, two_managers):
    first, second, name = two_managers
    year = BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")
    assert_no_lost_update(
        first,
        second,
        f"/p/ourshire/budget/years/{year.pk}/edit/",
        first_changes={"notes": "Agreed in March"},
        second_changes={"notes": "Agreed in April"},
        first_name=name,
        change="Notes (not recorded -> Agreed in March)",
    )
    assert BudgetYear.objects.get(pk=year.pk).notes == "Agreed in April"


def test_it_keeps_both_changes_to_a_budget_line(tenancy, two_managers):
    first, second, name = two_managers
    line = _line(tenancy)
    assert_no_lost_update(
        first,
        second,
        f"/p/ourshire/budget/lines/{line.pk}/edit/",
        first_changes={"name": "Core budget"},
        second_changes={"name": "Main budget"},
        first_name=name,
        change="Name (Core -> Core budget)",
    )
    assert BudgetLine.objects.get(pk=line.pk).name == "Main budget"


def test_it_keeps_both_changes_to_a_contribution(tenancy, two_managers):
    first, second, name = two_managers
    contribution = ContributionFactory(
        line=_line(tenancy), agency=tenancy.agency, amount=Decimal("10")
    )
    assert_no_lost_update(
        first,
        second,
        f"/p/ourshire/budget/contributions/{contribution.pk}/edit/",
        first_changes={"amount": "20"},
        second_changes={"amount": "30"},
        first_name=name,
        change="(10.00 -> 20.00)",
    )
    assert Contribution.objects.get(pk=contribution.pk).amount == Decimal("30")


def test_it_keeps_both_changes_to_spend(tenancy, two_managers):
    first, second, name = two_managers
    spend = SpendFactory(line=_line(tenancy), description="Venue", amount=Decimal("100"))
    assert_no_lost_update(
        first,
        second,
        f"/p/ourshire/budget/spend/{spend.pk}/edit/",
        first_changes={"date": datetime.date(2011, 7, 1)},
        second_changes={"description": "Venue hire"},
        first_name=name,
        change="(30 June 2011 -> 1 July 2011)",
    )
    saved = Spend.objects.get(pk=spend.pk)
    # The second person's form still held the old date: saving again applies all they saw.
    assert (saved.description, saved.date) == ("Venue hire", datetime.date(2011, 6, 30))


def test_it_keeps_both_changes_to_a_staff_post(tenancy, two_managers):
    first, second, name = two_managers
    post = StaffPostFactory(partnership=tenancy.ours, title="Trainers")
    assert_no_lost_update(
        first,
        second,
        f"/p/ourshire/budget/staffing/{post.pk}/edit/",
        first_changes={"title": "Training Officers"},
        second_changes={"title": "Trainers (2)"},
        first_name=name,
        change="(Trainers -> Training Officers)",
    )
    assert StaffPost.objects.get(pk=post.pk).title == "Trainers (2)"
