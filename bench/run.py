"""Safeboard's Measure benchmark. Run: .venv/bin/python bench/run.py [--scale tiny|full]

Builds a national-scale data set in a temporary SQLite database (never your own), then prints,
side by side: median page times against the floor of a trivial signed-in page; query counts with
small and large data; the tidy XLSX import against openpyxl's own read-only read of the same
file; the composite report's PDF against WeasyPrint rendering the same HTML. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NA = "not available"
SLOW = 2.0


def _median_seconds(fn: Callable[[], Any], repeats: int) -> float:
    """The median of `repeats` timings after one warm-up; a page slower than SLOW seconds is
    timed once more only, to keep the run within a few minutes."""
    start = time.perf_counter()
    fn()  # warm up (templates, caches)
    if time.perf_counter() - start > SLOW:
        repeats = 1
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _ms(seconds: float | None) -> str:
    return NA if seconds is None else f"{seconds * 1000:,.1f} ms"


def _ratio(a: float | None, b: float | None) -> str:
    return NA if a is None or b is None or b == 0 else f"{a / b:,.2f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=["tiny", "full"], default="full")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument(
        "--pdf-on",
        choices=["medium", "large"],
        default="medium",
        help="the partnership whose report is printed (large: 300 indicators, several minutes)",
    )
    args = parser.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="safeboard-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("CONN_MAX_AGE", "0")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - t0
    print(f"Temporary database: {tmp.name}/bench.sqlite3 (migrated in {migrated:.1f} s)")

    from bench.builder import TINY, Scale, build

    scale = TINY if args.scale == "tiny" else Scale()
    rows = min(args.import_rows, 1000) if args.scale == "tiny" else args.import_rows
    t0 = time.perf_counter()
    built = build(scale)
    print(f"Built in {time.perf_counter() - t0:.1f} s: {built.values:,} values; "
          + ", ".join(f"{k} {v:,}" for k, v in built.counts.items()))  # fmt: skip

    pages = _pages(built, args.repeats)
    _print_pages(pages)
    _print_import(rows)
    _print_pdf(built, built.large if args.pdf_on == "large" else built.medium)
    tmp.cleanup()
    return 0


def _pages(built: Any, repeats: int) -> list[tuple[str, float | None, int | None, int | None]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    client = Client()
    client.force_login(built.user)
    wanted: list[tuple[str, str, bool]] = [
        ("Trivial signed-in page (floor)", "", False),
        ("Bellwether dashboard", "performance:dashboard", False),
        ("Indicator page", "performance:indicator_detail", True),
        ("Composite report", "performance:report", False),
    ]
    results: list[tuple[str, float | None, int | None, int | None]] = []
    for title, name, needs_indicator in wanted:

        def url(
            partnership: Any,
            indicator: Any,
            name: str = name,
            needs_indicator: bool = needs_indicator,
        ) -> str:
            if not name:
                return "/account/"
            args = [partnership.slug] + ([indicator.pk] if needs_indicator else [])
            return reverse(name, args=args)

        try:
            large_url = url(built.large, built.large_indicator)
            small_url = url(built.small, built.small_indicator)
        except NoReverseMatch:
            results.append((title, None, None, None))
            continue
        counts = []
        ok = True
        for page in (small_url, large_url):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page)
            ok = ok and response.status_code == 200
            counts.append(len(queries))
        if not ok:
            results.append((title, None, None, None))
            continue
        seconds = _median_seconds(functools.partial(client.get, large_url), repeats)
        results.append((title, seconds, counts[0], counts[1]))
    return results


def _print_pages(pages: list[tuple[str, float | None, int | None, int | None]]) -> None:
    floor = pages[0][1]
    print("\nPages (large partnership; median of repeats)")
    print(f"  {'page':34} {'median':>12} {'x floor':>9} {'queries small':>14} {'large':>6}")
    for title, seconds, small, large in pages:
        counts = NA if small is None else f"{small:>14} {large:>6}"
        print(f"  {title:34} {_ms(seconds):>12} {_ratio(seconds, floor):>9} {counts}")


def _print_import(rows: int) -> None:
    from openpyxl import Workbook, load_workbook

    print(f"\nXLSX import of {rows:,} values")
    xlsx, partnership, user = _import_fixture(rows, Workbook)
    start = time.perf_counter()
    workbook = load_workbook(io.BytesIO(xlsx), read_only=True, data_only=True)
    read = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    openpyxl_seconds = time.perf_counter() - start
    print(f"  openpyxl read-only read ({read - 1:,} rows)      {_ms(openpyxl_seconds):>12}")
    try:
        from safeboard.performance.returns.services import values_import_file
    except ImportError:
        print(f"  Safeboard tidy import                    {NA:>12}")
        return
    start = time.perf_counter()
    # Read whole by reports.readers (every check), then checked and written in one transaction.
    result = values_import_file(
        partnership=partnership, upload=io.BytesIO(xlsx), name="values.xlsx", by=user
    )
    seconds = time.perf_counter() - start
    print(f"  Safeboard tidy import ({result.created:,} created)  {_ms(seconds):>12}")
    print(f"  ratio import / openpyxl read             {_ratio(seconds, openpyxl_seconds):>12}")


def _import_fixture(rows: int, workbook_class: Any) -> tuple[bytes, Any, Any]:
    from safeboard.accounts.models import User
    from safeboard.partnerships.models import Agency, AgencyType, Partnership
    from safeboard.performance.domain import periods
    from safeboard.performance.models import Frequency, Indicator, IndicatorKind, Polarity, Unit

    partnership = Partnership.objects.create(name="Bench import", slug="bench-import")
    agencies = [
        Agency.objects.create(
            partnership=partnership, key=f"a{a}", name=f"Import agency {a}",
            agency_type=AgencyType.OTHER,
        )
        for a in range(10)
    ]  # fmt: skip
    n_periods = 100
    n_indicators = max(1, -(-rows // (n_periods * len(agencies))))
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                partnership=partnership, code=f"IMP-{i:04d}", name=f"Imported {i}",
                unit=Unit.COUNT, polarity=Polarity.LOWER, frequency=Frequency.MONTHLY,
                kind=IndicatorKind.HOW_MUCH,
            )
            for i in range(n_indicators)
        ]
    )  # fmt: skip
    starts = [periods.add_months(datetime.date(2015, 4, 1), m) for m in range(n_periods)]
    workbook = workbook_class(write_only=True)
    sheet = workbook.create_sheet("values")
    sheet.append(["indicator_code", "period", "agency", "value", "comment"])
    written = 0
    for indicator in indicators:
        for agency in agencies:
            for start in starts:
                if written == rows:
                    break
                sheet.append([indicator.code, periods.label(start, "monthly"), agency.key,
                              (written * 7) % 97, ""])  # fmt: skip
                written += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    user = User.objects.get(email="bench@example.org")
    return buffer.getvalue(), partnership, user


def _print_pdf(built: Any, partnership: Any) -> None:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from safeboard.performance.models import Indicator

    n = Indicator.objects.filter(partnership=partnership).count()
    print(f"\nComposite report PDF ({partnership.name}: {n} indicators)")
    try:
        from safeboard.performance.indicators import exports as exports_indicators

        url = reverse("performance:report_pdf", args=[partnership.slug])
    except (ImportError, NoReverseMatch):
        print(f"  Safeboard PDF                            {NA:>12}")
        return
    import weasyprint

    captured: list[str] = []
    original = exports_indicators.report_html

    def capture(*a: Any, **k: Any) -> str:
        html = original(*a, **k)
        captured.append(html)
        return html

    exports_indicators.report_html = capture
    client = Client()
    client.force_login(built.user)
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    exports_indicators.report_html = original
    if response.status_code != 200 or not captured:
        print(f"  Safeboard PDF                            {NA:>12}")
        return
    start = time.perf_counter()
    weasyprint.HTML(string=captured[0]).write_pdf()
    weasy_seconds = time.perf_counter() - start
    print(f"  Safeboard PDF page ({len(response.content):,} bytes)  {_ms(seconds):>12}")
    print(f"  WeasyPrint alone, same HTML              {_ms(weasy_seconds):>12}")
    print(f"  ratio Safeboard / WeasyPrint             {_ratio(seconds, weasy_seconds):>12}")


if __name__ == "__main__":
    raise SystemExit(main())
