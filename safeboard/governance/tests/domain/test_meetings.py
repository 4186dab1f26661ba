import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.core.domain.date_parts import DateProblem, parse_date_parts
from safeboard.governance.domain.meetings import (
    OtherAttendee,
    decision_lines,
    other_attendee_lines,
)


def _parse(day, month, year):
    return parse_date_parts(day, month, year, label="Meeting date")


def test_it_reads_a_date_from_its_three_parts():
    assert _parse("7", "09", "2011") == datetime.date(2011, 9, 7)
    assert _parse(" 29 ", "2", "2012") == datetime.date(2012, 2, 29)


@pytest.mark.parametrize(
    ("parts", "problem"),
    [
        (("", "", ""), DateProblem("day", "Enter the meeting date")),
        (("1", "", "2011"), DateProblem("month", "Meeting date must include a month")),
        (("", "", "2011"), DateProblem("day", "Meeting date must include a day and month")),
        (
            ("x", "1", "2011"),
            DateProblem("day", "Meeting date must be a real date, written in numbers"),
        ),
        (("1", "1", "11"), DateProblem("year", "Year must include 4 numbers")),
        (("1", "13", "2011"), DateProblem("month", "Meeting date must be a real date")),
        (("30", "2", "2011"), DateProblem("day", "Meeting date must be a real date")),
        (("1", "1", "1066"), DateProblem("year", "Meeting date must be between 1900 and 2100")),
        (
            ("1", "1", "٢٠١١"),
            DateProblem("year", "Meeting date must be a real date, written in numbers"),
        ),
        (
            ("-1", "1", "2011"),
            DateProblem("day", "Meeting date must be a real date, written in numbers"),
        ),
    ],
)
def test_it_says_what_is_wrong_with_a_date(parts, problem):
    assert _parse(*parts) == problem


@given(st.text(max_size=5), st.text(max_size=5), st.text(max_size=6))
def test_it_never_fails_on_any_input(day, month, year):
    result = _parse(day, month, year)
    assert isinstance(result, datetime.date | DateProblem)


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_it_reads_back_any_date_it_could_write(date):
    assert _parse(str(date.day), str(date.month), str(date.year)) == date


def test_it_takes_one_decision_per_line():
    assert decision_lines("  Agree the plan \n\n\nFund two lay members\n") == [
        "Agree the plan",
        "Fund two lay members",
    ]


def test_it_reads_other_attendees_with_an_optional_agency():
    text = "Jo Bloggs, Ourshire Police\n\nSam Smith\nSmith, Sam, Fire\n, Police"
    assert other_attendee_lines(text) == [
        OtherAttendee(1, "Jo Bloggs", "Ourshire Police"),
        OtherAttendee(3, "Sam Smith", ""),
        OtherAttendee(4, "Smith, Sam", "Fire"),
        OtherAttendee(5, "", "Police"),
    ]
