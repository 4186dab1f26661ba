"""Writes for the illustrative example data set (load_example_measures): indicators with
synthetic values from domain/synthetic.py. Every indicator made here is marked illustrative."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from safeboard.core.services import save_recorded
from safeboard.partnerships.models import Agency, Partnership
from safeboard.plans.models import Theme

from ..domain import periods
from ..domain.synthetic import Design, generate
from ..models import Indicator, Target, Value
from .analysis import analysis_refresh

ILLUSTRATIVE_STORY = (
    "Illustrative: these values are synthetic, made by Safeboard for demonstration from a fixed "
    "seed. They are not {partnership}'s figures and must not be quoted as such."
)


@dataclass(frozen=True)
class ExampleIndicator:
    code: str
    name: str
    unit: str
    polarity: str
    kind: str
    design: Design
    seed: int
    definition: str = ""
    why_it_matters: str = ""
    frequency: str = periods.MONTHLY
    agency_name: str | None = None
    themes: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (plan key, theme key)
    is_bellwether: bool = False
    target: float | None = None
    pattern: str = ""


@transaction.atomic
def example_indicators_load(
    *,
    partnership: Partnership,
    specs: Sequence[ExampleIndicator],
    first_period: datetime.date,
    count: int,
    by: Any,
) -> list[Indicator]:
    """Create each indicator of `specs` that the partnership does not have yet (by code), with
    `count` synthetic values from `first_period`. Returns the indicators created."""
    existing = set(Indicator.objects.filter(partnership=partnership).values_list("code", flat=True))
    agencies = {a.name: a for a in Agency.objects.filter(partnership=partnership)}
    themes = {
        (t.plan.key, t.key): t
        for t in Theme.objects.filter(partnership=partnership).select_related("plan")
    }
    created: list[Indicator] = []
    values: list[Value] = []
    targets: list[Target] = []
    for position, spec in enumerate(specs, start=1):
        if spec.code in existing:
            continue
        starts = [first_period]
        while len(starts) < count:
            starts.append(periods.next_period(starts[-1], spec.frequency))
        story = ILLUSTRATIVE_STORY.format(partnership=partnership.short_name or partnership.name)
        if spec.pattern:
            story += f" The series was designed to show {spec.pattern}."
        indicator = Indicator(
            partnership=partnership,
            code=spec.code,
            name=spec.name,
            definition=spec.definition,
            why_it_matters=spec.why_it_matters,
            unit=spec.unit,
            polarity=spec.polarity,
            frequency=spec.frequency,
            kind=spec.kind,
            source_agency=agencies.get(spec.agency_name or ""),
            is_bellwether=spec.is_bellwether,
            story_behind_baseline=story,
            baseline_end=starts[min(23, count - 1)],
            is_illustrative=True,
            position=position,
        )
        save_recorded(indicator, by=by)
        indicator.themes.set([themes[ref] for ref in spec.themes if ref in themes])
        numbers = generate(spec.design, count, seed=spec.seed)
        values += [
            Value(partnership=partnership, indicator=indicator, period_start=s, value=_d(v))
            for s, v in zip(starts, numbers, strict=True)
        ]
        if spec.target is not None:
            targets.append(
                Target(
                    partnership=partnership,
                    indicator=indicator,
                    period_start=starts[0],
                    value=_d(spec.target),
                )
            )
        created.append(indicator)
    Value.objects.bulk_create(values)
    Target.objects.bulk_create(targets)
    analysis_refresh(indicator_ids=[i.pk for i in created])
    return created


def _d(number: float) -> Decimal:
    return Decimal(str(number)).quantize(Decimal("0.0001"))
