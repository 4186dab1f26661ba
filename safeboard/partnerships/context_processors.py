"""Header and navigation context for every page. The navigation entries come from the module
registry (`safeboard/<app>/module.py`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from safeboard.core.modules import nav_items

from .domain.roles import Capability
from .selectors import memberships_of


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
            "text": item.text,
            "href": reverse(item.url_name, args=[slug]),
            "active": current.startswith(item.current or f"{module.label}:"),
        }
        for module, item in nav_items()
        if access.can(Capability(item.capability))
    ]
    return context
