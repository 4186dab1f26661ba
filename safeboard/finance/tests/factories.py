from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from safeboard.core.domain.financial_years import label as financial_year_label
from safeboard.finance.models import (
    AgencyGroup,
    BudgetLine,
    BudgetYear,
    Contribution,
    LineKind,
    Spend,
    StaffPost,
)
from safeboard.partnerships.tests.factories import AgencyFactory, PartnershipFactory


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetYear

    partnership = factory.SubFactory(PartnershipFactory)
    start_year = factory.Sequence(lambda n: 2000 + n % 90)
    label = factory.LazyAttribute(lambda o: financial_year_label(o.start_year))


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    year = factory.SubFactory(BudgetYearFactory)
    partnership = factory.SelfAttribute("year.partnership")
    key = factory.Sequence(lambda n: f"line-{n}")
    name = factory.Sequence(lambda n: f"Budget line {n}")
    kind = LineKind.CORE
    position = factory.Sequence(lambda n: n)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    line = factory.SubFactory(BudgetLineFactory)
    partnership = factory.SelfAttribute("line.partnership")
    agency = factory.SubFactory(AgencyFactory, partnership=factory.SelfAttribute("..partnership"))
    agency_group = AgencyGroup.CORE
    amount = Decimal("1000.00")
    position = factory.Sequence(lambda n: n)


class SpendFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spend

    line = factory.SubFactory(BudgetLineFactory)
    partnership = factory.SelfAttribute("line.partnership")
    date = datetime.date(2011, 6, 30)
    description = factory.Sequence(lambda n: f"Spend {n}")
    amount = Decimal("100.00")


class StaffPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffPost

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Post {n}")
    posts = Decimal("1.0")
    fte = Decimal("1.00")
    position = factory.Sequence(lambda n: n)


# Lincolnshire LSCB, Strategic Business Plan 2011-2014 (seed 000), "Financing and Staffing".
LINCOLNSHIRE_2011_12 = {
    ("Core budget", LineKind.CORE): [
        ("Children's Services", "core", "84250"),
        ("Health", "core", "38331"),
        ("Police", "core", "38331"),
        ("Probation", "other", "7590"),
        ("West Lindsey DC", "other", "2656"),
        ("East Lindsey DC", "other", "2656"),
        ("Boston Borough Council", "other", "2656"),
        ("South Kesteven DC", "other", "2656"),
        ("North Kesteven DC", "other", "2656"),
        ("Lincoln City Council", "other", "2656"),
        ("South Holland DC", "other", "2656"),
        ("Lincolnshire Fire & Rescue", "other", "2656"),
        ("Strategic Health Authority", "other", "1000"),
    ],
    ("Training budget", LineKind.TRAINING): [
        ("Children's Services", "core", "61723"),
        ("Health", "core", "9705"),
        ("Police", "core", "9279"),
        ("Probation", "other", "3811"),
        ("CAFCASS", "other", "332"),
    ],
}


def build_lincolnshire_2011_12(partnership) -> BudgetYear:
    """The seed's 2011/12 budget table, contribution by contribution, in `partnership`."""
    year = BudgetYearFactory(partnership=partnership, start_year=2011, label="2011/12")
    agencies: dict[str, object] = {}
    for (name, kind), rows in LINCOLNSHIRE_2011_12.items():
        line = BudgetLineFactory(year=year, name=name, kind=kind, key=name.lower().split()[0])
        for agency_name, group, amount in rows:
            if agency_name not in agencies:
                agencies[agency_name] = AgencyFactory(partnership=partnership, name=agency_name)
            ContributionFactory(
                line=line,
                agency=agencies[agency_name],
                agency_group=group,
                amount=Decimal(amount),
            )
    return year
