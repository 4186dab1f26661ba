"""Makers for the URL kwargs of the returns pages (see tests/url_records.py)."""

from collections.abc import Callable
from typing import Any

from safeboard.partnerships.tests.factories import AgencyFactory


def make_return(tenancy: Any, partnership: Any) -> int:
    """A return expected from the partnership's police (the agency lead's own agency in `ours`),
    with one indicator to fill in."""
    from safeboard.performance.tests.factories import AgencyReturnFactory, IndicatorFactory

    if partnership.pk == tenancy.ours.pk:
        agency = tenancy.agency
    elif partnership.pk == tenancy.theirs.pk:
        agency = tenancy.their_agency
    else:
        agency = AgencyFactory(partnership=partnership)
    IndicatorFactory(partnership=partnership, source_agency=agency)
    return int(AgencyReturnFactory(partnership=partnership, agency=agency).pk)


URL_RECORDS: dict[str, Callable[[Any, Any], int]] = {"return_id": make_return}
