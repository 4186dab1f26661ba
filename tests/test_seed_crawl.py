"""Both seed plans live in Safeboard: a manager crawling each example partnership finds every list
item of its seed document, the plan's facts, and the budget table with its computed totals."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from safeboard.accounts.models import User

SEEDS = Path(settings.BASE_DIR) / "examples" / "seeds"
LINK = re.compile(r'href="(/p/[^"]+)"')
TAGS = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = text.replace("**", "").replace("’", "'").replace("“", '"').replace("”", '"')
    return SPACE.sub(" ", text).strip().rstrip(".").lower()


def seed_list_items(name: str) -> list[str]:
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    return [normalise(line.strip()[2:]) for line in lines if line.strip().startswith("- ")]


def found(item: str, text: str) -> bool:
    """A list item is found whole, or as its parts where the page shows "title – detail" apart
    (a key theme's title and the outcome it wants, say)."""
    return item in text or all(part.strip() in text for part in item.split(" – "))


def crawl(client: Client, slug: str, limit: int = 600) -> str:
    """Every page under /p/<slug>/ reachable by links, as one normalised text."""
    start = f"/p/{slug}/"
    seen, queue, texts = {start}, [start], []
    while queue and len(seen) <= limit:
        url = queue.pop(0)
        response = client.get(url)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        texts.append(html.unescape(TAGS.sub(" ", page)))
        for link in LINK.findall(page):
            link = urldefrag(html.unescape(link))[0]
            path = urlparse(link).path
            skip = ("/download", "/export", ".pdf", ".xlsx", "/edit", "/new", "/add", "/archive")
            if not path.startswith(start) or any(s in path for s in skip):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return normalise(" ".join(texts))


@pytest.fixture
def examples(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "crawl test password")
    call_command("load_examples", "--quiet")


def manager_client(slug: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=f"manager@{slug}.example"))
    return client


def test_it_shows_every_list_item_of_the_lincolnshire_plan(examples):
    text = crawl(manager_client("lincolnshire"), "lincolnshire")
    items = seed_list_items("lincolnshire-2011-2014.txt")
    missing = [item for item in items if not found(item, text)]
    assert missing == []
    for fact in (
        "strategic business plan 2011 - 2014",
        "chris cook",
        "strategic management group",
        "operational delivery group",
        "short life task group",
        "independent",
        "lscb member",
        "£190,750",
        "£84,850",
        "£275,600",
        "£160,912",
        "£29,838",
        "£80,707",
        "£4,143",
        "business manager",
        "1.4",
        "local authority designated officer",
    ):
        assert fact in text, fact


def test_it_shows_every_list_item_of_the_north_east_lincolnshire_plan(examples):
    text = crawl(manager_client("north-east-lincolnshire"), "north-east-lincolnshire")
    missing = [
        item
        for item in seed_list_items("north-east-lincolnshire-2017-2019.txt")
        if not found(item, text)
    ]
    assert missing == []
    for fact in (
        "strategic business plan 2017 -2019",
        "1 draft",
        "nel safeguarding children board",
        "not recorded",
        "incidence of domestic abuse",
        "% of children on a cp plan for neglect",
        "outcome based accountability",
    ):
        assert fact in text, fact
