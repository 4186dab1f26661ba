from __future__ import annotations

import pytest

from safeboard.partnerships.domain.roles import Role
from safeboard.performance.tests.factories import IndicatorFactory


@pytest.fixture
def indicator(tenancy):
    """An indicator of ours owned by our analyst."""
    return IndicatorFactory(
        partnership=tenancy.ours,
        code="NEL-CP-02",
        name="Repeat child protection plans",
        owner=tenancy.members[Role.ANALYST],
    )
