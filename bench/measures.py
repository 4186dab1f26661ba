"""The bench's measures on one database, in this process (Django set up on a throwaway database):
the pages against the floor, the SPC workload, the one-file `manage.py spc` process, the XLSX
import and the composite report PDF. Each prints its figures as it goes and returns rows for the
closing table (bench/summary.py). Something that does not exist yet (a URL, a module, a command)
prints "not available"."""

from __future__ import annotations

import datetime
import functools
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.summary import NA, NO, YES, Row, at_least, at_most, median_pair, ms, ratio, s, x

ROOT = Path(__file__).resolve().parent.parent
SLOW = 2.0
NHSR_SECONDS = 51.6  # NHSRplotthedots' 1,000 series x 36 points (issue 8)
GOALS = {
    "performance:dashboard": 2.0,
    "performance:indicator_detail": 2.0,
    "performance:report": 3.0,
    "performance:report_section": 3.0,
}
SPC_GOAL = 0.26
SPC_PROCESS_GOAL = 0.3
IMPORT_GOAL = 1.5
PDF_GOAL = 1.5
FLOOR_URL = "/account/"


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _size(n: int) -> str:
    return f"{n / 1e6:,.2f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} kB"


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# --- Analysis -----------------------------------------------------------------------------------


def rebuild_analysis(db: str) -> list[Row]:
    """`manage.py rebuild_analysis` (stores each indicator's analysis) when it exists."""
    from django.core.management import call_command, get_commands

    if "rebuild_analysis" not in get_commands():
        print(f"Stored analysis: {NA} (no rebuild_analysis command)")
        return [Row(f"{db}: rebuild_analysis, all partnerships", NA)]
    seconds = _timed(functools.partial(call_command, "rebuild_analysis", verbosity=0))
    print(f"Stored analysis rebuilt (rebuild_analysis) in {seconds:.1f} s")
    return [Row(f"{db}: rebuild_analysis, all partnerships", s(seconds))]


# --- Pages --------------------------------------------------------------------------------------


@dataclass
class PageResult:
    title: str
    name: str
    large_url: str | None = None
    floor: float | None = None
    seconds: float | None = None
    small_queries: int | None = None
    large_queries: int | None = None
    size: int | None = None
    why_not: str = ""


def pages(built: Any, repeats: int, db: str) -> tuple[list[Row], list[PageResult]]:
    """Each page timed alternately with the floor, on the large partnership; query counts with
    the small and the large partnership."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    client = Client()
    client.force_login(built.user)
    wanted = [
        ("Bellwether dashboard", "performance:dashboard", [], []),
        (
            "Indicator page",
            "performance:indicator_detail",
            [built.large_indicator.pk],
            [built.small_indicator.pk],
        ),
        ("Composite report summary", "performance:report", [], []),
        (
            "Report section (first priority)",
            "performance:report_section",
            [str(built.large_section)],
            [str(built.small_section)],
        ),
    ]

    def fetch(url: str) -> tuple[int, int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return response.status_code, len(queries), len(_body(response))

    floor_status, floor_queries, _ = fetch(FLOOR_URL)
    floor_result = PageResult(
        "Trivial signed-in page (floor)", "", FLOOR_URL, None, None, floor_queries, floor_queries
    )
    if floor_status != 200:
        raise RuntimeError(f"the floor page {FLOOR_URL} answered {floor_status}")
    results = [floor_result]
    floors: list[float] = []
    for title, name, large_extra, small_extra in wanted:
        result = PageResult(title, name)
        results.append(result)
        try:
            large_url = reverse(name, args=[built.large.slug, *large_extra])
            small_url = reverse(name, args=[built.small.slug, *small_extra])
        except NoReverseMatch:
            result.why_not = "no such URL yet"
            continue
        (small_status, result.small_queries, _) = fetch(small_url)
        (large_status, result.large_queries, result.size) = fetch(large_url)
        if small_status != 200 or large_status != 200:
            result.why_not = f"answered {small_status} (small), {large_status} (large)"
            continue
        result.large_url = large_url
        result.floor, result.seconds = median_pair(
            functools.partial(client.get, FLOOR_URL),
            functools.partial(client.get, large_url),
            repeats,
            slow=SLOW,
        )
        floors.append(result.floor)
    floor_result.seconds = statistics.median(floors) if floors else None
    floor_result.floor = floor_result.seconds

    print(f"\nPages (large partnership; page and floor timed alternately, median of {repeats})")
    print(
        f"  {'page':34} {'median':>12} {'its floor':>11} {'x floor':>9} {'queries small':>14}"
        f" {'large':>6} {'HTML':>12}"
    )
    rows: list[Row] = []
    counts_differ: list[str] = []
    for r in results:
        if r.seconds is None and r.name:
            print(f"  {r.title:34} {NA:>12}   ({r.why_not})")
        else:
            size = "" if r.size is None else f"{r.size:,} B"
            line = (
                f"  {r.title:34} {ms(r.seconds):>12} {ms(r.floor):>11}"
                f" {x(ratio(r.seconds, r.floor)):>9} {r.small_queries!s:>14}"
                f" {r.large_queries!s:>6} {size:>12}"
            )
            print(line.rstrip())
        if r.small_queries is not None and r.small_queries != r.large_queries:
            counts_differ.append(r.title)
        if r.name:
            rows.append(
                at_most(
                    f"{db}: {r.title.lower()} / floor", ratio(r.seconds, r.floor), GOALS[r.name]
                )
            )
    if counts_differ:
        print("  QUERY COUNTS DIFFER with small and large data: " + ", ".join(counts_differ))
    measured = [r for r in results if r.small_queries is not None]
    rows.append(
        Row(
            f"{db}: query counts, small = large data",
            "differ: " + ", ".join(counts_differ) if counts_differ else f"equal ({len(measured)})",
            "equal",
            NO if counts_differ else YES,
        )
    )
    for r in results:
        if r.name in ("performance:report", "performance:report_section"):
            figure = NA if r.size is None or r.seconds is None else _size(r.size)
            rows.append(Row(f"{db}: {r.title.lower()}, HTML size", figure))
    print(f"  Floor: {FLOOR_URL}; the ratio is each page over the floor timed beside it.")
    return rows, results


# --- SPC ----------------------------------------------------------------------------------------


def spc_workload(n_series: int, n_points: int = 36, seed: int = 8) -> list[dict[str, Any]]:
    """Deterministic series: monthly points, a third integers, a third with one decimal place, a
    third with two; every fourth shifts a quarter of the way through (so the rules fire); a
    target on each, either side of its level; directions alternate."""
    from safeboard.performance.domain import periods

    rng = random.Random(seed)
    starts = [periods.add_months(datetime.date(2021, 4, 1), m) for m in range(n_points)]
    made = []
    for n in range(n_series):
        decimals = n % 3
        level = rng.uniform(5, 500)
        spread = level * rng.uniform(0.02, 0.15)
        values = []
        for i in range(n_points):
            shift = spread * 3 if n % 4 == 0 and i >= (3 * n_points) // 4 else 0.0
            values.append(round(max(0.0, rng.gauss(level + shift, spread)), decimals))
        made.append(
            {
                "points": list(zip(starts, [float(v) for v in values], strict=True)),
                "direction": "increase" if n % 2 else "decrease",
                "target": round(level * rng.uniform(0.8, 1.2), decimals),
            }
        )
    return made


def spc_in_process(n_series: int, db: str) -> list[Row]:
    from safeboard.performance.domain.spc import spc

    series = spc_workload(n_series)
    scale = n_series / 1000

    def run() -> None:
        for one in series:
            spc(one["points"], direction=one["direction"], target=one["target"])

    spc(series[0]["points"], direction=series[0]["direction"], target=series[0]["target"])
    first = _timed(run)
    times = [first] + ([_timed(run), _timed(run)] if first < SLOW else [])
    seconds = statistics.median(times)
    goal = SPC_GOAL * scale
    nhsr = NHSR_SECONDS * scale
    print(f"\nSPC, {n_series:,} series x 36 points, in this process (median of {len(times)})")
    if n_series != 1000:
        print(f"  ({n_series:,} series at this scale: the goal and NHSRplotthedots' time scaled)")
    print(f"  safeboard.performance.domain.spc.spc   {s(seconds):>12}   goal <= {goal:.3f} s")
    print(f"  NHSRplotthedots ({nhsr:.1f} s) / Safeboard    {x(ratio(nhsr, seconds)):>12}")
    return [
        at_most(
            f"{db}: SPC {n_series:,} x 36, one process",
            seconds,
            goal,
            shown=s,
            goal_text=f"<= {goal:.3f} s",
        ),
        at_least(f"{db}: SPC, NHSRplotthedots' {nhsr:.1f} s / ours", ratio(nhsr, seconds), 200),
    ]


def spc_process(db: str, repeats: int = 5) -> list[Row]:
    """`manage.py spc FILE.csv` on one 36-point file: the whole process, wall time. The child gets
    manage.py's own default settings (what a person typing the command gets) and the bench's
    DATABASE_URL, so it could never reach the developer's database."""
    series = spc_workload(1)[0]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    with tempfile.TemporaryDirectory(prefix="safeboard-bench-spc-") as folder:
        path = Path(folder) / "series.csv"
        lines = ["date,value"] + [f"{d.isoformat()},{v:g}" for d, v in series["points"]]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        cmd = [sys.executable, "manage.py", "spc", str(path)]

        def once() -> float:
            start = time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode(errors="replace").strip()[-500:])
            json.loads(done.stdout)
            return seconds

        once()  # warm-up: compiled files, the file cache
        times = [once() for _ in range(repeats)]
    seconds = statistics.median(times)
    print(f"\n`manage.py spc` on one 36-point CSV, whole process (median of {repeats})")
    print(
        f"  wall time                              {s(seconds):>12}   goal <= {SPC_PROCESS_GOAL} s"
    )
    return [
        at_most(
            f"{db}: manage.py spc, one file, whole process",
            seconds,
            SPC_PROCESS_GOAL,
            shown=s,
            goal_text=f"<= {SPC_PROCESS_GOAL} s",
        )
    ]


# --- XLSX import --------------------------------------------------------------------------------


def xlsx_import(rows: int, db: str) -> list[Row]:
    from openpyxl import Workbook, load_workbook

    print(f"\nXLSX import of {rows:,} values")
    xlsx, partnership, user = _import_fixture(rows, Workbook)
    start = time.perf_counter()
    workbook = load_workbook(io.BytesIO(xlsx), read_only=True, data_only=True)
    read = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    openpyxl_seconds = time.perf_counter() - start
    print(f"  openpyxl read-only read ({read - 1:,} rows)      {ms(openpyxl_seconds):>12}")
    measure = f"{db}: XLSX import {rows:,} values / openpyxl read"
    try:
        from safeboard.performance.returns.services import values_import_file
    except ImportError:
        print(f"  Safeboard tidy import                    {NA:>12}")
        return [at_most(measure, None, IMPORT_GOAL)]
    start = time.perf_counter()
    # Read whole (every check), then checked and written in one transaction.
    result = values_import_file(
        partnership=partnership, upload=io.BytesIO(xlsx), name="values.xlsx", by=user
    )
    seconds = time.perf_counter() - start
    value = ratio(seconds, openpyxl_seconds)
    print(f"  Safeboard tidy import ({result.created:,} created)  {ms(seconds):>12}")
    print(f"  ratio import / openpyxl read             {x(value):>12}   goal <= {IMPORT_GOAL}x")
    return [at_most(measure, value, IMPORT_GOAL)]


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


# --- Composite report PDF -----------------------------------------------------------------------

_HEAD = re.compile(r"<head\b[^>]*>.*?</head\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_INDICATOR_SECTION = re.compile(
    r"""<section\b[^>]*\bclass\s*=\s*["'](?:[^"']*\s)?indicator(?:\s[^"']*)?["'][^>]*>""",
    re.IGNORECASE,
)
_SECTION_TAG = re.compile(r"<(/?)section\b[^>]*>", re.IGNORECASE)


def one_page_html(document: str) -> tuple[str | None, int]:
    """`<html>head<body>section</body></html>` from the print HTML: its `<html>` tag, its
    `<head>` and its first `<section class="indicator">` element (nested sections included), or
    None if it has no such section; and how many such sections the document holds."""
    found = list(_INDICATOR_SECTION.finditer(document))
    head = _HEAD.search(document)
    if not found or head is None:
        return None, len(found)
    start, depth = found[0].start(), 0
    for tag in _SECTION_TAG.finditer(document, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            section = document[start : tag.end()]
            # The document's own <html> tag, with its language (a tagged PDF needs one).
            opening = _HTML_TAG.search(document)
            html = opening.group(0) if opening else "<html>"
            return f"{html}{head.group(0)}<body>{section}</body></html>", len(found)
    return None, len(found)


def _capture_print_html() -> tuple[list[str], Callable[[], None]]:
    """Every HTML document the PDF request renders, captured at exports.report_html (today's
    name) or else at the reports kit's renderer; and the function that puts it back."""
    captured: list[str] = []
    target: Any = None
    name = ""
    try:
        from safeboard.performance.indicators import exports

        if hasattr(exports, "report_html"):
            target, name = exports, "report_html"
    except ImportError:
        pass
    if target is None:
        from safeboard.reports.renderers import pdf

        target, name = pdf, "render_pdf_html"
    original = getattr(target, name)

    def capture(*a: Any, **k: Any) -> Any:
        if name == "render_pdf_html":
            captured.append(a[0] if a else next(iter(k.values())))
            return original(*a, **k)
        html = original(*a, **k)
        captured.append(html)
        return html

    setattr(target, name, capture)
    return captured, lambda: setattr(target, name, original)


def report_pdf(built: Any, partnership: Any, db: str) -> list[Row]:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from safeboard.performance.models import Indicator

    n = Indicator.objects.filter(partnership=partnership, archived_at=None).count()
    measure = f"{db}: report PDF {n} indicators / (N x one-page floor)"
    attachment = f"{db}: report PDF is an attachment with a file name"
    print(f"\nComposite report PDF ({partnership.name}: {n} indicators)")
    try:
        url = reverse("performance:report_pdf", args=[partnership.slug])
    except NoReverseMatch:
        print(f"  Safeboard PDF                            {NA:>12}")
        return [at_most(measure, None, PDF_GOAL), Row(attachment, NA, "attachment", NA)]
    import weasyprint

    client = Client()
    client.force_login(built.user)
    captured, restore = _capture_print_html()
    # Warm-up: WeasyPrint's fonts and first-use set-up, not the report itself (which can take
    # minutes with --pdf-on large).
    weasyprint.HTML(string="<p>Warm-up</p>").write_pdf()
    try:
        start = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - start
        first_html = captured[0] if captured else None
        # Later requests, for information only: they may be served from a cache, and the figure
        # is what the first reader after a change waits for.
        later = [_timed(functools.partial(client.get, url)) for _ in range(2 if seconds < 4 else 0)]
    finally:
        restore()
    body = _body(response)
    if response.status_code != 200 or not body.startswith(b"%PDF"):
        print(f"  Safeboard PDF: answered {response.status_code}  {NA:>12}")
        return [at_most(measure, None, PDF_GOAL), Row(attachment, NA, "attachment", NA)]
    disposition = response.get("Content-Disposition", "")
    filename = re.search(r"""filename\*?=(?:[Uu][Tt][Ff]-8'')?["']?([^"';]+)""", disposition)
    is_attachment = disposition.lower().startswith("attachment") and filename is not None
    print(f"  Safeboard PDF, first request ({len(body):,} bytes)     {ms(seconds):>12}")
    if later:
        print(f"  (the next {len(later)} requests: median {ms(statistics.median(later))})")
    print(f"  Content-Disposition: {disposition or '(none)'}")
    rows = [
        Row(
            attachment,
            (filename.group(1) if filename else "no file name")
            + ("" if is_attachment else f" ({disposition.split(';')[0] or 'no header'})"),
            "attachment",
            YES if is_attachment else NO,
        )
    ]
    page, sections = one_page_html(first_html or "")
    if page is None:
        print(f"  one-page floor (head + first indicator section)  {NA}")
        rows.insert(0, at_most(measure, None, PDF_GOAL))
        return rows
    document = weasyprint.HTML(string=page).render()
    pages_in_floor = len(document.pages)
    # The same kind of PDF as Safeboard's: tagged (PDF/UA) when the renderer makes it so.
    from safeboard.reports.renderers import pdf as renderer

    options = {"pdf_variant": renderer.PDF_VARIANT} if hasattr(renderer, "PDF_VARIANT") else {}

    def floor_once() -> None:
        weasyprint.HTML(string=page).render().write_pdf(**options)

    floor_once()
    floor = statistics.median([_timed(floor_once) for _ in range(5)])
    allowed = PDF_GOAL * n * floor
    value = ratio(seconds, n * floor)
    print(
        f"  indicator sections in the print HTML: {sections} (indicators: {n})"
        + ("  REPEATED INDICATORS" if sections > n else "")
    )
    print(f"  one-page floor: WeasyPrint alone, head + first section ({pages_in_floor} page, "
          f"{options.get('pdf_variant', 'plain PDF')})"
          f"  {ms(floor):>12}")  # fmt: skip
    print(f"  N x floor ({n} x)                         {ms(n * floor):>12}")
    print(
        f"  ratio PDF / (N x floor)                  {x(value):>12}   goal <= {PDF_GOAL}x"
        f" (PDF <= {s(allowed)})"
    )
    rows.insert(0, at_most(measure, value, PDF_GOAL))
    rows.insert(
        1,
        Row(
            f"{db}: report PDF, whole request",
            s(seconds),
            f"<= {s(allowed)}",
            YES if seconds <= allowed else NO,
        ),
    )
    return rows
