"""Load the example partnerships from examples/*.yaml and (re)create their demo accounts.

Idempotent: running it again updates what is there and adds what is missing. Demo passwords come
from DEMO_PASSWORD, or one is generated and printed.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from safeboard.accounts.models import User
from safeboard.core.modules import registered, resolve
from safeboard.interchange.examples import Demo
from safeboard.interchange.importer import import_plan_file
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency, Membership, Partnership
from safeboard.partnerships.services import agency_create, membership_add, membership_update

EXAMPLES_DIR = Path(settings.BASE_DIR) / "examples"

DEMO_ACCOUNTS: list[tuple[str, Role, str]] = [
    ("manager", Role.MANAGER, "Partnership Manager"),
    ("chair", Role.CHAIR, "Independent Chair"),
    ("groupchair", Role.GROUP_CHAIR, "Group Chair"),
    ("agencylead", Role.AGENCY_LEAD, "Agency Lead"),
    ("analyst", Role.ANALYST, "Performance Analyst"),
    ("member", Role.BOARD_MEMBER, "Board Member"),
]
# The agency the demo agency lead acts for. North East Lincolnshire's seed names no agency, so a
# demo-only agency is added there and labelled as such.
DEMO_AGENCY_LEAD_AGENCY = {
    "lincolnshire": ("Police", "police"),
    "north-east-lincolnshire": ("Demo agency (not from the plan)", "other"),
}
SITE_ADMIN_EMAIL = "admin@example.org"
DEMO_BOTH_EMAIL = "demo@example.org"


class Command(BaseCommand):
    help = "Load the example partnerships and demo accounts (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        partnerships = [self._load(path) for path in sorted(EXAMPLES_DIR.glob("*.yaml"))]
        accounts: list[tuple[str, str, str]] = []
        summaries: list[str] = []
        for partnership in partnerships:
            members: dict[Role, Membership] = {}
            for prefix, role, name in DEMO_ACCOUNTS:
                email = f"{prefix}@{partnership.slug}.example"
                agency = None
                if role is Role.AGENCY_LEAD:
                    agency = self._demo_agency(partnership)
                members[role] = self._member(
                    partnership, email, f"{name} ({partnership.short_name})", role, agency
                )
                self._password(email, password)
                accounts.append((email, role.label, partnership.name))
            self._member(partnership, DEMO_BOTH_EMAIL, "Demo Manager", Role.MANAGER, None)
            # What each module adds to the examples beyond the plan file.
            for module in registered():
                if module.examples:
                    summary = resolve(module.examples)(partnership, Demo(members=members))
                    if summary:
                        summaries.append(summary)
        self._password(DEMO_BOTH_EMAIL, password)
        accounts.append((DEMO_BOTH_EMAIL, Role.MANAGER.label, "both example partnerships"))
        admin, _ = User.objects.get_or_create(
            email=SITE_ADMIN_EMAIL,
            defaults={"full_name": "Site Administrator", "is_site_admin": True},
        )
        admin.is_site_admin = True
        admin.set_password(password)
        admin.save()
        accounts.append((SITE_ADMIN_EMAIL, "Site administrator", "no partnership"))

        if options["quiet"]:
            return
        for summary in summaries:
            self.stdout.write(summary)
        width = max(len(a[0]) for a in accounts)
        self.stdout.write("\nDemo accounts (sign in at /account/sign-in/):")
        for email, role_label, where in accounts:
            self.stdout.write(f"  {email.ljust(width)}  {role_label}, {where}")
        self.stdout.write(f"\nPassword for every demo account: {password}\n")

    def _load(self, path: Path) -> Partnership:
        """Import the example once; later runs leave what is there (and any changes) alone."""
        slug = path.stem
        existing = Partnership.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
        return import_plan_file(path.read_bytes(), slug=slug, by=None)

    def _demo_agency(self, partnership: Partnership) -> Agency:
        name, agency_type = DEMO_AGENCY_LEAD_AGENCY[partnership.slug]
        agency = Agency.objects.filter(partnership=partnership, name=name).first()
        return agency or agency_create(
            partnership=partnership, name=name, agency_type=agency_type, by=None
        )

    def _member(
        self,
        partnership: Partnership,
        email: str,
        full_name: str,
        role: Role,
        agency: Agency | None,
    ) -> Membership:
        existing = Membership.objects.filter(partnership=partnership, user__email=email).first()
        if existing is None or existing.is_archived:
            return membership_add(
                partnership=partnership,
                email=email,
                full_name=full_name,
                role=role,
                agency=agency,
                by=None,
            )
        if existing.role != role.value or existing.agency_id != (agency.pk if agency else None):
            return membership_update(
                membership=existing, role=role, agency=agency, job_title="", by=None
            )
        return existing

    def _password(self, email: str, password: str) -> None:
        user = User.objects.get(email=email)
        user.set_password(password)
        user.save(update_fields=["password"])
