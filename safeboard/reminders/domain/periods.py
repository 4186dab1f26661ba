"""Which digest period a reminder belongs to. Pure Python: no Django.

A reminder is never sent twice for the same item in the same period (the database holds that:
see models.ReminderItem). The period names the e-mail a person may get:

- immediate: "immediate", one period for ever, so each item is e-mailed once, as soon as the
  job first finds it ("plans.action:42:due_soon" and "plans.action:42:overdue" are two items);
- daily: the local date ("2027-03-03"), from `digest_hour` o'clock: one summary a day;
- weekly: the ISO week ("2027-W09"), from Monday at `digest_hour`: one summary a week;
- none: no period, no e-mail.
"""

from __future__ import annotations

import datetime as dt

IMMEDIATE, DAILY, WEEKLY, NONE = "immediate", "daily", "weekly", "none"
FREQUENCIES = (IMMEDIATE, DAILY, WEEKLY, NONE)
DIGESTS = frozenset({DAILY, WEEKLY})


def period_for(frequency: str, local_now: dt.datetime, *, digest_hour: int) -> str | None:
    """The period a reminder sent now belongs to, or None if nothing is due to be sent now."""
    if frequency == IMMEDIATE:
        return IMMEDIATE
    if frequency == DAILY:
        if local_now.hour < digest_hour:
            return None
        return local_now.date().isoformat()
    if frequency == WEEKLY:
        if local_now.weekday() == 0 and local_now.hour < digest_hour:
            return None
        year, week, _ = local_now.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def period_label(frequency: str, period: str) -> str:
    """How the log names a period: "3 March 2027", "week 9 of 2027", "as it happened"."""
    if frequency == DAILY:
        day = dt.date.fromisoformat(period)
        return f"{day.day} {day:%B %Y}"
    if frequency == WEEKLY:
        year, week = period.split("-W")
        return f"Week {int(week)} of {year}"
    return "Sent as it happened"
