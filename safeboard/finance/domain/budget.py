"""Budget arithmetic: subtotals, totals and shares of agency contributions; spend against lines.

Everything is Decimal. Money given to these functions must be a Decimal (or an int); a float raises
TypeError, so binary rounding can never creep into a budget table. Totals are always computed
here from the contributions and never typed in or stored.

A line's contributions are grouped as the seed budget groups them: the core agencies (the key
funders) first, then the other agencies. Within a group, rows keep the order they were given.

Shares: an agency's share of a line is its amount / the line total x 100, rounded half-up (a
5 in the second decimal place rounds away from zero) to one decimal place. The division is done
exactly (with fractions, not with a limited-precision Decimal division), so 12.25% is always
12.3% and never 12.2% from a truncated intermediate. Because each share is rounded on its own,
the shares of a line need not add up to exactly 100.0: each is within 0.05 of its exact value, so
their sum is within 0.05 x (number of agencies) of 100. A group's share and an agency's share of
the year are rounded the same way, from the exact totals, not by adding rounded shares.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .money import as_decimal

CORE = "core"
OTHER = "other"
GROUPS: tuple[str, ...] = (CORE, OTHER)

ZERO = Decimal("0.00")
_TENTH = Decimal("0.1")


def _total(amounts: Iterable[Decimal]) -> Decimal:
    # Decimal addition is exact while the result has at most 28 digits; amounts are at most 12.
    return sum(amounts, ZERO)


def share_of(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """`part` as a percentage of `whole`, rounded half-up to one decimal place (Decimal("44.2")).
    None when `whole` is zero: there is nothing to have a share of."""
    part_d, whole_d = as_decimal(part), as_decimal(whole)
    if whole_d == 0:
        return None
    exact = Fraction(part_d) * 100 / Fraction(whole_d)
    # Half-up, away from zero, in tenths: floor(|x| * 10 + 1/2) with the sign put back.
    tenths = math.floor(abs(exact) * 10 + Fraction(1, 2))
    if exact < 0:
        tenths = -tenths
    return Decimal(tenths) * _TENTH


@dataclass(frozen=True)
class ContributionRow:
    """One agency's contribution to one budget line."""

    agency: str
    group: str
    amount: Decimal

    def __post_init__(self) -> None:
        if self.group not in GROUPS:
            raise ValueError(f"unknown agency group {self.group!r}; expected one of {GROUPS}")
        object.__setattr__(self, "amount", as_decimal(self.amount))


@dataclass(frozen=True)
class ShareRow:
    agency: str
    group: str
    amount: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class GroupSubtotal:
    """One kind of agency on one line: its rows, their total and that total's share of the line."""

    group: str
    rows: tuple[ShareRow, ...]
    total: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class LineTotals:
    """A line's contributions grouped, subtotalled and totalled. `groups` holds only the groups
    that have contributions, core agencies first."""

    groups: tuple[GroupSubtotal, ...]
    total: Decimal

    @property
    def rows(self) -> tuple[ShareRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    def group_total(self, group: str) -> Decimal:
        """The subtotal of `group` on this line, zero if it has no contributions."""
        return next((g.total for g in self.groups if g.group == group), ZERO)


def line_totals(rows: Iterable[ContributionRow]) -> LineTotals:
    rows = tuple(rows)
    total = _total(r.amount for r in rows)
    groups = []
    for group in GROUPS:
        members = tuple(
            ShareRow(r.agency, r.group, r.amount, share_of(r.amount, total))
            for r in rows
            if r.group == group
        )
        if members:
            subtotal = _total(r.amount for r in members)
            groups.append(GroupSubtotal(group, members, subtotal, share_of(subtotal, total)))
    return LineTotals(tuple(groups), total)


@dataclass(frozen=True)
class AgencyYearTotal:
    """One agency across the year's lines: its amount on each line (zero where it gave nothing),
    its total and that total's share of the year."""

    agency: str
    amounts: tuple[Decimal, ...]
    total: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class YearTotals:
    lines: tuple[LineTotals, ...]
    agencies: tuple[AgencyYearTotal, ...]
    group_totals: tuple[tuple[str, Decimal], ...]
    total: Decimal

    @property
    def line_totals(self) -> tuple[Decimal, ...]:
        return tuple(line.total for line in self.lines)

    def group_total(self, group: str) -> Decimal:
        return dict(self.group_totals).get(group, ZERO)


def year_totals(lines: Sequence[Iterable[ContributionRow]]) -> YearTotals:
    """Totals across a year's lines (given in display order): each line, each agency (in the
    order they first appear), each kind of agency, and the grand total."""
    computed = tuple(line_totals(rows) for rows in lines)
    total = _total(line.total for line in computed)
    # Agency -> its amount on each line; dicts keep the order agencies first appear in.
    by_agency: dict[str, list[Decimal]] = {}
    for index, line in enumerate(computed):
        for row in line.rows:
            amounts_so_far = by_agency.setdefault(row.agency, [ZERO] * len(computed))
            amounts_so_far[index] += row.amount
    agencies = []
    for name, amount_list in by_agency.items():
        amounts = tuple(amount_list)
        agency_total = _total(amounts)
        agencies.append(AgencyYearTotal(name, amounts, agency_total, share_of(agency_total, total)))
    group_totals = tuple(
        (group, _total(line.group_total(group) for line in computed)) for group in GROUPS
    )
    return YearTotals(computed, tuple(agencies), group_totals, total)


@dataclass(frozen=True)
class SpendPosition:
    """What a line had (its contributions), what has been spent against it and what is left.
    `remaining` is negative when the line is overspent."""

    budget: Decimal
    spent: Decimal
    remaining: Decimal

    @property
    def overspent(self) -> bool:
        return self.remaining < 0


def spend_position(*, budget: Decimal | int, spend: Iterable[Decimal | int]) -> SpendPosition:
    budget_d = as_decimal(budget)
    spent = _total(as_decimal(amount) for amount in spend)
    return SpendPosition(budget_d, spent, budget_d - spent)
