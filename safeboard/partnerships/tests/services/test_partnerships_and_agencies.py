import pytest

from safeboard.core.errors import ApplicationError
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency, Partnership
from safeboard.partnerships.services import (
    agency_create,
    agency_set_archived,
    agency_update,
    partnership_create,
)


def test_it_creates_a_partnership_with_its_first_manager(db):
    partnership, membership = partnership_create(
        name="Northshire SCP",
        slug="northshire",
        manager_email="boss@northshire.example",
        manager_name="Boss",
        by=None,
    )
    assert membership.partnership == partnership
    assert membership.role == Role.MANAGER.value
    assert membership.user.email == "boss@northshire.example"


def test_it_refuses_a_partnership_web_address_already_used(tenancy):
    with pytest.raises(ApplicationError) as error:
        partnership_create(
            name="Another",
            slug="ourshire",
            manager_email="x@example.org",
            manager_name="X",
            by=None,
        )
    assert error.value.field == "slug"
    assert not Partnership.objects.filter(name="Another").exists()


def test_it_refuses_two_agencies_of_one_name_in_a_partnership_but_not_across(tenancy):
    with pytest.raises(ApplicationError):
        agency_create(
            partnership=tenancy.ours,
            name="OURSHIRE POLICE",
            agency_type="police",
            by=tenancy.manager,
        )
    agency = agency_create(
        partnership=tenancy.theirs,
        name="Ourshire Police",
        agency_type="police",
        by=tenancy.outsider,
    )
    assert agency.partnership == tenancy.theirs


def test_it_refuses_an_unknown_agency_type(tenancy):
    with pytest.raises(ApplicationError) as error:
        agency_create(partnership=tenancy.ours, name="Odd", agency_type="bogus", by=tenancy.manager)
    assert error.value.field == "agency_type"


def test_it_records_who_changed_what(tenancy):
    agency = tenancy.agency
    agency_update(
        agency=agency,
        name="Ourshire Constabulary",
        agency_type="police",
        short_name="OC",
        by=tenancy.manager,
    )
    latest = agency.history.latest()
    assert latest.history_user == tenancy.manager
    assert latest.name == "Ourshire Constabulary"
    assert latest.prev_record.name == "Ourshire Police"


def test_it_will_not_archive_an_agency_people_still_act_for(tenancy):
    with pytest.raises(ApplicationError):
        agency_set_archived(agency=tenancy.agency, archived=True, by=tenancy.manager)
    assert not Agency.objects.get(pk=tenancy.agency.pk).is_archived


def test_it_archives_and_restores_an_agency(tenancy):
    spare = agency_create(
        partnership=tenancy.ours, name="Spare", agency_type="other", by=tenancy.manager
    )
    agency_set_archived(agency=spare, archived=True, by=tenancy.manager)
    assert Agency.objects.get(pk=spare.pk).is_archived
    agency_set_archived(agency=spare, archived=False, by=tenancy.manager)
    assert not Agency.objects.get(pk=spare.pk).is_archived
