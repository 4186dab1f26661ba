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


def test_it_adds_a_new_person_with_no_usable_password(tenancy):
    membership = membership_add(
        partnership=tenancy.ours,
        email="New.Person@Example.org",
        full_name="New Person",
        role=Role.ANALYST,
        agency=None,
        by=tenancy.manager,
    )
    assert membership.user.email == "new.person@example.org"
    assert not membership.user.has_usable_password()
    assert membership.role == Role.ANALYST.value
    assert membership.history.get().history_user == tenancy.manager


def test_it_reuses_the_account_of_a_person_already_on_another_partnership(tenancy):
    membership = membership_add(
        partnership=tenancy.ours,
        email="OUTSIDER@theirshire.example",
        full_name="",
        role=Role.CHAIR,
        agency=None,
        by=tenancy.manager,
    )
    assert membership.user == tenancy.outsider
    assert User.objects.filter(email__iexact="outsider@theirshire.example").count() == 1
    roles = dict(
        Membership.objects.filter(user=tenancy.outsider).values_list("partnership__slug", "role")
    )
    assert roles == {"ourshire": "chair", "theirshire": "manager"}


def test_it_refuses_a_person_who_is_already_a_member(tenancy):
    with pytest.raises(ApplicationError) as error:
        membership_add(
            partnership=tenancy.ours,
            email=tenancy.manager.email,
            full_name="",
            role=Role.CHAIR,
            agency=None,
            by=tenancy.manager,
        )
    assert error.value.field == "email"


def test_it_needs_a_name_for_a_new_person(tenancy):
    with pytest.raises(ApplicationError) as error:
        membership_add(
            partnership=tenancy.ours,
            email="nobody@example.org",
            full_name="  ",
            role=Role.CHAIR,
            agency=None,
            by=tenancy.manager,
        )
    assert error.value.field == "full_name"
    assert not User.objects.filter(email="nobody@example.org").exists()


def test_it_needs_an_agency_for_an_agency_lead(tenancy):
    with pytest.raises(ApplicationError) as error:
        membership_add(
            partnership=tenancy.ours,
            email="lead@example.org",
            full_name="Lead",
            role=Role.AGENCY_LEAD,
            agency=None,
            by=tenancy.manager,
        )
    assert error.value.field == "agency"


def test_it_refuses_an_agency_of_another_partnership(tenancy):
    with pytest.raises(ApplicationError) as error:
        membership_add(
            partnership=tenancy.ours,
            email="lead@example.org",
            full_name="Lead",
            role=Role.AGENCY_LEAD,
            agency=tenancy.their_agency,
            by=tenancy.manager,
        )
    assert error.value.field == "agency"
    assert not User.objects.filter(email="lead@example.org").exists()


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
    again = membership_add(
        partnership=tenancy.ours,
        email=analyst.user.email,
        full_name="",
        role=Role.CHAIR,
        agency=None,
        by=tenancy.manager,
    )
    assert again.pk == analyst.pk
    assert not again.is_archived
    assert again.role == Role.CHAIR.value
