from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory

from safeboard.partnerships.tests.factories import AgencyFactory, record_factory
from safeboard.performance.indicators.analysis import analysis_refresh
from safeboard.performance.models import (
    AgencyReturn,
    Frequency,
    Indicator,
    IndicatorKind,
    Polarity,
    Target,
    Unit,
    Value,
)


def _refresh(record: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
    """As the services do: a value or target written refreshes its indicator's analysis."""
    if create:
        analysis_refresh(indicator_ids=[record.indicator_id])


# Made like the services make them: each value or target refreshes its indicator's analysis.
REFRESHED = {"analysis": factory.PostGeneration(_refresh)}

IndicatorFactory = record_factory(
    Indicator,
    code="ind-{n}",
    name="Indicator {n}",
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    frequency=Frequency.MONTHLY,
    kind=IndicatorKind.POPULATION,
)
ValueFactory = record_factory(
    Value,
    within=("indicator", IndicatorFactory),
    period_start=datetime.date(2020, 4, 1),
    value=Decimal("10"),
    **REFRESHED,
)
TargetFactory = record_factory(
    Target,
    within=("indicator", IndicatorFactory),
    period_start=datetime.date(2020, 4, 1),
    value=Decimal("8"),
    **REFRESHED,
)
AgencyReturnFactory = record_factory(
    AgencyReturn,
    within=("agency", AgencyFactory),
    frequency=Frequency.MONTHLY,
    period_start=datetime.date(2020, 4, 1),
    due_date=datetime.date(2020, 5, 15),
)
