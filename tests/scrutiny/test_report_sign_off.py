"""Signing off the performance report at a period for a governance meeting, as the chair does
it: scrutiny and the data set together, through the subjects registry."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from safeboard.governance.models import GroupType
from safeboard.governance.tests.factories import GroupFactory, MeetingFactory
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.tests.factories import IndicatorFactory, ValueFactory
from safeboard.scrutiny.models import ReportSignOff

SLUG = "ourshire"


def test_it_signs_off_the_report_for_a_meeting_and_shows_it_on_the_report(tenancy):
    indicator = IndicatorFactory(partnership=tenancy.ours)
    ValueFactory(indicator=indicator, period_start=datetime.date(2024, 3, 1))
    board = GroupFactory(partnership=tenancy.ours, name="The Board", group_type=GroupType.BOARD)
    meeting = MeetingFactory(group=board, date=datetime.date(2024, 4, 18), title="April board")
    theirs = MeetingFactory(group=GroupFactory(partnership=tenancy.theirs))
    chair = client_for(tenancy.user(Role.CHAIR))
    report = reverse("performance:report", args=[SLUG]) + "?period=2024-03-01"
    page = chair.get(report).content.decode()
    assert "This report has not been signed off for a meeting." in page
    url = reverse("scrutiny:report_sign_off", args=[SLUG])
    assert "Sign off this report for a meeting" in page

    form = chair.get(url + "?period=2024-03-01").content.decode()
    assert "Performance report to March 2024" in form
    assert "The Board: April board, 18 April 2024" in form
    assert f'value="{theirs.pk}"' not in form.split('name="meeting"')[1].split("</select>")[0]

    refused = chair.post(url, {"period": "2024-03-01", "meeting": str(theirs.pk)})
    assert "Select a meeting of this partnership from the list" in refused.content.decode()
    unknown = chair.post(url, {"period": "2019-01-01", "meeting": str(meeting.pk)})
    assert "Select a report period from the list" in unknown.content.decode()
    assert not ReportSignOff.objects.exists()

    done = chair.post(url, {"period": "2024-03-01", "meeting": str(meeting.pk)})
    assert done.status_code == 302
    assert done["Location"] == report + "#sign-off"
    sign_off = ReportSignOff.objects.get()
    assert sign_off.signed_by == tenancy.members[Role.CHAIR]
    assert sign_off.period == datetime.date(2024, 3, 1)
    page = chair.get(report).content.decode()
    today = timezone.localdate()
    assert (
        "Signed off for The Board: April board (18 April 2024) by Our Chair or scrutineer, "
        f"Chair or scrutineer on {today.day} {today:%B %Y}." in page
    )
    twice = chair.post(url, {"period": "2024-03-01", "meeting": str(meeting.pk)})
    assert "was already signed off for this meeting" in twice.content.decode()
    assert ReportSignOff.objects.count() == 1
