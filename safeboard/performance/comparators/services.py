"""Writes for comparator series: the all-or-nothing import of a tidy DfE-style CSV, and linking a
series to one of the partnership's indicators.

The file is read whole by the reports kit (`reports.readers.read_csv`: UTF-8 only, no NUL
characters, every row as wide as the header, each column named once), then every row is checked
(`domain.comparators`), and only then is anything written, in one transaction."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction

from safeboard.core.errors import ApplicationError
from safeboard.core.services import save_recorded
from safeboard.partnerships.models import Partnership
from safeboard.reports.readers import read_all, read_csv

from ..domain import comparators as domain
from ..indicators.analysis import analysis_refresh
from ..models import ComparatorSeries, ComparatorValue, Indicator

MAX_BYTES = 5 * 1024 * 1024


class ComparatorImportError(ApplicationError):
    """The file has problems; `problems` lists them row by row. Nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        super().__init__(
            f"The file has {count} problem{'s' if count != 1 else ''}, so nothing was imported. "
            "Correct the rows listed and upload the file again.",
            field="file",
        )
        self.problems = problems


@dataclass(frozen=True)
class ImportSummary:
    series_created: int
    series_updated: int
    points: int


def _read(upload: IO[bytes]) -> domain.Parsed:
    """The whole file, checked; a file that cannot be read is one ApplicationError."""
    table = read_csv(upload, max_bytes=MAX_BYTES)
    rows = read_all(table)
    return domain.parse_table(table.header, ((row.number, row.values) for row in rows))


@transaction.atomic
def comparators_import(
    *,
    partnership: Partnership,
    upload: IO[bytes],
    by: Any,
    links: Mapping[tuple[str, str], str] | None = None,
    rates_for: Collection[str] = (),
    area_codes: Collection[str] | None = None,
) -> ImportSummary:
    """Create or update every series in `upload` (a tidy CSV), with all its points, or nothing.

    `links` maps (measure, area_code) to an indicator code of this partnership; `rates_for` names
    count measures to derive rates per 10,000 for (stored as measure + "_per_10000");
    `area_codes` keeps only those areas (all if None). A file that cannot be read raises
    ApplicationError (field "file"); rows with problems raise ComparatorImportError."""
    try:
        parsed = _read(upload)
    except ApplicationError as exc:
        raise ApplicationError(exc.message, field="file") from exc
    problems = list(parsed.errors)
    series = parsed.series
    if area_codes is not None:
        series = {k: s for k, s in series.items() if k[1] in area_codes}
    unknown_rates = [m for m in rates_for if not any(k[0] == m for k in series)]
    problems += [
        f"There is no measure {m} in the file to derive a rate from." for m in unknown_rates
    ]
    series = {**series, **domain.derive_rates(series, rates_for)}
    codes = set((links or {}).values())
    indicators = {
        i.code: i for i in Indicator.objects.filter(partnership=partnership, code__in=codes)
    }
    for key, code in (links or {}).items():
        if code not in indicators:
            problems.append(f"There is no indicator with the code {code} to link {key[0]} to.")
        elif key not in series:
            problems.append(f"There is no series {key[0]} for area {key[1]} in the file.")
    if problems:
        raise ComparatorImportError(problems)

    existing = {
        (s.source_measure, s.area_code): s
        for s in ComparatorSeries.objects.filter(partnership=partnership)
    }
    created = updated = points = 0
    drawn: set[int] = set()  # the indicators whose comparator may have changed
    wanted_links = dict(links or {})
    for key, parsed_series in sorted(series.items()):
        record = existing.get(key)
        if record is None:
            record = ComparatorSeries(
                partnership=partnership, source_measure=key[0], area_code=key[1]
            )
            created += 1
        else:
            updated += 1
        record.area_name = parsed_series.area_name
        record.source = parsed_series.source
        if key in wanted_links:
            record.indicator = indicators[wanted_links[key]]
        save_recorded(record, by=by)
        rows = [
            ComparatorValue(
                series=record,
                period_end=p.period_end,
                period_label=p.label,
                value=p.value,
                symbol=p.symbol,
            )
            for p in parsed_series.ordered()
        ]
        ComparatorValue.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["series", "period_end"],
            update_fields=["period_label", "value", "symbol"],
        )
        points += len(rows)
        if record.indicator_id is not None:
            drawn.add(record.indicator_id)
    analysis_refresh(indicator_ids=drawn)
    return ImportSummary(series_created=created, series_updated=updated, points=points)


@transaction.atomic
def comparator_link(
    *,
    series: ComparatorSeries,
    indicator: Indicator | None,
    by: Any,
    label: str = "",
    expected_version: int | None = None,
) -> ComparatorSeries:
    """Draw `series` beside `indicator` (or beside nothing, if None), under the name `label`
    (empty: a name made from its measure), from the version `expected_version` when given."""
    if indicator is not None and indicator.partnership_id != series.partnership_id:
        raise ApplicationError("Choose an indicator of this partnership.", field="indicator")
    before = series.indicator_id
    series.indicator = indicator
    series.label = label.strip()
    save_recorded(series, by=by, expected_version=expected_version)
    analysis_refresh(indicator_ids=[pk for pk in (before, series.indicator_id) if pk is not None])
    return series
