"""Disclosure: what a viewer may be shown of a small number. The one place this is decided.

Small numbers can identify a child, so a figure that leaves the page (an export, a printed or
PDF report) is shown in full only to those entitled to the detail: the roles that manage
indicators (analysts and managers; `Capability.MANAGE_INDICATORS` in the role matrix). Everyone
else gets small-number suppression:

* a count below the threshold is not shown: its marker is "<5" (for a threshold of 5);
* a numerator below the threshold is not shown ("<5"), and neither is the value worked out from
  it (a percentage or rate): with the denominator it would give the count away, so its marker is
  "suppressed (fewer than 5 cases)".

The threshold is 5 unless the indicator sets its own; 0 suppresses nothing. On screen, inside the
partnership, every member sees the detail (the pages are for the partnership's own members).

Figures not yet approved (an agency's return in progress) go into a file only for those who act
for the record: the agency's own lead, or an analyst or manager who approves data. They see them
in full, since they entered or check them.

Selectors, builders and renderers take an `Entitlement` (made once per request by
`entitlement(...)`) and apply `disclose(...)` to each figure; no view decides this itself.
Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .roles import Capability, Role, role_can

DEFAULT_THRESHOLD = 5
# The capability that entitles a role to the detail of figures that leave the page.
DETAIL_CAPABILITY = Capability.MANAGE_INDICATORS

Number = Decimal | float | int


class Output(StrEnum):
    """Where the figures go."""

    SCREEN = "screen"  # a page inside the partnership
    FILE = "file"  # leaves the page: an export (CSV, Excel) or a printed or PDF report


@dataclass(frozen=True)
class Entitlement:
    """What the viewer may see, for one output: small numbers in full (`sees_detail`), and
    figures not yet approved (`sees_drafts`)."""

    sees_detail: bool
    sees_drafts: bool


FULL = Entitlement(sees_detail=True, sees_drafts=True)
SUPPRESSED = Entitlement(sees_detail=False, sees_drafts=False)


def entitlement(*, role: Role | str, output: Output, acts_for_record: bool = False) -> Entitlement:
    """The viewer's entitlement from their role in the partnership, where the output goes and,
    for a record in progress, whether they act for it (see the module docstring)."""
    if output == Output.SCREEN or acts_for_record:
        return FULL
    sees_detail = role_can(Role(role), DETAIL_CAPABILITY)
    return Entitlement(sees_detail=sees_detail, sees_drafts=False)


def threshold_or_default(threshold: int | None) -> int:
    """The indicator's own threshold, or the default of 5 when it sets none."""
    return DEFAULT_THRESHOLD if threshold is None else threshold


def count_marker(threshold: int | None = None) -> str:
    """What stands in for a suppressed count or numerator: "<5"."""
    return f"<{threshold_or_default(threshold)}"


def withheld_marker(threshold: int | None = None) -> str:
    """What stands in for a value worked out from a suppressed numerator."""
    return f"suppressed (fewer than {threshold_or_default(threshold)} cases)"


@dataclass(frozen=True)
class Disclosed:
    """What to show of one figure: a marker ("" when the number itself may be shown) for its
    value and for its numerator."""

    value_marker: str = ""
    numerator_marker: str = ""

    @property
    def value_suppressed(self) -> bool:
        return bool(self.value_marker)

    @property
    def numerator_suppressed(self) -> bool:
        return bool(self.numerator_marker)


SHOWN = Disclosed()


def disclose(
    *,
    entitlement: Entitlement,
    is_count: bool,
    value: Number | None,
    numerator: Number | None = None,
    threshold: int | None = None,
) -> Disclosed:
    """What `entitlement` may see of a figure: a count (`is_count`) or a value worked out from
    `numerator` (a percentage or rate), with the indicator's `threshold` (None: the default)."""
    if entitlement.sees_detail:
        return SHOWN
    limit = threshold_or_default(threshold)
    small_numerator = numerator is not None and numerator < limit
    if is_count and value is not None and value < limit:
        value_marker = count_marker(limit)
    elif small_numerator and value is not None:
        value_marker = withheld_marker(limit)
    else:
        value_marker = ""
    return Disclosed(
        value_marker=value_marker,
        numerator_marker=count_marker(limit) if small_numerator else "",
    )
