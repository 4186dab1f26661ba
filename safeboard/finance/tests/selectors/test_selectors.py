from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeboard.finance import selectors
from safeboard.finance.tests.factories import (
    BudgetLineFactory,
    ContributionFactory,
    SpendFactory,
    build_lincolnshire_2011_12,
)


def test_it_gathers_a_year_with_its_computed_totals_in_three_queries(tenancy):
    year = build_lincolnshire_2011_12(tenancy.ours)
    with CaptureQueriesContext(connection) as ctx:
        budget = selectors.budget_year_detail(year=year)
        # Reading everything the page shows costs nothing more.
        names = [
            (t.line.year.label, item.contribution.agency.name)
            for t in budget.lines
            for g in t.groups
            for item in g.rows
        ]
    assert len(ctx.captured_queries) == 3
    assert len(names) == 18
    core, training = budget.lines
    assert (core.core_total, core.other_total, core.total) == (
        Decimal("160912"),
        Decimal("29838"),
        Decimal("190750"),
    )
    assert (training.core_total, training.other_total, training.total) == (
        Decimal("80707"),
        Decimal("4143"),
        Decimal("84850"),
    )
    assert budget.total == Decimal("275600")
    assert [g.total_label for g in core.groups] == [
        "Total for core agencies",
        "Total for other agencies",
    ]
    assert core.total_label == "Grand total for core budget"


def test_it_keeps_an_acronym_at_the_start_of_a_line_name(tenancy):
    line = BudgetLineFactory(name="LSCB development fund")
    assert selectors.line_total_label(line) == "Grand total for LSCB development fund"


def test_it_keeps_agencies_with_look_alike_names_apart(tenancy):
    line = BudgetLineFactory(year__partnership=tenancy.ours)
    ContributionFactory(line=line, agency__name="Health", amount=Decimal("1"))
    ContributionFactory(line=line, agency__name="Health ", amount=Decimal("2"))
    budget = selectors.budget_year_detail(year=line.year)
    assert [a.total for a in budget.agencies] == [Decimal("1.00"), Decimal("2.00")]


def test_it_works_out_spend_for_the_year(tenancy):
    line = BudgetLineFactory(year__partnership=tenancy.ours)
    ContributionFactory(line=line, amount=Decimal("1000"))
    SpendFactory(line=line, amount=Decimal("250.25"))
    SpendFactory(line=line, amount=Decimal("100"))
    budget = selectors.budget_year_detail(year=line.year)
    assert (budget.spent, budget.remaining) == (Decimal("350.25"), Decimal("649.75"))
    assert [s.amount for s in budget.lines[0].spend_items] == [Decimal("250.25"), Decimal("100")]
