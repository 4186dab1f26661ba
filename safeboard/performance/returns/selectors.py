"""Reads for agency returns and tidy value files. Each function runs a fixed number of queries,
whatever the number of agencies, periods or values."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Count, Q

from safeboard.partnerships.domain import disclosure
from safeboard.partnerships.domain.disclosure import Entitlement
from safeboard.partnerships.models import Agency, Partnership

from ..domain import periods
from ..domain import returns as rules
from ..domain.tidy import COLUMNS as TIDY_COLUMNS
from ..domain.tidy import IndicatorInfo
from ..indicators.presenters import ILLUSTRATIVE_LABEL
from ..models import AgencyReturn, Frequency, Indicator, PartOfWhole, ReturnStatus, Unit, Value

# The return's template: a tidy file (so that it uploads again) whose headers a person reads.
# Each label, made lower case with its spaces as "_", is the tidy column's name ("Indicator code"
# is indicator_code), so the upload accepts the labels and the raw names alike; the columns that
# are not tidy ones (indicator, unit, definition, illustrative) are ignored on upload.
TEMPLATE_LABELS = {
    "indicator_code": "Indicator code",
    "indicator_name": "Indicator",
    "unit": "Unit",
    "definition": "Definition",
    "period": "Period",
    "agency": "Agency",
    "value": "Value",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "comment": "Comment",
    "illustrative": "Illustrative",
}
TEMPLATE_COLUMNS = list(TEMPLATE_LABELS)

OVERVIEW_PERIODS = 12
# Status tags carry their text as well as a colour.
STATUS_TAGS = {
    ReturnStatus.EXPECTED.value: "govuk-tag--grey",
    ReturnStatus.DRAFT.value: "govuk-tag--yellow",
    ReturnStatus.SUBMITTED.value: "govuk-tag--blue",
    ReturnStatus.RETURNED.value: "govuk-tag--red",
    ReturnStatus.APPROVED.value: "govuk-tag--green",
}


def catalogue(partnership: Partnership) -> tuple[dict[str, IndicatorInfo], dict[str, int]]:
    """What a tidy file may name: current indicators by lower-case code, and agencies by
    lower-case key and name."""
    indicators = {
        code.lower(): IndicatorInfo(id=pk, code=code, frequency=frequency, unit=unit)
        for pk, code, frequency, unit in Indicator.objects.active()
        .filter(partnership=partnership)
        .values_list("pk", "code", "frequency", "unit")
    }
    agencies: dict[str, int] = {}
    for pk, key, name in (
        Agency.objects.active().filter(partnership=partnership).values_list("pk", "key", "name")
    ):
        agencies[name.strip().lower()] = pk
        agencies[key.lower()] = pk
    return indicators, agencies


def expected_indicators(agency_return: AgencyReturn) -> list[Indicator]:
    """The indicators this agency reports at this return's frequency."""
    return list(
        Indicator.objects.active()
        .filter(
            partnership_id=agency_return.partnership_id,
            source_agency_id=agency_return.agency_id,
            frequency=agency_return.frequency,
        )
        .order_by("position", "code")
    )


def previous_values(
    *, agency_id: int, indicator_ids: Sequence[int], before: datetime.date
) -> dict[int, list[Decimal]]:
    """The latest earlier values (up to 12) of each indicator, newest first: the agency's own
    where it has at least six, otherwise the partnership's. Two queries."""
    agency_rows: dict[int, list[Decimal]] = defaultdict(list)
    total_rows: dict[int, list[Decimal]] = defaultdict(list)
    rows = (
        Value.objects.filter(
            Q(agency_id=agency_id) | Q(agency__isnull=True),
            indicator_id__in=list(indicator_ids),
            period_start__lt=before,
            value__isnull=False,
        )
        .order_by("-period_start")
        .values_list("indicator_id", "agency_id", "value")
    )
    for indicator_id, value_agency, value in rows:
        target = agency_rows if value_agency is not None else total_rows
        if value is not None and len(target[indicator_id]) < rules.OUTLIER_HISTORY:
            target[indicator_id].append(value)
    result: dict[int, list[Decimal]] = {}
    for indicator_id in indicator_ids:
        own = agency_rows.get(indicator_id, [])
        result[indicator_id] = (
            own if len(own) >= rules.OUTLIER_MIN_HISTORY else total_rows.get(indicator_id, [])
        )
    return result


def part_of_whole_rules(partnership_id: int) -> list[tuple[int, int, str, str]]:
    """(part id, whole id, part code, whole code) for every rule of the partnership."""
    return list(
        PartOfWhole.objects.filter(partnership_id=partnership_id).values_list(
            "part_id", "whole_id", "part__code", "whole__code"
        )
    )


def _shown(number: Decimal | None) -> str:
    return "" if number is None else rules.plain_number(number)


@dataclass
class ReturnRow:
    indicator: Indicator
    value: Value | None
    has_ratio: bool
    limits: tuple[float, float] | None
    is_outlier: bool
    outlier_message: str
    # The agency's value for the period before this one (None when it has none) and its label.
    previous: Value | None = None
    previous_label: str = ""

    @property
    def about(self) -> str:
        """The unit and the first sentence of the definition: "Count. Children on a plan."."""
        unit = str(self.indicator.get_unit_display())
        definition = rules.short_definition(self.indicator.definition)
        return f"{unit}. {definition}" if definition else unit

    def shown(self, name: str) -> str:
        """The saved figure `name` (value, numerator, denominator) as a person writes it."""
        return _shown(getattr(self.value, name)) if self.value is not None else ""

    @property
    def value_shown(self) -> str:
        return self.shown("value")

    @property
    def numerator_shown(self) -> str:
        return self.shown("numerator")

    @property
    def denominator_shown(self) -> str:
        return self.shown("denominator")

    def last_period(self, name: str) -> str:
        """The hint for the box of figure `name`: "Last period (March 2020): 336"."""
        if not self.previous_label:
            return ""
        number = getattr(self.previous, name) if self.previous is not None else None
        return f"Last period ({self.previous_label}): {_shown(number) or 'not recorded'}"


@dataclass
class ReturnPage:
    agency_return: AgencyReturn
    period_label: str
    rows: list[ReturnRow]
    any_illustrative: bool
    entered: int
    completeness: float | None
    timeliness: str

    @property
    def all_illustrative(self) -> bool:
        """Every row illustrative: the page says so once and marks no row."""
        return bool(self.rows) and all(r.indicator.is_illustrative for r in self.rows)

    @property
    def any_ratio(self) -> bool:
        """Some row has a numerator and denominator (a count has neither)."""
        return any(r.has_ratio for r in self.rows)


class ReturnFigures(NamedTuple):
    """What a return is checked and shown against: its expected indicators (in order), the value
    saved for each (by indicator id) and each indicator's earlier values (see previous_values)."""

    indicators: list[Indicator]
    values: dict[int, Value]
    history: dict[int, list[Decimal]]


def return_figures(agency_return: AgencyReturn) -> ReturnFigures:
    """The return's expected indicators, their saved values and their history. Three queries."""
    indicators = expected_indicators(agency_return)
    values = {
        v.indicator_id: v
        for v in Value.objects.filter(
            indicator__in=indicators,
            agency_id=agency_return.agency_id,
            period_start=agency_return.period_start,
        )
    }
    history = previous_values(
        agency_id=agency_return.agency_id,
        indicator_ids=[i.pk for i in indicators],
        before=agency_return.period_start,
    )
    return ReturnFigures(indicators, values, history)


def _previous_period(agency_return: AgencyReturn, indicators: Sequence[Indicator]) -> Any:
    """The period before the return's (its label) and the values for it, by indicator id: the
    agency's own, else the partnership's (the agency is each indicator's source, so an approved
    return's value is the partnership's; values loaded from elsewhere are only that). One
    query."""
    start = periods.period_start(
        agency_return.period_start - datetime.timedelta(days=1), agency_return.frequency
    )
    values: dict[int, Value] = {}
    for v in Value.objects.filter(
        Q(agency_id=agency_return.agency_id) | Q(agency__isnull=True),
        indicator__in=[i.pk for i in indicators],
        period_start=start,
    ).order_by("agency_id"):
        if v.agency_id is not None or v.indicator_id not in values:
            values[v.indicator_id] = v
    return periods.label(start, agency_return.frequency), values


def return_page(agency_return: AgencyReturn, *, today: datetime.date) -> ReturnPage:
    """The return's expected indicators with their values, last period's values and outlier
    flags. Four queries."""
    indicators, values, history = return_figures(agency_return)
    previous_label, previous = _previous_period(agency_return, indicators)
    rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        limits = (
            rules.outlier_range(history[indicator.pk]) if indicator.unit == Unit.COUNT else None
        )
        flagged = (
            value is not None
            and limits is not None
            and rules.is_outlier(value.value, history[indicator.pk])
        )
        rows.append(
            ReturnRow(
                indicator=indicator,
                value=value,
                has_ratio=rules.has_ratio(indicator.unit),
                limits=limits,
                is_outlier=flagged,
                outlier_message=rules.outlier_message(indicator.code, limits)
                if flagged and limits
                else "",
                previous=previous.get(indicator.pk),
                previous_label=previous_label,
            )
        )
    entered = sum(1 for r in rows if r.value is not None and r.value.value is not None)
    submitted_on = agency_return.submitted_at.date() if agency_return.submitted_at else None
    return ReturnPage(
        agency_return=agency_return,
        period_label=periods.label(agency_return.period_start, agency_return.frequency),
        rows=rows,
        any_illustrative=any(i.is_illustrative for i in indicators),
        entered=entered,
        completeness=rules.completeness(entered, len(indicators)),
        timeliness=rules.timeliness(submitted_on, agency_return.due_date, today),
    )


@dataclass
class OverviewCell:
    agency_return: AgencyReturn
    entered: int
    expected: int
    completeness: float | None
    timeliness: str

    @property
    def completeness_percent(self) -> str:
        return "Not recorded" if self.completeness is None else f"{self.completeness:.0%}"

    @property
    def tag_class(self) -> str:
        return STATUS_TAGS.get(self.agency_return.status, "")

    @property
    def timeliness_label(self) -> str:
        return rules.TIMELINESS_LABELS[self.timeliness]


@dataclass
class OverviewGroup:
    frequency: str
    frequency_label: str
    periods: list[tuple[datetime.date, str]]
    rows: list[tuple[Agency, list[OverviewCell | None]]] = field(default_factory=list)


def _annotated_returns(partnership: Partnership) -> Any:
    return (
        AgencyReturn.objects.filter(partnership=partnership)
        .select_related("agency")
        .annotate(entered=Count("values", filter=Q(values__value__isnull=False)))
    )


def _expected_counts(partnership: Partnership) -> dict[tuple[int, str], int]:
    return {
        (agency_id, frequency): n
        for agency_id, frequency, n in Indicator.objects.active()
        .filter(partnership=partnership, source_agency__isnull=False)
        .values_list("source_agency_id", "frequency")
        .annotate(n=Count("pk"))
        .order_by()
    }


def _cell(r: Any, expected: dict[tuple[int, str], int], today: datetime.date) -> OverviewCell:
    n = expected.get((r.agency_id, r.frequency), 0)
    submitted_on = r.submitted_at.date() if r.submitted_at else None
    return OverviewCell(
        agency_return=r,
        entered=r.entered,
        expected=n,
        completeness=rules.completeness(r.entered, n),
        timeliness=rules.timeliness(submitted_on, r.due_date, today),
    )


def returns_overview(partnership: Partnership, *, today: datetime.date) -> list[OverviewGroup]:
    """For each frequency, a matrix of agencies by the latest 12 periods with a return. Three
    queries (periods, returns in them, expected counts)."""
    latest: dict[str, list[datetime.date]] = defaultdict(list)
    for frequency, start in (
        AgencyReturn.objects.filter(partnership=partnership)
        .values_list("frequency", "period_start")
        .distinct()
        .order_by("frequency", "-period_start")
    ):
        if len(latest[frequency]) < OVERVIEW_PERIODS:
            latest[frequency].append(start)
    if not latest:
        return []
    wanted = Q()
    for frequency, starts in latest.items():
        wanted |= Q(frequency=frequency, period_start__in=starts)
    expected = _expected_counts(partnership)
    cells: dict[str, dict[Agency, dict[datetime.date, OverviewCell]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for r in _annotated_returns(partnership).filter(wanted):
        cells[r.frequency][r.agency][r.period_start] = _cell(r, expected, today)
    groups = []
    for frequency, label in Frequency.choices:
        starts = sorted(latest.get(frequency, []))
        if not starts:
            continue
        group = OverviewGroup(
            frequency=frequency,
            frequency_label=str(label),
            periods=[(s, periods.label(s, frequency)) for s in starts],
        )
        for agency in sorted(cells[frequency], key=lambda a: a.name):
            by_period = cells[frequency][agency]
            group.rows.append((agency, [by_period.get(s) for s in starts]))
        groups.append(group)
    return groups


def agency_returns(
    partnership: Partnership, agency_id: int, *, today: datetime.date
) -> list[OverviewCell]:
    """Every return of one agency, newest first. Two queries."""
    expected = _expected_counts(partnership)
    return [
        _cell(r, expected, today)
        for r in _annotated_returns(partnership)
        .filter(agency_id=agency_id)
        .order_by("-period_start", "frequency")
    ]


EXPORT_COLUMNS = [*TIDY_COLUMNS, "unit", "illustrative"]  # a tidy file, so it imports again


def _plain(number: Decimal | None) -> Decimal | int | None:
    if number is None:
        return None
    normal = number.normalize()
    return int(normal) if normal == normal.to_integral_value() else normal


def values_export_rows(
    partnership: Partnership, *, entitlement: Entitlement
) -> Iterator[list[Any]]:
    """Every official value in the tidy format plus unit and illustrative. Values still in an
    agency return that is not yet approved are left out (they are not official).

    What `entitlement` may not see is replaced by its marker (partnerships/domain/disclosure.py):
    a count below the indicator's threshold is "<5"; for percentages and rates a numerator below
    the threshold is "<5" and the value worked out from it is withheld, since with the
    denominator it would give the count away. One query.
    """
    rows = (
        Value.objects.filter(partnership=partnership)
        .filter(Q(agency_return__isnull=True) | Q(agency_return__status=ReturnStatus.APPROVED))
        .order_by("indicator__position", "indicator__code", "period_start", "agency__name")
        .values_list(
            "indicator__code",
            "indicator__frequency",
            "indicator__unit",
            "indicator__suppression_threshold",
            "indicator__is_illustrative",
            "period_start",
            "agency__key",
            "value",
            "numerator",
            "denominator",
            "comment",
        )
    )
    unit_labels = dict(Unit.choices)
    for (
        code,
        frequency,
        unit,
        threshold,
        illustrative,
        start,
        agency_key,
        value,
        numerator,
        denominator,
        comment,
    ) in rows.iterator(chunk_size=5000):
        shown = disclosure.disclose(
            entitlement=entitlement,
            is_count=unit == Unit.COUNT,
            value=value,
            numerator=numerator,
            threshold=threshold,
        )
        yield [
            code,
            periods.label(start, frequency),
            agency_key or "",
            shown.value_marker or _plain(value),
            shown.numerator_marker or _plain(numerator),
            _plain(denominator),
            comment,
            str(unit_labels.get(unit, unit)),
            ILLUSTRATIVE_LABEL if illustrative else "",
        ]


@dataclass(frozen=True)
class TemplateRow:
    """One row of the return's Excel template (files.return_template_xlsx)."""

    code: str
    name: str
    unit: str  # the unit's code (models.Unit)
    unit_label: str
    definition: str
    period: str
    agency: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    comment: str
    illustrative: str
    numerator_label: str
    denominator_label: str

    @property
    def has_ratio(self) -> bool:
        return rules.has_ratio(self.unit)

    @property
    def is_count(self) -> bool:
        return self.unit == Unit.COUNT

    def cells(self) -> list[Any]:
        """The row's cells in the order of TEMPLATE_COLUMNS."""
        return [
            self.code,
            self.name,
            self.unit_label,
            self.definition,
            self.period,
            self.agency,
            _plain(self.value),
            _plain(self.numerator),
            _plain(self.denominator),
            self.comment,
            self.illustrative,
        ]


@dataclass(frozen=True)
class Template:
    agency_name: str
    agency_key: str
    period_label: str
    frequency: str
    rows: list[TemplateRow]


def return_template(
    agency_return: AgencyReturn, *, entitlement: Entitlement, today: datetime.date
) -> Template:
    """The return's Excel template: one row per expected indicator, with its unit and definition.
    The values saved so far are filled in only when `entitlement` sees figures not yet approved
    (those who act for the return); everyone else gets the blank template."""
    page = return_page(agency_return, today=today)
    rows = []
    for row in page.rows:
        indicator = row.indicator
        value = row.value if entitlement.sees_drafts else None
        rows.append(
            TemplateRow(
                code=indicator.code,
                name=indicator.name,
                unit=indicator.unit,
                unit_label=str(indicator.get_unit_display()),
                definition=" ".join(indicator.definition.split()),
                period=page.period_label,
                agency=agency_return.agency.key,
                # A rate entered as numerator and denominator is worked out again on upload.
                value=value.value if value and value.numerator is None else None,
                numerator=value.numerator if value else None,
                denominator=value.denominator if value else None,
                comment=value.comment if value else "",
                illustrative=ILLUSTRATIVE_LABEL if indicator.is_illustrative else "",
                numerator_label=indicator.numerator_label,
                denominator_label=indicator.denominator_label,
            )
        )
    return Template(
        agency_name=agency_return.agency.name,
        agency_key=agency_return.agency.key,
        period_label=page.period_label,
        frequency=agency_return.frequency,
        rows=rows,
    )
