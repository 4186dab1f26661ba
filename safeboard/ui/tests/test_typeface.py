"""Pages are set in Arial: GOV.UK Frontend is built with its Arial setting, because the GDS
Transport typeface is licensed for services on gov.uk only (decision 0030)."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders
from django.test import Client

GOVUK_CSS = "/static/govuk-frontend/govuk-frontend.min.css"
FONT_FILE = re.compile(r"\.(woff2?|ttf|otf|eot)$", re.IGNORECASE)


def _collected() -> list[str]:
    """Every file collectstatic would collect, as its path under STATIC_ROOT."""
    paths: list[str] = []
    for finder in finders.get_finders():
        for path, _storage in finder.list([]):
            paths.append(path)
    return paths


def test_it_serves_govuk_frontend_set_in_arial(db):
    response = Client().get(GOVUK_CSS)
    assert response.status_code == 200
    css = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert len(css) > 100_000  # the whole of GOV.UK Frontend, not a stub
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert not re.search(r"url\([^)]*\.woff", css)
    families = set(re.findall(r"font-family:([^;}]+)", css))
    assert families == {"arial,sans-serif", "sans-serif"}  # screen, and print


def test_it_collects_no_font_file_and_no_css_naming_gds_transport():
    collected = _collected()
    assert "govuk-frontend/govuk-frontend.min.css" in collected
    assert [path for path in collected if FONT_FILE.search(path)] == []
    for path in collected:
        if path.endswith((".css", ".svg", ".js")) and "govuk-frontend.min.js" not in path:
            found = finders.find(path)
            assert isinstance(found, str)
            with open(found, encoding="utf-8") as handle:
                assert "GDS Transport" not in handle.read(), path


def test_it_links_pages_to_the_arial_build(db):
    page = Client().get("/account/sign-in/").content.decode()
    assert GOVUK_CSS in page
    assert "GDS Transport" not in page
