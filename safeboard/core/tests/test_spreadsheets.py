import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.core.spreadsheets import FORMULA_TRIGGERS, safe_cell


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
    assert safe_cell(hostile) == "'" + hostile


@pytest.mark.parametrize("plain", ["Neglect", "Voice of the child", "", "2017–2019", "a=b"])
def test_it_leaves_ordinary_text_alone(plain):
    assert safe_cell(plain) == plain


@pytest.mark.parametrize(
    "value", [None, 3, 2.5, Decimal("190750"), datetime.date(2017, 4, 1), True]
)
def test_it_leaves_values_that_are_not_text_alone(value):
    assert safe_cell(value) is value


def test_it_drops_characters_a_spreadsheet_cannot_hold():
    assert safe_cell("bell\x07 and null\x00") == "bell and null"
    assert safe_cell("\x00=1+1") == "'=1+1"
    assert safe_cell("a\ufffeb\uffffc") == "abc"


@given(st.text())
def test_it_never_returns_text_a_spreadsheet_reads_as_a_formula(text):
    result = safe_cell(text)
    assert isinstance(result, str)
    assert not result.startswith(FORMULA_TRIGGERS)
    kept = "".join(c for c in text if (c in "\t\n\r" or ord(c) >= 32) and c not in "\ufffe\uffff")
    assert result in (kept, "'" + kept)
