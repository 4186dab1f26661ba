"""The logic of `manage.py spc FILE.csv`: read a date,value CSV, run `spc`, write JSON or CSV.
Pure Python: no Django (the Django command is a thin wrapper that reads the file and turns
ValueError into CommandError).

Input: a UTF-8 CSV (a byte-order mark is allowed) whose first row is the header `date,value`;
then one row per period with an ISO date (YYYY-MM-DD) and a number. Whitespace around cells is
ignored and empty lines are skipped. Anything else is refused with a ValueError that names the
line: a wrong header, a row without exactly two cells, a blank or malformed date, a blank value (a
missing period is refused, never treated as zero), a value that is not a plain decimal number
(so no "nan", "inf" or "1_000"), or a date that repeats an earlier line.

JSON output (default):
    {"points": [{"date", "value", "mean", "lower_limit", "upper_limit", "special_cause",
    "point_type"}, ...], "variation_icon": ..., "assurance_icon": ...}
in date order; undefined limits are null, never NaN (the JSON is always valid).
CSV output: a header row of the same per-point columns, then one row per point; an undefined limit
or special cause is an empty cell.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

from safeboard.performance.domain.spc import DIRECTIONS, Direction, SpcResult, spc

OutputFormat = Literal["json", "csv"]
FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
POINT_COLUMNS = (
    "date",
    "value",
    "mean",
    "lower_limit",
    "upper_limit",
    "special_cause",
    "point_type",
)
HEADER = ("date", "value")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


@dataclass(frozen=True)
class SpcOptions:
    direction: Direction = "increase"
    target: float | None = None
    rebase: tuple[datetime.date, ...] = ()
    fix_after: int | None = None
    screen_outliers: bool = True
    output_format: OutputFormat = "json"


def parse_date(text: str) -> datetime.date:
    """A date written YYYY-MM-DD (nothing else: no times, week dates or compact forms)."""
    cleaned = text.strip()
    if not _DATE.fullmatch(cleaned):
        raise ValueError(f"{cleaned!r} is not a date in the form YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a real date") from None


def parse_number(text: str) -> float:
    """A plain decimal number such as 12, -3.5 or 1.2e3; finite."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"{cleaned!r} is not a number")
    number = float(cleaned)
    if not math.isfinite(number):
        raise ValueError(f"{cleaned!r} is too large")
    return number


def parse_csv(text: str) -> list[tuple[datetime.date, float]]:
    """The (date, value) rows of a date,value CSV, in file order. ValueError names the line."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header_seen = False
    first_line_of: dict[datetime.date, int] = {}
    points: list[tuple[datetime.date, float]] = []
    for row in reader:
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # an empty line
        cells = [cell.strip() for cell in row]
        if not header_seen:
            if tuple(cell.lower() for cell in cells) != HEADER:
                raise ValueError(
                    f"line {line}: the first row must be the header date,value, "
                    f"not {','.join(cells)!r}"
                )
            header_seen = True
            continue
        if len(cells) != 2:
            raise ValueError(
                f"line {line}: expected 2 cells (date,value), found {len(cells)}: "
                f"{','.join(cells)!r}"
            )
        date_text, value_text = cells
        if not date_text:
            raise ValueError(f"line {line}: the date is blank")
        try:
            date = parse_date(date_text)
        except ValueError as error:
            raise ValueError(f"line {line}: {error}") from None
        if date in first_line_of:
            raise ValueError(
                f"line {line}: the date {date.isoformat()} already appears on line "
                f"{first_line_of[date]}"
            )
        first_line_of[date] = line
        if not value_text:
            raise ValueError(
                f"line {line}: the value for {date.isoformat()} is blank: missing periods are "
                "refused, never treated as zero"
            )
        try:
            value = parse_number(value_text)
        except ValueError as error:
            raise ValueError(f"line {line}: {error}") from None
        points.append((date, value))
    if not header_seen:
        raise ValueError("the file is empty: expected the header date,value and then rows")
    if not points:
        raise ValueError("the file has a header but no rows")
    return points


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options (the FILE argument is the wrapper's). Values stay text here and are
    checked by `options_from`, so they are checked the same way however the command is called."""
    parser.add_argument(
        "--direction",
        default="increase",
        help="Which way is improvement: increase (default), decrease or neutral.",
    )
    parser.add_argument("--target", default=None, help="A target value (gives an assurance icon).")
    parser.add_argument(
        "--rebase",
        nargs="+",
        action="extend",
        default=[],
        metavar="YYYY-MM-DD",
        help="Dates on which a new calculation period starts (each must be a row's exact date to "
        "have any effect).",
    )
    parser.add_argument(
        "--fix-after",
        dest="fix_after",
        default=None,
        metavar="N",
        help="Compute each period's mean and limits from its first N points (N >= 12).",
    )
    parser.add_argument(
        "--no-screen-outliers",
        dest="screen_outliers",
        action="store_false",
        default=True,
        help="Do not screen large moving ranges (matches the NHS Excel tool).",
    )
    parser.add_argument(
        "--format",
        dest="output_format",
        default="json",
        help="Output format: json (default) or csv.",
    )


def options_from(values: Mapping[str, Any]) -> SpcOptions:
    """SpcOptions from parsed command options (text, or already typed when called from code)."""
    direction = values.get("direction") or "increase"
    if direction not in DIRECTIONS:
        raise ValueError(f"--direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    output_format = values.get("output_format") or "json"
    if output_format not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")

    target_value = values.get("target")
    target: float | None
    if target_value is None or isinstance(target_value, float | int):
        target = None if target_value is None else float(target_value)
    else:
        try:
            target = parse_number(str(target_value))
        except ValueError as error:
            raise ValueError(f"--target: {error}") from None

    rebase: list[datetime.date] = []
    raw_rebase = values.get("rebase") or ()
    for item in [raw_rebase] if isinstance(raw_rebase, str | datetime.date) else raw_rebase:
        if isinstance(item, datetime.date):
            rebase.append(item)
            continue
        try:
            rebase.append(parse_date(str(item)))
        except ValueError as error:
            raise ValueError(f"--rebase: {error}") from None

    fix_value = values.get("fix_after")
    fix_after: int | None
    if fix_value is None or isinstance(fix_value, int):
        fix_after = fix_value
    elif isinstance(fix_value, str) and re.fullmatch(r"\s*\d+\s*", fix_value):
        fix_after = int(fix_value)
    else:
        raise ValueError(f"--fix-after must be a whole number, not {fix_value!r}")

    return SpcOptions(
        direction=cast(Direction, direction),
        target=target,
        rebase=tuple(rebase),
        fix_after=fix_after,
        screen_outliers=bool(values.get("screen_outliers", True)),
        output_format=cast(OutputFormat, output_format),
    )


def _point_rows(result: SpcResult) -> Iterable[dict[str, Any]]:
    for point in result.points:
        yield {
            "date": point.date.isoformat(),
            "value": point.value,
            "mean": point.mean,
            "lower_limit": point.lower_limit,
            "upper_limit": point.upper_limit,
            "special_cause": point.special_cause,
            "point_type": point.point_type,
        }


def to_json(result: SpcResult) -> str:
    document = {
        "points": list(_point_rows(result)),
        "variation_icon": result.variation_icon,
        "assurance_icon": result.assurance_icon,
    }
    # allow_nan=False: a NaN or infinity would be invalid JSON, so it fails loudly instead.
    return json.dumps(document, indent=2, allow_nan=False) + "\n"


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(result: SpcResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(POINT_COLUMNS)
    for row in _point_rows(result):
        writer.writerow([_csv_cell(row[column]) for column in POINT_COLUMNS])
    return buffer.getvalue()


def run(text: str, options: SpcOptions) -> str:
    """Parse the CSV text, compute the chart and format it. ValueError explains any problem."""
    result = spc(
        parse_csv(text),
        direction=options.direction,
        target=options.target,
        rebase=options.rebase,
        fix_after=options.fix_after,
        screen_outliers=options.screen_outliers,
    )
    return to_json(result) if options.output_format == "json" else to_csv(result)
