from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from safeboard.partnerships.tests.factories import AgencyFactory, PartnershipFactory
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


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"ind-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = Unit.COUNT
    polarity = Polarity.LOWER
    frequency = Frequency.MONTHLY
    kind = IndicatorKind.POPULATION


class ValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Value

    indicator = factory.SubFactory(IndicatorFactory)
    partnership = factory.SelfAttribute("indicator.partnership")
    period_start = datetime.date(2020, 4, 1)
    value = Decimal("10")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    partnership = factory.SelfAttribute("indicator.partnership")
    period_start = datetime.date(2020, 4, 1)
    value = Decimal("8")


class AgencyReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyReturn

    agency = factory.SubFactory(AgencyFactory)
    partnership = factory.SelfAttribute("agency.partnership")
    frequency = Frequency.MONTHLY
    period_start = datetime.date(2020, 4, 1)
    due_date = datetime.date(2020, 5, 15)
