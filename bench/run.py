"""Safeboard's benchmark: every figure of issue 8 against its goal, in one run.

    .venv/bin/python bench/run.py [--database sqlite|postgresql|both] [--scale tiny|full]

For each database it builds the national-scale data set in a throwaway database (a temporary
SQLite file; a temporary PostgreSQL cluster started by scripts/run_tests.py's postgres_cluster()),
never your own, and prints: the pages timed alternately with the floor of a trivial signed-in page
and their query counts with small and large data; the SPC workload in one process; the one-file
`manage.py spc` process; the tidy XLSX import against openpyxl's own read; the composite report
PDF against N x WeasyPrint's one-page floor; and, on PostgreSQL, a load test against gunicorn. It
ends with a summary table (measure | figure | goal | met). See bench/README.md.

Each database is measured by a child process of this script (`--worker`), so each gets its own
Django set-up; this process only starts the PostgreSQL cluster and prints the summary. Everything
made (folders, clusters, gunicorn) is removed on the way out, on Ctrl-C or an error too.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import summary  # noqa: E402 (after the path is set, when run as a script)
from bench.summary import NO, Row  # noqa: E402

DATABASES = ("sqlite", "postgresql")


def _stop_on_signal() -> None:
    """SIGINT and SIGTERM raise KeyboardInterrupt once; while cleaning up, further signals are
    ignored, so a second Ctrl-C cannot cut the clean-up short."""

    def stop(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database", choices=[*DATABASES, "both"], default="both")
    parser.add_argument("--scale", choices=["tiny", "full"], default="full")
    parser.add_argument("--repeats", type=int, default=21, help="timings per page (median)")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument(
        "--pdf-on",
        choices=["medium", "large"],
        default="medium",
        help="the partnership whose report is printed (large: 300 indicators, several minutes)",
    )
    parser.add_argument(
        "--load-seconds",
        type=float,
        default=None,
        help="load test duration (PostgreSQL only; default 120, 5 at tiny scale; 0 skips it)",
    )
    parser.add_argument("--users", type=int, default=None, help="load test users (default 50)")
    parser.add_argument("--worker", choices=DATABASES, help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    tiny = args.scale == "tiny"
    if args.load_seconds is None:
        args.load_seconds = 5.0 if tiny else 120.0
    if args.users is None:
        args.users = 5 if tiny else 50
    _stop_on_signal()
    try:
        return _worker(args) if args.worker else _orchestrate(args)
    except KeyboardInterrupt:
        if not args.worker:
            print("\nInterrupted: everything the bench made has been removed.", flush=True)
        return 130


# --- This process: one child per database, then the summary --------------------------------------


def _child_args(args: argparse.Namespace, db: str, results: Path) -> list[str]:
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        f"--worker={db}",
        f"--results={results}",
        f"--scale={args.scale}",
        f"--repeats={args.repeats}",
        f"--import-rows={args.import_rows}",
        f"--pdf-on={args.pdf_on}",
        f"--load-seconds={args.load_seconds}",
        f"--users={args.users}",
    ]


def _run_child(cmd: list[str], env: dict[str, str]) -> int:
    """Run one database's measures. On Ctrl-C the child (in the same process group) gets the
    signal too; on SIGTERM it is passed on. Either way the child is given time to clean up (stop
    gunicorn, close its database) before it is killed."""
    sys.stdout.flush()
    child = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env, "PYTHONUNBUFFERED": "1"})
    try:
        return child.wait()
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=90)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def _orchestrate(args: argparse.Namespace) -> int:
    started = time.monotonic()
    chosen = list(DATABASES) if args.database == "both" else [args.database]
    print(
        f"Safeboard bench: {', '.join(chosen)}; scale {args.scale}; {os.cpu_count()} CPUs; "
        f"commit {_commit()}"
    )
    rows: list[Row] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="safeboard-bench-results-") as folder:
        for db in chosen:
            results = Path(folder) / f"{db}.json"
            print(f"\n{'=' * 30} {db} {'=' * 30}", flush=True)
            cmd = _child_args(args, db, results)
            try:
                if db == "postgresql":
                    with _postgres_cluster() as url:
                        print(f"Temporary PostgreSQL cluster: {url}")
                        code = _run_child(cmd, {"DATABASE_URL": url})
                else:
                    code = _run_child(cmd, {})
            except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
                print(f"{db}: could not be measured: {error}")
                code = -1
            rows.extend(summary.load(results))
            if code != 0:
                failed = True
                rows.append(Row(f"{db}: the bench itself", f"failed (exit {code})", "exit 0", NO))
    goals = [r for r in rows if r.met in (summary.YES, summary.NO, summary.NA)]
    met = sum(r.met == summary.YES for r in goals)
    print(f"\nWhole run: {time.monotonic() - started:.0f} s.")
    print(f"\nSummary: {met} of {len(goals)} goals met")
    print(summary.table(rows), flush=True)
    return 1 if failed else 0


def _postgres_cluster() -> contextlib.AbstractContextManager[str]:
    """scripts/run_tests.py's throwaway cluster (initdb and pg_ctl as the postgres user, on
    127.0.0.1, removed afterwards). scripts/ is not a package: the file is loaded by its path."""
    spec = importlib.util.spec_from_file_location(
        "safeboard_run_tests", ROOT / "scripts/run_tests.py"
    )
    if spec is None or spec.loader is None:
        raise RuntimeError("scripts/run_tests.py could not be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    cluster: contextlib.AbstractContextManager[str] = module.postgres_cluster()
    return cluster


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.decode().strip()


# --- A child: one database's measures ---------------------------------------------------------


def _worker(args: argparse.Namespace) -> int:
    db = args.worker
    rows: list[Row] = []
    results = Path(args.results) if args.results else None
    with contextlib.ExitStack() as stack:
        if results is not None:
            stack.callback(lambda: summary.save(rows, results))
        if db == "sqlite":
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="safeboard-bench-"))
            os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            raise SystemExit("--worker=postgresql needs DATABASE_URL of a throwaway cluster")
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        import django

        django.setup()
        from django.db import connection, connections

        stack.callback(connections.close_all)
        _measure(args, db, rows, connection)
    # A measure that failed is in the rows ("failed: ..."); the exit status says so too.
    return 1 if any(r.figure.startswith("failed") for r in rows) else 0


def _stage(rows: list[Row], db: str, name: str, work: Callable[[], list[Row]]) -> None:
    """Run one measure; if it fails, say so (in its output and the summary) and go on."""
    try:
        rows.extend(work())
    except Exception as error:  # one broken measure must not hide the others
        print(f"\n{name}: FAILED: {type(error).__name__}: {error}")
        rows.append(Row(f"{db}: {name}", f"failed: {type(error).__name__}", "runs", NO))


def _measure(args: argparse.Namespace, db: str, rows: list[Row], connection: Any) -> None:
    from django.core.management import call_command
    from django.urls import reverse

    from bench import measures
    from bench.builder import TINY, Scale, build

    tiny = args.scale == "tiny"
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    where = connection.settings_dict["NAME"]
    print(
        f"Database: {connection.vendor} {where} (migrated in {time.perf_counter() - start:.1f} s)"
    )
    start = time.perf_counter()
    built = build(TINY if tiny else Scale())
    print(f"Built in {time.perf_counter() - start:.1f} s: {built.values:,} values; "
          + ", ".join(f"{k} {v:,}" for k, v in built.counts.items()))  # fmt: skip
    if connection.vendor == "postgresql":
        # What autovacuum would have done by the time anyone reads the data: planner statistics.
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"ANALYZE in {time.perf_counter() - start:.1f} s")
    _stage(rows, db, "rebuild_analysis", lambda: measures.rebuild_analysis(db))
    found: list[measures.PageResult] = []

    def pages() -> list[Row]:
        page_rows, results = measures.pages(built, args.repeats, db)
        found.extend(results)
        return page_rows

    _stage(rows, db, "pages", pages)
    pdf_on = built.large if args.pdf_on == "large" else built.medium
    _stage(rows, db, "report PDF", lambda: measures.report_pdf(built, pdf_on, db))
    n_series = 100 if tiny else 1000
    _stage(rows, db, "SPC in process", lambda: measures.spc_in_process(n_series, db))
    _stage(rows, db, "manage.py spc", lambda: measures.spc_process(db))
    import_rows = min(args.import_rows, 1000) if tiny else args.import_rows
    _stage(rows, db, "XLSX import", lambda: measures.xlsx_import(import_rows, db))
    if db != "postgresql" or args.load_seconds <= 0:
        why = "PostgreSQL only" if db != "postgresql" else "--load-seconds 0"
        print(f"\nLoad test: skipped ({why})")
        return
    from bench import load
    from safeboard.performance.models import Indicator

    mix: dict[str, list[str]] = {"floor": [measures.FLOOR_URL]}
    names = {
        "performance:dashboard": "dashboard",
        "performance:report": "report summary",
        "performance:report_section": "report section",
    }
    for result in found:
        if result.large_url and result.name in names:
            mix[names[result.name]] = [result.large_url]
        elif result.large_url and result.name == "performance:indicator_detail":
            mix["indicator page"] = [
                reverse(result.name, args=[built.large.slug, pk])
                for pk in Indicator.objects.filter(partnership=built.large).values_list(
                    "pk", flat=True
                )
            ]
    _stage(
        rows,
        db,
        "load test",
        lambda: load.load_test(
            built=built,
            seconds=args.load_seconds,
            users=args.users,
            mix=mix,
            db=db,
            floor_url=measures.FLOOR_URL,
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main())
