from hypothesis import given
from hypothesis import strategies as st

from safeboard.core.domain.keys import next_free_key


def test_it_makes_a_key_unique_by_numbering_it():
    assert next_free_key("education", taken=[]) == "education"
    assert next_free_key("education", taken=["education", "education-2"]) == "education-3"
    assert next_free_key("", taken=["group"], fallback="group") == "group-2"


@given(st.from_regex(r"[a-z0-9-]{0,100}", fullmatch=True), st.sets(st.text(max_size=90)))
def test_it_never_returns_a_key_already_taken_or_too_long(base, taken):
    key = next_free_key(base, taken=taken, max_length=80)
    assert key not in taken
    assert 0 < len(key) <= 80
