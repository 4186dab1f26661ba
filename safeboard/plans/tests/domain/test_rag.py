import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.plans.domain.rag import (
    AMBER,
    CANCELLED,
    COMPLETE,
    GREEN,
    RAGS,
    RED,
    STATUSES,
    RagRollUp,
    is_overdue,
    owning_group_id,
    roll_up,
    roll_up_by,
)
from safeboard.plans.models import ActionStatus, Rag

statuses = st.sampled_from([*STATUSES, ""])
rags = st.sampled_from([*RAGS, ""])
pairs = st.lists(st.tuples(statuses, rags))


def test_it_uses_the_same_codes_as_the_models():
    assert set(STATUSES) == set(ActionStatus.values)
    assert set(RAGS) == set(Rag.values)


def test_it_counts_each_rating_and_completes():
    result = roll_up(
        [
            ("on_track", GREEN),
            ("at_risk", AMBER),
            ("off_track", RED),
            ("off_track", RED),
            ("", ""),
            (COMPLETE, RED),
            (CANCELLED, RED),
        ]
    )
    assert result == RagRollUp(red=2, amber=1, green=1, not_rated=1, complete=1)
    assert result.total == 6
    assert result.overall == RED


def test_it_leaves_out_cancelled_actions():
    assert roll_up([(CANCELLED, RED), (CANCELLED, "")]) == RagRollUp()
    assert roll_up([(CANCELLED, RED)]).overall is None


def test_it_counts_complete_actions_as_complete_whatever_their_last_rating():
    assert roll_up([(COMPLETE, RED)]) == RagRollUp(complete=1)


@pytest.mark.parametrize(
    ("ratings", "overall"),
    [
        ([(RED, "on_track"), (GREEN, "on_track")], RED),
        ([(AMBER, ""), (GREEN, ""), ("", "")], AMBER),
        ([(GREEN, ""), ("", "")], GREEN),
        ([("", COMPLETE)], GREEN),
        ([("", ""), ("", "not_started")], None),
        ([], None),
    ],
)
def test_it_gives_the_overall_rating_by_the_documented_rule(ratings, overall):
    assert roll_up([(status, rag) for rag, status in ratings]).overall == overall


@given(pairs)
def test_it_counts_every_action_that_is_not_cancelled_exactly_once(items):
    result = roll_up(items)
    assert result.total == sum(1 for status, _ in items if status != CANCELLED)
    assert result.complete == sum(1 for status, _ in items if status == COMPLETE)


@given(pairs)
def test_it_follows_the_overall_rule_for_any_mix(items):
    result = roll_up(items)
    counted = [(s, r) for s, r in items if s != CANCELLED]
    open_rags = {r for s, r in counted if s != COMPLETE}
    if RED in open_rags:
        assert result.overall == RED
    elif AMBER in open_rags:
        assert result.overall == AMBER
    elif GREEN in open_rags or any(s == COMPLETE for s, _ in counted):
        assert result.overall == GREEN
    else:
        assert result.overall is None


@given(pairs, pairs)
def test_it_adds_up_across_separate_sets(first, second):
    a, b, both = roll_up(first), roll_up(second), roll_up(first + second)
    assert both.red == a.red + b.red
    assert both.amber == a.amber + b.amber
    assert both.green == a.green + b.green
    assert both.not_rated == a.not_rated + b.not_rated
    assert both.complete == a.complete + b.complete


def test_it_rolls_up_by_key_counting_an_item_once_per_key():
    items = [
        ("a1", ["neglect", "neglect", "sexual-harm"], ("on_track", RED)),
        ("a2", ["neglect"], ("on_track", GREEN)),
        ("a3", [], ("on_track", GREEN)),
    ]
    result = roll_up_by(items, keys=lambda i: i[1], pair=lambda i: i[2])
    assert result == {
        "neglect": RagRollUp(red=1, green=1),
        "sexual-harm": RagRollUp(red=1),
    }


TODAY = datetime.date(2018, 6, 15)


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (datetime.date(2018, 6, 14), "on_track", True),
        (datetime.date(2018, 6, 14), "", True),
        (datetime.date(2018, 6, 14), COMPLETE, False),
        (datetime.date(2018, 6, 14), CANCELLED, False),
        (TODAY, "off_track", False),
        (datetime.date(2018, 6, 16), "off_track", False),
        (None, "off_track", False),
    ],
)
def test_it_says_whether_an_action_is_overdue(due, status, overdue):
    assert is_overdue(due, status, TODAY) is overdue


@given(st.one_of(st.none(), st.dates()), statuses, st.dates())
def test_it_is_overdue_only_when_past_due_and_still_open(due, status, today):
    expected = due is not None and due < today and status not in (COMPLETE, CANCELLED)
    assert is_overdue(due, status, today) is expected


@given(st.one_of(st.none(), st.integers()), st.one_of(st.none(), st.integers()))
def test_it_takes_the_work_streams_group_only_when_the_action_names_none(own, stream):
    assert owning_group_id(own, stream) == (own if own is not None else stream)
