import pytest

from safeboard.plans.domain.headings import (
    ends_in_a_promise,
    file_stem,
    holds_period,
    promised_work_stream,
    promises_the_budget,
    statement_kind_caption,
    title_with_period,
    years_named,
)


@pytest.mark.parametrize(
    ("title", "start", "end", "expected"),
    [
        ("Strategic Business Plan 2011 - 2014", 2011, 2014, True),
        ("Strategic Business Plan 2017 -2019", 2017, 2019, True),
        ("Business Plan 2017–19", 2017, 2019, True),
        ("Business Plan 2017/18", 2017, 2018, True),
        ("Plan for 2020", 2020, 2020, True),
        ("Strategic Business Plan", 2017, 2019, False),
        ("Strategic Business Plan 2017", 2017, 2019, False),  # the last year is missing
        ("Strategic Business Plan 2011 - 2014", 2017, 2019, False),  # another period
        ("Reference 120115", 2011, 2015, False),  # digits inside a number are not years
        ("strategic-business-plan-2011-2014", 2011, 2014, True),
    ],
)
def test_it_tells_whether_a_title_holds_its_period(title, start, end, expected):
    assert holds_period(title, start, end) is expected


def test_it_reads_a_short_range_end_in_the_next_century_when_it_wraps():
    assert years_named("Plan 2099-01") == {2099, 2101}


def test_it_appends_the_period_only_when_the_title_lacks_it():
    assert title_with_period("Strategic Business Plan 2011 - 2014", 2011, 2014, "2011–2014") == (
        "Strategic Business Plan 2011 - 2014"
    )
    assert title_with_period("Strategic Business Plan", 2017, 2019, "2017–2019") == (
        "Strategic Business Plan 2017–2019"
    )


def test_it_names_files_without_doubling_the_years():
    assert file_stem("strategic-business-plan-2011-2014", 2011, 2014) == (
        "strategic-business-plan-2011-2014"
    )
    assert file_stem("sbp", 2017, 2019) == "sbp-2017-2019"
    assert file_stem("", 2017, 2019) == "plan-2017-2019"


@pytest.mark.parametrize(
    ("title", "kind", "label", "caption"),
    [
        ("Board Member Values", "values", "Values", ""),
        ("Strategic Priorities 2011 – 14", "other", "Other", ""),
        ("Financing and Staffing", "other", "Other", ""),
        ("Vision", "vision", "Vision", ""),
        ("How the Effectiveness of our Plan will be Monitored?", "monitoring",
         "Monitoring arrangements", "Monitoring arrangements"),
        ("LSCB Framework", "approach", "Approach", "Approach"),
        ("Our Principles", "principles", "Principles", ""),
        ("Anything", "", "", ""),
    ],
)  # fmt: skip
def test_it_shows_a_statements_kind_only_where_its_title_does_not_say_it(
    title, kind, label, caption
):
    assert statement_kind_caption(title, kind, label) == caption


def test_it_recognises_a_statement_that_promises_what_follows():
    assert ends_in_a_promise("Contributions from agencies are outlined below:")
    assert ends_in_a_promise("as follows:-\n")
    assert not ends_in_a_promise("The work of the sub-groups will support the themes.")
    assert promises_the_budget("Funded jointly.\n\nContributions from agencies are outlined below:")
    assert not promises_the_budget("Contributions were agreed.")  # no promise
    assert not promises_the_budget("To do this we will:")


def test_it_finds_the_work_stream_a_promise_introduces():
    streams = [(1, "Something else."), (2, "The work planned for 2017–19 will see a focus.")]
    body = "Intro.\n\nThe work planned for 2017–19 will  see a focus. To do this we will:"
    assert promised_work_stream(body, streams) == 2
    assert promised_work_stream("To do this we will:", streams) is None
    assert promised_work_stream("The work planned for 2017–19 will see a focus.", streams) is None
    assert promised_work_stream("Anything:", [(3, "")]) is None  # a blank description matches none
