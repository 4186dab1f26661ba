"""The door to performance records: each is looked up inside the caller's partnership (the same
404 for "missing" and "not yours"), then the right to act is checked (403)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from safeboard.partnerships.access import PartnershipAccess, get_inside
from safeboard.partnerships.domain import disclosure
from safeboard.partnerships.domain.roles import Capability

from .models import (
    AgencyReturn,
    ComparatorSeries,
    DataDevelopmentItem,
    Indicator,
    IndicatorPartner,
    SpcRebase,
    Target,
    Value,
)


def entitlement(
    access: PartnershipAccess,
    *,
    output: disclosure.Output,
    agency_return: AgencyReturn | None = None,
) -> disclosure.Entitlement:
    """What the viewer may see in `output` (partnerships/domain/disclosure.py): small numbers
    by their role, and a return's unapproved figures if they act for `agency_return`."""
    acts = agency_return is not None and may_act_for_return(access, agency_return)
    return disclosure.entitlement(role=access.role, output=output, acts_for_record=acts)


def access_indicator(
    access: PartnershipAccess, indicator_id: Any, *, capability: Capability | None = None
) -> Indicator:
    indicator = get_inside(
        access, Indicator.objects.select_related("source_agency", "owner__user"), indicator_id
    )
    if capability is not None:
        access.require(capability)
    return indicator


def access_target(access: PartnershipAccess, indicator: Indicator, target_id: Any) -> Target:
    """A target of `indicator`: one of another indicator is "not found", as one elsewhere."""
    target = get_inside(access, Target.objects.all(), target_id)
    if target.indicator_id != indicator.pk:
        raise Http404("Page not found")
    return target


def access_rebase(access: PartnershipAccess, indicator: Indicator, rebase_id: Any) -> SpcRebase:
    """A recorded SPC rebase of `indicator` (the same 404 for one of another indicator)."""
    rebase = get_inside(access, SpcRebase.objects.all(), rebase_id)
    if rebase.indicator_id != indicator.pk:
        raise Http404("Page not found")
    return rebase


def access_partner(
    access: PartnershipAccess, indicator: Indicator, partner_id: Any
) -> IndicatorPartner:
    """A partner with a role on `indicator` (the same 404 for one of another indicator)."""
    partner = get_inside(access, IndicatorPartner.objects.select_related("agency"), partner_id)
    if partner.indicator_id != indicator.pk:
        raise Http404("Page not found")
    return partner


def access_value(
    access: PartnershipAccess, value_id: Any, *, capability: Capability | None = None
) -> Value:
    value = get_inside(access, Value.objects.select_related("indicator", "agency"), value_id)
    if capability is not None:
        access.require(capability)
    return value


def access_indicator_value(access: PartnershipAccess, indicator: Indicator, value_id: Any) -> Value:
    """A partnership-level value of `indicator` (the figure its report card shows): an agency's
    value, or one of another indicator, is "not found", as one elsewhere."""
    value = get_inside(access, Value.objects.select_related("agency_return__agency"), value_id)
    if value.indicator_id != indicator.pk or value.agency_id is not None:
        raise Http404("Page not found")
    return value


def may_act_for_return(access: PartnershipAccess, agency_return: AgencyReturn) -> bool:
    """An agency lead fills in and submits their own agency's returns; an analyst (or manager),
    who approves data, may act on any return."""
    if access.can(Capability.APPROVE_DATA):
        return True
    return (
        access.can(Capability.SUBMIT_OWN_AGENCY_DATA)
        and agency_return.agency_id == access.agency_id
    )


def access_return(
    access: PartnershipAccess,
    return_id: Any,
    *,
    for_submit: bool = False,
    capability: Capability | None = None,
) -> AgencyReturn:
    agency_return = get_inside(access, AgencyReturn.objects.select_related("agency"), return_id)
    if capability is not None:
        access.require(capability)
    if for_submit and not may_act_for_return(access, agency_return):
        raise PermissionDenied("Only this agency's lead or an analyst can change this return.")
    return agency_return


def access_comparator(
    access: PartnershipAccess, series_id: Any, *, capability: Capability | None = None
) -> ComparatorSeries:
    series = get_inside(access, ComparatorSeries.objects.all(), series_id)
    if capability is not None:
        access.require(capability)
    return series


def access_development_item(
    access: PartnershipAccess, item_id: Any, *, capability: Capability | None = None
) -> DataDevelopmentItem:
    item = get_inside(access, DataDevelopmentItem.objects.all(), item_id)
    if capability is not None:
        access.require(capability)
    return item
