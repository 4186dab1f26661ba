"""Element ids are unique in a page, and every id a chart is labelled by exists: on the report
card, a report section and the report summary, each with several charts (wide and narrow)."""

from __future__ import annotations

import collections
import xml.etree.ElementTree as ET  # the SVG is our own output, not untrusted input
from html.parser import HTMLParser

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.performance.tests.indicators.conftest import SHIFTED, add_values
from safeboard.performance.tests.indicators.conftest import world as world
from safeboard.ui.charts import LineChart, responsive_line_chart

BASE = "/p/ourshire/measures"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.labelled_by: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        for name in ("aria-labelledby", "aria-describedby", "aria-controls"):
            self.labelled_by.extend((attributes.get(name) or "").split())


def _ids(html: str) -> _Ids:
    parsed = _Ids()
    parsed.feed(html)
    return parsed


def _assert_unique(html: str, url: str) -> int:
    parsed = _ids(html)
    repeated = {i: n for i, n in collections.Counter(parsed.ids).items() if n > 1}
    assert repeated == {}, f"{url} repeats ids"
    missing = set(parsed.labelled_by) - set(parsed.ids)
    assert missing == set(), f"{url} refers to ids it does not have"
    return html.count("<svg")


def test_it_gives_every_element_of_the_report_pages_an_id_of_its_own(tenancy, world):
    second = IndicatorFactory(partnership=tenancy.ours, code="NEL-02", name="Repeat referrals")
    second.themes.add(world.theme)
    add_values(second, SHIFTED)
    client = client_for(tenancy.user(Role.ANALYST))
    pages = {
        f"{BASE}/indicators/{world.indicator.pk}/": 2,  # the card: its chart, wide and narrow
        f"{BASE}/report/{world.theme.pk}/": 4,  # a section: two indicators' charts
        f"{BASE}/report/": 0,  # the summary: a table, and the same ids rules
    }
    for url, charts in pages.items():
        for _read in range(2):  # drawn, then read back as kept
            response = client.get(url)
            assert response.status_code == 200, url
            assert _assert_unique(response.content.decode(), url) >= charts, url


def test_it_draws_a_line_chart_for_wide_screens_and_for_phones():
    chart = LineChart(
        title="Referrals",
        description="Two years",
        labels=[f"Month {i}" for i in range(24)],
        values=[float(v) for v in SHIFTED],
        chart_id="chart-9",
    )
    html = responsive_line_chart(chart)
    wide, narrow = (
        ET.fromstring(part)  # noqa: S314 - our own output
        for part in html.replace("</svg><svg", "</svg>\n<svg").split("\n")
    )
    assert wide.get("class") == "sb-chart sb-chart--wide"
    assert narrow.get("class") == "sb-chart sb-chart--narrow"
    assert narrow.get("aria-labelledby") == "chart-9-narrow-title chart-9-narrow-desc"
    # Drawn about as wide as a phone shows it, its text at least 12 px there.
    width = float(str(narrow.get("viewBox")).split()[2])
    assert width <= 360
    shown_at = 335 / width  # 375 px less the page's margins
    sizes = [float(str(e.get("font-size"))) for e in narrow.iter() if e.get("font-size")]
    assert min(sizes) * shown_at >= 12
    labels = [e for e in narrow.iter("{http://www.w3.org/2000/svg}text") if e.get("transform")]
    assert 2 <= len(labels) <= 5  # few enough x labels not to overlap
