"""The benchmark works: its data builder at tiny scale, the one-page PDF floor it cuts from the
print HTML, and a whole run at tiny scale on SQLite that ends with its summary table."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

from bench.builder import TINY, build
from bench.measures import one_page_html
from safeboard.performance.models import Indicator, Value
from safeboard.plans.models import Theme, ThemeKind

ROOT = Path(__file__).resolve().parents[3]


def test_it_builds_the_benchmark_data_set_at_tiny_scale(db):
    built = build(TINY)
    assert Indicator.objects.filter(partnership=built.large).count() == TINY.indicators
    per_agency = TINY.agency_breakdown_indicators * TINY.periods * TINY.agencies
    assert (
        Value.objects.filter(partnership=built.large).count()
        == TINY.indicators * TINY.periods + per_agency
    )
    assert built.values == Value.objects.count()
    client = Client()
    client.force_login(built.user)
    url = reverse("performance:comparator_list", args=[built.large.slug])
    assert client.get(url).status_code == 200


def test_it_puts_every_indicator_under_one_priority_and_every_third_under_an_outcome(db):
    built = build(TINY)
    section = Theme.objects.get(pk=built.large_section)
    assert section.partnership_id == built.large.pk
    assert section.kind == ThemeKind.STRATEGIC_PRIORITY
    indicators = Indicator.objects.filter(partnership=built.large).order_by("position")
    for i, indicator in enumerate(indicators):
        kinds = sorted(indicator.themes.values_list("kind", flat=True))
        expected = [ThemeKind.STRATEGIC_PRIORITY]
        if i % 3 == 0:
            expected = [ThemeKind.OUTCOME, ThemeKind.STRATEGIC_PRIORITY]
        assert kinds == expected, indicator.code
    medium_themes = Theme.objects.filter(partnership=built.medium)
    assert medium_themes.filter(kind=ThemeKind.STRATEGIC_PRIORITY).count() == TINY.priorities
    assert medium_themes.filter(kind=ThemeKind.OUTCOME).count() == TINY.outcomes


def test_it_cuts_the_one_page_floor_from_the_head_and_the_first_indicator_section():
    document = (
        '<!DOCTYPE html><html lang="en-GB"><head><style>h3 {}</style></head><body><h1>Report</h1>'
        '<section class="indicator" id="a"><h3>A</h3><section class="note">n</section>'
        "<svg></svg></section><table>A's table</table>"
        '<section class="indicator page" id="b"><h3>B</h3></section></body></html>'
    )
    page, sections = one_page_html(document)
    assert sections == 2
    # The document's own <html> tag, with its language: a tagged PDF needs one.
    assert page == (
        '<html lang="en-GB"><head><style>h3 {}</style></head><body>'
        '<section class="indicator" id="a"><h3>A</h3><section class="note">n</section>'
        "<svg></svg></section></body></html>"
    )
    assert one_page_html("<html><head></head><body><p>none</p></body></html>") == (None, 0)


def test_it_runs_the_whole_bench_at_tiny_scale_and_ends_with_the_summary_table():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--scale=tiny", "--database=sqlite", "--load-seconds=0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.rstrip().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| measure"))
    assert lines[header - 1].startswith("Summary: ")
    cells = [cell.strip() for cell in lines[header].strip("|").split("|")]
    assert cells == ["measure", "figure", "goal", "met"]
    rows = lines[header + 2 :]
    assert rows
    assert all(row.startswith("| sqlite: ") for row in rows)
    measures = [row.split("|")[1].strip() for row in rows]
    for wanted in (
        "sqlite: bellwether dashboard / floor",
        "sqlite: indicator page / floor",
        "sqlite: composite report summary / floor",
        "sqlite: report section (first priority) / floor",
        "sqlite: query counts, small = large data",
        "sqlite: SPC 100 x 36, one process",
        "sqlite: manage.py spc, one file, whole process",
        "sqlite: XLSX import 1,000 values / openpyxl read",
    ):
        assert wanted in measures
    assert any(m.startswith("sqlite: report PDF ") for m in measures)
    assert not any("failed" in row for row in rows), "\n".join(rows)
