"""Each indicator's analysis, computed when its data change and stored, so pages only read it.

`analysis_refresh(indicator_ids=...)` works out the series of the indicators named (their own
values, the per-period totals of their agencies' values for counts, targets and the chosen
comparator) and its analysis (SPC, trends, forecast, icons) with `series.build_series`, and
stores it in `IndicatorAnalysis` with a new `data_version`. Every service that writes values,
targets, comparators or an indicator's settings calls it inside its own transaction, as do the
imports and the examples; `manage.py rebuild_analysis` rebuilds them all.

The stored form keeps every figure in full. Disclosure (small-number suppression) depends on the
viewer, so it is applied when the analysis is read (`stored_series`), never stored.

Concurrency: a refresh locks the indicators' current analysis rows (in indicator order) before it
reads their data, so two writers of one indicator refresh one after the other and the later sees
the earlier's values (PostgreSQL's read committed takes a new snapshot for each statement).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery, Sum
from django.utils import timezone

from safeboard.partnerships.domain import disclosure
from safeboard.partnerships.domain.disclosure import Entitlement
from safeboard.partnerships.models import Partnership

from ..domain import forecast as forecasting
from ..domain import indicator_rules as rules
from ..domain import periods, trends
from ..models import (
    ComparatorSeries,
    ComparatorValue,
    Indicator,
    IndicatorAnalysis,
    IndicatorRendering,
    SpcRebase,
    Target,
    Unit,
    Value,
)
from .charts import SPARKLINE_PERIODS
from .series import ComparatorYear, IndicatorSeries, PeriodRow, build_series

# Indicators refreshed together: bounded so that no query names more ids than a database takes.
CHUNK = 200


# --- Working it out ---------------------------------------------------------------------------


def comparator_name(series: ComparatorSeries) -> str:
    """How the chart's legend and the data table name the comparator drawn beside a card."""
    return f"{series.area_name}: {series.measure_name} (comparator)"


def compute_series(
    indicators: Sequence[Indicator], *, until: datetime.date | None = None
) -> list[IndicatorSeries]:
    """The series and analysis of each indicator, from its data, in full (no disclosure), in a
    fixed number of queries: own values, the agency totals per period (counts only; added up by
    the database), targets, and comparators."""
    ids = [i.pk for i in indicators]
    count_ids = [i.pk for i in indicators if i.unit == Unit.COUNT]
    values: dict[int, list[Value]] = defaultdict(list)
    sums: dict[int, dict[datetime.date, Decimal]] = defaultdict(dict)
    targets: dict[int, list[Target]] = defaultdict(list)
    comparators: dict[int, list[ComparatorSeries]] = defaultdict(list)
    rebases: dict[int, list[tuple[datetime.date, str]]] = defaultdict(list)
    value_rows = Value.objects.filter(indicator_id__in=ids, agency__isnull=True).only(
        "indicator_id", "period_start", "agency_id", "value", "numerator", "denominator", "comment"
    )
    sum_rows = Value.objects.filter(
        indicator_id__in=count_ids, agency__isnull=False, value__isnull=False
    )
    target_rows = Target.objects.filter(indicator_id__in=ids)
    if until is not None:
        value_rows = value_rows.filter(period_start__lte=until)
        sum_rows = sum_rows.filter(period_start__lte=until)
        target_rows = target_rows.filter(period_start__lte=until)
    for v in value_rows.order_by("period_start"):
        values[v.indicator_id].append(v)
    if count_ids:
        for indicator_id, start, total in (
            sum_rows.order_by()
            .values("indicator_id", "period_start")
            .annotate(total=Sum("value"))
            .values_list("indicator_id", "period_start", "total")
        ):
            sums[indicator_id][start] = total
    for t in target_rows.order_by("period_start"):
        targets[t.indicator_id].append(t)
    # Every recorded rebase: one after `until` has no period to start, so does nothing.
    for indicator_id, start, reason in (
        SpcRebase.objects.filter(indicator_id__in=ids)
        .order_by("period_start")
        .values_list("indicator_id", "period_start", "reason")
    ):
        rebases[indicator_id].append((start, reason))
    for c in ComparatorSeries.objects.filter(indicator_id__in=ids).prefetch_related(
        Prefetch("points", queryset=ComparatorValue.objects.order_by("period_end"))
    ):
        comparators[c.indicator_id or 0].append(c)
    result = []
    for indicator in indicators:
        linked = comparators[indicator.pk]
        index = rules.chosen_comparator([c.area_name for c in linked])
        chosen = None if index is None else linked[index]
        result.append(
            build_series(
                indicator,
                values[indicator.pk],
                targets[indicator.pk],
                agency_sums=sums[indicator.pk],
                until=until,
                comparator=chosen.points.all() if chosen else (),
                comparator_name=comparator_name(chosen) if chosen else "",
                rebases=rebases[indicator.pk],
            )
        )
    return result


@transaction.atomic
def analysis_refresh(*, indicator_ids: Iterable[int]) -> None:
    """Work out and store the current analysis of these indicators (see the module docstring);
    any analysis kept for an earlier period is dropped."""
    ids = sorted(set(indicator_ids))
    for first in range(0, len(ids), CHUNK):
        _refresh(ids[first : first + CHUNK])


def _refresh(ids: list[int]) -> None:
    owners = dict(Indicator.objects.filter(pk__in=ids).values_list("pk", "partnership_id"))
    present = set(
        IndicatorAnalysis.objects.filter(indicator_id__in=ids, as_of__isnull=True).values_list(
            "indicator_id", flat=True
        )
    )
    IndicatorAnalysis.objects.bulk_create(
        [
            IndicatorAnalysis(indicator_id=pk, partnership_id=owners[pk])
            for pk in ids
            if pk in owners and pk not in present
        ],
        ignore_conflicts=True,
    )
    rows = {
        a.indicator_id: a
        for a in IndicatorAnalysis.objects.select_for_update()
        .filter(indicator_id__in=ids, as_of__isnull=True)
        .order_by("indicator_id")
        .only("pk", "indicator_id", "data_version")
    }
    indicators = list(Indicator.objects.filter(pk__in=ids).order_by("pk"))
    now = timezone.now()
    changed = []
    for series in compute_series(indicators):
        stored = rows[series.indicator.pk]
        stored.data_version += 1
        stored.computed_at = now
        _store(stored, series)
        changed.append(stored)
    IndicatorAnalysis.objects.bulk_update(changed, STORED_FIELDS, batch_size=CHUNK)
    IndicatorRendering.objects.filter(analysis__indicator_id__in=ids).delete()
    IndicatorAnalysis.objects.filter(indicator_id__in=ids, as_of__isnull=False).delete()


def analysis_rebuild(*, partnership: Partnership | None = None) -> int:
    """Recompute every indicator's analysis (of one partnership, or all); how many."""
    indicators = Indicator.objects.all()
    if partnership is not None:
        indicators = indicators.filter(partnership=partnership)
    ids = list(indicators.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), CHUNK):
        analysis_refresh(indicator_ids=ids[first : first + CHUNK])
    return len(ids)


# The renderings kept with an analysis (see `fragments`).
RENDERINGS = ("card", "card_edit", "section")
STORED_FIELDS = [
    "data_version",
    "computed_at",
    "summary",
    "detail",
    "first_value",
    "last_value",
    "last_period",
]


def _store(stored: IndicatorAnalysis, series: IndicatorSeries) -> None:
    """Put `series` in `stored` (not saved), with no renderings: they belong to the last one."""
    stored.summary, stored.detail = encode(series)
    stored.first_value = series.first_value
    stored.last_value = series.last_value
    stored.last_period = series.rows[-1].period if series.rows else None


# --- The stored form --------------------------------------------------------------------------
# A period row is a list, in this order (compact: a report card reads 120 of them).
_ROW_FIELDS = (
    "period",
    "value",
    "numerator",
    "denominator",
    "comment",
    "summed",
    "target",
    "target_id",
    "forecast",
    "projected",
    "mean",
    "lower_limit",
    "upper_limit",
    "point_type",
    "spc_label",
    "comparator",
    "comparator_symbol",
    "target_in_force",
)
_DECIMALS = frozenset({"value", "numerator", "denominator", "target", "target_in_force"})


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _encode_row(row: PeriodRow) -> list[Any]:
    out: list[Any] = []
    for name in _ROW_FIELDS:
        value = getattr(row, name)
        if name == "period":
            value = value.isoformat()
        elif name in _DECIMALS:
            value = _dec(value)
        out.append(value)
    return out


def _decode_row(cells: list[Any], frequency: str) -> PeriodRow:
    fields = dict(zip(_ROW_FIELDS, cells, strict=True))
    day = datetime.date.fromisoformat(fields.pop("period"))
    for name in _DECIMALS:
        fields[name] = _undec(fields[name])
    return PeriodRow(period=day, label=periods.label(day, frequency), **fields)


def _plain(obj: Any) -> Any:
    """A trends/forecast dataclass as JSON (dates as ISO text)."""
    if obj is None:
        return None
    out = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        out[f.name] = value.isoformat() if isinstance(value, datetime.date) else value
    return out


def encode(series: IndicatorSeries) -> tuple[dict[str, Any], dict[str, Any]]:
    """The series as its stored summary and detail (JSON), every figure in full."""
    rows = series.rows
    valued = [r for r in rows if r.value is not None]
    series.first_value = valued[0].period if valued else None
    series.last_value = valued[-1].period if valued else None
    summary = {
        "latest": _encode_row(series.latest) if series.latest else None,
        "latest_target": _dec(series.latest_target),
        "variation_icon": series.variation_icon,
        "assurance_icon": series.assurance_icon,
        "spc_error": series.spc_error,
        "turned": series.turned_the_curve,
        "current_trend": _plain(series.current_trend),
        "baseline_change": _plain(series.baseline_change),
        "recent": [[_dec(r.value), _dec(r.numerator)] for r in rows[-SPARKLINE_PERIODS:]],
        "has_forecast": series.forecast is not None,
    }
    forecast = series.forecast
    detail = {
        "rows": [_encode_row(r) for r in rows],
        "comparator_name": series.comparator_name,
        # The rebases that start a segment of this series (period, reason).
        "rebases": [[day.isoformat(), reason] for day, reason in series.rebases],
        "comparator_years": [
            [y.label, y.value, y.symbol, y.first.isoformat(), y.last.isoformat()]
            for y in series.comparator_years
        ],
        "forecast": None
        if forecast is None
        else {
            "slope": forecast.line.slope,
            "intercept": forecast.line.intercept,
            "baseline_count": forecast.baseline_count,
        },
    }
    return summary, detail


def _trend(data: dict[str, Any] | None) -> trends.CurrentTrend | None:
    return None if data is None else trends.CurrentTrend(**data)


def _baseline_change(data: dict[str, Any] | None) -> trends.BaselineChange | None:
    if data is None:
        return None
    return trends.BaselineChange(
        **{
            **data,
            "baseline_date": datetime.date.fromisoformat(data["baseline_date"]),
            "latest_date": datetime.date.fromisoformat(data["latest_date"]),
        }
    )


def decode(
    indicator: Indicator,
    summary: dict[str, Any],
    detail: dict[str, Any] | None,
    *,
    entitlement: Entitlement = disclosure.FULL,
    sparkline: bool = False,
) -> IndicatorSeries:
    """The stored analysis as the pages' IndicatorSeries, with what `entitlement` may see. Without
    `detail` the series has no period rows, only its summary (and with `sparkline` its recent
    values, as the dashboard draws them)."""
    frequency = indicator.frequency
    is_count = indicator.unit == Unit.COUNT
    threshold = indicator.suppression_threshold

    def disclosed(row: PeriodRow) -> PeriodRow:
        row.disclosed = disclosure.disclose(
            entitlement=entitlement,
            is_count=is_count,
            value=row.value,
            numerator=row.numerator,
            threshold=threshold,
        )
        return row

    rows: list[PeriodRow] = []
    latest = None
    forecast = None
    comparator_name = ""
    rebases: list[tuple[datetime.date, str]] = []
    comparator_years: list[ComparatorYear] = []
    if detail is not None:
        rows = [disclosed(_decode_row(cells, frequency)) for cells in detail.get("rows", ())]
        comparator_name = detail.get("comparator_name", "")
        rebases = [
            (datetime.date.fromisoformat(day), reason) for day, reason in detail.get("rebases", ())
        ]
        reasons = dict(rebases)
        for r in rows:
            r.rebase_reason = reasons.get(r.period, "")
        comparator_years = [
            ComparatorYear(
                label,
                value,
                symbol,
                datetime.date.fromisoformat(first),
                datetime.date.fromisoformat(last),
            )
            for label, value, symbol, first, last in detail.get("comparator_years", ())
        ]
        fitted = detail.get("forecast")
        if fitted is not None:
            dated = [(r.period, r.forecast) for r in rows if r.forecast is not None]
            forecast = forecasting.Forecast(
                line=forecasting.Line(slope=fitted["slope"], intercept=fitted["intercept"]),
                baseline_count=fitted["baseline_count"],
                dates=tuple(d for d, _ in dated),
                values=tuple(float(v) for _, v in dated),
            )
        latest = next((r for r in reversed(rows) if r.value is not None), None)
    elif summary.get("latest") is not None:
        latest = disclosed(_decode_row(summary["latest"], frequency))
    recent: list[float | None] = []
    for value_text, numerator_text in summary.get("recent", ()) if sparkline else ():
        value = _undec(value_text)
        shown = disclosure.disclose(
            entitlement=entitlement,
            is_count=is_count,
            value=value,
            numerator=_undec(numerator_text),
            threshold=threshold,
        )
        recent.append(None if value is None or shown.value_suppressed else float(value))
    return IndicatorSeries(
        indicator=indicator,
        rows=rows,
        comparator_name=comparator_name,
        rebases=rebases,
        comparator_years=comparator_years,
        latest=latest,
        latest_target=_undec(summary.get("latest_target")),
        variation_icon=summary.get("variation_icon"),
        assurance_icon=summary.get("assurance_icon"),
        current_trend=_trend(summary.get("current_trend")),
        baseline_change=_baseline_change(summary.get("baseline_change")),
        forecast=forecast,
        turned_the_curve=summary.get("turned"),
        spc_error=summary.get("spc_error", ""),
        sparkline=recent,
        has_forecast=bool(summary.get("has_forecast")),
    )


# --- Reading ----------------------------------------------------------------------------------


@dataclass
class Stored:
    """What a page read of one stored analysis: its row and version, the parts asked for
    (summary, detail), and the rendering asked for with the key it was drawn from."""

    pk: int
    indicator_id: int
    data_version: int
    last_period: datetime.date | None
    summary: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] | None = None
    html: str = ""
    html_key: str = ""


# Beyond this many indicators, reading a partnership's analyses by partnership is cheaper than
# naming each indicator (Django prepares every value of an IN list).
MANY = 50


def _read(
    ids: Sequence[int],
    *,
    as_of: datetime.date | None,
    parts: Sequence[str],
    partnership_id: int | None = None,
    rendering: str = "",
) -> dict[int, Stored]:
    """The analyses of `ids` (`parts` of them), with the kept `rendering` of each, in one query."""
    if partnership_id is not None and len(ids) > MANY:
        query = IndicatorAnalysis.objects.filter(partnership_id=partnership_id)
    else:
        query = IndicatorAnalysis.objects.filter(indicator_id__in=ids)
    query = query.filter(as_of__isnull=True) if as_of is None else query.filter(as_of=as_of)
    names = ["pk", "indicator_id", "data_version", "last_period", *parts]
    if rendering:
        kept = IndicatorRendering.objects.filter(analysis=OuterRef("pk"), name=rendering)
        query = query.annotate(
            html=Subquery(kept.values("html")[:1]), html_key=Subquery(kept.values("key")[:1])
        )
        parts = [*parts, "html", "html_key"]
        names += ["html", "html_key"]
    found = {}
    for row in query.values_list(*names):
        stored = Stored(*row[:4])
        for name, value in zip(parts, row[4:], strict=True):
            setattr(stored, name, value if value is not None else "")
        found[stored.indicator_id] = stored
    wanted = set(ids)
    return {pk: stored for pk, stored in found.items() if pk in wanted}


def stored_series(
    indicators: Sequence[Indicator],
    *,
    entitlement: Entitlement = disclosure.FULL,
    detail: bool = True,
    sparkline: bool = False,
    as_of: datetime.date | None = None,
    decoded: bool = True,
    rendering: str = "",
) -> list[IndicatorSeries]:
    """The indicators' stored analyses, in the order given, in one query: with every period row
    (`detail`) or only the summary; without `decoded`, not even that, for a page that shows
    only the kept `rendering` (see `fragments`). With `as_of`, each as it stood at the end of
    that period: the current analysis where it has nothing later, else one kept for that period
    at the current data version, worked out and kept on first request.

    An indicator with no stored analysis (data written by hand, outside the services) has it
    worked out here and stored, so a page is never wrong, only slower that once."""
    if not indicators:
        return []
    if rendering and rendering not in RENDERINGS:
        raise ValueError(f"Unknown rendering {rendering!r}.")
    ids = [i.pk for i in indicators]
    parts = [*(["summary"] if decoded else []), *(["detail"] if decoded and detail else [])]
    partnership_id = indicators[0].partnership_id
    found = _read(ids, as_of=None, parts=parts, partnership_id=partnership_id, rendering=rendering)
    if len(found) < len(ids):
        analysis_refresh(indicator_ids=[pk for pk in ids if pk not in found])
        found = _read(
            ids, as_of=None, parts=parts, partnership_id=partnership_id, rendering=rendering
        )
    chosen = dict(found)
    if as_of is not None:
        later = [
            i for i in indicators if (last := found[i.pk].last_period) is not None and last > as_of
        ]
        if later:
            chosen.update(_as_of(later, found, as_of, parts, rendering))
    result = []
    for indicator in indicators:
        stored = chosen[indicator.pk]
        if decoded:
            series = decode(
                indicator,
                stored.summary,
                stored.detail if detail else None,
                entitlement=entitlement,
                sparkline=sparkline,
            )
        else:
            series = IndicatorSeries(indicator=indicator, rows=[])
        series.stored = stored
        result.append(series)
    return result


def _as_of(
    indicators: Sequence[Indicator],
    current: dict[int, Stored],
    as_of: datetime.date,
    parts: Sequence[str],
    rendering: str,
) -> dict[int, Stored]:
    """The analyses of `indicators` at the end of `as_of`, kept for their current data version."""
    kept = {
        pk: stored
        for pk, stored in _read(
            [i.pk for i in indicators],
            as_of=as_of,
            parts=parts,
            partnership_id=indicators[0].partnership_id,
            rendering=rendering,
        ).items()
        if stored.data_version == current[pk].data_version
    }
    wanted = [i for i in indicators if i.pk not in kept]
    if wanted:
        now = timezone.now()
        made = []
        for series in compute_series(wanted, until=as_of):
            stored = IndicatorAnalysis(
                partnership_id=series.indicator.partnership_id,
                indicator_id=series.indicator.pk,
                as_of=as_of,
                data_version=current[series.indicator.pk].data_version,
                computed_at=now,
            )
            _store(stored, series)
            made.append(stored)
        with transaction.atomic():
            IndicatorAnalysis.objects.filter(
                indicator_id__in=[a.indicator_id for a in made], as_of=as_of
            ).delete()
            IndicatorAnalysis.objects.bulk_create(made)
        kept.update(
            {
                a.indicator_id: Stored(
                    a.pk,
                    a.indicator_id,
                    a.data_version,
                    a.last_period,
                    a.summary,
                    a.detail,
                )
                for a in made
            }
        )
    return kept


# --- Renderings kept with the analysis ---------------------------------------------------------


def fragments(
    series: Sequence[IndicatorSeries],
    name: str,
    *,
    slug: str,
    render: Callable[[IndicatorSeries], str],
) -> list[str]:
    """Each series' rendering `name` (one of RENDERINGS) for the partnership at `slug`, from
    series read by `stored_series(..., rendering=name)`: as kept when drawn from the same data
    version, address and indicator record (`rendering_key`), else drawn by `render` from the
    series in full (read here, with the indicators, in two queries) and kept, in one more.
    Renderings are of screen pages, whose figures every member sees in full."""
    if name not in RENDERINGS:
        raise ValueError(f"Unknown rendering {name!r}.")
    missing = [s for s in series if s.stored.html_key != rendering_key(s, slug)]
    if missing:
        full = {
            pk: (summary, detail)
            for pk, summary, detail in IndicatorAnalysis.objects.filter(
                pk__in=[s.stored.pk for s in missing]
            ).values_list("pk", "summary", "detail")
        }
        # The indicators in full: a page may have read only the fields it shows.
        whole_indicators = Indicator.objects.in_bulk([s.indicator.pk for s in missing])
        made = []
        for s in missing:
            summary, detail = full[s.stored.pk]
            whole = decode(whole_indicators[s.indicator.pk], summary, detail)
            whole.window = s.window
            s.stored.html, s.stored.html_key = render(whole), rendering_key(s, slug)
            made.append(
                IndicatorRendering(
                    analysis_id=s.stored.pk, name=name, key=s.stored.html_key, html=s.stored.html
                )
            )
        IndicatorRendering.objects.bulk_create(
            made,
            update_conflicts=True,
            unique_fields=["analysis", "name"],
            update_fields=["key", "html"],
        )
    return [s.stored.html for s in series]


# The drawing's own version: raised whenever the templates or charts that draw a kept rendering
# change, so that renderings drawn by the code before are drawn again, not served.
RENDERING_FORMAT = 6


def rendering_key(series: IndicatorSeries, slug: str) -> str:
    """What a rendering is drawn from: the drawing code (`RENDERING_FORMAT`), the analysis's
    data version, the partnership's address (in its links) and the indicator record as last
    saved (its code, name and labels)."""
    saved = series.indicator.modified_at.timestamp() if series.indicator.modified_at else 0
    return f"f{RENDERING_FORMAT}:{series.stored.data_version}:{slug}:{saved}"


def report_periods(
    spans: Iterable[tuple[str, datetime.date, datetime.date]],
) -> list[datetime.date]:
    """The periods a report can be read at, newest first, from each frequency's first and last
    period with a value: every period from the earliest to the latest, at the finest of the
    frequencies (a report read at a month between two quarters shows each quarterly indicator as
    it stood then)."""
    spans = list(spans)
    if not spans:
        return []
    present = {frequency for frequency, _, _ in spans}
    finest = next(f for f in ("monthly", "quarterly", "annual") if f in present)
    first = min(start for _, start, _ in spans)
    last = max(end for _, _, end in spans)
    return list(periods.periods(first, last, finest))[::-1]
