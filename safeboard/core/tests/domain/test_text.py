import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.core.domain.text import clean_text, csv_text, has_markup, single_line_problem


@pytest.mark.parametrize(
    "text", ["Ourshire Safeguarding Children Partnership", "O’Brien & Sons", "Café", "- item", ""]
)
def test_it_accepts_ordinary_single_line_text(text):
    assert single_line_problem(text) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Ourshire\nBcc: victim@example.com", "one line"),
        ("Ourshire\r\n", "one line"),
        ("Line\u2028separator", "one line"),
        ("Next\x85line", "one line"),
        ("Null\x00byte", "null"),
        ("Tab\there", "control"),
        ("Bell\x07", "control"),
        ("Escape\x1b[31m", "control"),
        ("Not a character \ufffe", "control"),
    ],
)
def test_it_refuses_line_breaks_and_control_characters_in_a_single_line(text, problem):
    assert problem in (single_line_problem(text) or "")


@given(st.text())
def test_it_cleans_every_text_into_something_xml_can_hold(text):
    cleaned = clean_text(text)
    assert all(
        c in "\t\n\r" or 0x20 <= ord(c) < 0xD800 or 0xE000 <= ord(c) < 0xFFFE or ord(c) > 0xFFFF
        for c in cleaned
    )


@given(st.text())
def test_it_never_gives_a_csv_cell_that_starts_a_formula(text):
    assert not csv_text(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "</b>", "<img src=x onerror=alert(1)>", "<!-- x -->"]
)
def test_it_finds_markup(text):
    assert has_markup(text)


@pytest.mark.parametrize("text", ["England", "a < b", "5 > 3", "<5", "Bath & North East Somerset"])
def test_it_finds_no_markup_in_plain_text(text):
    assert not has_markup(text)
