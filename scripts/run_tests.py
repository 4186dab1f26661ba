#!/usr/bin/env python3
"""What `make test` (and so CI) runs: lint and type checks, the whole suite on SQLite and on
PostgreSQL 15, and the browser journeys in Chromium.

The parts overlap, so that both cores of a small machine stay busy (docs/decisions/0022):
    lint and type checks (one after the other)   | the SQLite run, then the PostgreSQL run,
    Chromium check, then the browser journeys    | each spread over the CPUs by pytest-xdist
The PostgreSQL cluster starts beside them. Each part's output is printed when it ends, then how
long each part took, then the three lines that are always last:
    sqlite: N passed, N failed, N skipped
    postgresql: N passed, N failed, N skipped
    browser: N passed, N failed, N skipped
With CI=true, a skipped test is a failure. TEST_WORKERS sets the pytest-xdist workers per unit
run (default: one per CPU); TEST_WORKERS=0 runs each in one process.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
RESULTS = ROOT / ".test-results"
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
WORKERS = os.environ.get("TEST_WORKERS", "auto")
# Needs row locks for concurrent writers, which SQLite does not have: the PostgreSQL run has it.
UNIT = "not browser and not postgresql_only"
# Starts make run's server on its own SQLite file whatever DATABASE_URL says: the PostgreSQL run
# would only repeat it.
UNIT_ON_POSTGRESQL = "not browser and not embedded_sqlite"

T = TypeVar("T")


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    note: str = ""

    def line(self, name: str) -> str:
        return f"{name}: {self.passed} passed, {self.failed} failed, {self.skipped} skipped"


@dataclass
class Timings:
    """How long each part took, in the order the parts ended."""

    parts: list[tuple[str, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float) -> None:
        with self.lock:
            self.parts.append((name, seconds))


TIMINGS = Timings()
PRINTING = threading.Lock()


def show(text: str) -> None:
    """Print a whole block at once, so that parts running side by side never interleave."""
    with PRINTING:
        print(text, flush=True)


def run(title: str, cmd: list[str], env: dict[str, str] | None = None) -> int:
    """Run one command of a part, its output kept and printed in one block when it ends."""
    RESULTS.mkdir(exist_ok=True)
    log = RESULTS / (title.replace(" ", "-").replace("/", "-") + ".log")
    started = time.monotonic()
    with log.open("wb") as output:
        code = subprocess.call(
            cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=output, stderr=output
        )
    seconds = time.monotonic() - started
    TIMINGS.add(title, seconds)
    text = log.read_text(encoding="utf-8", errors="replace").rstrip()
    verdict = "" if code == 0 else f"  FAILED (exit {code})"
    show(
        f"\n=== {title} ({seconds:.0f} s){verdict}\n$ {' '.join(cmd)}"
        + (f"\n{text}" if text else "")
    )
    return code


def timed(title: str, work: Callable[[], T]) -> T:
    started = time.monotonic()
    try:
        return work()
    finally:
        TIMINGS.add(title, time.monotonic() - started)


def lint() -> bool:
    ok = True
    py = sys.executable
    deploy_env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "safeboard.example.org",
        "SITE_URL": "https://safeboard.example.org",
        "DATABASE_URL": "postgres://safeboard@127.0.0.1:5432/safeboard",
    }
    checks: list[tuple[str, list[str], dict[str, str] | None]] = [
        ("ruff format", [str(VENV_BIN / "ruff"), "format", "--check", "."], None),
        ("ruff check", [str(VENV_BIN / "ruff"), "check", "."], None),
        ("mypy", [str(VENV_BIN / "mypy"), "."], None),
        ("import rules", [str(VENV_BIN / "lint-imports")], None),
        (
            "migrations are complete",
            [py, "manage.py", "makemigrations", "--check", "--dry-run"],
            {"DJANGO_SETTINGS_MODULE": "config.settings.test"},
        ),
        (
            "deploy checks (production settings)",
            [py, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            deploy_env,
        ),
    ]
    for title, cmd, env in checks:
        if run(title, cmd, env) != 0:
            ok = False
    return ok


def pytest(title: str, name: str, args: list[str], env: dict[str, str]) -> Outcome:
    RESULTS.mkdir(exist_ok=True)
    report = RESULTS / f"{name}.xml"
    report.unlink(missing_ok=True)
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", **env}
    code = run(
        title,
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            f"--junitxml={report}",
            "-o",
            "junit_family=xunit2",
            *args,
        ],
        env,
    )
    outcome = Outcome()
    if report.exists():
        root = ET.parse(report).getroot()  # noqa: S314 - our own pytest's report
        # Count test cases, not the suite's totals: a test that fails and then errors in teardown
        # is one failed test.
        outcomes: dict[tuple[str, str], str] = {}
        for case in root.iter("testcase"):
            key = (case.get("classname", ""), case.get("name", ""))
            tags = {child.tag for child in case}
            if tags & {"failure", "error"}:
                outcomes[key] = "failed"
            elif "skipped" in tags and outcomes.get(key) != "failed":
                outcomes[key] = "skipped"
            else:
                outcomes.setdefault(key, "passed")
        values = list(outcomes.values())
        outcome.passed = values.count("passed")
        outcome.failed = values.count("failed")
        outcome.skipped = values.count("skipped")
    if code not in (0, 5) and outcome.failed == 0:
        # pytest itself failed (collection error, crash): count that as a failure.
        outcome.failed = max(outcome.failed, 1)
    if outcome.passed + outcome.failed + outcome.skipped == 0:
        outcome.note = "no test ran"
        outcome.failed = max(outcome.failed, 1)
    return outcome


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_bin() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    preferred = [c for c in candidates if c.parent.parent.name == "15"]
    for initdb in preferred + candidates:
        return initdb.parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1, removed afterwards."""
    bindir = pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) were not found")
    root = Path(tempfile.mkdtemp(prefix="safeboard-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        # initdb refuses to run as root: use the postgres system user.
        shutil.chown(root, user="postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    root.chmod(0o700)
    port = free_port()
    data, log = root / "data", root / "log"
    try:
        subprocess.run(
            [
                *as_user,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [
                *as_user,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-o",
                f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def ensure_chromium() -> str:
    """Empty string if Chromium is usable, otherwise why not."""
    if CHROMIUM.exists():
        return ""
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        if run("apt-get update", ["apt-get", "update", "-qq"], env) == 0:
            run("installing Chromium", ["apt-get", "install", "-y", "-qq", "chromium"], env)
        if CHROMIUM.exists():
            return ""
    return f"Chromium is not installed at {CHROMIUM} and could not be installed here"


def workers() -> list[str]:
    return [] if WORKERS == "0" else ["-n", WORKERS]


def unit_runs(cluster: Future[str]) -> tuple[Outcome, Outcome]:
    """The whole suite on SQLite, then on PostgreSQL: one after the other, each on every CPU."""
    sqlite = pytest("tests on SQLite", "sqlite", ["-m", UNIT, *workers()], {"DATABASE_URL": ""})
    try:
        url = cluster.result()
    except Exception as error:  # whatever stopped it, the run reports it
        show(f"\n=== tests on PostgreSQL\nPostgreSQL could not be started: {error}")
        return sqlite, Outcome(failed=1, note="PostgreSQL could not be started")
    postgresql = pytest(
        "tests on PostgreSQL",
        "postgresql",
        ["-m", UNIT_ON_POSTGRESQL, *workers()],
        {"DATABASE_URL": url},
    )
    return sqlite, postgresql


def browser_run() -> Outcome:
    """The journeys in one process (one Chromium, one live server)."""
    why_not = timed("Chromium check", ensure_chromium)
    if why_not:
        message = f"{why_not}: the browser journeys are skipped."
        if CI:
            message += "\nCI=true: nothing may be skipped, so this is a failure."
        show(f"\n=== browser journeys\n{message}")
    return pytest(
        "browser journeys", "browser", ["-m", "browser", "tests/browser"], {"DATABASE_URL": ""}
    )


def print_timings(total: float) -> None:
    width = max(len(name) for name, _ in TIMINGS.parts) if TIMINGS.parts else 0
    print("\ntime of each part (parts run side by side, so they add up to more than the total):")
    for name, seconds in TIMINGS.parts:
        print(f"  {name.ljust(width)}  {seconds:5.0f} s")
    print(f"  {'total'.ljust(width)}  {total:5.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lint-only", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()

    if args.lint_only:
        lint_ok = lint()
        print_timings(time.monotonic() - started)
        return 0 if lint_ok else 1

    with contextlib.ExitStack() as stack, ThreadPoolExecutor(max_workers=4) as pool:
        if os.environ.get("DATABASE_URL"):
            cluster: Future[str] = Future()
            cluster.set_result(os.environ["DATABASE_URL"])
        else:
            cluster = pool.submit(
                timed, "PostgreSQL cluster start", lambda: stack.enter_context(postgres_cluster())
            )
        linted = pool.submit(lint)
        units = pool.submit(unit_runs, cluster)
        browsed = pool.submit(browser_run)
        sqlite, postgresql = units.result()
        browser = browsed.result()
        lint_ok = linted.result()
        # The cluster (if it started) is stopped as the ExitStack closes.

    outcomes = (sqlite, postgresql, browser)
    print(f"\nlint and type checks: {'passed' if lint_ok else 'FAILED'}")
    print_timings(time.monotonic() - started)
    for outcome, name in zip(outcomes, ("sqlite", "postgresql", "browser"), strict=True):
        if outcome.note:
            print(f"{name}: {outcome.note}")
    print(sqlite.line("sqlite"))
    print(postgresql.line("postgresql"))
    print(browser.line("browser"), flush=True)

    failed = not lint_ok or any(o.failed for o in outcomes)
    if CI and any(o.skipped for o in outcomes):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
