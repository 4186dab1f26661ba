from __future__ import annotations

import datetime
from decimal import Decimal

from safeboard.partnerships.tests.factories import AgencyFactory, record_factory
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
)
TargetFactory = record_factory(
    Target,
    within=("indicator", IndicatorFactory),
    period_start=datetime.date(2020, 4, 1),
    value=Decimal("8"),
)
AgencyReturnFactory = record_factory(
    AgencyReturn,
    within=("agency", AgencyFactory),
    frequency=Frequency.MONTHLY,
    period_start=datetime.date(2020, 4, 1),
    due_date=datetime.date(2020, 5, 15),
)
