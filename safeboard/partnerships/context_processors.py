"""Header and navigation context for every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .domain.roles import Capability
from .selectors import memberships_of

# (text, url name, capability needed, url-name prefix that marks the item as current)
PARTNERSHIP_NAV: list[tuple[str, str, Capability, str]] = [
    ("Overview", "partnerships:home", Capability.VIEW, "partnerships:home"),
    ("Plan", "plans:plan_list", Capability.VIEW, "plans:"),
    ("Data set", "performance:indicator_list", Capability.VIEW, "performance:"),
    ("Governance", "governance:structure", Capability.VIEW, "governance:"),
    ("Budget", "finance:budget_overview", Capability.VIEW, "finance:"),
    ("Agencies", "partnerships:agency_list", Capability.VIEW, "partnerships:agency"),
    ("People", "partnerships:people_list", Capability.VIEW_PEOPLE, "partnerships:people"),
    ("Roles", "partnerships:roles", Capability.VIEW, "partnerships:roles"),
    ("Settings", "partnerships:settings", Capability.MANAGE_STRUCTURE, "partnerships:settings"),
]


def partnership(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context: dict[str, Any] = {
        "my_memberships": SimpleLazyObject(lambda: list(memberships_of(user=user))),
    }
    access = getattr(request, "access", None)
    if access is None:
        return context
    match = request.resolver_match
    current = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
    slug = access.partnership.slug
    context["current_partnership"] = access.partnership
    context["access"] = access
    context["can"] = {capability.value: access.can(capability) for capability in Capability}
    context["nav_items"] = [
        {
            "text": text,
            "href": reverse(name, args=[slug]),
            "active": current.startswith(prefix),
        }
        for text, name, capability, prefix in PARTNERSHIP_NAV
        if access.can(capability)
    ]
    return context
