"""Browser journeys: a real Chromium, driven by Playwright, against Django's live test server.

Run with `pytest -m browser tests/browser` (scripts/run_tests.py does). One Chromium serves the
whole session; every test gets a fresh browser context (no cookies carried over), the live server
and the example partnerships with their demo accounts. Helpers are in helpers.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from .helpers import DEMO_PASSWORD, check_static_files, open_context

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session. Skipped (a failure under CI=true) if it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (set CHROMIUM_PATH)")
    # Playwright's sync API keeps an asyncio event loop running in the main thread, and Django then
    # refuses the ORM calls fixtures and tests make there ("You cannot call this from an async
    # context"). Nothing here is really asynchronous: the live server answers from its own thread.
    # Set here rather than when this conftest is imported, because the unit-test run collects
    # tests/ too and should keep Django's check.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ.setdefault(ASYNC_UNSAFE, "true")
    driver: Playwright = sync_playwright().start()
    try:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        driver.stop()
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context, closed after the test."""
    context = open_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def examples(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example partnerships and their demo accounts, every one with DEMO_PASSWORD."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_examples", "--quiet")


_static_checked: set[str] = set()


@pytest.fixture
def site(live_server: Any, examples: None) -> str:
    """The live server's base URL, with the examples loaded and its static files checked."""
    url = str(live_server.url)
    if url not in _static_checked:
        check_static_files(url)
        _static_checked.add(url)
    return url
