"""The search page as people use it: it finds records by the words of their title and text,
never another partnership's, escapes whatever is typed, and costs a fixed number of queries."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.models import Q
from django.urls import reverse

from conftest import client_for
from safeboard.partnerships.domain.roles import Capability, Role
from safeboard.partnerships.models import Agency
from safeboard.partnerships.searchable import Searchable, searchables
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    ProgressUpdateFactory,
    WorkStreamFactory,
)
from safeboard.scrutiny.tests.factories import ChallengeFactory
from safeboard.search import selectors
from safeboard.ui.tests.pages import queries_to_show

pytestmark = pytest.mark.django_db


def _url(partnership, q=None, **more):
    url = reverse("search:search", args=[partnership.slug])
    if q is None:
        return url
    from urllib.parse import urlencode

    return url + "?" + urlencode({"q": q, **more})


def _board(tenancy):
    return client_for(tenancy.user(Role.BOARD_MEMBER))


def test_it_finds_a_work_stream_by_a_word_of_its_text(tenancy) -> None:
    stream = WorkStreamFactory(
        partnership=tenancy.ours,
        title="Early help",
        description="Partners test the thresholds document with practitioners.",
    )
    response = _board(tenancy).get(_url(tenancy.ours, "thresholds"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 result for “thresholds”" in body
    assert "Work stream" in body
    href = reverse("plans:action_list", args=[tenancy.ours.slug, stream.plan_id])
    assert f'href="{href}?work_stream={stream.pk}"' in body
    assert "<mark>thresholds</mark>" in body


def test_it_finds_an_indicator_by_its_code(tenancy) -> None:
    indicator = IndicatorFactory(
        partnership=tenancy.ours, code="NEL-DA-01", name="Repeat referrals"
    )
    body = _board(tenancy).get(_url(tenancy.ours, "NEL-DA-01")).content.decode()
    href = reverse("performance:indicator_detail", args=[tenancy.ours.slug, indicator.pk])
    assert f'href="{href}"' in body
    assert "1 result for" in body


def test_it_never_shows_another_partnerships_record(tenancy) -> None:
    ours = ActionFactory(partnership=tenancy.ours, title="Our neglect toolkit")
    theirs = ActionFactory(partnership=tenancy.theirs, title="Their neglect toolkit")
    our_link = reverse("plans:action_detail", args=[tenancy.ours.slug, ours.pk])
    their_link = reverse("plans:action_detail", args=[tenancy.theirs.slug, theirs.pk])
    body = _board(tenancy).get(_url(tenancy.ours, "neglect toolkit")).content.decode()
    assert "1 result for" in body
    assert our_link in body
    assert "Their" not in body.split('id="results-heading"')[1]
    # The other partnership's manager finds only theirs, and cannot search ours at all.
    outsider = client_for(tenancy.outsider)
    body = outsider.get(_url(tenancy.theirs, "neglect")).content.decode()
    assert their_link in body
    assert our_link not in body
    assert "1 result for" in body
    assert outsider.get(_url(tenancy.ours, "neglect")).status_code == 404


def test_it_treats_sql_html_and_wildcards_as_plain_text(tenancy) -> None:
    ActionFactory(partnership=tenancy.ours, title="Audit 100% of cases")
    ActionFactory(partnership=tenancy.ours, title="Audit a sample")
    client = _board(tenancy)
    hostile = "<script>alert(1)</script>' OR 1=1; --"
    response = client.get(_url(tenancy.ours, hostile))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "No results for" in body
    # "%" and "_" are characters, not wildcards.
    assert "1 result for" in client.get(_url(tenancy.ours, "100%")).content.decode()
    assert "No results for" in client.get(_url(tenancy.ours, "a_s")).content.decode()
    # A NUL, which PostgreSQL refuses in any string, is dropped, not a server error.
    assert "1 result for" in client.get(_url(tenancy.ours, "sam\x00ple")).content.decode()


def test_it_escapes_a_records_own_text_and_marks_only_the_match(tenancy) -> None:
    ActionFactory(
        partnership=tenancy.ours,
        title="Toolkit <b>bold</b>",
        description="Use the <img src=x onerror=alert(1)> neglect toolkit",
    )
    body = _board(tenancy).get(_url(tenancy.ours, "neglect")).content.decode()
    assert "<img src=x" not in body
    assert "<b>bold</b>" not in body
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>neglect</mark> toolkit" in body


@pytest.mark.parametrize("q", ["", "   ", "a"])
def test_it_explains_an_empty_or_too_short_query_and_runs_no_search(tenancy, q) -> None:
    client = _board(tenancy)
    with mock.patch.object(selectors, "search") as search:
        response = client.get(_url(tenancy.ours, q))
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert 'href="#q"' in body
    assert search.call_count == 0


def test_it_shows_the_search_box_without_an_error_before_anything_is_typed(tenancy) -> None:
    body = _board(tenancy).get(_url(tenancy.ours)).content.decode()
    assert 'name="q"' in body
    assert "govuk-error-summary" not in body


def test_it_ranks_title_matches_first(tenancy) -> None:
    ActionFactory(partnership=tenancy.ours, title="Audit", description="About neglect")
    ActionFactory(partnership=tenancy.ours, title="Neglect strategy")
    body = _board(tenancy).get(_url(tenancy.ours, "neglect")).content.decode()
    assert body.index("strategy") < body.index("About")


def test_it_leaves_out_archived_records(tenancy) -> None:
    action = ActionFactory(partnership=tenancy.ours, title="Archived neglect work")
    type(action).objects.filter(pk=action.pk).update(archived_at="2026-01-01T00:00:00Z")
    assert "No results" in _board(tenancy).get(_url(tenancy.ours, "neglect")).content.decode()


def test_it_finds_progress_updates_and_challenges_and_links_to_them(tenancy) -> None:
    plan = PlanFactory(partnership=tenancy.ours)
    action = ActionFactory(partnership=tenancy.ours, plan=plan, title="Audit programme")
    update = ProgressUpdateFactory(
        partnership=tenancy.ours,
        action=action,
        narrative="Multi-agency audit of strategy discussions",
    )
    challenge = ChallengeFactory(
        partnership=tenancy.ours,
        author=tenancy.members[Role.CHAIR],
        subject_kind="plans.action",
        subject_key=str(update.action_id),
        text="Why are strategy discussions late?",
    )
    body = _board(tenancy).get(_url(tenancy.ours, "strategy discussions")).content.decode()
    assert "2 results for" in body
    assert reverse("plans:action_detail", args=[tenancy.ours.slug, update.action_id]) in body
    assert reverse("scrutiny:challenge_detail", args=[tenancy.ours.slug, challenge.pk]) in body
    assert f"Challenge on action: {update.action.title}" in body


def test_it_does_not_search_a_kind_the_persons_role_may_not_see(tenancy) -> None:
    Agency.objects.filter(pk=tenancy.agency.pk).update(name="Ourshire Neglect Team")
    restricted = Searchable(
        kind="test.agency",
        label="Agency",
        model=Agency,
        title=("name",),
        url=lambda slug, row: "/agency/",
        capability=Capability.MANAGE_STRUCTURE,
        filter=Q(archived_at__isnull=True),
    )
    with mock.patch.object(selectors, "searchables", return_value=(*searchables(), restricted)):
        manager = client_for(tenancy.manager).get(_url(tenancy.ours, "neglect team"))
        board = _board(tenancy).get(_url(tenancy.ours, "neglect team"))
    assert "1 result for" in manager.content.decode()
    assert 'href="/agency/"' in manager.content.decode()
    assert "No results for" in board.content.decode()


def test_it_pages_through_many_results_best_first(tenancy) -> None:
    plan = PlanFactory(partnership=tenancy.ours)
    for i in range(45):
        ActionFactory(partnership=tenancy.ours, plan=plan, title=f"Neglect action {i}")
    client = _board(tenancy)
    first = client.get(_url(tenancy.ours, "neglect")).content.decode()
    third = client.get(_url(tenancy.ours, "neglect", page=3)).content.decode()
    beyond = client.get(_url(tenancy.ours, "neglect", page=99)).content.decode()
    assert "45 results for" in first
    assert "Showing 1 to 20" in first
    assert "govuk-pagination" in first
    assert "Showing 41 to 45" in third
    assert "Showing 41 to 45" in beyond
    assert "Showing 1 to 20" in client.get(_url(tenancy.ours, "neglect", page="x")).content.decode()


def _build(tenancy, count):
    plan = PlanFactory(partnership=tenancy.ours, key=f"plan-{count}")
    for i in range(count):
        stream = WorkStreamFactory(
            partnership=tenancy.ours, plan=plan, key=f"s{count}-{i}", title=f"Neglect {i}"
        )
        action = ActionFactory(
            partnership=tenancy.ours,
            plan=plan,
            work_stream=stream,
            key=f"a{count}-{i}",
            title=f"Neglect action {i}",
        )
        ProgressUpdateFactory(partnership=tenancy.ours, action=action, narrative="Neglect audit")
        IndicatorFactory(partnership=tenancy.ours, code=f"n{count}-{i}", name=f"Neglect {i}")
        ChallengeFactory(
            partnership=tenancy.ours,
            author=tenancy.members[Role.CHAIR],
            subject_kind="plans.action",
            subject_key=str(action.pk),
            text="Neglect challenge",
        )


def test_it_takes_a_fixed_number_of_queries_whatever_the_number_of_records(tenancy) -> None:
    client = _board(tenancy)
    _build(tenancy, 3)
    queries_to_show(client, _url(tenancy.ours, "warm up"))
    few = [queries_to_show(client, _url(tenancy.ours, q)) for q in ("neglect", "neglect challenge")]
    _build(tenancy, 30)
    many = [
        queries_to_show(client, _url(tenancy.ours, q)) for q in ("neglect", "neglect challenge")
    ]
    # The comments on the page need their records: fewer comments on the page, fewer queries.
    assert many[0] <= few[0]
    assert many[1] == few[1]
    # One per kind, beside the page's own (session, membership) and the comments' records.
    assert max(few) <= len(searchables()) + 5


def test_it_tags_a_made_up_progress_update_illustrative(tenancy) -> None:
    plan = PlanFactory(partnership=tenancy.ours)
    action = ActionFactory(partnership=tenancy.ours, plan=plan, title="Audit programme")
    ProgressUpdateFactory(
        partnership=tenancy.ours, action=action, narrative="Deadline moved", is_illustrative=True
    )
    ProgressUpdateFactory(partnership=tenancy.ours, action=action, narrative="Deadline kept")
    body = _board(tenancy).get(_url(tenancy.ours, "deadline")).content.decode()
    assert "2 results for" in body
    assert body.count('govuk-tag--yellow">Illustrative') == 1
