import pytest

from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Membership
from safeboard.partnerships.services import (
    membership_add,
    membership_archive,
    membership_update,
)


def _add(tenancy, **fields):
    """Add a person to our partnership as the manager; `fields` override a new chair's."""
    defaults = {"email": "", "full_name": "", "role": Role.CHAIR, "agency": None}
    return membership_add(partnership=tenancy.ours, by=tenancy.manager, **{**defaults, **fields})


def test_it_adds_a_new_person_with_no_usable_password(tenancy):
    membership = _add(
        tenancy, email="New.Person@Example.org", full_name="New Person", role=Role.ANALYST
    )
    assert membership.user.email == "new.person@example.org"
    assert not membership.user.has_usable_password()
    assert membership.role == Role.ANALYST.value
    assert membership.history.get().history_user == tenancy.manager


def test_it_reuses_the_account_of_a_person_already_on_another_partnership(tenancy):
    membership = _add(tenancy, email="OUTSIDER@theirshire.example")
    assert membership.user == tenancy.outsider
    assert User.objects.filter(email__iexact="outsider@theirshire.example").count() == 1
    roles = dict(
        Membership.objects.filter(user=tenancy.outsider).values_list("partnership__slug", "role")
    )
    assert roles == {"ourshire": "chair", "theirshire": "manager"}


# what is refused: (the person's fields, given the tenancy; the field the message is for)
REFUSED = {
    "already a member": (lambda t: {"email": t.manager.email}, "email"),
    "a new person with no name": (
        lambda t: {"email": "nobody@example.org", "full_name": "  "},
        "full_name",
    ),
    "an agency lead with no agency": (
        lambda t: {"email": "lead@example.org", "full_name": "Lead", "role": Role.AGENCY_LEAD},
        "agency",
    ),
    "an agency of another partnership": (
        lambda t: {
            "email": "lead@example.org",
            "full_name": "Lead",
            "role": Role.AGENCY_LEAD,
            "agency": t.their_agency,
        },
        "agency",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_it_refuses_and_adds_no_one(tenancy, case):
    fields_of, field = REFUSED[case]
    fields = fields_of(tenancy)
    people, members = User.objects.count(), Membership.objects.count()
    with pytest.raises(ApplicationError) as error:
        _add(tenancy, **fields)
    assert error.value.field == field
    assert (User.objects.count(), Membership.objects.count()) == (people, members)


def test_it_keeps_the_last_manager(tenancy):
    only_manager = tenancy.members[Role.MANAGER]
    with pytest.raises(ApplicationError):
        membership_update(
            membership=only_manager, role=Role.CHAIR, agency=None, job_title="", by=tenancy.manager
        )
    with pytest.raises(ApplicationError):
        membership_archive(membership=only_manager, by=tenancy.manager)
    only_manager.refresh_from_db()
    assert only_manager.role == Role.MANAGER.value
    assert not only_manager.is_archived


def test_it_lets_a_manager_step_down_once_there_is_another(tenancy):
    chair = tenancy.members[Role.CHAIR]
    membership_update(
        membership=chair, role=Role.MANAGER, agency=None, job_title="", by=tenancy.manager
    )
    old = tenancy.members[Role.MANAGER]
    membership_update(
        membership=old, role=Role.BOARD_MEMBER, agency=None, job_title="", by=tenancy.manager
    )
    old.refresh_from_db()
    assert old.role == Role.BOARD_MEMBER.value


def test_it_archives_instead_of_deleting_and_can_add_the_person_back(tenancy):
    analyst = tenancy.members[Role.ANALYST]
    membership_archive(membership=analyst, by=tenancy.manager)
    assert Membership.objects.filter(pk=analyst.pk).exists()
    assert Membership.objects.get(pk=analyst.pk).is_archived
    again = _add(tenancy, email=analyst.user.email)
    assert again.pk == analyst.pk
    assert not again.is_archived
    assert again.role == Role.CHAIR.value
