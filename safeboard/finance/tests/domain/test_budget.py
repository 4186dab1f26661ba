from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.finance.domain.budget import (
    CORE,
    OTHER,
    ContributionRow,
    line_totals,
    share_of,
    spend_position,
    year_totals,
)

# Lincolnshire LSCB, Strategic Business Plan 2011-2014 (seed 000), "Financing and Staffing".
DISTRICTS = [
    "West Lindsey DC",
    "East Lindsey DC",
    "Boston Borough Council",
    "South Kesteven DC",
    "North Kesteven DC",
    "Lincoln City Council",
    "South Holland DC",
]
LINCOLNSHIRE_CORE_BUDGET = [
    ("Children's Services", CORE, "84250"),
    ("Health", CORE, "38331"),
    ("Police", CORE, "38331"),
    ("Probation", OTHER, "7590"),
    *((name, OTHER, "2656") for name in DISTRICTS),
    ("Lincolnshire Fire & Rescue", OTHER, "2656"),
    ("Strategic Health Authority", OTHER, "1000"),
]
LINCOLNSHIRE_TRAINING_BUDGET = [
    ("Children's Services", CORE, "61723"),
    ("Health", CORE, "9705"),
    ("Police", CORE, "9279"),
    ("Probation", OTHER, "3811"),
    ("CAFCASS", OTHER, "332"),
]


def rows(table):
    return [ContributionRow(agency, group, Decimal(amount)) for agency, group, amount in table]


def test_it_reproduces_the_lincolnshire_2011_12_core_budget_exactly():
    line = line_totals(rows(LINCOLNSHIRE_CORE_BUDGET))
    # The seed lists eight agencies at 2,656: seven district councils and Fire & Rescue.
    assert sum(1 for r in line.rows if r.amount == Decimal("2656")) == 8
    assert line.group_total(CORE) == Decimal("160912")
    assert line.group_total(OTHER) == Decimal("29838")
    assert line.total == Decimal("190750")
    assert [g.group for g in line.groups] == [CORE, OTHER]


def test_it_reproduces_the_lincolnshire_2011_12_training_budget_exactly():
    line = line_totals(rows(LINCOLNSHIRE_TRAINING_BUDGET))
    assert line.group_total(CORE) == Decimal("80707")
    assert line.group_total(OTHER) == Decimal("4143")
    assert line.total == Decimal("84850")


def test_it_reproduces_the_lincolnshire_2011_12_grand_total_and_agency_totals():
    year = year_totals([rows(LINCOLNSHIRE_CORE_BUDGET), rows(LINCOLNSHIRE_TRAINING_BUDGET)])
    assert year.total == Decimal("275600")
    assert year.line_totals == (Decimal("190750"), Decimal("84850"))
    assert year.group_total(CORE) == Decimal("160912") + Decimal("80707")
    assert year.group_total(OTHER) == Decimal("29838") + Decimal("4143")
    childrens = year.agencies[0]
    assert childrens.agency == "Children's Services"
    assert childrens.amounts == (Decimal("84250"), Decimal("61723"))
    assert childrens.total == Decimal("145973")
    assert childrens.share == Decimal("53.0")
    cafcass = next(a for a in year.agencies if a.agency == "CAFCASS")
    assert cafcass.amounts == (Decimal("0"), Decimal("332"))


def test_it_works_out_the_lincolnshire_shares_half_up_to_one_decimal_place():
    line = line_totals(rows(LINCOLNSHIRE_CORE_BUDGET))
    shares = {r.agency: r.share for r in line.rows}
    assert shares["Children's Services"] == Decimal("44.2")  # 44.168...
    assert shares["Health"] == Decimal("20.1")  # 20.095...
    assert shares["Strategic Health Authority"] == Decimal("0.5")  # 0.524...
    assert [g.share for g in line.groups] == [Decimal("84.4"), Decimal("15.6")]


def test_it_rounds_a_share_exactly_half_way_up():
    assert share_of(Decimal("1"), Decimal("8")) == Decimal("12.5")
    assert share_of(Decimal("49"), Decimal("400")) == Decimal("12.3")  # 12.25 exactly
    assert share_of(Decimal("1"), Decimal("2000")) == Decimal("0.1")  # 0.05 exactly
    assert share_of(Decimal("1"), Decimal("3")) == Decimal("33.3")
    assert share_of(Decimal("2"), Decimal("3")) == Decimal("66.7")
    assert share_of(Decimal("-49"), Decimal("400")) == Decimal("-12.3")


def test_it_gives_no_share_of_nothing():
    assert share_of(Decimal("0"), Decimal("0")) is None
    line = line_totals([ContributionRow("Police", CORE, Decimal("0"))])
    assert line.total == 0
    assert line.rows[0].share is None


def test_it_totals_an_empty_line_as_zero_with_no_groups():
    line = line_totals([])
    assert line.total == Decimal("0")
    assert line.groups == ()
    assert line.group_total(CORE) == Decimal("0")


def test_it_keeps_the_given_order_within_each_group_and_puts_core_agencies_first():
    line = line_totals(
        [
            ContributionRow("Probation", OTHER, Decimal("1")),
            ContributionRow("Police", CORE, Decimal("2")),
            ContributionRow("CAFCASS", OTHER, Decimal("3")),
            ContributionRow("Health", CORE, Decimal("4")),
        ]
    )
    assert [r.agency for r in line.rows] == ["Police", "Health", "Probation", "CAFCASS"]


def test_it_refuses_float_money_anywhere():
    with pytest.raises(TypeError):
        ContributionRow("Police", CORE, 10.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        share_of(1.0, Decimal("2"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        spend_position(budget=Decimal("10"), spend=[0.1])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        ContributionRow("Police", CORE, True)  # type: ignore[arg-type]


def test_it_refuses_an_unknown_agency_group():
    with pytest.raises(ValueError, match="unknown agency group"):
        ContributionRow("Police", "friends", Decimal("1"))


def test_it_works_out_spend_remaining_and_overspending():
    position = spend_position(budget=Decimal("1000"), spend=[Decimal("250.50"), Decimal("49.50")])
    assert position.spent == Decimal("300.00")
    assert position.remaining == Decimal("700.00")
    assert not position.overspent
    over = spend_position(budget=Decimal("100"), spend=[Decimal("100.01")])
    assert over.remaining == Decimal("-0.01")
    assert over.overspent
    assert spend_position(budget=Decimal("5"), spend=[]).remaining == Decimal("5")


# --- Properties ---------------------------------------------------------------------------------

pence = st.integers(min_value=0, max_value=999_999_999_999).map(lambda p: Decimal(p).scaleb(-2))
contribution = st.builds(
    ContributionRow,
    agency=st.text(min_size=1, max_size=8),
    group=st.sampled_from([CORE, OTHER]),
    amount=pence,
)
# One contribution per agency on a line, as the database insists.
line_rows = st.lists(contribution, max_size=30, unique_by=lambda r: r.agency)


@given(line_rows)
def test_it_makes_every_total_the_sum_of_its_parts(rows_):
    line = line_totals(rows_)
    assert line.total == sum((r.amount for r in rows_), Decimal(0))
    assert sum((g.total for g in line.groups), Decimal(0)) == line.total
    for group in line.groups:
        assert group.total == sum((r.amount for r in group.rows), Decimal(0))
    assert sorted(r.agency for r in line.rows) == sorted(r.agency for r in rows_)


@given(line_rows)
def test_it_makes_shares_add_up_to_100_within_rounding(rows_):
    line = line_totals(rows_)
    if line.total == 0:
        assert all(r.share is None for r in line.rows)
        return
    shares = [r.share for r in line.rows if r.share is not None]
    assert len(shares) == len(line.rows)
    assert all(s.as_tuple().exponent == -1 for s in shares)
    total_share = sum(shares, Decimal(0))
    assert abs(total_share - 100) <= Decimal("0.05") * len(shares)
    for group in line.groups:
        assert group.share is not None
        assert abs(group.share - sum(r.amount for r in group.rows) * 100 / line.total) <= Decimal(
            "0.05"
        )


@given(st.lists(line_rows, max_size=5))
def test_it_makes_the_year_total_the_sum_of_lines_agencies_and_groups(lines):
    year = year_totals(lines)
    assert year.total == sum(year.line_totals, Decimal(0))
    assert year.total == sum((a.total for a in year.agencies), Decimal(0))
    assert year.total == year.group_total(CORE) + year.group_total(OTHER)
    for agency in year.agencies:
        assert len(agency.amounts) == len(lines)
        assert agency.total == sum(agency.amounts, Decimal(0))


@given(st.lists(line_rows, max_size=4))
def test_it_never_returns_a_float(lines):
    year = year_totals(lines)
    values: list[Decimal | None] = [year.total, *year.line_totals]
    values += [t for _, t in year.group_totals]
    for line in year.lines:
        values += [line.total]
        for group in line.groups:
            values += [group.total, group.share]
            for row in group.rows:
                values += [row.amount, row.share]
    for agency in year.agencies:
        values += [agency.total, agency.share, *agency.amounts]
    assert all(v is None or isinstance(v, Decimal) for v in values)
    assert not any(isinstance(v, float) for v in values)


@given(pence, st.lists(pence, max_size=10))
def test_it_makes_remaining_the_budget_less_the_spend(budget, spend):
    position = spend_position(budget=budget, spend=spend)
    assert position.spent == sum(spend, Decimal(0))
    assert position.remaining + position.spent == budget
    assert position.overspent == (position.spent > budget)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=10**12))
def test_it_rounds_shares_half_up_to_the_nearest_tenth(part, whole):
    share = share_of(Decimal(part), Decimal(whole))
    assert share is not None
    # Exact check in integers: share*10 is the nearest whole number to part*1000/whole, and a
    # tie goes up.
    tenths = int(share * 10)
    assert 2 * tenths * whole - 2000 * part <= whole
    assert 2000 * part - 2 * tenths * whole < whole
