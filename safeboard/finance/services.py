"""Writes to budgets and staffing. Each runs in one transaction and records who made the change.

Views reach these only after `access.py` has found the records inside the caller's partnership
and checked `Capability.MANAGE_STRUCTURE`; the services still re-check that every related record
(an agency, a line) belongs to the same partnership, so a forged id cannot cross tenants.
Amounts may be given as a Decimal, an int or the text a person typed ("£1,234.50"); a float is
refused (money is never binary floating point).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.core.services import save_recorded, unique_key
from safeboard.partnerships.models import Agency, Partnership

from .domain.money import AmountError, to_amount
from .domain.staffing import QuantityError, to_quantity
from .domain.years import YearError, year_label
from .models import AgencyGroup, BudgetLine, BudgetYear, Contribution, LineKind, Spend, StaffPost

MAX_POSTS = Decimal("99999.9")
MAX_FTE = Decimal("9999.99")


def _amount(value: Decimal | int | str, *, name: str) -> Decimal:
    try:
        return to_amount(value, name=name)
    except AmountError as error:
        raise ApplicationError(error.message, field="amount") from error


def _text(value: str, *, field: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise ApplicationError(message, field=field)
    return text


def _next_position(positions: list[int | None]) -> int:
    highest = positions[0] if positions else None
    return 0 if highest is None else highest + 1


# --- Budget years -------------------------------------------------------------------------------


def _year_fields(
    *, partnership_id: int, start_year: int, label: str, exclude_pk: int | None
) -> str:
    try:
        normalised = year_label(label, start_year=start_year)
    except YearError as error:
        raise ApplicationError(error.message, field=error.field) from error
    clash = BudgetYear.objects.filter(partnership_id=partnership_id, start_year=start_year)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ApplicationError(
            f"There is already a budget for {normalised}. Change that year instead.",
            field="start_year",
        )
    return normalised


@transaction.atomic
def budget_year_create(
    *, partnership: Partnership, start_year: int, label: str = "", notes: str = "", by: User | None
) -> BudgetYear:
    normalised = _year_fields(
        partnership_id=partnership.pk, start_year=start_year, label=label, exclude_pk=None
    )
    year = BudgetYear(
        partnership=partnership, start_year=start_year, label=normalised, notes=notes.strip()
    )
    save_recorded(year, by=by)
    return year


@transaction.atomic
def budget_year_update(
    *,
    year: BudgetYear,
    start_year: int,
    label: str,
    notes: str,
    by: User | None,
    expected_version: int | None = None,
) -> BudgetYear:
    year.label = _year_fields(
        partnership_id=year.partnership_id, start_year=start_year, label=label, exclude_pk=year.pk
    )
    year.start_year, year.notes = start_year, notes.strip()
    save_recorded(year, by=by, expected_version=expected_version)
    return year


# --- Budget lines -------------------------------------------------------------------------------


def _line_fields(*, year: BudgetYear, name: str, kind: str, exclude_pk: int | None) -> str:
    name = _text(name, field="name", message="Enter the name of the budget line.")
    if kind not in LineKind.values:
        raise ApplicationError("Select the kind of budget line.", field="kind")
    clash = BudgetLine.objects.filter(year=year, name__iexact=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ApplicationError(
            f"{year.label} already has a line called {name}. Use a different name.", field="name"
        )
    return name


def _free_key(year: BudgetYear, wanted: str) -> str:
    taken = BudgetLine.objects.filter(year=year).values_list("key", flat=True)
    return unique_key(wanted, taken=taken, fallback="line")


@transaction.atomic
def budget_line_create(
    *, year: BudgetYear, name: str, kind: str, key: str = "", by: User | None
) -> BudgetLine:
    """Add a line to the end of the year. `key` (a stable short name for plan files) is made
    from the name unless given."""
    name = _line_fields(year=year, name=name, kind=kind, exclude_pk=None)
    positions = list(BudgetLine.objects.filter(year=year).aggregate(Max("position")).values())
    line = BudgetLine(
        partnership_id=year.partnership_id,
        year=year,
        name=name,
        kind=kind,
        key=_free_key(year, key or name),
        position=_next_position(positions),
    )
    save_recorded(line, by=by)
    return line


@transaction.atomic
def budget_line_update(
    *, line: BudgetLine, name: str, kind: str, by: User | None, expected_version: int | None = None
) -> BudgetLine:
    """Rename or re-kind a line. Its key stays, so files that name it still find it."""
    line.name = _line_fields(year=line.year, name=name, kind=kind, exclude_pk=line.pk)
    line.kind = kind
    save_recorded(line, by=by, expected_version=expected_version)
    return line


# --- Contributions ------------------------------------------------------------------------------


def _check_group(agency_group: str) -> None:
    if agency_group not in AgencyGroup.values:
        raise ApplicationError(
            "Select whether this is a core agency or another agency.", field="agency_group"
        )


@transaction.atomic
def contribution_set(
    *,
    line: BudgetLine,
    agency: Agency,
    agency_group: str,
    amount: Decimal | int | str,
    replace: bool = False,
    by: User | None,
) -> Contribution:
    """Record what `agency` gives to `line`. An agency gives once per line: if it already has a
    contribution there, that is refused, or changed when `replace` is true."""
    if agency.partnership_id != line.partnership_id:
        raise ApplicationError("Select an agency of this partnership.", field="agency")
    _check_group(agency_group)
    value = _amount(amount, name="the contribution")
    existing = Contribution.objects.filter(line=line, agency=agency).first()
    if existing is not None and not replace:
        raise ApplicationError(
            f"{agency.name} already has a contribution to {line.name}. "
            "Change that contribution instead.",
            field="agency",
        )
    if existing is None and agency.is_archived:
        raise ApplicationError("That agency is archived. Select a current agency.", field="agency")
    if existing is None:
        positions = list(Contribution.objects.filter(line=line).aggregate(Max("position")).values())
        existing = Contribution(
            partnership_id=line.partnership_id,
            line=line,
            agency=agency,
            position=_next_position(positions),
        )
    existing.agency_group, existing.amount = agency_group, value
    save_recorded(existing, by=by)
    return existing


@transaction.atomic
def contribution_update(
    *,
    contribution: Contribution,
    agency_group: str,
    amount: Decimal | int | str,
    by: User | None,
    expected_version: int | None = None,
) -> Contribution:
    _check_group(agency_group)
    contribution.agency_group = agency_group
    contribution.amount = _amount(amount, name="the contribution")
    save_recorded(contribution, by=by, expected_version=expected_version)
    return contribution


@transaction.atomic
def contribution_remove(*, contribution: Contribution, by: User | None) -> None:
    """Delete the contribution. Its history keeps the deletion and who made it."""
    contribution._history_user = by  # type: ignore[attr-defined]
    contribution.delete()


# --- Spend --------------------------------------------------------------------------------------


def _spend_fields(*, date: datetime.date | None, description: str) -> tuple[datetime.date, str]:
    if date is None:
        raise ApplicationError("Enter the date of the spend.", field="date")
    text = _text(description, field="description", message="Enter what the money was spent on.")
    return date, text


@transaction.atomic
def spend_record(
    *,
    line: BudgetLine,
    date: datetime.date | None,
    description: str,
    amount: Decimal | int | str,
    by: User | None,
) -> Spend:
    when, text = _spend_fields(date=date, description=description)
    spend = Spend(
        partnership_id=line.partnership_id,
        line=line,
        date=when,
        description=text,
        amount=_amount(amount, name="the amount spent"),
    )
    save_recorded(spend, by=by)
    return spend


@transaction.atomic
def spend_update(
    *,
    spend: Spend,
    date: datetime.date | None,
    description: str,
    amount: Decimal | int | str,
    by: User | None,
    expected_version: int | None = None,
) -> Spend:
    spend.date, spend.description = _spend_fields(date=date, description=description)
    spend.amount = _amount(amount, name="the amount spent")
    save_recorded(spend, by=by, expected_version=expected_version)
    return spend


# --- Staffing -----------------------------------------------------------------------------------


def _post_fields(
    *, title: str, posts: Decimal | int | str | None, fte: Decimal | int | str | None
) -> tuple[str, Decimal | None, Decimal | None]:
    title = _text(title, field="title", message="Enter the title of the post.")
    try:
        posts_d = to_quantity(posts, name="the number of posts", places=1, maximum=MAX_POSTS)
    except QuantityError as error:
        raise ApplicationError(error.message, field="posts") from error
    try:
        fte_d = to_quantity(fte, name="the full-time equivalent", places=2, maximum=MAX_FTE)
    except QuantityError as error:
        raise ApplicationError(error.message, field="fte") from error
    return title, posts_d, fte_d


@transaction.atomic
def staff_post_create(
    *,
    partnership: Partnership,
    title: str,
    posts: Decimal | int | str | None = None,
    fte: Decimal | int | str | None = None,
    as_stated: str = "",
    by: User | None,
) -> StaffPost:
    title, posts_d, fte_d = _post_fields(title=title, posts=posts, fte=fte)
    positions = list(
        StaffPost.objects.filter(partnership=partnership).aggregate(Max("position")).values()
    )
    post = StaffPost(
        partnership=partnership,
        title=title,
        posts=posts_d,
        fte=fte_d,
        as_stated=as_stated.strip(),
        position=_next_position(positions),
    )
    save_recorded(post, by=by)
    return post


@transaction.atomic
def staff_post_update(
    *,
    post: StaffPost,
    title: str,
    posts: Decimal | int | str | None,
    fte: Decimal | int | str | None,
    as_stated: str,
    by: User | None,
    expected_version: int | None = None,
) -> StaffPost:
    post.title, post.posts, post.fte = _post_fields(title=title, posts=posts, fte=fte)
    post.as_stated = as_stated.strip()
    save_recorded(post, by=by, expected_version=expected_version)
    return post


@transaction.atomic
def staff_post_remove(*, post: StaffPost, by: User | None) -> None:
    """Delete the post. Its history keeps the deletion and who made it."""
    post._history_user = by  # type: ignore[attr-defined]
    post.delete()
