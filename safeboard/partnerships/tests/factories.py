from __future__ import annotations

from typing import Any

import factory
from django.db.models import Model

from safeboard.accounts.models import User
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency, AgencyType, Membership, Partnership

PASSWORD = "correct horse battery staple"
# The site administrator's form for a new partnership and its first manager, filled in.
NEW_PARTNERSHIP = {
    "name": "Westshire Safeguarding Children Partnership",
    "short_name": "WSCP",
    "slug": "westshire",
    "area": "Westshire",
    "manager_name": "Wes Manager",
    "manager_email": "wes@westshire.example",
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Area {n} Safeguarding Children Partnership")
    short_name = "SCP"
    slug = factory.Sequence(lambda n: f"area-{n}")


def numbered(template: str) -> Any:
    """A declaration giving each record made its own text: "Group {n}" -> "Group 0", "Group 1"."""
    return factory.Sequence(lambda n: template.format(n=n))


class RecordFactory(factory.django.DjangoModelFactory):
    """What `record_factory` makes: a factory of one model's records."""

    class Meta:
        abstract = True
        # A post-generation hook (e.g. refreshing a stored analysis) saves what it changes.
        skip_postgeneration_save = True


def record_factory(
    model: type[Model], *, within: tuple[str, Any] | None = None, **defaults: Any
) -> type[RecordFactory]:
    """The factory of a partnership's `model`. With `within` (the field naming the record it
    belongs to, and that record's factory: ("group", GroupFactory)) each record is made in its
    own record's partnership, else in a new partnership. `defaults` are its other fields; a text
    holding "{n}" is numbered for each record made ("group-{n}" -> "group-0")."""
    fields: dict[str, Any] = {}
    if within is None:
        fields["partnership"] = factory.SubFactory(PartnershipFactory)
    else:
        field, parent = within
        fields[field] = factory.SubFactory(parent)
        fields["partnership"] = factory.SelfAttribute(f"{field}.partnership")
    for name, value in defaults.items():
        fields[name] = numbered(value) if isinstance(value, str) and "{n}" in value else value
    made: type[RecordFactory] = factory.make_factory(model, FACTORY_CLASS=RecordFactory, **fields)
    return made


AgencyFactory = record_factory(
    Agency, name="Agency {n}", key="agency-{n}", agency_type=AgencyType.POLICE
)
MembershipFactory = record_factory(
    Membership, user=factory.SubFactory(UserFactory), role=Role.BOARD_MEMBER.value
)
