"""The Making Data Count icons: drawn in their colours (with enough contrast on white), each
with its words as a text alternative, wherever an indicator's variation and assurance show."""

from __future__ import annotations

import re

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.indicators import icons
from safeboard.performance.indicators.presenters import ASSURANCE_LABELS, VARIATION_LABELS
from safeboard.ui import charts

BASE = "/p/ourshire/measures"


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast_on_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


def test_it_draws_every_icon_in_a_colour_with_3_to_1_contrast_on_white():
    for colour in icons.ICON_COLOURS:
        assert _contrast_on_white(colour) >= 3, colour
    drawn = [icons.variation_icon(i) for i in VARIATION_LABELS] + [
        icons.assurance_icon(i) for i in ASSURANCE_LABELS
    ]
    for svg in drawn:
        for colour in re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', svg):
            assert colour == "#ffffff" or _contrast_on_white(colour) >= 3, colour


@pytest.mark.parametrize(
    ("icon", "colour", "name", "letter"),
    [
        ("common_cause", charts.GREY, "Common cause variation", None),
        ("concern_high", charts.ORANGE, "Special cause: concern, higher", "H"),
        ("concern_low", charts.ORANGE, "Special cause: concern, lower", "L"),
        ("improvement_high", charts.BLUE, "Special cause: improvement, higher", "H"),
        ("improvement_low", charts.BLUE, "Special cause: improvement, lower", "L"),
    ],
)
def test_it_names_and_colours_each_variation_icon(icon, colour, name, letter):
    svg = icons.variation_icon(icon)
    assert 'role="img"' in svg
    assert f'aria-label="{name}"' in svg
    assert f"<title>{name}</title>" in svg
    assert f'stroke="{colour}"' in svg  # the ring
    if letter:
        assert f">{letter}</text>" in svg
        assert svg.count(f'fill="{colour}"') >= 3  # the latest points in the signal's colour
    else:
        assert "<text" not in svg


@pytest.mark.parametrize(
    ("icon", "colour", "name", "letter"),
    [
        ("pass", charts.BLUE, "Target consistently met", "P"),
        ("fail", charts.ORANGE, "Target consistently missed", "F"),
        ("inconsistent", charts.GREY, "Target met or missed by chance", "?"),
    ],
)
def test_it_names_and_colours_each_assurance_icon(icon, colour, name, letter):
    svg = icons.assurance_icon(icon)
    assert f'aria-label="{name}"' in svg
    assert f'stroke="{colour}"' in svg
    assert f'fill="{colour}">{letter}</text>' in svg


def test_it_draws_a_plain_ring_when_there_is_no_signal_to_show():
    assert 'aria-label="Not enough data for SPC"' in icons.variation_icon(None)
    assert 'aria-label="No target assurance"' in icons.assurance_icon(None)


@pytest.mark.django_db
def test_it_shows_the_icons_wherever_variation_and_assurance_show(tenancy, world):
    """The example world's shift up on a higher-is-better measure is an improvement, and its
    lower limit is above the target: blue H and blue P, on every page that summarises it."""
    client = client_for(tenancy.user(Role.BOARD_MEMBER))
    theme = world.theme.pk
    pages = [
        f"{BASE}/indicators/{world.indicator.pk}/",
        f"{BASE}/dashboard/",
        f"{BASE}/scorecards/themes/{theme}/",
        f"{BASE}/report/",
        f"{BASE}/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert 'aria-label="Special cause: improvement, higher"' in html, url
        assert "govuk-tag--grey sb-variation" not in html, url
    for url in pages[:4]:
        html = client.get(url).content.decode()
        assert 'aria-label="Target consistently met"' in html, url


def test_it_draws_a_long_table_s_icons_once_and_refers_to_them(tenancy, world):
    """The report summary and the data set list hold each icon's drawing once, as a symbol,
    and every icon in their rows refers to one that is there: a table of 300 indicators stays
    small. Each icon still names itself."""
    client = client_for(tenancy.user(Role.BOARD_MEMBER))
    for url in (f"{BASE}/report/", f"{BASE}/"):
        html = client.get(url).content.decode()
        referred = set(re.findall(r'<use href="#([^"]+)"', html))
        assert referred, url
        ids = re.findall(r'id="(sb-mdc-[^"]+)"', html)
        assert len(ids) == len(set(ids)), url  # each symbol once
        assert referred <= set(ids), url
        assert 'aria-label="Special cause: improvement, higher"' in html, url


@pytest.mark.django_db
def test_it_prints_the_icons_in_the_pdf_summary(tenancy, world, monkeypatch):
    from safeboard.performance.indicators import exports

    printed: list[str] = []
    original = exports.report_html

    def capture(*args, **kwargs):
        printed.append(original(*args, **kwargs))
        return printed[-1]

    monkeypatch.setattr(exports, "report_html", capture)
    response = client_for(tenancy.user(Role.BOARD_MEMBER)).get(f"{BASE}/report.pdf")
    assert response.content.startswith(b"%PDF")
    (html,) = printed
    assert 'class="sb-spc-icon sb-spc-icon--variation"' in html
    assert 'aria-label="Special cause: improvement, higher"' in html
    assert 'aria-label="Target consistently met"' in html
