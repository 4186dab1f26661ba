"""Two people change the same record at once: the first wins, the second is told who changed
what and keeps their input, and saving again applies it."""

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency, Membership, Partnership
from safeboard.ui.tests.forms import form_data, read_form


def _race(first, second, url, field, first_value, second_value):
    """Both load the form; the first saves, then the second. Returns the second's response."""
    first_form = form_data(first, url)
    second_form = form_data(second, url)
    assert first.post(url, {**first_form, field: first_value}).status_code == 302
    return second.post(url, {**second_form, field: second_value})


@pytest.fixture
def two_managers(tenancy):
    other = tenancy.members[Role.ANALYST]
    other.role = Role.MANAGER.value
    other.save()
    return client_for(tenancy.manager), client_for(other.user), other.user


CASES = {
    "agency": (
        lambda t: f"/p/ourshire/agencies/{t.agency.pk}/edit/",
        "name",
        lambda t: Agency.objects.get(pk=t.agency.pk).name,
        "Name (Ourshire Police -> Ourshire Constabulary)",
    ),
    "settings": (
        lambda t: "/p/ourshire/settings/",
        "area",
        lambda t: Partnership.objects.get(pk=t.ours.pk).area,
        "Area served (not recorded -> Ourshire Constabulary)",
    ),
    "role": (
        lambda t: f"/p/ourshire/people/{t.members[Role.CHAIR].pk}/edit/",
        "job_title",
        lambda t: Membership.objects.get(pk=t.members[Role.CHAIR].pk).job_title,
        "Job title (not recorded -> Ourshire Constabulary)",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_keeps_the_first_save_and_tells_the_second_person(tenancy, two_managers, kind):
    url_of, field, stored, change = CASES[kind]
    first, second, first_user = two_managers[1], two_managers[0], two_managers[2]
    url = url_of(tenancy)
    response = _race(first, second, url, field, "Ourshire Constabulary", "Ourshire Force")
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert f"{first_user} changed this on " in html
    assert change in html.replace("&gt;", ">")
    assert "Your changes are below: check them and save again to apply them." in html
    assert 'value="Ourshire Force"' in html  # the second person's input, shown again
    assert stored(tenancy) == "Ourshire Constabulary"  # nothing of the first is lost

    again = read_form(html)
    assert second.post(url, {**again, field: "Ourshire Force"}).status_code == 302
    assert stored(tenancy) == "Ourshire Force"
