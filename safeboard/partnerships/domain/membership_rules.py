"""Pure rules about who may hold which membership."""

from __future__ import annotations

from .roles import Role


def leaves_no_manager(
    *, current_roles: list[Role], changing_from: Role, changing_to: Role | None
) -> bool:
    """True if changing one member's role (or removing them, `changing_to=None`) would leave the
    partnership with no manager — nobody could then add people or fix the structure."""
    if changing_from is not Role.MANAGER or changing_to is Role.MANAGER:
        return False
    return current_roles.count(Role.MANAGER) <= 1


def agency_required(role: Role) -> bool:
    """An agency lead acts for one agency, so that agency must be named."""
    return role is Role.AGENCY_LEAD
