"""Fixtures every test can use: the tenancy triad (owner, member, outsider) built once per test."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from safeboard.accounts.models import User
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency, Membership, Partnership
from safeboard.partnerships.tests.factories import (
    AgencyFactory,
    MembershipFactory,
    PartnershipFactory,
    UserFactory,
)


@dataclass
class Tenancy:
    """Partnership `ours` with one member per role; partnership `theirs` with its own manager
    (the outsider) and records, so every test can prove nothing leaks between them."""

    ours: Partnership
    theirs: Partnership
    agency: Agency
    their_agency: Agency
    members: dict[Role, Membership]
    outsider: User
    their_membership: Membership

    @property
    def manager(self) -> User:
        return self.members[Role.MANAGER].user

    def user(self, role: Role) -> User:
        return self.members[role].user


@pytest.fixture
def tenancy(db: None) -> Tenancy:
    ours = PartnershipFactory(name="Ourshire Safeguarding Children Partnership", slug="ourshire")
    theirs = PartnershipFactory(
        name="Theirshire Safeguarding Children Partnership", slug="theirshire"
    )
    agency = AgencyFactory(partnership=ours, name="Ourshire Police")
    their_agency = AgencyFactory(partnership=theirs, name="Theirshire Police")
    members: dict[Role, Membership] = {
        role: MembershipFactory(
            partnership=ours,
            role=role.value,
            agency=agency if role is Role.AGENCY_LEAD else None,
            user=UserFactory(email=f"{role.value}@ourshire.example", full_name=f"Our {role.label}"),
        )
        for role in Role
    }
    outsider = UserFactory(email="outsider@theirshire.example", full_name="Their Manager")
    their_membership = MembershipFactory(partnership=theirs, user=outsider, role=Role.MANAGER.value)
    return Tenancy(ours, theirs, agency, their_agency, members, outsider, their_membership)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(tenancy: Tenancy) -> Client:
    return client_for(tenancy.manager)


@pytest.fixture
def outsider_client(tenancy: Tenancy) -> Client:
    return client_for(tenancy.outsider)
