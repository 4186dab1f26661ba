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
from safeboard.partnerships.tests.factories import AgencyFactory, record_factory

BudgetYearFactory = record_factory(
    BudgetYear,
    start_year=factory.Sequence(lambda n: 2000 + n % 90),
    label=factory.LazyAttribute(lambda o: financial_year_label(o.start_year)),
)
BudgetLineFactory = record_factory(
    BudgetLine,
    within=("year", BudgetYearFactory),
    key="line-{n}",
    name="Budget line {n}",
    kind=LineKind.CORE,
    position=factory.Sequence(int),
)
ContributionFactory = record_factory(
    Contribution,
    within=("line", BudgetLineFactory),
    agency=factory.SubFactory(AgencyFactory, partnership=factory.SelfAttribute("..partnership")),
    agency_group=AgencyGroup.CORE,
    amount=Decimal("1000.00"),
    position=factory.Sequence(int),
)
SpendFactory = record_factory(
    Spend,
    within=("line", BudgetLineFactory),
    date=datetime.date(2011, 6, 30),
    description="Spend {n}",
    amount=Decimal("100.00"),
)
StaffPostFactory = record_factory(
    StaffPost,
    title="Post {n}",
    posts=Decimal("1.0"),
    fte=Decimal("1.00"),
    position=factory.Sequence(int),
)


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
