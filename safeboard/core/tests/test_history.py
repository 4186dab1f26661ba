from django.utils import timezone

from safeboard.core.history import history_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.services import agency_set_archived, agency_update, membership_update


def test_it_shows_who_changed_each_field_from_what_to_what(tenancy):
    agency_update(
        agency=tenancy.agency,
        name="Ourshire Constabulary",
        agency_type="health",
        short_name="",
        by=tenancy.manager,
    )
    entries = history_for(tenancy.agency)
    latest = entries[0]
    assert latest.who == str(tenancy.manager)
    assert latest.action == "Changed"
    changes = {c.label: (c.old, c.new) for c in latest.changes}
    assert changes == {
        "Name": ("Ourshire Police", "Ourshire Constabulary"),
        "Type": ("Police", "Health"),
    }
    assert entries[-1].action == "Created"
    assert entries[-1].who == "System"


def test_it_shows_related_records_and_choices_as_people_read_them(tenancy):
    lead = tenancy.members[Role.AGENCY_LEAD]
    membership_update(
        membership=lead,
        role=Role.ANALYST,
        agency=None,
        job_title="Performance officer",
        by=tenancy.manager,
    )
    changes = {c.label: (c.old, c.new) for c in history_for(lead)[0].changes}
    assert changes["Role"] == ("Agency lead", "Analyst")
    assert changes["Agency"] == ("Ourshire Police", "not recorded")
    assert changes["Job title"] == ("not recorded", "Performance officer")


def test_it_calls_archiving_what_it_is(tenancy):
    from safeboard.partnerships.services import agency_create

    spare = agency_create(partnership=tenancy.ours, name="Spare", agency_type="other", by=None)
    agency_set_archived(agency=spare, archived=True, by=tenancy.manager)
    assert history_for(spare)[0].action == "Archived"
    assert history_for(spare)[0].when <= timezone.now()
