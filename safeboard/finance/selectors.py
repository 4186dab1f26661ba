"""Reads for the budget and staffing pages. Each is a fixed number of queries whatever the number
of lines, contributions or posts; every total comes from `domain.budget`, never from the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from safeboard.partnerships.models import Partnership

from .domain.budget import (
    CORE,
    OTHER,
    ContributionRow,
    LineTotals,
    SpendPosition,
    YearTotals,
    spend_position,
    year_totals,
)
from .domain.staffing import KnownTotal, known_total
from .models import AgencyGroup, BudgetLine, BudgetYear, Contribution, Spend, StaffPost


def _lower_first(text: str) -> str:
    """ "Core budget" -> "core budget", but "LSCB budget" stays as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def group_label(group: str) -> str:
    return str(AgencyGroup(group).label)


def group_total_label(group: str) -> str:
    """As the seed budget writes it: "Total for core agencies"."""
    return f"Total for {_lower_first(group_label(group))}"


def line_total_label(line: BudgetLine) -> str:
    """As the seed budget writes it ("GRAND TOTAL FOR CORE BUDGET"), in sentence case."""
    return f"Grand total for {_lower_first(line.name)}"


@dataclass(frozen=True)
class ContributionShare:
    contribution: Contribution
    share: Decimal | None


@dataclass(frozen=True)
class GroupTable:
    group: str
    label: str
    total_label: str
    rows: tuple[ContributionShare, ...]
    total: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class LineTable:
    line: BudgetLine
    groups: tuple[GroupTable, ...]
    total: Decimal
    total_label: str
    core_total: Decimal
    other_total: Decimal
    spend: SpendPosition
    spend_items: tuple[Spend, ...]


@dataclass(frozen=True)
class AgencyAcrossYear:
    name: str
    amounts: tuple[Decimal, ...]
    total: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class YearBudget:
    year: BudgetYear
    lines: tuple[LineTable, ...]
    agencies: tuple[AgencyAcrossYear, ...]
    core_total: Decimal
    other_total: Decimal
    total: Decimal
    spent: Decimal
    remaining: Decimal


def _rows(line: BudgetLine) -> list[ContributionRow]:
    # The agency's id is the key, so two agencies can never be merged by a look-alike name.
    return [
        ContributionRow(agency=str(c.agency_id), group=c.agency_group, amount=c.amount)
        for c in line.contributions.all()
    ]


def _line_table(line: BudgetLine, totals: LineTotals) -> LineTable:
    by_agency = {str(c.agency_id): c for c in line.contributions.all()}
    groups = tuple(
        GroupTable(
            group=g.group,
            label=group_label(g.group),
            total_label=group_total_label(g.group),
            rows=tuple(ContributionShare(by_agency[r.agency], r.share) for r in g.rows),
            total=g.total,
            share=g.share,
        )
        for g in totals.groups
    )
    spend_items = tuple(line.spend.all())
    return LineTable(
        line=line,
        groups=groups,
        total=totals.total,
        total_label=line_total_label(line),
        core_total=totals.group_total(CORE),
        other_total=totals.group_total(OTHER),
        spend=spend_position(budget=totals.total, spend=[s.amount for s in spend_items]),
        spend_items=spend_items,
    )


def _lines_with_figures() -> QuerySet[BudgetLine]:
    return (
        BudgetLine.objects.order_by("position", "pk")
        .select_related("year")
        .prefetch_related(
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("agency").order_by("position", "pk"),
            ),
            Prefetch("spend", queryset=Spend.objects.order_by("date", "pk")),
        )
    )


def _year_budget(year: BudgetYear, lines: Iterable[BudgetLine]) -> YearBudget:
    lines = list(lines)
    totals: YearTotals = year_totals([_rows(line) for line in lines])
    tables = tuple(_line_table(line, t) for line, t in zip(lines, totals.lines, strict=True))
    names = {str(c.agency_id): c.agency.name for line in lines for c in line.contributions.all()}
    spent = sum((t.spend.spent for t in tables), Decimal("0.00"))
    return YearBudget(
        year=year,
        lines=tables,
        agencies=tuple(
            AgencyAcrossYear(names[a.agency], a.amounts, a.total, a.share) for a in totals.agencies
        ),
        core_total=totals.group_total(CORE),
        other_total=totals.group_total(OTHER),
        total=totals.total,
        spent=spent,
        remaining=totals.total - spent,
    )


def budget_year_detail(*, year: BudgetYear) -> YearBudget:
    """Everything the year page and its spreadsheet show: three queries."""
    return _year_budget(year, _lines_with_figures().filter(year=year))


def budget_line_detail(*, line: BudgetLine) -> LineTable:
    """One line's table and spend: three queries."""
    line = _lines_with_figures().get(pk=line.pk)
    return _year_budget(line.year, [line]).lines[0]


def budget_year_list(*, partnership: Partnership) -> list[YearBudget]:
    """Every year of the partnership, newest first, with its lines and totals: four queries."""
    years = BudgetYear.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("lines", queryset=_lines_with_figures())
    )
    return [_year_budget(year, year.lines.all()) for year in years.order_by("-start_year")]


@dataclass(frozen=True)
class Staffing:
    posts: tuple[StaffPost, ...]
    posts_total: KnownTotal
    fte_total: KnownTotal


def staffing(*, partnership: Partnership) -> Staffing:
    """The business unit's posts in the plan's order, with totals of what is recorded: one query."""
    posts = tuple(StaffPost.objects.filter(partnership=partnership).order_by("position", "pk"))
    return Staffing(
        posts=posts,
        posts_total=known_total(p.posts for p in posts),
        fte_total=known_total(p.fte for p in posts),
    )


@dataclass(frozen=True)
class Removed:
    """A deleted record, read back from its history: what it was, when and by whom."""

    title: str
    amount: Decimal | None
    when: datetime.datetime
    who: str


def _who(row: Any) -> str:
    return "System" if row.history_user is None else str(row.history_user)


def removed_contributions(*, line: BudgetLine) -> list[Removed]:
    """Contributions taken off the line, newest first: one query."""
    rows = (
        Contribution.history.filter(line_id=line.pk, history_type="-")
        .select_related("agency", "history_user")
        .order_by("-history_date", "-history_id")
    )
    return [
        Removed(
            title=row.agency.name if row.agency else "Agency no longer recorded",
            amount=row.amount,
            when=row.history_date,
            who=_who(row),
        )
        for row in rows
    ]


def removed_staff_posts(*, partnership: Partnership) -> list[Removed]:
    """Posts taken off the staffing list, newest first: one query."""
    rows = (
        StaffPost.history.filter(partnership_id=partnership.pk, history_type="-")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    return [Removed(row.title, None, row.history_date, _who(row)) for row in rows]
