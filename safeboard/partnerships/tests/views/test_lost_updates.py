"""Two people change the same record at once: the first wins, the second is told who changed
what and keeps their input, and saving again applies it."""

from functools import partial

import pytest

from safeboard.partnerships.domain.roles import Role
from safeboard.ui.tests.forms import field_race, run_race

_race = partial(field_race, first="Ourshire Constabulary", second="Ourshire Force")

CASES = {
    "agency": _race(
        lambda t: t.agency,
        "/p/ourshire/agencies/{r.pk}/edit/",
        "name",
        "Name (Ourshire Police -> Ourshire Constabulary)",
    ),
    "settings": _race(
        lambda t: t.ours,
        "/p/ourshire/settings/",
        "area",
        "Area served (not recorded -> Ourshire Constabulary)",
    ),
    "role": _race(
        lambda t: t.members[Role.CHAIR],
        "/p/ourshire/people/{r.pk}/edit/",
        "job_title",
        "Job title (not recorded -> Ourshire Constabulary)",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_keeps_the_first_save_and_tells_the_second_person(tenancy, kind):
    run_race(CASES[kind], tenancy)
