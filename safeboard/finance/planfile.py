"""Finance's part of the plan file: budget years (lines, contributions, spend) and staffing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import AfterValidator

from safeboard.accounts.models import User
from safeboard.core.domain import financial_years
from safeboard.interchange.problems import Problem
from safeboard.interchange.schema import (
    Amount,
    Date,
    Key,
    LongLine,
    LongTitle,
    Name,
    Quantity,
    Strict,
    Text,
    Year,
)
from safeboard.interchange.sections import (
    Known,
    Refs,
    Section,
    amount,
    compact,
    duplicates,
    missing,
    problem,
    quantity,
    writing,
)
from safeboard.partnerships.models import Partnership

from .models import BudgetYear, StaffPost
from .services import (
    budget_line_create,
    budget_year_create,
    contribution_set,
    spend_record,
    staff_post_create,
)


def _financial_year(text: str) -> str:
    if not financial_years.is_label(text):
        raise ValueError("must be a financial year written like 2011/12")
    return text


class ContributionIn(Strict):
    agency: Key
    group: Literal["core", "other"] = "other"
    amount: Amount


class SpendIn(Strict):
    date: Date
    description: LongTitle
    amount: Amount


class BudgetLineIn(Strict):
    key: Key
    name: Name
    kind: Literal["core", "training", "other"]
    contributions: list[ContributionIn] = []
    spend: list[SpendIn] = []


class BudgetYearIn(Strict):
    year: Annotated[str, AfterValidator(_financial_year)]
    start_year: Year
    notes: Text = ""
    lines: list[BudgetLineIn] = []


class StaffPostIn(Strict):
    title: Name
    posts: Quantity | None = None
    fte: Quantity | None = None
    as_stated: LongLine = ""


class Finance(Section):
    name = "finance"
    order = 40
    fields = {
        "budget": (list[BudgetYearIn], []),
        "staffing": (list[StaffPostIn], []),
    }

    def check(self, file: Any, document: Any, known: Known) -> Iterator[Problem]:
        budget: list[BudgetYearIn] = file.budget
        years = [y.start_year for y in budget]
        for yi, year in enumerate(budget):
            at = ("budget", yi)
            if years.count(year.start_year) > 1 and years.index(year.start_year) != yi:
                yield problem(
                    document, (*at, "start_year"), f"the year {year.start_year} appears twice"
                )
            expected = financial_years.label(year.start_year)
            if year.year != expected:
                yield problem(
                    document, (*at, "year"), f"does not match start_year (expected {expected})"
                )
            yield from duplicates(document, (*at, "lines"), [ln.key for ln in year.lines], "line")
            for li, line in enumerate(year.lines):
                named: set[str] = set()
                for ci, contribution in enumerate(line.contributions):
                    where = (*at, "lines", li, "contributions", ci, "agency")
                    if not known.has("agency", contribution.agency):
                        yield problem(document, where, missing("agency", contribution.agency))
                    elif contribution.agency in named:
                        yield problem(
                            document, where, "this agency already contributes to this line"
                        )
                    named.add(contribution.agency)

    def has_records(self, partnership: Partnership) -> bool:
        return (
            BudgetYear.objects.filter(partnership=partnership).exists()
            or StaffPost.objects.filter(partnership=partnership).exists()
        )

    def export(self, partnership: Partnership) -> dict[str, Any]:
        years = (
            BudgetYear.objects.filter(partnership=partnership)
            .prefetch_related("lines__contributions__agency", "lines__spend")
            .order_by("start_year")
        )
        posts = StaffPost.objects.filter(partnership=partnership).order_by("position", "pk")
        return {
            "budget": [
                compact(
                    {
                        "year": y.label,
                        "start_year": y.start_year,
                        "notes": y.notes,
                        "lines": [
                            compact(
                                {
                                    "key": line.key,
                                    "name": line.name,
                                    "kind": line.kind,
                                    "contributions": [
                                        {
                                            "agency": c.agency.key,
                                            "group": c.agency_group,
                                            "amount": amount(c.amount),
                                        }
                                        for c in line.contributions.all()
                                    ],
                                    "spend": [
                                        {
                                            "date": s.date,
                                            "description": s.description,
                                            "amount": amount(s.amount),
                                        }
                                        for s in line.spend.all()
                                    ],
                                }
                            )
                            for line in y.lines.all()
                        ],
                    }
                )
                for y in years
            ],
            "staffing": [
                compact(
                    {
                        "title": s.title,
                        "posts": quantity(s.posts),
                        "fte": quantity(s.fte),
                        "as_stated": s.as_stated,
                    }
                )
                for s in posts
            ],
        }

    def write(self, partnership: Partnership, file: Any, refs: Refs, by: User | None) -> None:
        for y in file.budget:
            with writing("budget", y.year):
                year = budget_year_create(
                    partnership=partnership,
                    start_year=y.start_year,
                    label=y.year,
                    notes=y.notes,
                    by=by,
                )
            for line_in in y.lines:
                with writing("budget", y.year, "lines", line_in.key):
                    line = budget_line_create(
                        year=year, key=line_in.key, name=line_in.name, kind=line_in.kind, by=by
                    )
                    for c in line_in.contributions:
                        contribution_set(
                            line=line,
                            agency=refs.get("agency", c.agency),
                            agency_group=c.group,
                            amount=c.amount,
                            by=by,
                        )
                    for spend in line_in.spend:
                        spend_record(
                            line=line,
                            date=spend.date,
                            description=spend.description,
                            amount=spend.amount,
                            by=by,
                        )
        for post in file.staffing:
            with writing("staffing", post.title):
                staff_post_create(
                    partnership=partnership,
                    title=post.title,
                    posts=post.posts,
                    fte=post.fte,
                    as_stated=post.as_stated,
                    by=by,
                )


SECTION = Finance()
