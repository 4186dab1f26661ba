from hypothesis import given
from hypothesis import strategies as st

from safeboard.governance.domain.text import BULLETS, Block, blocks


def test_it_splits_paragraphs_at_blank_lines_and_joins_wrapped_lines():
    text = "To ensure the effective use\nof policies.\n\nTo communicate."
    assert blocks(text) == [
        Block("paragraph", ("To ensure the effective use of policies.",)),
        Block("paragraph", ("To communicate.",)),
    ]


def test_it_turns_bullet_lines_into_a_list():
    text = "Key functions:\n- To lead\n* To hold to account\r\n• To co-ordinate\nAfterwards."
    assert blocks(text) == [
        Block("paragraph", ("Key functions:",)),
        Block("list", ("To lead", "To hold to account", "To co-ordinate")),
        Block("paragraph", ("Afterwards.",)),
    ]


def test_it_gives_nothing_for_blank_text():
    assert blocks("") == []
    assert blocks(" \n\n ") == []


@given(st.text())
def test_it_keeps_every_word_written_in_order(text):
    expected = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        for bullet in BULLETS:
            if line.startswith(bullet):
                line = line[len(bullet) :]
                break
        expected.extend(line.split())
    assert [w for b in blocks(text) for line in b.lines for w in line.split()] == expected
