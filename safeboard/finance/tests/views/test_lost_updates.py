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
from safeboard.ui.tests.forms import Race, run_race


def _year(tenancy):
    return BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")


def _line(tenancy):
    return BudgetLineFactory(year=_year(tenancy), name="Core")


CASES = {
    "budget year": Race(
        record=_year,
        url="/p/ourshire/budget/years/{r.pk}/edit/",
        first_changes={"notes": "Agreed in March"},
        second_changes={"notes": "Agreed in April"},
        change="Notes (not recorded -> Agreed in March)",
        stored=lambda year: year.notes,
        after_first="Agreed in March",
        after_both="Agreed in April",
    ),
    "budget line": Race(
        record=_line,
        url="/p/ourshire/budget/lines/{r.pk}/edit/",
        first_changes={"name": "Core budget"},
        second_changes={"name": "Main budget"},
        change="Name (Core -> Core budget)",
        stored=lambda line: line.name,
        after_first="Core budget",
        after_both="Main budget",
    ),
    "contribution": Race(
        record=lambda t: ContributionFactory(line=_line(t), agency=t.agency, amount=Decimal("10")),
        url="/p/ourshire/budget/contributions/{r.pk}/edit/",
        first_changes={"amount": "20"},
        second_changes={"amount": "30"},
        change="(10.00 -> 20.00)",
        stored=lambda contribution: contribution.amount,
        after_first=Decimal("20"),
        after_both=Decimal("30"),
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
    "staff post": Race(
        record=lambda t: StaffPostFactory(partnership=t.ours, title="Trainers"),
        url="/p/ourshire/budget/staffing/{r.pk}/edit/",
        first_changes={"title": "Training Officers"},
        second_changes={"title": "Trainers (2)"},
        change="(Trainers -> Training Officers)",
        stored=lambda post: post.title,
        after_first="Training Officers",
        after_both="Trainers (2)",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_keeps_both_changes(tenancy, kind):
    run_race(CASES[kind], tenancy)
