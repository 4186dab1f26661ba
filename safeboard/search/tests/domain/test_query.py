"""The query as typed, checked; the words of a hit marked."""

from __future__ import annotations

import pytest

from safeboard.search.domain.query import QueryProblem, Segment, excerpt, parse, segments


def test_it_refuses_an_empty_query_with_a_message() -> None:
    with pytest.raises(QueryProblem, match="Enter a word or words to search for"):
        parse("   ")


def test_it_refuses_a_query_too_short_to_search() -> None:
    with pytest.raises(QueryProblem, match="at least 2"):
        parse("a")
    with pytest.raises(QueryProblem, match="at least 2"):
        parse('"x"')


def test_it_refuses_a_query_too_long() -> None:
    with pytest.raises(QueryProblem, match="200 characters or fewer"):
        parse("neglect " * 40)


def test_it_keeps_each_word_once_in_lower_case_without_quotes() -> None:
    query = parse('  "Neglect"   audit  neglect 50%_off ')
    assert query.text == '"Neglect" audit neglect 50%_off'
    assert query.words == ("neglect", "audit", "50%_off")


def test_it_marks_every_match_and_nothing_else() -> None:
    assert segments("Neglect and NEGLECT audit", ("neglect",)) == (
        Segment("Neglect", marked=True),
        Segment(" and "),
        Segment("NEGLECT", marked=True),
        Segment(" audit"),
    )


def test_it_marks_stemmed_forms_where_full_text_search_found_them() -> None:
    marked = [
        s.text for s in segments("One stream of work", ("streams",), stemmed=True) if s.marked
    ]
    assert marked == ["stream"]


def test_it_cuts_an_excerpt_around_the_first_match() -> None:
    text = " ".join(f"word{i}" for i in range(200)) + " neglect " + "tail " * 100
    parts = excerpt(text, ("neglect",), length=80)
    passage = "".join(p.text for p in parts)
    assert passage.startswith("…")
    assert passage.endswith("…")
    assert [p.text for p in parts if p.marked] == ["neglect"]
    assert len(passage) <= 82


def test_it_drops_control_characters_from_the_query() -> None:
    assert parse("neg\x00lect\x07 audit").text == "neglect audit"
