"""The tidy format for values, read as plain Python (no Django). See docs/how-to/values-files.md.

One row per value, with these columns (the first row names them, in any order; other columns,
such as indicator_name, unit or illustrative, are ignored):

    indicator_code  the indicator's code                              required
    period          "2017/18 Q1", "April 2017", "2017/18" or the ISO   required
                    date the period starts ("2017-04-01")
    agency          the agency's key or name; blank for the partnership total
    value           the number                                         required unless numerator
                                                                       and denominator are given
    numerator, denominator   for percentages and rates: the value is worked out from them
    comment         free text

A file is checked whole before anything is written: `parse_rows` returns either the rows or every
problem found, each naming the spreadsheet row and column ("Row 4, value: enter a number ...").
A column named twice (also as "indicator code" beside "indicator_code") is refused, never one of
them silently used; indicator_code, period and agency are one line each; a count, numerator or
denominator below zero is refused (`returns.negative_problems`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from safeboard.core.domain.text import single_line_problem

from . import periods
from .returns import parse_number, resolve_figures

COLUMNS = (
    "indicator_code",
    "period",
    "agency",
    "value",
    "numerator",
    "denominator",
    "comment",
)
REQUIRED = ("indicator_code", "period")
ONE_LINE = ("indicator_code", "period", "agency")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_ERRORS = 200
MAX_TEXT = 5000


@dataclass(frozen=True)
class IndicatorInfo:
    id: int
    code: str
    frequency: str
    unit: str


@dataclass(frozen=True)
class TidyRow:
    row: int
    indicator_id: int
    period_start: datetime.date
    agency_id: int | None
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    comment: str


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message[:1].upper() + self.message[1:]
        where = f"Row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class TidyError(ValueError):
    """The file cannot be read at all (not a spreadsheet, no header...)."""


def header_index(header: Sequence[Any]) -> dict[str, int]:
    """Column name -> position. Raises TidyError naming missing required columns."""
    names = ["_".join(str(h).split()).lower() if h is not None else "" for h in header]
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        if name not in COLUMNS:
            continue
        if name in index:
            raise TidyError(
                f"The column {name} is named twice (columns {column_letter(index[name])} and "
                f"{column_letter(position)}). Remove one of them and upload the file again."
            )
        index[name] = position
    missing = [c for c in REQUIRED if c not in index]
    if "value" not in index and "numerator" not in index:
        missing.append("value")
    if missing:
        raise TidyError(
            f"The first row must name the columns. Missing: {', '.join(missing)}. "
            f"Use: {', '.join(COLUMNS)}."
        )
    return index


def column_letter(position: int) -> str:
    """The spreadsheet's name for the column at `position` (from 0): 0 → "A", 26 → "AA"."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse_rows(
    rows: Iterable[tuple[int, Sequence[Any]]],
    index: Mapping[str, int],
    *,
    indicators: Mapping[str, IndicatorInfo],
    agencies: Mapping[str, int],
    require_value: bool = True,
    max_errors: int = MAX_ERRORS,
) -> tuple[list[TidyRow], list[RowError]]:
    """Check every row. `rows` are (spreadsheet row number, cells); `indicators` maps lower-case
    codes; `agencies` maps lower-case keys and names to ids. Blank rows are skipped."""
    parsed: list[TidyRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, datetime.date, int | None], int] = {}
    period_cache: dict[tuple[str, str], datetime.date | str] = {}
    width = max(index.values()) + 1

    def cell(cells: Sequence[Any], name: str) -> Any:
        position = index.get(name)
        if position is None or position >= len(cells):
            return None
        return cells[position]

    for number, raw in rows:
        if len(errors) >= max_errors:
            break
        cells = list(raw[:width])
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        problems: list[RowError] = []

        def problem(
            column: str | None, message: str, row: int = number, found: list[RowError] = problems
        ) -> None:
            found.append(RowError(row, column, message))

        texts = {name: _text(cell(cells, name)) for name in COLUMNS}
        for name, text in texts.items():
            one_line = single_line_problem(text) if name in ONE_LINE else None
            if one_line is not None:
                problem(name, f"it {one_line}")
            elif CONTROL.search(text):
                problem(name, "remove the control characters (invisible characters) from it")
            elif len(text) > MAX_TEXT:
                problem(name, f"shorten it to {MAX_TEXT} characters or fewer")
        if problems:
            errors.extend(problems)
            continue

        info = indicators.get(texts["indicator_code"].lower())
        if not texts["indicator_code"]:
            problem("indicator_code", "enter the indicator's code")
        elif info is None:
            problem(
                "indicator_code",
                f"there is no indicator with the code {texts['indicator_code']!r}. "
                "Check the code against the data set",
            )

        start: datetime.date | None = None
        if info is not None:
            key = (texts["period"], info.frequency)
            cached = period_cache.get(key)
            if cached is None:
                try:
                    cached = periods.parse(texts["period"], info.frequency)
                except periods.PeriodError as exc:
                    cached = (
                        f"{info.code} is {info.frequency}: {str(exc)[:1].lower()}{str(exc)[1:]}"
                        if texts["period"]
                        else "enter the period"
                    )
                period_cache[key] = cached
            if isinstance(cached, str):
                problem("period", cached)
            else:
                start = cached

        agency_id: int | None = None
        if texts["agency"]:
            agency_id = agencies.get(texts["agency"].lower())
            if agency_id is None:
                problem(
                    "agency",
                    f"there is no agency {texts['agency']!r} in this partnership. Use the "
                    "agency's key or name, or leave it blank for the partnership total",
                )

        numbers: dict[str, Decimal | None] = {}
        for name in ("value", "numerator", "denominator"):
            try:
                numbers[name] = parse_number(cell(cells, name))
            except ValueError as exc:
                problem(name, str(exc))
                numbers[name] = None

        if info is not None and not problems:
            figures, figure_problems = resolve_figures(
                info.unit, numbers["value"], numbers["numerator"], numbers["denominator"]
            )
            for column, message in figure_problems:
                problem(column, message)
            if require_value and figures.value is None and not figure_problems:
                problem("value", "enter the value, or remove the row")
            if not problems and start is not None:
                dupe_key = (info.id, start, agency_id)
                if dupe_key in seen:
                    problem(
                        None,
                        f"this repeats row {seen[dupe_key]} (the same indicator, period and "
                        "agency). Remove one of them",
                    )
                else:
                    seen[dupe_key] = number
                    parsed.append(
                        TidyRow(
                            row=number,
                            indicator_id=info.id,
                            period_start=start,
                            agency_id=agency_id,
                            value=figures.value,
                            numerator=figures.numerator,
                            denominator=figures.denominator,
                            comment=texts["comment"],
                        )
                    )
        errors.extend(problems)
    return parsed, errors
