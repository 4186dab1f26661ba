"""Budget and staffing records, looked up only inside the caller's partnership.

Each helper gives the same 404 for a record that is missing and one of another partnership's
(`partnerships.access.get_inside`), then, when given a capability, checks the role has it (403).
"""

from __future__ import annotations

from typing import Any

from safeboard.partnerships.access import PartnershipAccess, get_inside
from safeboard.partnerships.domain.roles import Capability

from .models import BudgetLine, BudgetYear, Contribution, Spend, StaffPost


def _check(access: PartnershipAccess, capability: Capability | None) -> None:
    if capability is not None:
        access.require(capability)


def access_budget_year(
    access: PartnershipAccess, budget_year_id: Any, *, capability: Capability | None = None
) -> BudgetYear:
    year = get_inside(access, BudgetYear.objects.all(), budget_year_id)
    _check(access, capability)
    return year


def access_budget_line(
    access: PartnershipAccess, budget_line_id: Any, *, capability: Capability | None = None
) -> BudgetLine:
    line = get_inside(access, BudgetLine.objects.select_related("year"), budget_line_id)
    _check(access, capability)
    return line


def access_contribution(
    access: PartnershipAccess, contribution_id: Any, *, capability: Capability | None = None
) -> Contribution:
    contribution = get_inside(
        access, Contribution.objects.select_related("line__year", "agency"), contribution_id
    )
    _check(access, capability)
    return contribution


def access_spend(
    access: PartnershipAccess, spend_id: Any, *, capability: Capability | None = None
) -> Spend:
    spend = get_inside(access, Spend.objects.select_related("line__year"), spend_id)
    _check(access, capability)
    return spend


def access_staff_post(
    access: PartnershipAccess, staff_post_id: Any, *, capability: Capability | None = None
) -> StaffPost:
    post = get_inside(access, StaffPost.objects.all(), staff_post_id)
    _check(access, capability)
    return post
