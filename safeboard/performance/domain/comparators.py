"""Published comparator series (England and other areas) read from a tidy DfE-style CSV.

Columns (the DfE extract's README): time_period, geographic_level, area_code, area_name, measure,
value, symbol, source_file, source_column. Only time_period, area_code, area_name, measure, value
and symbol are required; the others are kept as the series' source when present.

* ``time_period`` YYYY is the year ending 31 March YYYY (the children in need census and the
  children looked after return): the point's date is 31 March YYYY and its label the financial
  year "(YYYY-1)/YY", e.g. 2025 → "2024/25". The EES form "202425" is read the same way.
* A figure is a number or one of the published symbols c, x, z, u. A symbol is kept as the
  symbol and never read as zero.
* Rows are numbered as a spreadsheet shows them: the header is row 1, the first figure row 2.
* area_code, area_name, source_file and source_column are one line of plain text each: a line
  break, a control or NUL character, or HTML markup (a tag such as <script>) is refused, naming
  the row, as plan files refuse markup.

Rates per 10,000 are derived from a count series and a population series of the same area:
rate = count / population * 10,000. The population file gives mid-year estimates labelled by
calendar year; the estimate for mid-year Y (30 June Y) falls inside the financial year Y/Y+1, so
the count for the year ending 31 March Y+1 is divided by the population labelled Y (the DfE
convention). If either figure is missing or a symbol, the rate has no number and carries the
symbol (the count's symbol first, else the population's, else "x" for not available).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from safeboard.core.domain import financial_years
from safeboard.core.domain.text import MARKUP_PROBLEM, has_markup, single_line_problem

SYMBOLS: dict[str, str] = {
    "c": "suppressed",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
}
REQUIRED_COLUMNS = ("time_period", "area_code", "area_name", "measure", "value", "symbol")
ONE_LINE_COLUMNS = ("area_code", "area_name", "source_file", "source_column")
POPULATION_MEASURE = "population_aged_0_17"
RATE_SUFFIX = "_per_10000"
MAX_MEASURE = 100 - len(RATE_SUFFIX)
MAX_AREA_CODE = 20
MAX_AREA_NAME = 200
_PLACES = Decimal("0.0001")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_EES_YEAR = re.compile(r"^\s*(\d{4})(\d{2})\s*$")
_MEASURE = re.compile(r"^[A-Za-z0-9_\-]+$")


# Readable names for the DfE's measure names (`assessment_factor_domestic_abuse_parent` is shown
# as "Assessment factor: domestic abuse (parent)"). The words the DfE abbreviates:
_ABBREVIATIONS: dict[str, str] = {
    "cin": "children in need",
    "cla": "children looked after",
    "cpp": "child protection plans",
    "ehcp": "education, health and care plans",
    "uasc": "unaccompanied asylum-seeking children",
    "la": "local authority",
    "rereferrals": "re-referrals",
}
_MONTH_NAMES = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september"}
    | {"october", "november", "december"}
)
# Whose factor an assessment factor is: the last word of the measure, shown in brackets.
_WHOSE = frozenset({"parent", "child", "carer", "sibling", "other", "person"})
_FACTOR_PREFIX = "assessment_factor_"
_PERCENT_SUFFIX = "_percent"


def _words(parts: Sequence[str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(parts):
        word = parts[i]
        if word in _ABBREVIATIONS:
            out.append(_ABBREVIATIONS[word])
        elif word in _MONTH_NAMES:
            out.append(word.capitalize())
            # "at 31 March 2 years or more": what follows the date qualifies it.
            if i + 1 < len(parts):
                out[-1] += ","
        elif (
            word == "aged"
            and i + 2 < len(parts)
            and parts[i + 1].isdigit()
            and parts[i + 2].isdigit()
        ):
            out.append(f"aged {parts[i + 1]} to {parts[i + 2]}")
            i += 2
        else:
            out.append(word)
        i += 1
    return " ".join(out)


def measure_name(measure: str, *, label: str = "") -> str:
    """The name a person reads for a comparator's measure: its stored `label` when it has one,
    else the raw measure humanised: "cpp_second_or_subsequent_percent" → "Child protection plans
    second or subsequent (%)", "cla_at_31_march_rate_per_10000" → "Children looked after at 31
    March (rate per 10,000)", "assessment_factor_neglect" → "Assessment factor: neglect"."""
    if label.strip():
        return label.strip()
    text = measure.strip().lower()
    suffix = ""
    rate = "_rate" + RATE_SUFFIX
    if text.endswith(rate) and len(text) > len(rate):
        text, suffix = text[: -len(rate)], " (rate per 10,000)"
    elif text.endswith(RATE_SUFFIX) and len(text) > len(RATE_SUFFIX):
        text, suffix = text[: -len(RATE_SUFFIX)], " (rate per 10,000)"
    elif text.endswith(_PERCENT_SUFFIX) and len(text) > len(_PERCENT_SUFFIX):
        text, suffix = text[: -len(_PERCENT_SUFFIX)], " (%)"
    prefix = ""
    if text.startswith(_FACTOR_PREFIX) and len(text) > len(_FACTOR_PREFIX):
        text, prefix = text[len(_FACTOR_PREFIX) :], "Assessment factor: "
    parts = [p for p in re.split(r"[_\-\s]+", text) if p]
    if prefix and len(parts) > 1 and parts[-1] in _WHOSE:
        suffix = f" ({parts.pop()}){suffix}"
    words = _words(parts)
    if not words:
        return measure.strip()
    if not prefix:
        words = words[:1].upper() + words[1:]
    return f"{prefix}{words}{suffix}"


def symbol_meaning(symbol: str) -> str:
    """ "c" → "c (suppressed)"; an empty symbol → ""."""
    return f"{symbol} ({SYMBOLS[symbol]})" if symbol in SYMBOLS else symbol


@dataclass(frozen=True)
class Point:
    period_end: datetime.date
    label: str
    value: Decimal | None
    symbol: str

    def __post_init__(self) -> None:
        if (self.value is None) == (self.symbol == ""):
            raise ValueError("A point has a number or a symbol, never both or neither.")


@dataclass
class Series:
    measure: str
    area_code: str
    area_name: str
    source: str = ""
    points: dict[datetime.date, Point] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.measure, self.area_code)

    def ordered(self) -> list[Point]:
        return [self.points[d] for d in sorted(self.points)]


@dataclass
class Parsed:
    series: dict[tuple[str, str], Series]
    errors: list[str]


def year_ending_march(time_period: str) -> tuple[datetime.date, str]:
    """The last day and label of the year written `time_period`: "2025" or "202425" →
    (31 March 2025, "2024/25"). Raises ValueError with a message for people."""
    if match := _YEAR.match(time_period):
        end_year = int(match[1])
    elif match := _EES_YEAR.match(time_period):
        start, short = int(match[1]), match[2]
        if not financial_years.follows(start, short):
            raise ValueError(f"time_period {time_period.strip()!r} is not a financial year")
        end_year = start + 1
    else:
        raise ValueError(
            f"time_period {time_period.strip()!r} must be a year such as 2025 (the year ending "
            "31 March 2025)"
        )
    if not 1900 < end_year < 2200:
        raise ValueError(f"time_period {time_period.strip()!r} is not a plausible year")
    return financial_years.end(end_year - 1), financial_years.label_ending(end_year)


def read_figure(value: str, symbol: str) -> tuple[Decimal | None, str]:
    """A number or a symbol, from the value and symbol columns. Raises ValueError."""
    value, symbol = value.strip(), symbol.strip().lower()
    if value.lower() in SYMBOLS and not symbol:
        # Some published files put the symbol in the value column.
        return None, value.lower()
    if value and symbol:
        raise ValueError("give either a value or a symbol, not both")
    if symbol:
        if symbol not in SYMBOLS:
            raise ValueError(
                f"symbol {symbol!r} is not one of c (suppressed), x (not available), "
                "z (not applicable) or u (low reliability)"
            )
        return None, symbol
    if not value:
        raise ValueError("give a value, or one of the symbols c, x, z or u in the symbol column")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(
            f"value {value!r} is not a number; write a number such as 1234 or 12.5, or leave it "
            "empty and put c, x, z or u in the symbol column"
        ) from None
    if not number.is_finite():
        raise ValueError(f"value {value!r} is not a number")
    if abs(number) >= Decimal("1e12"):
        raise ValueError(f"value {value!r} is too large")
    return number.quantize(_PLACES, rounding=ROUND_HALF_UP), ""


def one_line_problem(column: str, text: str) -> str | None:
    """What is wrong with `text` as the one-line value of `column`, or None."""
    problem = single_line_problem(text)
    if problem is None and has_markup(text):
        problem = MARKUP_PROBLEM
    return f"{column} {problem}" if problem else None


def parse_rows(rows: Iterable[tuple[int, Mapping[str, str | None]]]) -> Parsed:
    """Series keyed by (measure, area_code), and every row's problems as "Row N: ...". `rows`
    are (the row's number in the file, its cells by column name)."""
    series: dict[tuple[str, str], Series] = {}
    errors: list[str] = []
    for number, row in rows:

        def col(name: str, row: Mapping[str, str | None] = row) -> str:
            return (row.get(name) or "").strip()

        problems = [
            p for p in (one_line_problem(name, col(name)) for name in ONE_LINE_COLUMNS) if p
        ]
        if problems:
            errors.append(f"Row {number}: {'; '.join(problems)}.")
            continue
        measure, area_code, area_name = col("measure"), col("area_code"), col("area_name")
        if not measure:
            problems.append("measure is empty")
        elif len(measure) > MAX_MEASURE or not _MEASURE.match(measure):
            problems.append(
                f"measure {measure[:40]!r} must be up to {MAX_MEASURE} letters, numbers, "
                "underscores or hyphens"
            )
        if not area_code:
            problems.append("area_code is empty")
        elif len(area_code) > MAX_AREA_CODE:
            problems.append(f"area_code is longer than {MAX_AREA_CODE} characters")
        if not area_name:
            problems.append("area_name is empty")
        elif len(area_name) > MAX_AREA_NAME:
            problems.append(f"area_name is longer than {MAX_AREA_NAME} characters")
        period: tuple[datetime.date, str] | None = None
        try:
            period = year_ending_march(col("time_period"))
        except ValueError as exc:
            problems.append(str(exc))
        figure: tuple[Decimal | None, str] | None = None
        try:
            figure = read_figure(col("value"), col("symbol"))
        except ValueError as exc:
            problems.append(str(exc))
        if problems or period is None or figure is None:
            errors.append(f"Row {number}: {'; '.join(problems)}.")
            continue
        key = (measure, area_code)
        current = series.get(key)
        if current is None:
            source = " ".join(p for p in (col("source_file"), col("source_column")) if p)
            current = series[key] = Series(measure, area_code, area_name, source=source[:300])
        if period[0] in current.points:
            errors.append(
                f"Row {number}: {measure} for {area_code} in {period[1]} is already given on an "
                "earlier row; give each figure once."
            )
            continue
        current.points[period[0]] = Point(period[0], period[1], figure[0], figure[1])
    return Parsed(series=series, errors=errors)


def parse_table(header: Sequence[str], rows: Iterable[tuple[int, Sequence[object]]]) -> Parsed:
    """Read a whole table: `header` names the columns, `rows` are (row number, cells), as the
    reports kit's readers give them. A missing column is one error for the whole file."""
    names = [name.strip() for name in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        return Parsed(
            series={},
            errors=[
                "Row 1: the header is missing the column"
                f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}. The first row must "
                f"name the columns {', '.join(REQUIRED_COLUMNS)}."
            ],
        )
    parsed = parse_rows(
        (
            number,
            {
                name: None if cell is None else str(cell)
                for name, cell in zip(names, cells, strict=False)
                if name
            },
        )
        for number, cells in rows
    )
    if not parsed.series and not parsed.errors:
        parsed.errors.append("The file has a header but no figures. Add at least one row.")
    return parsed


def parse_csv(text: str) -> Parsed:
    """Read a whole CSV given as text (the example data set; uploads are read by the reports
    kit's `read_csv` and given to `parse_table`)."""
    try:
        records = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    except csv.Error as exc:
        return Parsed(series={}, errors=[f"The file is not valid CSV ({exc})."])
    if not records:
        return parse_table([], [])
    return parse_table(records[0], enumerate(records[1:], start=2))


def rate_per_10000(count: Series, population: Series, *, population_lag_years: int = 1) -> Series:
    """count / population * 10,000 for each period of `count` (see the module docstring for
    which population year is used). Never zero for a missing figure."""
    rate = Series(
        measure=f"{count.measure}{RATE_SUFFIX}",
        area_code=count.area_code,
        area_name=count.area_name,
        source=f"Derived: {count.measure} / {population.measure} * 10,000",
    )
    by_year = {d.year: p for d, p in population.points.items()}
    for day, point in count.points.items():
        pop = by_year.get(day.year - population_lag_years)
        if point.value is None:
            rate.points[day] = Point(day, point.label, None, point.symbol)
        elif pop is None:
            rate.points[day] = Point(day, point.label, None, "x")
        elif pop.value is None:
            rate.points[day] = Point(day, point.label, None, pop.symbol)
        elif pop.value <= 0:
            rate.points[day] = Point(day, point.label, None, "z")
        else:
            value = (point.value / pop.value * 10000).quantize(_PLACES, rounding=ROUND_HALF_UP)
            rate.points[day] = Point(day, point.label, value, "")
    return rate


def derive_rates(
    series: Mapping[tuple[str, str], Series], measures: Iterable[str]
) -> dict[tuple[str, str], Series]:
    """Rates per 10,000 for each of `measures`, for every area that has a population series."""
    wanted = set(measures)
    rates: dict[tuple[str, str], Series] = {}
    for (measure, area_code), count in series.items():
        population = series.get((POPULATION_MEASURE, area_code))
        if measure in wanted and population is not None:
            rate = rate_per_10000(count, population)
            rates[rate.key] = rate
    return rates
