"""Reading back the SVG the chart writer made, in tests."""

import re
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def parse(raw: str) -> ET.Element:
    # Our own output, not untrusted input.
    return ET.fromstring(raw)  # noqa: S314


def from_page(html: str) -> ET.Element:
    found = re.search(r"<svg.*?</svg>", html, re.S)
    assert found is not None, "the page has no chart"
    return parse(found.group(0))
