import datetime
from decimal import Decimal

import pytest

from safeboard.core.errors import ApplicationError
from safeboard.finance import services
from safeboard.finance.models import BudgetLine, BudgetYear, Contribution, Spend
from safeboard.finance.tests.factories import (
    BudgetLineFactory,
    BudgetYearFactory,
    ContributionFactory,
    SpendFactory,
)
from safeboard.partnerships.tests.factories import AgencyFactory

# --- Budget years -------------------------------------------------------------------------------


def test_it_creates_a_year_labelled_from_its_start_year_and_records_who(tenancy):
    year = services.budget_year_create(
        partnership=tenancy.ours, start_year=2011, label="", by=tenancy.manager
    )
    assert year.label == "2011/12"
    assert year.history.first().history_user == tenancy.manager


def test_it_writes_a_typed_label_the_standard_way(tenancy):
    year = services.budget_year_create(
        partnership=tenancy.ours, start_year=2011, label="2011-2012", by=None
    )
    assert year.label == "2011/12"


def test_it_refuses_a_label_that_disagrees_with_the_start_year(tenancy):
    with pytest.raises(ApplicationError) as error:
        services.budget_year_create(
            partnership=tenancy.ours, start_year=2011, label="2012/13", by=None
        )
    assert error.value.field == "label"
    assert not BudgetYear.objects.exists()


def test_it_refuses_a_second_budget_for_the_same_year_but_not_in_another_partnership(tenancy):
    services.budget_year_create(partnership=tenancy.ours, start_year=2011, by=None)
    with pytest.raises(ApplicationError) as error:
        services.budget_year_create(partnership=tenancy.ours, start_year=2011, by=None)
    assert error.value.message == "There is already a budget for 2011/12. Change that year instead."
    assert error.value.field == "start_year"
    services.budget_year_create(partnership=tenancy.theirs, start_year=2011, by=None)
    assert BudgetYear.objects.count() == 2


def test_it_changes_a_year_and_checks_the_label_against_the_new_start(tenancy):
    year = BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")
    other = BudgetYearFactory(partnership=tenancy.ours, start_year=2013, label="2013/14")
    services.budget_year_update(
        year=year, start_year=2012, label="", notes=" Agreed ", by=tenancy.manager
    )
    year.refresh_from_db()
    assert (year.start_year, year.label, year.notes) == (2012, "2012/13", "Agreed")
    with pytest.raises(ApplicationError):
        services.budget_year_update(year=year, start_year=2013, label="", notes="", by=None)
    with pytest.raises(ApplicationError):
        services.budget_year_update(year=year, start_year=2012, label="2011/12", notes="", by=None)
    assert other.start_year == 2013


def test_it_refuses_an_unlikely_start_year(tenancy):
    with pytest.raises(ApplicationError) as error:
        services.budget_year_create(partnership=tenancy.ours, start_year=211, by=None)
    assert error.value.field == "start_year"


# --- Budget lines -------------------------------------------------------------------------------


def test_it_adds_lines_in_order_with_keys_made_from_their_names(tenancy):
    year = BudgetYearFactory(partnership=tenancy.ours)
    core = services.budget_line_create(year=year, name="Core budget", kind="core", by=None)
    training = services.budget_line_create(
        year=year, name="Training budget", kind="training", by=None
    )
    assert (core.key, core.position, core.partnership) == ("core-budget", 0, tenancy.ours)
    assert (training.key, training.position) == ("training-budget", 1)


def test_it_refuses_a_second_line_of_the_same_name_in_a_year(tenancy):
    year = BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")
    services.budget_line_create(year=year, name="Core budget", kind="core", by=None)
    with pytest.raises(ApplicationError) as error:
        services.budget_line_create(year=year, name="core BUDGET", kind="core", by=None)
    assert error.value.message == (
        "2011/12 already has a line called core BUDGET. Use a different name."
    )
    assert BudgetLine.objects.count() == 1


def test_it_keeps_keys_unique_when_a_name_is_reused_after_a_rename(tenancy):
    year = BudgetYearFactory(partnership=tenancy.ours)
    first = services.budget_line_create(year=year, name="Core", kind="core", by=None)
    services.budget_line_update(line=first, name="Old core", kind="core", by=None)
    second = services.budget_line_create(year=year, name="Core", kind="core", by=None)
    first.refresh_from_db()
    assert (first.key, first.name) == ("core", "Old core")
    assert second.key == "core-2"


@pytest.mark.parametrize(("name", "kind", "field"), [("", "core", "name"), ("X", "gold", "kind")])
def test_it_refuses_a_line_without_a_name_or_kind(tenancy, name, kind, field):
    year = BudgetYearFactory(partnership=tenancy.ours)
    with pytest.raises(ApplicationError) as error:
        services.budget_line_create(year=year, name=name, kind=kind, by=None)
    assert error.value.field == field


# --- Contributions ------------------------------------------------------------------------------


@pytest.fixture
def line(tenancy):
    return BudgetLineFactory(
        year=BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12"),
        name="Core budget",
    )


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("£1,234.50", "1234.50"), ("1234.5", "1234.50"), (Decimal("84250"), "84250")],
)
def test_it_records_a_contribution_from_what_was_typed(tenancy, line, typed, amount):
    contribution = services.contribution_set(
        line=line, agency=tenancy.agency, agency_group="core", amount=typed, by=tenancy.manager
    )
    contribution.refresh_from_db()
    assert contribution.amount == Decimal(amount)
    assert contribution.partnership == tenancy.ours
    assert contribution.history.first().history_user == tenancy.manager


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter the contribution as an amount in pounds, like £1,234.50."),
        ("-5", "The contribution must be more than £0."),
        ("0", "The contribution must be more than £0."),
        (
            "1.001",
            "The contribution must be in pounds and pence, with no more than 2 decimal "
            "places, like £1,234.50.",
        ),
    ],
)
def test_it_refuses_an_amount_that_is_not_money_and_writes_nothing(tenancy, line, typed, message):
    with pytest.raises(ApplicationError) as error:
        services.contribution_set(
            line=line, agency=tenancy.agency, agency_group="core", amount=typed, by=None
        )
    assert (error.value.field, error.value.message) == ("amount", message)
    assert not Contribution.objects.exists()


def test_it_refuses_a_float_amount(tenancy, line):
    with pytest.raises(TypeError):
        services.contribution_set(
            line=line,
            agency=tenancy.agency,
            agency_group="core",
            amount=1.5,  # type: ignore[arg-type]
            by=None,
        )


def test_it_refuses_another_partnerships_agency(tenancy, line):
    with pytest.raises(ApplicationError) as error:
        services.contribution_set(
            line=line, agency=tenancy.their_agency, agency_group="core", amount="5", by=None
        )
    assert (error.value.field, error.value.message) == (
        "agency",
        "Select an agency of this partnership.",
    )
    assert not Contribution.objects.exists()


def test_it_refuses_an_archived_agency(tenancy, line):
    from django.utils import timezone

    archived = AgencyFactory(partnership=tenancy.ours, archived_at=timezone.now())
    with pytest.raises(ApplicationError, match="archived"):
        services.contribution_set(
            line=line, agency=archived, agency_group="other", amount="5", by=None
        )


def test_it_refuses_an_unknown_kind_of_agency(tenancy, line):
    with pytest.raises(ApplicationError) as error:
        services.contribution_set(
            line=line, agency=tenancy.agency, agency_group="gold", amount="5", by=None
        )
    assert error.value.field == "agency_group"


def test_it_lets_an_agency_give_once_per_line_unless_replacing(tenancy, line):
    services.contribution_set(
        line=line, agency=tenancy.agency, agency_group="core", amount="10", by=None
    )
    with pytest.raises(ApplicationError) as error:
        services.contribution_set(
            line=line, agency=tenancy.agency, agency_group="core", amount="20", by=None
        )
    assert error.value.message == (
        "Ourshire Police already has a contribution to Core budget. "
        "Change that contribution instead."
    )
    replaced = services.contribution_set(
        line=line, agency=tenancy.agency, agency_group="other", amount="20", replace=True, by=None
    )
    assert Contribution.objects.get().amount == Decimal("20.00")
    assert replaced.agency_group == "other"


def test_it_puts_new_contributions_at_the_end_of_the_line(tenancy, line):
    first = services.contribution_set(
        line=line, agency=tenancy.agency, agency_group="core", amount="1", by=None
    )
    second = services.contribution_set(
        line=line,
        agency=AgencyFactory(partnership=tenancy.ours),
        agency_group="core",
        amount="1",
        by=None,
    )
    assert (first.position, second.position) == (0, 1)


def test_it_changes_a_contribution_and_keeps_the_old_amount_in_its_history(tenancy, line):
    contribution = ContributionFactory(line=line, amount=Decimal("100"))
    services.contribution_update(
        contribution=contribution, agency_group="other", amount="£150", by=tenancy.manager
    )
    contribution.refresh_from_db()
    assert (contribution.amount, contribution.agency_group) == (Decimal("150.00"), "other")
    assert [h.amount for h in contribution.history.all()] == [Decimal("150.00"), Decimal("100")]


def test_it_refuses_a_bad_change_and_keeps_the_contribution(tenancy, line):
    contribution = ContributionFactory(line=line, amount=Decimal("100"))
    with pytest.raises(ApplicationError):
        services.contribution_update(
            contribution=contribution, agency_group="core", amount="-5", by=None
        )
    contribution.refresh_from_db()
    assert contribution.amount == Decimal("100")


def test_it_removes_a_contribution_and_records_who_removed_it(tenancy, line):
    contribution = ContributionFactory(line=line)
    pk = contribution.pk
    services.contribution_remove(contribution=contribution, by=tenancy.manager)
    assert not Contribution.objects.filter(pk=pk).exists()
    last = Contribution.history.filter(id=pk).first()
    assert (last.history_type, last.history_user) == ("-", tenancy.manager)


# --- Spend --------------------------------------------------------------------------------------


def test_it_records_spend_against_a_line(tenancy, line):
    spend = services.spend_record(
        line=line,
        date=datetime.date(2011, 9, 1),
        description="  Conference venue ",
        amount="£1,250",
        by=tenancy.manager,
    )
    assert (spend.description, spend.amount, spend.partnership) == (
        "Conference venue",
        Decimal("1250.00"),
        tenancy.ours,
    )


@pytest.mark.parametrize(
    ("date", "description", "amount", "field"),
    [
        (None, "Venue", "5", "date"),
        (datetime.date(2011, 9, 1), "  ", "5", "description"),
        (datetime.date(2011, 9, 1), "Venue", "five pounds", "amount"),
    ],
)
def test_it_refuses_incomplete_spend(tenancy, line, date, description, amount, field):
    with pytest.raises(ApplicationError) as error:
        services.spend_record(line=line, date=date, description=description, amount=amount, by=None)
    assert error.value.field == field
    assert not Spend.objects.exists()


def test_it_changes_spend(tenancy, line):
    spend = SpendFactory(line=line)
    services.spend_update(
        spend=spend, date=datetime.date(2012, 1, 2), description="Printing", amount="9.99", by=None
    )
    spend.refresh_from_db()
    assert (spend.date, spend.description, spend.amount) == (
        datetime.date(2012, 1, 2),
        "Printing",
        Decimal("9.99"),
    )
