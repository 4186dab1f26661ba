"""The CSV cell rule (`csv_text`, used by `renderers.csv`), once `core.spreadsheets.safe_cell`."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.reports.domain.cells import FORMULA_TRIGGERS, csv_text


@pytest.mark.parametrize(
    "hostile",
    [
        '=HYPERLINK("http://evil.example","Click")',
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "=cmd|' /C calc'!A0",
    ],
)
def test_it_neutralises_text_that_would_start_a_formula(hostile):
    assert csv_text(hostile) == "'" + hostile


@pytest.mark.parametrize("plain", ["Neglect", "Voice of the child", "", "2017–2019", "a=b"])
def test_it_leaves_ordinary_text_alone(plain):
    assert csv_text(plain) == plain


def test_it_drops_characters_a_file_cannot_hold_before_judging_the_start():
    assert csv_text("bell\x07 and null\x00") == "bell and null"
    assert csv_text("\x00=1+1") == "'=1+1"
    assert csv_text("a\ufffeb\uffffc") == "abc"


@given(st.text())
def test_it_only_ever_removes_illegal_characters_or_adds_one_apostrophe(text):
    result = csv_text(text)
    assert not result.startswith(FORMULA_TRIGGERS)
    kept = "".join(
        c
        for c in text
        if (c in "\t\n\r" or ord(c) >= 32)
        and c not in "\ufffe\uffff"
        and not 0xD800 <= ord(c) <= 0xDFFF
    )
    assert result in (kept, "'" + kept)
