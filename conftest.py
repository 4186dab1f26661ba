"""Fixtures every test can use: the tenancy triad (owner, member, outsider) built once per test,
and for the whole-site walks the same triad with a record of every kind, built once per module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
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


def make_tenancy() -> Tenancy:
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


@pytest.fixture
def tenancy(db: None) -> Tenancy:
    return make_tenancy()


@dataclass
class Walk:
    """The tenancy, and the ids of a record of every kind a partnership URL names, made in both
    partnerships (`ours` and `theirs` are tests/url_records.py's RecordIds, already filled)."""

    tenancy: Tenancy
    ours: Any
    theirs: Any


@pytest.fixture(scope="module")
def walk_records(django_db_setup: None, django_db_blocker: Any) -> Iterator[Walk]:
    """Built once per test module inside a transaction that is rolled back after the module's last
    test. Use it through `walk`, which runs each test in a savepoint of its own, so whatever one
    test's requests change (an empty POST that archives a person, say) the next test never sees."""
    from tests.url_records import RecordIds, url_records
    from tests.urlwalk import record_kwargs

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            built = make_tenancy()
            ids = {p: RecordIds(built, p) for p in (built.ours, built.theirs)}
            for kwarg in record_kwargs() & set(url_records()):
                for record_ids in ids.values():
                    record_ids(kwarg)
        yield Walk(built, ids[built.ours], ids[built.theirs])
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def walk(walk_records: Walk, db: None) -> Walk:
    return walk_records


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
