"""No lost updates: a save from an old version is refused, names who changed what, writes
nothing; two saves racing from the same version cannot both win."""

import threading

import pytest
from django.db import connection

from safeboard.core.errors import StaleEdit
from safeboard.core.history import changes_since
from safeboard.core.services import save_recorded
from safeboard.partnerships.models import Agency
from safeboard.partnerships.services import agency_update


def _update(agency, by, name, expected_version):
    return agency_update(
        agency=agency,
        name=name,
        agency_type=agency.agency_type,
        short_name=agency.short_name,
        by=by,
        expected_version=expected_version,
    )


def test_it_moves_the_version_on_with_every_save(tenancy):
    agency = tenancy.agency
    assert agency.record_version == 1
    save_recorded(agency, by=tenancy.manager)
    save_recorded(agency, by=tenancy.manager, update_fields=["name"])
    agency.refresh_from_db()
    assert agency.record_version == 3


def test_it_refuses_a_save_from_an_older_version_and_says_who_changed_what(tenancy):
    first, second = tenancy.manager, tenancy.members[next(iter(tenancy.members))].user
    _update(Agency.objects.get(pk=tenancy.agency.pk), first, "Ourshire Constabulary", 1)
    with pytest.raises(StaleEdit) as refused:
        _update(Agency.objects.get(pk=tenancy.agency.pk), second, "Ourshire Police Service", 1)
    message = refused.value.message
    assert message.startswith(f"{first} changed this on ")
    assert "since you opened it: Name (Ourshire Police -> Ourshire Constabulary)." in message
    assert message.endswith("Your changes are below: check them and save again to apply them.")
    assert refused.value.current_version == 2
    agency = Agency.objects.get(pk=tenancy.agency.pk)
    assert (agency.name, agency.record_version) == ("Ourshire Constabulary", 2)
    assert agency.history.count() == 2  # created, and the first change: nothing from the second


def test_it_applies_a_save_from_the_version_the_person_was_told_about(tenancy):
    _update(Agency.objects.get(pk=tenancy.agency.pk), tenancy.manager, "Ourshire Constabulary", 1)
    _update(Agency.objects.get(pk=tenancy.agency.pk), tenancy.manager, "Ourshire Police 2", 2)
    assert Agency.objects.get(pk=tenancy.agency.pk).name == "Ourshire Police 2"


def test_it_lists_every_change_since_a_version_oldest_first(tenancy):
    for version, name in enumerate(["A", "B", "C"], start=1):
        _update(Agency.objects.get(pk=tenancy.agency.pk), tenancy.manager, name, version)
    entries = changes_since(Agency.objects.get(pk=tenancy.agency.pk), 2)
    assert [(c.old, c.new) for e in entries for c in e.changes] == [("A", "B"), ("B", "C")]


def test_it_is_the_update_where_version_that_guards_the_save(tenancy):
    """The interleaving of a race: both loaded version 1; the other save lands between this
    one's read and its write. The compare-and-swap sees it and writes nothing."""
    mine = Agency.objects.get(pk=tenancy.agency.pk)
    _update(Agency.objects.get(pk=tenancy.agency.pk), tenancy.manager, "Theirs", 1)
    mine.name = "Mine"
    with pytest.raises(StaleEdit):
        save_recorded(mine, by=tenancy.manager, expected_version=mine.record_version)
    assert Agency.objects.get(pk=tenancy.agency.pk).name == "Theirs"


@pytest.mark.postgresql_only
@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_two_racing_saves_win(tenancy):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer at a time; the race is run on PostgreSQL")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(name: str) -> None:
        try:
            agency = Agency.objects.get(pk=tenancy.agency.pk)
            barrier.wait(timeout=10)
            _update(agency, tenancy.manager, name, 1)
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "saved"]
    assert Agency.objects.get(pk=tenancy.agency.pk).record_version == 2
