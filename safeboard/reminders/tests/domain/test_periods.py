import datetime as dt

from safeboard.reminders.domain.periods import period_for, period_label

MONDAY_EARLY = dt.datetime(2027, 3, 8, 6, 30)
MONDAY_LATER = dt.datetime(2027, 3, 8, 7, 0)
WEDNESDAY = dt.datetime(2027, 3, 10, 6, 0)


def test_it_puts_every_immediate_reminder_in_one_period_so_each_item_goes_once():
    assert period_for("immediate", MONDAY_EARLY, digest_hour=7) == "immediate"
    assert period_for("immediate", WEDNESDAY, digest_hour=7) == "immediate"


def test_it_sends_a_daily_summary_from_the_digest_hour_one_a_day():
    assert period_for("daily", MONDAY_EARLY, digest_hour=7) is None
    assert period_for("daily", MONDAY_LATER, digest_hour=7) == "2027-03-08"
    assert period_for("daily", MONDAY_LATER + dt.timedelta(hours=12), digest_hour=7) == (
        "2027-03-08"
    )


def test_it_sends_a_weekly_summary_from_monday_one_a_week():
    assert period_for("weekly", MONDAY_EARLY, digest_hour=7) is None
    assert period_for("weekly", MONDAY_LATER, digest_hour=7) == "2027-W10"
    # Early on a Wednesday is still the same week (the worker may have been stopped on Monday).
    assert period_for("weekly", WEDNESDAY, digest_hour=7) == "2027-W10"


def test_it_sends_nothing_to_someone_who_wants_no_e_mails():
    assert period_for("none", MONDAY_LATER, digest_hour=7) is None


def test_it_names_periods_as_people_read_them():
    assert period_label("daily", "2027-03-08") == "8 March 2027"
    assert period_label("weekly", "2027-W10") == "Week 10 of 2027"
