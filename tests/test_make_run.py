"""`make run` is the real thing: scripts/serve.py started as the Makefile starts it (gunicorn,
config.settings.local) on a free loopback port, against a fresh SQLite file, answers as production
does: the GOV.UK 404 page, hashed and compressed static files from WhiteNoise, WAL mode."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.client import HTTPResponse
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
STARTUP_SECONDS = 180  # migrate and collectstatic on a busy two-core machine
REQUEST_SECONDS = 20

# The server uses its own SQLite file whatever DATABASE_URL says, so the PostgreSQL run leaves
# these out (scripts/run_tests.py): they would only repeat the SQLite run.
pytestmark = pytest.mark.embedded_sqlite


@dataclass
class Server:
    url: str
    folder: Path
    log: Path
    opener: urllib.request.OpenerDirector
    cookies: CookieJar

    def get(self, path: str, headers: dict[str, str] | None = None) -> HTTPResponse:
        # Always http://127.0.0.1: self.url is built by the fixture.
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        return self.send(request)

    def send(self, request: urllib.request.Request) -> HTTPResponse:
        try:
            response: HTTPResponse = self.opener.open(request, timeout=REQUEST_SECONDS)
        except urllib.error.HTTPError as error:
            response = error  # type: ignore[assignment]  # an HTTPError is the response
        return response

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop serve.py and everything it started (it runs in its own process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
    # Whatever is left of the group (a gunicorn worker that ignored the signal) is killed.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("make-run")
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        SECRET_KEY_FILE=str(folder / "secret-key"),
    )
    log = folder / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "scripts/serve.py", "--port", str(port), "--no-examples"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    cookies = CookieJar()
    # No proxy, whatever the environment says: the server is on this machine's loopback.
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(cookies)
    )
    running = Server(f"http://127.0.0.1:{port}", folder, log, opener, cookies)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, f"serve.py stopped:\n{running.output()}"
            assert time.monotonic() < deadline, f"no answer in time:\n{running.output()}"
            try:
                if running.get("/healthz").status == 200:
                    break
            except OSError:
                pass  # not listening yet
            time.sleep(0.5)
        yield running
    finally:
        _stop(process)


def _text(response: HTTPResponse) -> str:
    return response.read().decode("utf-8")


def test_it_answers_a_mistyped_url_with_the_govuk_404_page_not_the_debug_page(server):
    response = server.get("/p/no-such-page/at-all/")
    page = _text(response)
    assert response.status == 404
    assert "<title>Page not found – Safeboard</title>" in page
    assert "govuk-template" in page
    # Django's debug page lists the URL patterns it tried.
    assert "URLconf" not in page
    assert "healthz" not in page


def test_it_serves_static_files_by_their_hashed_names_compressed_and_cached(server):
    page = _text(server.get("/account/sign-in/"))
    found = re.search(
        r'href="(/static/govuk-frontend/govuk-frontend\.min\.[0-9a-f]{12}\.css)"', page
    )
    assert found, "the page links the GOV.UK stylesheet by its hashed name"
    response = server.get(found.group(1), {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert server.get("/static/no-such-file.css").status == 404


def test_it_keeps_the_embedded_database_in_wal_mode(server):
    with sqlite3.connect(server.folder / "db.sqlite3") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_it_signs_people_in_over_plain_http_and_writes_to_the_database(server):
    page = _text(server.get("/account/sign-in/"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    csrf_cookie = next(c for c in server.cookies if c.name == "csrftoken")
    # A Secure cookie would never come back over http://127.0.0.1.
    assert not csrf_cookie.secure
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "username": "nobody@example.org",
            "password": "not the password",
        }
    ).encode()
    url = server.url + "/account/sign-in/"
    request = urllib.request.Request(url, data=form, method="POST")  # noqa: S310
    request.add_header("Referer", url)
    response = server.send(request)
    assert response.status == 200, server.output()
    assert "govuk-error-summary" in _text(response)
    # django-axes recorded the failed attempt: the workers write to the WAL-mode database.
    with sqlite3.connect(server.folder / "db.sqlite3") as connection:
        count = connection.execute("SELECT COUNT(*) FROM axes_accessattempt").fetchone()
    assert count == (1,)


def test_it_generates_a_secret_key_once_readable_only_by_its_owner(server):
    key_file = server.folder / "secret-key"
    assert len(key_file.read_text(encoding="utf-8").strip()) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_it_runs_the_background_worker_beside_the_web_server(server):
    """The worker runs the reminder job on its schedule; a run leaves its slot in the database."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while "Worker running; reminders every" not in server.output():
        assert time.monotonic() < deadline, f"the worker did not start:\n{server.output()}"
        time.sleep(0.5)
    runs = (0,)
    while runs == (0,) and time.monotonic() < deadline:
        with sqlite3.connect(server.folder / "db.sqlite3") as connection:
            runs = connection.execute("SELECT COUNT(*) FROM reminders_reminderrun").fetchone()
        time.sleep(0.5)
    assert runs != (0,), server.output()
