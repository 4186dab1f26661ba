"""The one door to partnership data.

Every view under /p/<slug>/ is wrapped by `partnership_view`, which finds the signed-in person's
membership of that partnership or answers 404, exactly as if the partnership did not exist. Records
inside the partnership are then fetched only through `access_<thing>` helpers, which look them up
*inside* the partnership (the same 404 for "missing" and "not yours") and check the role may act
(403). Selectors, forms and services take the partnership from `request.access`, never from the
URL or the form, so a record id can only ever be looked up inside the caller's partnership.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from safeboard.accounts.models import User

from .domain.roles import Capability, Role, role_can
from .models import Agency, Membership, Partnership

M = TypeVar("M", bound=Model)
NOT_FOUND = "Page not found"


@dataclass(frozen=True)
class PartnershipAccess:
    """What the current request may see and do in the current partnership."""

    user: User
    partnership: Partnership
    membership: Membership

    @property
    def role(self) -> Role:
        return Role(self.membership.role)

    @property
    def agency_id(self) -> int | None:
        return self.membership.agency_id

    def can(self, capability: Capability) -> bool:
        return role_can(self.role, capability)

    def require(self, capability: Capability) -> None:
        if not self.can(capability):
            raise PermissionDenied(f"Your role ({self.role.label}) cannot do this.")


class PartnershipRequest(HttpRequest):
    """The request a partnership view receives: `access` is always set."""

    user: User
    access: PartnershipAccess


def access_partnership(user: User, slug: str) -> PartnershipAccess:
    """The signed-in person's active membership of the partnership at `slug`, in one query on
    every partnership page (the person is the request's own, so it is not read again)."""
    if not user.is_active:
        raise Http404(NOT_FOUND)
    membership = (
        Membership.objects.active()
        .select_related("partnership", "agency")
        .filter(user=user, partnership__slug=slug, partnership__archived_at__isnull=True)
        .first()
    )
    if membership is None:
        raise Http404(NOT_FOUND)
    assert isinstance(membership, Membership)
    membership.user = user
    return PartnershipAccess(user=user, partnership=membership.partnership, membership=membership)


def get_inside(access: PartnershipAccess, queryset: QuerySet[M], pk: Any) -> M:
    """The record `pk` of `queryset` inside the caller's partnership, or 404 (missing and not
    yours look the same). Every app's access_<thing> helper is built on this."""
    try:
        return queryset.get(partnership=access.partnership, pk=int(pk))
    except (ValueError, TypeError, ObjectDoesNotExist) as exc:
        raise Http404(NOT_FOUND) from exc


def access_agency(
    access: PartnershipAccess, agency_id: Any, *, capability: Capability | None = None
) -> Agency:
    agency = get_inside(access, Agency.objects.all(), agency_id)
    if capability is not None:
        access.require(capability)
    return agency


def access_membership(
    access: PartnershipAccess, membership_id: Any, *, capability: Capability | None = None
) -> Membership:
    membership = get_inside(
        access, Membership.objects.select_related("user", "agency"), membership_id
    )
    if capability is not None:
        access.require(capability)
    return membership


ViewFunc = Callable[..., HttpResponse]


def partnership_view(capability: Capability = Capability.VIEW) -> Callable[[ViewFunc], ViewFunc]:
    """Wrap a view under /p/<partnership_slug>/: sign-in, membership (404), capability (403)."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, partnership_slug: str, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            assert isinstance(request.user, User)
            access = access_partnership(request.user, partnership_slug)
            access.require(capability)
            request.access = access  # type: ignore[attr-defined]
            return view(request, **kwargs)

        wrapped.partnership_capability = capability  # type: ignore[attr-defined]
        return wrapped

    return decorator


def site_admin_view(view: ViewFunc) -> ViewFunc:
    """Pages for the host: creating partnerships. They show no partnership data."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(request.user, "is_site_admin", False):
            raise PermissionDenied("Only a site administrator can do this.")
        return view(request, **kwargs)

    wrapped.site_admin_only = True  # type: ignore[attr-defined]
    return wrapped
