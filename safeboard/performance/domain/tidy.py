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
from typing import Any, NamedTuple

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


class TidyRow(NamedTuple):
    """One checked row. A named tuple, not a dataclass: an import makes 100,000 of them."""

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


# Cells whose text can never be too long or hold a control character: only text is checked.
_PLAIN = frozenset({type(None), int, float, bool, datetime.datetime, datetime.date, datetime.time})
_FIGURES = ("value", "numerator", "denominator")


def _text_problem(text: str, name: str) -> str | None:
    """What is wrong with the text of a cell of column `name`, or None."""
    one_line = single_line_problem(text) if name in ONE_LINE else None
    if one_line is not None:
        return f"it {one_line}"
    if CONTROL.search(text):
        return "remove the control characters (invisible characters) from it"
    if len(text) > MAX_TEXT:
        return f"shorten it to {MAX_TEXT} characters or fewer"
    return None


def _number(
    cell: Any, memo: dict[Any, tuple[Decimal | None, str | None]]
) -> tuple[Decimal | None, str | None]:
    """`parse_number` of the cell as (number, None) or (None, message), remembered for text and
    whole numbers (a file repeats the same figures; a float is not remembered, as -0.0 == 0.0)."""
    if cell is None:
        return None, None
    kind = type(cell)
    if kind is str or kind is int:
        key = (kind, cell)
        found = memo.get(key)
        if found is not None:
            return found
    try:
        result: tuple[Decimal | None, str | None] = (parse_number(cell), None)
    except ValueError as exc:
        result = (None, str(exc))
    if kind is str or kind is int:
        memo[key] = result
    return result


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
    codes; `agencies` maps lower-case keys and names to ids. Blank rows are skipped.

    A file repeats the same few codes, periods, agencies and figures on every row, so each check
    is made once per distinct cell (and per indicator frequency for a period) and remembered."""
    parsed: list[TidyRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, datetime.date, int | None], int] = {}
    width = max(index.values()) + 1
    # (column, position, whether its text is used, what its texts were found to be)
    columns = [
        (name, index[name], name not in _FIGURES, dict[str, tuple[str, str | None]]())
        for name in COLUMNS
        if name in index
    ]
    figure_columns = [(name, index.get(name)) for name in _FIGURES]
    period_cache: dict[tuple[str, str], datetime.date | str] = {}
    agency_cache: dict[str, int | None] = {}
    number_memo: dict[Any, tuple[Decimal | None, str | None]] = {}
    plain = _PLAIN

    for number, raw in rows:
        if len(errors) >= max_errors:
            break
        cells = raw[:width]
        for c in cells:
            if c is not None and not (isinstance(c, str) and not c.strip()):
                break
        else:
            continue  # a blank row
        size = len(cells)
        problems: list[RowError] = []
        texts = {"indicator_code": "", "period": "", "agency": "", "comment": ""}
        for name, position, wanted, memo in columns:
            cell = cells[position] if position < size else None
            if type(cell) in plain:
                if wanted:
                    texts[name] = _text(cell)
                continue
            found = memo.get(cell) if type(cell) is str else None
            if found is None:
                text = _text(cell)
                found = (text, _text_problem(text, name))
                if type(cell) is str:
                    memo[cell] = found
            text, message = found
            texts[name] = text
            if message is not None:
                problems.append(RowError(number, name, message))
        if problems:
            errors.extend(problems)
            continue

        code = texts["indicator_code"]
        info = indicators.get(code.lower())
        if not code:
            problems.append(RowError(number, "indicator_code", "enter the indicator's code"))
        elif info is None:
            problems.append(
                RowError(
                    number,
                    "indicator_code",
                    f"there is no indicator with the code {code!r}. Check the code against the "
                    "data set",
                )
            )

        start: datetime.date | None = None
        if info is not None:
            period = texts["period"]
            key = (period, info.frequency)
            cached = period_cache.get(key)
            if cached is None:
                try:
                    cached = periods.parse(period, info.frequency)
                except periods.PeriodError as exc:
                    cached = (
                        f"{info.code} is {info.frequency}: {str(exc)[:1].lower()}{str(exc)[1:]}"
                        if period
                        else "enter the period"
                    )
                period_cache[key] = cached
            if isinstance(cached, str):
                problems.append(RowError(number, "period", cached))
            else:
                start = cached

        agency_id: int | None = None
        agency = texts["agency"]
        if agency:
            if agency in agency_cache:
                agency_id = agency_cache[agency]
            else:
                agency_id = agency_cache[agency] = agencies.get(agency.lower())
            if agency_id is None:
                problems.append(
                    RowError(
                        number,
                        "agency",
                        f"there is no agency {agency!r} in this partnership. Use the agency's "
                        "key or name, or leave it blank for the partnership total",
                    )
                )

        numbers: list[Decimal | None] = []
        for name, at in figure_columns:
            cell = cells[at] if at is not None and at < size else None
            figure, message = _number(cell, number_memo)
            if message is not None:
                problems.append(RowError(number, name, message))
            numbers.append(figure)

        if info is not None and not problems:
            figures, figure_problems = resolve_figures(info.unit, *numbers)
            for column, message in figure_problems:
                problems.append(RowError(number, column, message))
            if require_value and figures.value is None and not figure_problems:
                problems.append(RowError(number, "value", "enter the value, or remove the row"))
            if not problems and start is not None:
                dupe_key = (info.id, start, agency_id)
                if dupe_key in seen:
                    problems.append(
                        RowError(
                            number,
                            None,
                            f"this repeats row {seen[dupe_key]} (the same indicator, period "
                            "and agency). Remove one of them",
                        )
                    )
                else:
                    seen[dupe_key] = number
                    parsed.append(
                        TidyRow(
                            number,
                            info.id,
                            start,
                            agency_id,
                            figures.value,
                            figures.numerator,
                            figures.denominator,
                            texts["comment"],
                        )
                    )
        errors.extend(problems)
    return parsed, errors
