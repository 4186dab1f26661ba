"""Writes to partnerships, agencies and memberships. Each runs in one transaction and records who
made the change."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safeboard.accounts.models import User
from safeboard.core.domain.text import single_line_problem
from safeboard.core.errors import ApplicationError
from safeboard.core.services import save_recorded, unique_key

from .domain.membership_rules import agency_required, leaves_no_manager
from .domain.roles import Role
from .models import Agency, AgencyType, Membership, Partnership, ReminderFrequency


def _check_one_line(label: str, value: str, *, field: str) -> None:
    # A User is saved by create_user, not save_recorded, so its one-line fields are checked here.
    problem = single_line_problem(value)
    if problem:
        raise ApplicationError(f"{label} {problem}.", field=field)


@transaction.atomic
def partnership_create(
    *,
    name: str,
    slug: str,
    short_name: str = "",
    area: str = "",
    manager_email: str,
    manager_name: str,
    by: User | None,
) -> tuple[Partnership, Membership]:
    _check_one_line("The first manager's full name", manager_name, field="manager_name")
    if Partnership.objects.filter(slug=slug).exists():
        raise ApplicationError("A partnership already uses this web address.", field="slug")
    if Partnership.objects.filter(name__iexact=name).exists():
        raise ApplicationError("A partnership with this name already exists.", field="name")
    partnership = Partnership(name=name, slug=slug, short_name=short_name, area=area)
    save_recorded(partnership, by=by)
    membership = membership_add(
        partnership=partnership,
        email=manager_email,
        full_name=manager_name,
        role=Role.MANAGER,
        agency=None,
        by=by,
    )
    return partnership, membership


@transaction.atomic
def partnership_create_empty(
    *, name: str, slug: str, short_name: str = "", area: str = "", by: User | None
) -> Partnership:
    """A partnership with nobody in it yet, for a plan file to fill (its manager is added after)."""
    if Partnership.objects.filter(slug=slug).exists():
        raise ApplicationError(f"A partnership already uses the web address {slug}.", field="slug")
    if Partnership.objects.filter(name__iexact=name).exists():
        raise ApplicationError("A partnership with this name already exists.", field="name")
    partnership = Partnership(name=name, slug=slug, short_name=short_name, area=area)
    save_recorded(partnership, by=by)
    return partnership


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    name: str,
    short_name: str,
    area: str,
    by: User | None,
    expected_version: int | None = None,
) -> Partnership:
    if Partnership.objects.exclude(pk=partnership.pk).filter(name__iexact=name).exists():
        raise ApplicationError("A partnership with this name already exists.", field="name")
    partnership.name, partnership.short_name, partnership.area = name, short_name, area
    save_recorded(partnership, by=by, expected_version=expected_version)
    return partnership


@transaction.atomic
def agency_create(
    *,
    partnership: Partnership,
    name: str,
    agency_type: str,
    short_name: str = "",
    key: str = "",
    by: User | None,
) -> Agency:
    """`key` is the agency's name in plan files; made from the name when not given."""
    if Agency.objects.filter(partnership=partnership, name__iexact=name).exists():
        raise ApplicationError("An agency with this name already exists.", field="name")
    if agency_type not in AgencyType.values:
        raise ApplicationError("Select the type of agency.", field="agency_type")
    taken = set(Agency.objects.filter(partnership=partnership).values_list("key", flat=True))
    if key and key in taken:
        raise ApplicationError("Another agency already uses this key.", field="key")
    agency = Agency(
        partnership=partnership,
        key=key or unique_key(name, taken=taken),
        name=name,
        short_name=short_name,
        agency_type=agency_type,
    )
    save_recorded(agency, by=by)
    return agency


@transaction.atomic
def agency_update(
    *,
    agency: Agency,
    name: str,
    agency_type: str,
    short_name: str,
    by: User,
    expected_version: int | None = None,
) -> Agency:
    clash = Agency.objects.filter(partnership_id=agency.partnership_id, name__iexact=name)
    if clash.exclude(pk=agency.pk).exists():
        raise ApplicationError("An agency with this name already exists.", field="name")
    agency.name, agency.agency_type, agency.short_name = name, agency_type, short_name
    save_recorded(agency, by=by, expected_version=expected_version)
    return agency


@transaction.atomic
def agency_set_archived(*, agency: Agency, archived: bool, by: User) -> Agency:
    if archived and agency.memberships.active().exists():
        raise ApplicationError(
            "People are still members for this agency. Move them to another agency first."
        )
    agency.archived_at = timezone.now() if archived else None
    save_recorded(agency, by=by)
    return agency


def _check_agency(partnership: Partnership, role: Role, agency: Agency | None) -> None:
    if agency is not None and agency.partnership_id != partnership.pk:
        raise ApplicationError("Select an agency of this partnership.", field="agency")
    if agency is not None and agency.is_archived:
        raise ApplicationError("That agency is archived. Select a current agency.", field="agency")
    if agency is None and agency_required(role):
        raise ApplicationError("Select the agency this agency lead acts for.", field="agency")


@transaction.atomic
def membership_add(
    *,
    partnership: Partnership,
    email: str,
    full_name: str,
    role: Role,
    agency: Agency | None,
    job_title: str = "",
    by: User | None,
) -> Membership:
    """Add a person to the partnership. A person who already has an account (perhaps in another
    partnership) keeps it; a new person gets an account with no password until they set one."""
    _check_agency(partnership, role, agency)
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        if not full_name.strip():
            raise ApplicationError("Enter the person's full name.", field="full_name")
        _check_one_line("The person's full name", full_name, field="full_name")
        user = User.objects.create_user(email=email, full_name=full_name.strip())
    existing = Membership.objects.filter(partnership=partnership, user=user).first()
    if existing is not None and not existing.is_archived:
        raise ApplicationError("This person is already a member of the partnership.", field="email")
    membership = existing or Membership(partnership=partnership, user=user)
    membership.role, membership.agency, membership.job_title = role.value, agency, job_title
    membership.archived_at = None
    save_recorded(membership, by=by)
    return membership


def _manager_roles(partnership: Partnership) -> list[Role]:
    roles = (
        Membership.objects.active().filter(partnership=partnership).values_list("role", flat=True)
    )
    return [Role(r) for r in roles]


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    role: Role,
    agency: Agency | None,
    job_title: str,
    by: User | None,
    expected_version: int | None = None,
) -> Membership:
    partnership = membership.partnership
    _check_agency(partnership, role, agency)
    if leaves_no_manager(
        current_roles=_manager_roles(partnership),
        changing_from=Role(membership.role),
        changing_to=role,
    ):
        raise ApplicationError(
            "The partnership must keep at least one manager. Make someone else a manager first.",
            field="role",
        )
    membership.role, membership.agency, membership.job_title = role.value, agency, job_title
    save_recorded(membership, by=by, expected_version=expected_version)
    return membership


@transaction.atomic
def membership_archive(*, membership: Membership, by: User) -> Membership:
    if leaves_no_manager(
        current_roles=_manager_roles(membership.partnership),
        changing_from=Role(membership.role),
        changing_to=None,
    ):
        raise ApplicationError(
            "The partnership must keep at least one manager. Make someone else a manager first."
        )
    membership.archived_at = timezone.now()
    save_recorded(membership, by=by)
    return membership


@transaction.atomic
def membership_set_reminders(
    *,
    membership: Membership,
    reminder_frequency: str,
    by: User | None,
    expected_version: int | None = None,
) -> Membership:
    """The person's own choice of e-mail reminders for this partnership, kept in history."""
    if reminder_frequency not in ReminderFrequency.values:
        raise ApplicationError(
            "Select how often you want e-mail reminders", field="reminder_frequency"
        )
    membership.reminder_frequency = reminder_frequency
    save_recorded(
        membership,
        by=by,
        update_fields=["reminder_frequency"],
        expected_version=expected_version,
    )
    return membership


def membership_record_home_visit(*, membership: Membership, at: dt.datetime) -> None:
    """Note that the person opened their home page: a plain UPDATE of one column, so a visit
    makes no history row and moves no record version (an edit form open elsewhere stays good)."""
    Membership.objects.filter(pk=membership.pk).update(last_home_visit=at)
    membership.last_home_visit = at
