import re
from decimal import Decimal

import pytest

from conftest import client_for
from safeboard.finance.models import StaffPost
from safeboard.finance.tests.factories import StaffPostFactory
from safeboard.partnerships.domain.roles import Role
from safeboard.ui.tests.forms import form_data
from safeboard.ui.tests.pages import queries_to_show

STAFFING = "/p/ourshire/budget/staffing/"


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _lincolnshire_staffing(partnership):
    """As the seed states it: "The LSCB is supported by: ..." """
    for title, posts, fte, as_stated in [
        ("Business Manager", "1", None, "1 Business Manager"),
        ("Administrators", "2", None, "2 Administrators"),
        ("Training Officers", None, "1.4", "1.4 FTE Training Officers"),
        (
            "Local Authority Designated Officer (LADO)",
            "2",
            "1.5",
            "1 Full-time and 1 half-time Local Authority Designated Officer (LADO)",
        ),
        ("e-Safety Officer", "1", None, ""),
    ]:
        StaffPostFactory(
            partnership=partnership,
            title=title,
            posts=None if posts is None else Decimal(posts),
            fte=None if fte is None else Decimal(fte),
            as_stated=as_stated,
        )


def test_it_lists_posts_as_stated_with_totals_of_what_is_known(tenancy):
    _lincolnshire_staffing(tenancy.ours)
    StaffPostFactory(partnership=tenancy.theirs, title="Their officer")
    text = _text(client_for(tenancy.user(Role.BOARD_MEMBER)).get(STAFFING))
    assert "Business Manager 1 Not recorded 1 Business Manager" in text
    assert "Training Officers Not recorded 1.4 1.4 FTE Training Officers" in text
    assert (
        "Local Authority Designated Officer (LADO) 2 1.5 "
        "1 Full-time and 1 half-time Local Authority Designated Officer (LADO)" in text
    )
    assert "e-Safety Officer 1 Not recorded Not recorded" in text
    assert "Total where known 6 2.9" in text
    assert "The full-time equivalent is not recorded for 3 of the 5 entries" in text
    assert "The number of posts is not recorded for 1 of the 5 entries" in text
    assert "Their officer" not in text


def test_it_shows_no_total_when_nothing_is_recorded(tenancy):
    StaffPostFactory(partnership=tenancy.ours, title="Officer", posts=None, fte=None)
    text = _text(client_for(tenancy.manager).get(STAFFING))
    assert "Total where known Not recorded Not recorded" in text


def test_it_keeps_the_staffing_page_to_a_fixed_number_of_queries(tenancy, manager_client):
    StaffPostFactory(partnership=tenancy.ours)

    def count():
        return queries_to_show(manager_client, STAFFING)

    few = count()
    StaffPostFactory.create_batch(20, partnership=tenancy.ours)
    assert count() == few


@pytest.mark.parametrize(("role", "status"), [(Role.MANAGER, 302), (Role.ANALYST, 403)])
def test_it_lets_only_a_manager_add_a_post(tenancy, role, status):
    response = client_for(tenancy.user(role)).post(
        f"{STAFFING}new/",
        {"title": "Training Officers", "posts": "", "fte": "1.4", "as_stated": "1.4 FTE"},
    )
    assert response.status_code == status
    posts = StaffPost.objects.filter(partnership=tenancy.ours)
    assert [(p.title, p.posts, p.fte) for p in posts] == (
        [("Training Officers", None, Decimal("1.40"))] if status == 302 else []
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Enter the title of the post."),
        ({"title": "Officer", "fte": "one"}, "Enter the full-time equivalent as a number"),
        ({"title": "Officer", "posts": "-2"}, "The number of posts must be 0 or more."),
        ({"title": "Officer", "fte": "1.555"}, "no more than 2 decimal places"),
    ],
)
def test_it_refuses_a_post_it_cannot_record(tenancy, manager_client, data, message):
    response = manager_client.post(f"{STAFFING}new/", data)
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert not StaffPost.objects.exists()


def test_it_lets_a_manager_change_a_post_and_shows_its_history(tenancy, manager_client):
    post = StaffPostFactory(
        partnership=tenancy.ours, title="Trainers", posts=None, fte=Decimal("1.40")
    )
    url = f"{STAFFING}{post.pk}/"
    form = manager_client.get(f"{url}edit/").content.decode()
    assert 'value="1.4"' in form
    manager_client.post(
        f"{url}edit/",
        form_data(manager_client, f"{url}edit/", title="Training Officers", posts="2"),
    )
    html = client_for(tenancy.user(Role.CHAIR)).get(url).content.decode()
    assert "<del>Trainers</del>" in html
    assert "Training Officers" in html
    assert "/edit/" not in html


def test_it_removes_a_post_only_when_confirmed(tenancy, manager_client):
    post = StaffPostFactory(partnership=tenancy.ours, title="e-Safety Officer")
    url = f"{STAFFING}{post.pk}/remove/"
    assert manager_client.post(url, {}).status_code == 200
    assert StaffPost.objects.filter(pk=post.pk).exists()
    response = manager_client.post(url, {"confirm": "yes"}, follow=True)
    assert not StaffPost.objects.filter(pk=post.pk).exists()
    text = _text(response)
    assert "e-Safety Officer removed." in text
    assert "Removed posts" in text


def test_it_answers_404_for_another_partnerships_post(tenancy, manager_client):
    theirs = StaffPostFactory(partnership=tenancy.theirs, title="Theirs")
    assert manager_client.get(f"{STAFFING}{theirs.pk}/").status_code == 404
    response = manager_client.post(f"{STAFFING}{theirs.pk}/edit/", {"title": "Mine"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"
