#!/usr/bin/env python3
"""What `make test` (and so CI) runs: lint and type checks, then the whole suite on SQLite, then on
PostgreSQL 15, then the browser journeys in Chromium.

The last three lines are always:
    sqlite: N passed, N failed, N skipped
    postgresql: N passed, N failed, N skipped
    browser: N passed, N failed, N skipped
With CI=true, a skipped test is a failure.
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
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
RESULTS = ROOT / ".test-results"
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    note: str = ""

    def line(self, name: str) -> str:
        return f"{name}: {self.passed} passed, {self.failed} failed, {self.skipped} skipped"


def step(title: str) -> None:
    print(f"\n=== {title}", flush=True)


def run(cmd: list[str], env: dict[str, str] | None = None) -> int:
    print("$ " + " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env={**os.environ, **(env or {})})


def lint() -> bool:
    ok = True
    py = sys.executable
    deploy_env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "safeboard.example.org",
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
        step(title)
        if run(cmd, env) != 0:
            print(f"FAILED: {title}", flush=True)
            ok = False
    return ok


def pytest(name: str, args: list[str], env: dict[str, str]) -> Outcome:
    RESULTS.mkdir(exist_ok=True)
    report = RESULTS / f"{name}.xml"
    report.unlink(missing_ok=True)
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", **env}
    code = run(
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
        step("installing Chromium from Debian's packages")
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        if run(["apt-get", "update", "-qq"], env) == 0:
            run(["apt-get", "install", "-y", "-qq", "chromium"], env)
        if CHROMIUM.exists():
            return ""
    return f"Chromium is not installed at {CHROMIUM} and could not be installed here"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lint-only", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()

    lint_ok = lint()
    if args.lint_only:
        return 0 if lint_ok else 1

    unit = ["-m", "not browser"]
    step("tests on SQLite")
    sqlite = pytest("sqlite", unit, {"DATABASE_URL": ""})

    step("tests on PostgreSQL")
    if os.environ.get("DATABASE_URL"):
        postgresql = pytest("postgresql", unit, {})
    else:
        try:
            with postgres_cluster() as url:
                postgresql = pytest("postgresql", unit, {"DATABASE_URL": url})
        except (RuntimeError, subprocess.CalledProcessError) as error:
            print(f"PostgreSQL could not be started: {error}")
            postgresql = Outcome(failed=1, note="PostgreSQL could not be started")

    step("browser journeys in Chromium")
    why_not = ensure_chromium()
    if why_not:
        print(f"{why_not}: the browser journeys are skipped.")
        if CI:
            print("CI=true: nothing may be skipped, so this is a failure.")
    browser = pytest("browser", ["-m", "browser", "tests/browser"], {"DATABASE_URL": ""})

    print(f"\nlint and type checks: {'passed' if lint_ok else 'FAILED'}")
    print(f"time: {time.monotonic() - started:.0f} s")
    for outcome, name in ((sqlite, "sqlite"), (postgresql, "postgresql"), (browser, "browser")):
        if outcome.note:
            print(f"{name}: {outcome.note}")
    print(sqlite.line("sqlite"))
    print(postgresql.line("postgresql"))
    print(browser.line("browser"), flush=True)

    outcomes = (sqlite, postgresql, browser)
    failed = not lint_ok or any(o.failed for o in outcomes)
    if CI and any(o.skipped for o in outcomes):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
