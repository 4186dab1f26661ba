"""The load test: gunicorn serving the bench's database the way `make run` serves (config.settings
.local: DEBUG off, WhiteNoise after collectstatic into a temporary STATIC_ROOT), and simulated
signed-in users, each a thread with its own HTTP connection, looping over a mix of pages with a
think time between requests.

The users' sessions are made server-side (no sign-in POSTs: django-axes would lock the address
out) and gunicorn is given the same SECRET_KEY, so it accepts them. A request's latency is from
sending it to reading the whole body. Bounded: no request starts after the duration, requests in
flight get a grace period, then gunicorn is stopped whatever happened."""

from __future__ import annotations

import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.summary import NO, YES, Row, at_most, ms, percentile, ratio, x

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GRACE = 30.0
THINK = (1.0, 3.0)
P95_GOAL = 4.0
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Sample:
    page: str
    seconds: float
    status: int  # 0: no response (an exception)
    error: str = ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Browser:
    """One user's connection: HTTP/1.1, kept alive when the server allows it (gunicorn's sync
    workers close it after each response, and http.client then reconnects on the next
    request, inside that request's time)."""

    def __init__(self, port: int, cookie: str, timeout: float) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        self.headers = {"Cookie": cookie, "Accept": "text/html"}

    def get(self, path: str) -> tuple[int, float, str]:
        start = time.perf_counter()
        try:
            self.connection.request("GET", path, headers=self.headers)
            response = self.connection.getresponse()
            response.read()
            status, error = response.status, ""
        except (OSError, http.client.HTTPException) as exc:
            self.connection.close()
            status, error = 0, f"{type(exc).__name__}: {exc}"
        return status, time.perf_counter() - start, error

    def close(self) -> None:
        self.connection.close()


def _sessions(built: Any, users: int) -> list[str]:
    """`users` board members of the large partnership, each with a session in the session
    store, as the session cookie header a browser would send."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password

    from safeboard.accounts.models import User
    from safeboard.partnerships.domain.roles import Role
    from safeboard.partnerships.models import Membership

    made = User.objects.bulk_create(
        [
            User(
                email=f"load-{n:03d}@example.org",
                full_name=f"Load user {n}",
                password=make_password(None),
            )
            for n in range(users)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(partnership=built.large, user=u, role=Role.BOARD_MEMBER.value) for u in made]
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = []
    for user in User.objects.filter(email__startswith="load-").order_by("email"):
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    return cookies


@contextmanager
def _gunicorn(folder: Path) -> Iterator[tuple[int, subprocess.Popen[bytes], int]]:
    """collectstatic into `folder`, then gunicorn on a free port; stopped (and killed if it
    will not stop) when the block ends, however it ends."""
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "SECRET_KEY": str(settings.SECRET_KEY),
        "STATIC_ROOT": str(folder / "static"),
    }
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"  collectstatic into a temporary STATIC_ROOT: {time.perf_counter() - start:.1f} s")
    port = _free_port()
    workers = 2 * (os.cpu_count() or 1) + 1
    log = (folder / "gunicorn.log").open("wb")
    cmd = [
        str(BIN / "gunicorn"),
        "config.wsgi",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--timeout=120",
        "--no-control-socket",
    ]
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log)
    print(f"  gunicorn: {workers} workers on {HOST}:{port} (pid {process.pid})")
    try:
        yield port, process, workers
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        if process.returncode not in (0, -15, None):
            tail = (folder / "gunicorn.log").read_text(errors="replace")[-2000:]
            print(f"  gunicorn ended with {process.returncode}; its log ends:\n{tail}")


def _wait_ready(
    port: int, process: subprocess.Popen[bytes], cookie: str, floor_url: str, timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start (exit {process.returncode})")
        browser = Browser(port, cookie, timeout=10)
        status, _, error = browser.get(floor_url)
        browser.close()
        if status == 200:
            return
        last = error or f"answered {status}"
        if status != 0:
            raise RuntimeError(f"{floor_url} over HTTP {last} (is the session accepted?)")
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s ({last})")


def _warm_up(port: int, cookies: list[str], mix: dict[str, list[str]], workers: int) -> float:
    """Each page of the mix requested once by each of `workers` users at the same time, not
    recorded: gunicorn's workers load their templates and open their database connection before
    the measures, as long-running workers of a real server have. Returns the seconds it took."""
    start = time.perf_counter()

    def one(n: int) -> None:
        browser = Browser(port, cookies[n % len(cookies)], timeout=300)
        try:
            for page in sorted(mix):
                browser.get(mix[page][n % len(mix[page])])
        finally:
            browser.close()

    threads = [threading.Thread(target=one, args=(n,), daemon=True) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return time.perf_counter() - start


def _http_floor(port: int, cookie: str, floor_url: str, repeats: int = 30) -> list[float]:
    """The floor page's latencies over HTTP with one user, nothing else running."""
    browser = Browser(port, cookie, timeout=30)
    try:
        for _ in range(3):
            browser.get(floor_url)
        times = []
        for _ in range(repeats):
            status, seconds, error = browser.get(floor_url)
            if status != 200:
                raise RuntimeError(f"{floor_url} over HTTP: {error or status}")
            times.append(seconds)
        return times
    finally:
        browser.close()


def _run_users(
    port: int, cookies: list[str], mix: dict[str, list[str]], seconds: float, stop: threading.Event
) -> tuple[list[Sample], int, float]:
    """Every user loops until the duration is up; requests in flight then get GRACE seconds.
    Returns the samples, how many requests were still unanswered after the grace, and the
    elapsed seconds."""
    samples: list[Sample] = []
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + seconds
    kinds = sorted(mix)

    def user(n: int, cookie: str) -> None:
        rng = random.Random(1000 + n)
        browser = Browser(port, cookie, timeout=seconds + GRACE)
        try:
            # Users arrive over the first think time, not all in the same millisecond.
            if stop.wait(rng.uniform(0, THINK[1])):
                return
            while time.monotonic() < deadline and not stop.is_set():
                page = rng.choice(kinds)
                status, took, error = browser.get(rng.choice(mix[page]))
                with lock:
                    samples.append(Sample(page, took, status, error))
                wait = min(rng.uniform(*THINK), max(0.0, deadline - time.monotonic()))
                if stop.wait(wait):
                    return
        finally:
            browser.close()

    threads = [
        threading.Thread(target=user, args=(n, c), daemon=True, name=f"bench-user-{n}")
        for n, c in enumerate(cookies)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline + GRACE - time.monotonic()))
    unfinished = sum(thread.is_alive() for thread in threads)
    stop.set()
    with lock:
        return list(samples), unfinished, time.monotonic() - started


def load_test(
    *, built: Any, seconds: float, users: int, mix: dict[str, list[str]], db: str, floor_url: str
) -> list[Row]:
    print(
        f"\nLoad test: {users} signed-in users for {seconds:.0f} s, gunicorn, think time "
        f"{THINK[0]:.0f}-{THINK[1]:.0f} s; pages: {', '.join(sorted(mix))}"
    )
    cookies = _sessions(built, users)
    folder = Path(tempfile.mkdtemp(prefix="safeboard-bench-load-"))
    stop = threading.Event()
    try:
        with _gunicorn(folder) as (port, process, workers):
            _wait_ready(port, process, cookies[0], floor_url)
            warm = _warm_up(port, cookies, mix, workers)
            print(f"  warm-up (each page once per worker, not counted): {warm:.1f} s")
            # The floor is timed before the users arrive and again after they leave, and the
            # ratio takes the median of both: a machine whose speed drifts over the two minutes
            # (a shared host) then moves the floor as it moves the load.
            before = _http_floor(port, cookies[0], floor_url)
            try:
                samples, unfinished, elapsed = _run_users(port, cookies, mix, seconds, stop)
            finally:
                stop.set()
            after = _http_floor(port, cookies[0], floor_url)
            floor = statistics.median(before + after)
            print(
                f"  floor over HTTP, one user (median of 30 before the users, 30 after): "
                f"{ms(floor)} (before {ms(statistics.median(before))}, "
                f"after {ms(statistics.median(after))})"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return _report(samples, unfinished, elapsed, floor, users, seconds, db)


def _report(
    samples: list[Sample],
    unfinished: int,
    elapsed: float,
    floor: float,
    users: int,
    seconds: float,
    db: str,
) -> list[Row]:
    errors = [s for s in samples if s.status != 200]
    every = sorted(s.seconds for s in samples)
    throughput = len(samples) / elapsed if elapsed > 0 else 0.0
    p50, p95, p99 = (percentile(every, p) for p in (50, 95, 99))
    print(
        f"  {len(samples):,} requests in {elapsed:.1f} s: {throughput:.1f} requests/s; errors: "
        f"{len(errors) + unfinished} ({len(errors)} non-200 or failed, {unfinished} unanswered "
        f"after the {GRACE:.0f} s grace)"
    )
    print(f"  {'page':22} {'requests':>9} {'errors':>7} {'p50':>11} {'p95':>11} {'p99':>11}")
    for page in sorted({s.page for s in samples}):
        mine = sorted(s.seconds for s in samples if s.page == page)
        bad = sum(1 for s in samples if s.page == page and s.status != 200)
        print(
            f"  {page:22} {len(mine):>9,} {bad:>7} "
            + " ".join(f"{ms(percentile(mine, p)):>11}" for p in (50, 95, 99))
        )
    print(
        f"  {'all':22} {len(samples):>9,} {len(errors):>7} "
        + " ".join(f"{ms(v):>11}" for v in (p50, p95, p99))
    )
    for kind in sorted({(e.status, e.error.split(":")[0]) for e in errors})[:5]:
        print(f"  error seen: {kind[1] or f'HTTP {kind[0]}'}")
    value = ratio(p95, floor)
    print(f"  p95 / floor over HTTP: {x(value)} (goal <= {P95_GOAL:.0f}x and 0 errors)")
    label = f"{db}: load {users} users {seconds:.0f} s"
    total_errors = len(errors) + unfinished
    return [
        Row(
            f"{label}, errors",
            f"{total_errors} of {len(samples) + unfinished}",
            "0",
            YES if total_errors == 0 and samples else NO,
        ),
        at_most(f"{label}, p95 / floor", value, P95_GOAL),
        Row(f"{label}, throughput", f"{throughput:.1f} requests/s"),
        Row(
            f"{label}, p50 / p95 / p99",
            " / ".join(ms(v) for v in (p50, p95, p99)) + f" (floor {ms(floor)})",
        ),
    ]
