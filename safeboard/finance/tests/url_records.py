"""Makers for the finance URL kwargs, used by tests/test_tenancy.py and tests/test_every_page.py:
each creates a record of its kind inside `partnership` and returns its id."""

from safeboard.finance.tests.factories import (
    BudgetLineFactory,
    BudgetYearFactory,
    ContributionFactory,
    SpendFactory,
    StaffPostFactory,
)


def _year(tenancy, partnership):
    return BudgetYearFactory(partnership=partnership).pk


def _line(tenancy, partnership):
    return BudgetLineFactory(year=BudgetYearFactory(partnership=partnership)).pk


def _contribution(tenancy, partnership):
    line = BudgetLineFactory(year=BudgetYearFactory(partnership=partnership))
    return ContributionFactory(line=line).pk


def _spend(tenancy, partnership):
    line = BudgetLineFactory(year=BudgetYearFactory(partnership=partnership))
    return SpendFactory(line=line).pk


def _staff_post(tenancy, partnership):
    return StaffPostFactory(partnership=partnership).pk


URL_RECORDS = {
    "budget_year_id": _year,
    "budget_line_id": _line,
    "contribution_id": _contribution,
    "spend_id": _spend,
    "staff_post_id": _staff_post,
}
