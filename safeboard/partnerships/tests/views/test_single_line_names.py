"""A name is one line: a line break or control character typed into one is refused with a
message and writes nothing, never a server error (it once broke the invitation e-mail)."""

import pytest
from django.core import mail

from conftest import client_for
from safeboard.accounts.models import User
from safeboard.core.errors import ApplicationError
from safeboard.partnerships import services
from safeboard.partnerships.models import Agency, Partnership
from safeboard.partnerships.tests.factories import NEW_PARTNERSHIP, UserFactory


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Westshire\nBcc: everyone@example.org"),
        ("name", "Westshire\r\nPartnership"),
        ("short_name", "WS\tCP"),
        ("area", "West\u2028shire"),
        ("manager_name", "Wes\nManager"),
    ],
)
def test_it_refuses_a_partnership_name_on_two_lines_with_a_message(
    tenancy, field, value, django_capture_on_commit_callbacks
):
    client = client_for(UserFactory(is_site_admin=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/site-admin/partnerships/new/", {**NEW_PARTNERSHIP, field: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "one line" in html or "control characters" in html
    assert not Partnership.objects.filter(slug="westshire").exists()
    assert not User.objects.filter(email="wes@westshire.example").exists()
    assert mail.outbox == []


@pytest.mark.parametrize("value", ["Police\nForce", "Police\x1b[31m"])
def test_it_refuses_control_characters_in_names_saved_by_any_service(tenancy, value):
    # The rule sits in save_recorded, so it holds for every service and every app.
    before = Agency.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.agency_create(partnership=tenancy.ours, name=value, agency_type="police", by=None)
    assert caught.value.field == "name"
    assert Agency.objects.count() == before


def test_it_refuses_a_nul_before_any_service_query_reaches_the_database(tenancy):
    # The service looks the name up before saving: the query guard (core/db.py) refuses it there,
    # on SQLite as on PostgreSQL, which would otherwise fail with a server error.
    before = Agency.objects.count()
    with pytest.raises(ApplicationError, match="NUL"):
        services.agency_create(
            partnership=tenancy.ours, name="Police\x00", agency_type="police", by=None
        )
    assert Agency.objects.count() == before
