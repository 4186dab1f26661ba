"""Every page of a partnership starts its breadcrumbs the same way, whichever app it belongs to:
the partnership's short name, linking to its home. And the header names Safeboard once."""

from __future__ import annotations

from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse

from conftest import client_for
from safeboard.core.modules import registered
from tests.urlwalk import partnership_routes

HOME = "partnerships:home"  # the page the breadcrumbs lead back to has none of its own


class _Page(HTMLParser):
    """The breadcrumbs (text, href) and every text of the header and service navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.crumbs: list[tuple[str, str]] = []
        self.banner_texts: list[str] = []
        self._href: str | None = None
        self._in_crumbs = False
        self._in_banner = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if "govuk-breadcrumbs" in classes:
            self._in_crumbs = True
        if tag in {"header", "section"} and (
            "govuk-generic-header" in classes or "govuk-service-navigation" in classes
        ):
            self._in_banner += 1
        if self._in_crumbs and tag == "a":
            self._href = attributes.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._in_crumbs:
            self._in_crumbs = False
        if tag in {"header", "section"} and self._in_banner:
            self._in_banner -= 1
        if tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None and data.strip():
            self.crumbs.append((data.strip(), self._href))
        if self._in_banner and data.strip():
            self.banner_texts.append(data.strip())


def _read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_it_starts_every_partnership_pages_breadcrumbs_with_its_short_name(walk):
    client = client_for(walk.tenancy.manager)
    partnership = walk.tenancy.ours
    first = (partnership.short_name, reverse(HOME, args=[partnership.slug]))
    assert partnership.short_name  # the walk's partnership has one, so the test means something
    walked: set[str] = set()
    wrong: list[str] = []
    for route in partnership_routes():
        kwargs = {k: walk.ours(k) for k in route.kwargs if k != "partnership_slug"}
        url = reverse(route.name, kwargs={"partnership_slug": partnership.slug, **kwargs})
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        crumbs = _read(response.content.decode()).crumbs
        if route.name == HOME:
            assert crumbs == [], "the home page is where the breadcrumbs start"
            continue
        walked.add(route.name.split(":")[0])
        if not crumbs or crumbs[0] != first:
            wrong.append(f"{url}: {crumbs[:1]}")
        elif any(text in {"Home", partnership.name} for text, _href in crumbs[1:]):
            wrong.append(f"{url}: the partnership appears twice: {crumbs}")
    assert wrong == []
    with_pages = {m.label for m in registered() if m.urls and m.url_prefix is not None}
    assert with_pages <= walked, with_pages - walked


def test_it_uses_the_full_name_where_a_partnership_has_no_short_name(walk):
    partnership = walk.tenancy.ours
    partnership.short_name = ""
    partnership.save()
    html = client_for(walk.tenancy.manager).get(f"/p/{partnership.slug}/agencies/").content
    assert _read(html.decode()).crumbs[0] == (partnership.name, f"/p/{partnership.slug}/")


def test_it_names_safeboard_once_in_the_header_of_a_signed_out_page(db):
    page = _read(Client().get("/account/sign-in/").content.decode())
    assert page.banner_texts.count("Safeboard") == 1


def test_it_names_safeboard_once_and_the_partnership_once_when_signed_in(walk):
    client = client_for(walk.tenancy.manager)
    inside = _read(client.get("/p/ourshire/agencies/").content.decode())
    assert inside.banner_texts.count("Safeboard") == 1
    assert inside.banner_texts.count(walk.tenancy.ours.name) == 1
    outside = _read(client.get("/account/").content.decode())
    assert outside.banner_texts.count("Safeboard") == 1
