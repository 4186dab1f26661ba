"""Writes for indicators, their targets, partners with a role and data development items.

Every related record (agency, owner, priority, plan action) is checked to belong to the same
partnership as the indicator; a record from elsewhere is refused with an ApplicationError.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from safeboard.core.errors import ApplicationError
from safeboard.core.services import save_recorded
from safeboard.partnerships.models import Agency, Membership, Partnership
from safeboard.plans.models import Action, Theme

from ..domain import periods, tidy
from ..models import (
    DataDevelopmentItem,
    Indicator,
    IndicatorPartner,
    ReturnStatus,
    SpcRebase,
    Target,
    Value,
)
from .analysis import analysis_refresh

INDICATOR_FIELDS = (
    "code",
    "name",
    "definition",
    "why_it_matters",
    "unit",
    "numerator_label",
    "denominator_label",
    "polarity",
    "frequency",
    "kind",
    "source_agency",
    "owner",
    "is_bellwether",
    "suppression_threshold",
    "story_behind_baseline",
    "what_works",
    "baseline_end",
    "is_illustrative",
    "position",
)


def _check_inside(partnership: Partnership, record: Any, field: str, what: str) -> None:
    if record is not None and record.partnership_id != partnership.pk:
        raise ApplicationError(f"Select {what} of this partnership.", field=field)


def _check_many(partnership: Partnership, records: Iterable[Any], field: str, what: str) -> None:
    for record in records:
        _check_inside(partnership, record, field, what)


def _set_indicator(
    indicator: Indicator,
    *,
    themes: Iterable[Theme],
    actions: Iterable[Action],
    fields: dict[str, Any],
    by: Any,
    expected_version: int | None = None,
) -> Indicator:
    partnership = indicator.partnership
    themes, actions = list(themes), list(actions)
    source_agency: Agency | None = fields.get("source_agency")
    owner: Membership | None = fields.get("owner")
    _check_inside(partnership, source_agency, "source_agency", "an agency")
    _check_inside(partnership, owner, "owner", "an owner who is a member")
    _check_many(partnership, themes, "themes", "priorities and outcomes")
    _check_many(partnership, actions, "actions", "plan actions")
    for name in INDICATOR_FIELDS:
        if name in fields:
            setattr(indicator, name, fields[name])
    baseline_end = indicator.baseline_end
    if baseline_end is not None:
        indicator.baseline_end = periods.period_start(baseline_end, indicator.frequency)
    taken = Indicator.objects.filter(partnership=partnership, code=indicator.code)
    if indicator.pk:
        taken = taken.exclude(pk=indicator.pk)
    if taken.exists():
        raise ApplicationError(
            f"Another indicator already has the code {indicator.code}. Enter a different code.",
            field="code",
        )
    save_recorded(indicator, by=by, expected_version=expected_version)
    indicator.themes.set(themes)
    indicator.actions.set(actions)
    # Its settings (unit, polarity, baseline, frequency) shape its analysis.
    analysis_refresh(indicator_ids=[indicator.pk])
    return indicator


@transaction.atomic
def indicator_create(
    *,
    partnership: Partnership,
    by: Any,
    themes: Iterable[Theme] = (),
    actions: Iterable[Action] = (),
    **fields: Any,
) -> Indicator:
    indicator = Indicator(partnership=partnership)
    return _set_indicator(indicator, themes=themes, actions=actions, fields=fields, by=by)


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    by: Any,
    themes: Iterable[Theme] = (),
    actions: Iterable[Action] = (),
    expected_version: int | None = None,
    **fields: Any,
) -> Indicator:
    """Change the indicator (and its priorities and actions, guarded by its version: with
    `expected_version`, a save over a newer one raises StaleEdit and writes nothing)."""
    return _set_indicator(
        indicator,
        themes=themes,
        actions=actions,
        fields=fields,
        by=by,
        expected_version=expected_version,
    )


@transaction.atomic
def target_save(
    *,
    indicator: Indicator,
    by: Any,
    period_start: datetime.date,
    value: Decimal,
    target: Target | None = None,
    expected_version: int | None = None,
) -> Target:
    """Set the target for one period (creating it, or changing `target`, from the version
    `expected_version` when given)."""
    if target is not None and target.indicator_id != indicator.pk:
        raise ApplicationError("This target belongs to another indicator.")
    clash = Target.objects.filter(indicator=indicator, period_start=period_start)
    if target is not None:
        clash = clash.exclude(pk=target.pk)
    if clash.exists():
        raise ApplicationError(
            f"There is already a target for {periods.label(period_start, indicator.frequency)}. "
            "Change that target instead.",
            field="period",
        )
    record = target or Target(partnership=indicator.partnership, indicator=indicator)
    record.period_start, record.value = period_start, value
    save_recorded(record, by=by, expected_version=expected_version)
    analysis_refresh(indicator_ids=[indicator.pk])
    return record


@transaction.atomic
def spc_rebase_add(
    *, indicator: Indicator, by: Any, period_start: datetime.date, reason: str
) -> SpcRebase:
    """Record a known change in process from `period_start`: the SPC limits are worked out
    afresh from that period on, at once (the stored analysis is refreshed)."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            "Enter why the limits are recalculated, like a new way of counting.", field="reason"
        )
    label = periods.label(period_start, indicator.frequency)
    if SpcRebase.objects.filter(indicator=indicator, period_start=period_start).exists():
        raise ApplicationError(
            f"The limits are already recalculated from {label}. Remove that rebase first "
            "to give another reason.",
            field="period",
        )
    first = (
        indicator.values.filter(value__isnull=False)
        .order_by("period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    if first is not None and period_start <= first:
        raise ApplicationError(
            f"Enter a period after the first value ({periods.label(first, indicator.frequency)}): "
            "the limits can only be recalculated from a later period.",
            field="period",
        )
    record = SpcRebase(
        partnership=indicator.partnership,
        indicator=indicator,
        period_start=period_start,
        reason=reason,
    )
    save_recorded(record, by=by)
    analysis_refresh(indicator_ids=[indicator.pk])
    return record


@transaction.atomic
def spc_rebase_remove(*, rebase: SpcRebase, by: Any) -> None:
    """Forget a rebase: the limits run on across it again, at once."""
    indicator_id = rebase.indicator_id
    rebase._history_user = by  # type: ignore[attr-defined]
    rebase.delete()
    analysis_refresh(indicator_ids=[indicator_id])


@transaction.atomic
def partner_add(
    *, indicator: Indicator, by: Any, agency: Agency | None, name: str, role: str
) -> IndicatorPartner:
    _check_inside(indicator.partnership, agency, "agency", "an agency")
    if agency is None and not name.strip():
        raise ApplicationError("Select an agency or enter the name of the partner.", field="agency")
    partner = IndicatorPartner(
        partnership=indicator.partnership,
        indicator=indicator,
        agency=agency,
        name="" if agency else name.strip(),
        role=role,
    )
    save_recorded(partner, by=by)
    return partner


@transaction.atomic
def partner_remove(*, partner: IndicatorPartner, by: Any) -> None:
    partner._history_user = by  # type: ignore[attr-defined]
    partner.delete()


@transaction.atomic
def development_item_save(
    *,
    partnership: Partnership,
    by: Any,
    title: str,
    description: str,
    status: str,
    indicator: Indicator | None,
    item: DataDevelopmentItem | None = None,
    expected_version: int | None = None,
) -> DataDevelopmentItem:
    """Add a data development item (of `indicator`, or general) or change `item`."""
    _check_inside(partnership, indicator, "indicator", "an indicator")
    record = item or DataDevelopmentItem(partnership=partnership)
    record.title, record.description, record.status, record.indicator = (
        title,
        description,
        status,
        indicator,
    )
    save_recorded(record, by=by, expected_version=expected_version)
    return record


# The columns of a one-row tidy table: a keyed value is checked by the rules every import uses.
_KEYED = tidy.header_index(tidy.COLUMNS)
_LOCKED = frozenset({ReturnStatus.SUBMITTED.value, ReturnStatus.APPROVED.value})


def _sentence(message: str) -> str:
    text = message[:1].upper() + message[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


@dataclass(frozen=True)
class ValueSaved:
    """What `value_save` did: the value, and whether it corrected one there before."""

    value: Value
    corrected: bool
    label: str


@transaction.atomic
def value_save(
    *,
    indicator: Indicator,
    by: Any,
    period: str,
    value: str = "",
    numerator: str = "",
    denominator: str = "",
    comment: str = "",
    agency: Agency | None = None,
    record: Value | None = None,
    expected_version: int | None = None,
) -> ValueSaved:
    """Key one value of `indicator` for `period` (written as a values file writes it: "2017/18
    Q1", "April 2017", "2017/18" or the ISO date the period starts), for the partnership (no
    `agency`) or one agency, or correct the value there already (`record`, from the version
    `expected_version` when given: a save over a newer one raises StaleEdit).

    The figures are given as typed and checked by the values import's rules (`tidy.parse_rows`):
    a number where a number belongs, no negative count, numerator or denominator, a numerator
    no bigger than its denominator, the value worked out from them for percentages and rates. A
    value in an agency return that is submitted or approved is locked. Its history keeps who
    and when, and the analysis is worked out again at once."""
    _check_inside(indicator.partnership, agency, "agency", "an agency")
    if record is not None and (record.indicator_id != indicator.pk or record.agency_id is not None):
        raise ApplicationError("This value belongs to another indicator.")
    info = tidy.IndicatorInfo(
        id=indicator.pk, code=indicator.code, frequency=indicator.frequency, unit=indicator.unit
    )
    cells = [indicator.code, period, "", value, numerator, denominator, comment]
    rows, errors = tidy.parse_rows(
        [(1, cells)], _KEYED, indicators={indicator.code.lower(): info}, agencies={}
    )
    if errors:
        first = errors[0]
        field = first.column if first.column in tidy.COLUMNS[1:] else None
        raise ApplicationError(_sentence(first.message), field=field)
    row = rows[0]
    label = periods.label(row.period_start, indicator.frequency)
    existing = (
        Value.objects.select_for_update(of=("self",))
        .select_related("agency_return")
        .filter(indicator=indicator, period_start=row.period_start, agency=agency)
        .first()
    )
    if record is not None and (existing is None or existing.pk != record.pk):
        raise ApplicationError(
            f"This value is no longer the value for {label}. Go back and choose it again."
        )
    status = existing.agency_return.status if existing and existing.agency_return else None
    if agency is not None and status in _LOCKED:
        raise ApplicationError(
            f"The value for {label} is in {agency}'s return, which has been "
            f"{'approved' if status == ReturnStatus.APPROVED else 'submitted'}. An analyst can "
            "send a submitted return back to the agency to change it.",
            field="agency",
        )
    target = existing or Value(
        partnership=indicator.partnership,
        indicator=indicator,
        period_start=row.period_start,
        agency=agency,
    )
    target.value, target.numerator, target.denominator, target.comment = (
        row.value,
        row.numerator,
        row.denominator,
        row.comment,
    )
    save_recorded(
        target, by=by, expected_version=expected_version if existing is not None else None
    )
    analysis_refresh(indicator_ids=[indicator.pk])
    return ValueSaved(value=target, corrected=existing is not None, label=label)
