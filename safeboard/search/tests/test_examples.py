"""Search in the example partnerships, as their demo accounts use it."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import client_for
from safeboard.accounts.models import User
from safeboard.plans.models import WorkStream

NEL = "north-east-lincolnshire"
LINCS = "lincolnshire"


@pytest.fixture
def loaded(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "examples test password")
    call_command("load_examples", "--quiet")


def _search(email: str, slug: str, q: str) -> str:
    client = client_for(User.objects.get(email=email))
    response = client.get(reverse("search:search", args=[slug]), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def _links(body: str) -> list[str]:
    results = body.split('id="results-heading"')[1].split("</ol>")[0]
    return re.findall(r'<h3[^>]*><a class="govuk-link" href="([^"]+)"', results)


def test_it_finds_a_work_stream_by_a_word_of_its_text_and_never_the_other_partnerships(
    loaded,
) -> None:
    stream = WorkStream.objects.get(partnership__slug=NEL, key="work-planned-2017-19")
    stream_url = (
        reverse("plans:action_list", args=[NEL, stream.plan_id]) + f"?work_stream={stream.pk}"
    )
    body = _search(f"member@{NEL}.example", NEL, "sharper focus")
    assert stream_url.replace("&", "&amp;") in _links(body)
    assert "<mark>sharper</mark> <mark>focus</mark>" in body
    # The demo account belongs to both partnerships: in Lincolnshire it finds nothing of NEL's.
    body = _search("demo@example.org", LINCS, "sharper focus")
    assert all(link.startswith(f"/p/{LINCS}/") for link in _links(body))
    assert f"/p/{NEL}/" not in body.split('id="results-heading"')[1]
