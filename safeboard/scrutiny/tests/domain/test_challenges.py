from __future__ import annotations

import datetime

import pytest

from safeboard.scrutiny.domain import challenges as c

TODAY = datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("status", "owner", "manager", "allowed"),
    [
        (c.OPEN, True, False, True),
        (c.OPEN, False, True, True),
        (c.OPEN, False, False, False),
        (c.RESPONDED, True, False, True),
        (c.ACCEPTED, True, True, False),
        (c.CLOSED, True, True, False),
    ],
)
def test_it_lets_the_owner_or_the_manager_respond_while_live(status, owner, manager, allowed):
    assert c.may_respond(status=status, is_owner=owner, is_manager=manager) is allowed


def test_it_accepts_only_a_response_and_closes_anything_live():
    assert not c.may_accept(status=c.OPEN, is_raiser=True, is_manager=True)
    assert c.may_accept(status=c.RESPONDED, is_raiser=True, is_manager=False)
    assert not c.may_accept(status=c.RESPONDED, is_raiser=False, is_manager=False)
    assert c.may_close(status=c.OPEN, is_raiser=False, is_manager=True)
    assert not c.may_close(status=c.ACCEPTED, is_raiser=True, is_manager=True)


def test_it_says_why_a_move_cannot_be_made_now():
    assert c.transition_problem(c.ACCEPT, c.OPEN) == "There is no response to accept yet."
    assert c.transition_problem(c.RESPOND, c.CLOSED) == "This challenge is already closed."
    assert c.transition_problem(c.CLOSE, c.RESPONDED) is None
    assert c.moved_to(c.ACCEPT) == c.ACCEPTED


def test_it_wants_a_response_date_from_today_to_a_year_ahead():
    assert c.response_due_problem(TODAY, TODAY) is None
    assert "today or in the future" in str(c.response_due_problem(TODAY.replace(day=9), TODAY))
    assert "within a year" in str(c.response_due_problem(TODAY.replace(year=2027, month=4), TODAY))


def test_it_grades_urgency_by_the_response_date():
    assert c.urgency(TODAY.replace(day=9), TODAY, soon_days=14) == "overdue"
    assert c.urgency(TODAY, TODAY, soon_days=14) == "due_soon"
    assert c.urgency(TODAY.replace(day=24), TODAY, soon_days=14) == "due_soon"
    assert c.urgency(TODAY.replace(day=25), TODAY, soon_days=14) == "waiting"
    assert c.urgency(None, TODAY, soon_days=14) == "waiting"


def test_it_names_the_signer_by_job_title_or_role():
    assert (
        c.signer_description(name="Ann Example", job_title="Independent Chair", role_label="Chair")
        == "Ann Example, Independent Chair"
    )
    assert c.signer_description(name="Ann", job_title=" ", role_label="Chair") == "Ann, Chair"
