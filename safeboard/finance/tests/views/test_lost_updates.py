"""Two managers change the same budget or staffing record at once: nothing is lost."""

import datetime
from decimal import Decimal

import pytest

from safeboard.finance.tests.factories import (
    BudgetLineFactory,
    BudgetYearFactory,
    ContributionFactory,
    SpendFactory,
    StaffPostFactory,
)
from safeboard.ui.tests.forms import Race, field_race, run_race


def _year(tenancy):
    return BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")


def _line(tenancy):
    return BudgetLineFactory(year=_year(tenancy), name="Core")


CASES = {
    "budget year": field_race(
        _year,
        "/p/ourshire/budget/years/{r.pk}/edit/",
        "notes",
        "Notes (not recorded -> Agreed in March)",
        first="Agreed in March",
        second="Agreed in April",
    ),
    "budget line": field_race(
        _line,
        "/p/ourshire/budget/lines/{r.pk}/edit/",
        "name",
        "Name (Core -> Core budget)",
        first="Core budget",
        second="Main budget",
    ),
    "contribution": field_race(
        lambda t: ContributionFactory(line=_line(t), agency=t.agency, amount=Decimal("10")),
        "/p/ourshire/budget/contributions/{r.pk}/edit/",
        "amount",
        "(10.00 -> 20.00)",
        first="20",
        second="30",
        read=Decimal,
    ),
    # The second person's form still held the old date: saving again applies all they saw.
    "spend": Race(
        record=lambda t: SpendFactory(line=_line(t), description="Venue", amount=Decimal("100")),
        url="/p/ourshire/budget/spend/{r.pk}/edit/",
        first_changes={"date": datetime.date(2011, 7, 1)},
        second_changes={"description": "Venue hire"},
        change="(30 June 2011 -> 1 July 2011)",
        stored=lambda spend: (spend.description, spend.date),
        after_first=("Venue", datetime.date(2011, 7, 1)),
        after_both=("Venue hire", datetime.date(2011, 6, 30)),
    ),
    "staff post": field_race(
        lambda t: StaffPostFactory(partnership=t.ours, title="Trainers"),
        "/p/ourshire/budget/staffing/{r.pk}/edit/",
        "title",
        "(Trainers -> Training Officers)",
        first="Training Officers",
        second="Trainers (2)",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_keeps_both_changes(tenancy, kind):
    run_race(CASES[kind], tenancy)
