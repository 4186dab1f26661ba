"""Where the header's partnership switcher lands: the same section of the other partnership.

A page that names no record (the plan list, the data set, the budget, a form adding a record)
exists in every partnership, so the switcher opens the same page there. A page of one record
(an action, an indicator) has no twin in the other partnership, so it opens that section's
landing page, the page its navigation entry leads to. Either only if the person's role there
may see it; otherwise the partnership's home. The page switched from is only ever resolved
against Safeboard's own URLs, never redirected to as given, so the parameter cannot send anyone
elsewhere.
"""

from __future__ import annotations

from django.urls import Resolver404, resolve, reverse

from safeboard.core.modules import nav_items

from .domain.roles import Capability, Role, role_can
from .models import Membership

SLUG = "partnership_slug"


def _may_see(role: Role, view: object) -> bool:
    capability = getattr(view, "partnership_capability", None)
    return capability is not None and role_can(role, Capability(capability))


def _section_landing(view_name: str, role: Role) -> str | None:
    """The URL name of the navigation entry whose section holds `view_name`: the entry with the
    longest matching prefix (Agencies' "partnerships:agency" before Overview's), that the role
    may see."""
    candidates = [
        (item.current or f"{module.label}:", item)
        for module, item in nav_items()
        if role_can(role, Capability(item.capability))
    ]
    matching = [(prefix, item) for prefix, item in candidates if view_name.startswith(prefix)]
    if not matching:
        return None
    return max(matching, key=lambda pair: len(pair[0]))[1].url_name


def switch_destination(*, path: str, membership: Membership) -> str:
    """The URL, in `membership`'s partnership, of the page matching `path` (the page the person
    switched from): the same page when it names no record, else its section's landing page,
    else the partnership's home."""
    slug = membership.partnership.slug
    home = reverse("partnerships:home", args=[slug])
    try:
        match = resolve(path)
    except Resolver404:
        return home
    if SLUG not in match.kwargs or not match.namespace:
        return home
    role = membership.role_enum
    view_name = f"{match.namespace}:{match.url_name}"
    if set(match.kwargs) == {SLUG} and _may_see(role, match.func):
        return reverse(view_name, kwargs={SLUG: slug})
    landing = _section_landing(view_name, role)
    if landing is None:
        return home
    return reverse(landing, kwargs={SLUG: slug})
