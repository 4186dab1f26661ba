"""A monthly return expected from our agency lead's agency (tenancy.agency) for April 2020, with
three indicators: a whole ("cp-all"), a part of it ("cp-neglect") and a percentage ("seen")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from safeboard.partnerships.tests.factories import AgencyFactory
from safeboard.performance.models import AgencyReturn, Indicator, PartOfWhole, Unit
from safeboard.performance.tests.factories import AgencyReturnFactory, IndicatorFactory

APRIL = datetime.date(2020, 4, 1)


@dataclass
class ReturnWorld:
    agency_return: AgencyReturn
    whole: Indicator
    part: Indicator
    percent: Indicator
    other_return: AgencyReturn  # from another agency of ours


@pytest.fixture
def world(tenancy) -> ReturnWorld:
    ours, agency = tenancy.ours, tenancy.agency
    whole = IndicatorFactory(partnership=ours, code="cp-all", source_agency=agency, position=1)
    part = IndicatorFactory(partnership=ours, code="cp-neglect", source_agency=agency, position=2)
    percent = IndicatorFactory(
        partnership=ours, code="seen", unit=Unit.PERCENTAGE, source_agency=agency, position=3
    )
    PartOfWhole.objects.create(partnership=ours, part=part, whole=whole)
    other = AgencyFactory(partnership=ours, name="Ourshire Health", key="health")
    IndicatorFactory(partnership=ours, code="health-1", source_agency=other)
    return ReturnWorld(
        agency_return=AgencyReturnFactory(partnership=ours, agency=agency, period_start=APRIL),
        whole=whole,
        part=part,
        percent=percent,
        other_return=AgencyReturnFactory(partnership=ours, agency=other, period_start=APRIL),
    )
