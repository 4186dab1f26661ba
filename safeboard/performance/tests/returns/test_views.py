from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.tests.factories import AgencyFactory
from safeboard.performance.models import AgencyReturn, ReturnStatus, Value
from safeboard.performance.tests.factories import (
    AgencyReturnFactory,
    IndicatorFactory,
    ValueFactory,
)
from safeboard.ui.tests.forms import date_parts
from safeboard.ui.tests.pages import queries_to_show

from .conftest import APRIL

pytestmark = pytest.mark.django_db


def url(r, suffix=""):
    return f"/p/ourshire/measures/returns/{r.pk}/{suffix}"


def form_data(world, *, whole="10", part="4", num="3", den="4", comment="", button="submit"):
    """What the return's page posts, loaded now (with the return's current version)."""
    version = AgencyReturn.objects.get(pk=world.agency_return.pk).record_version
    return {
        "version": str(version),
        f"value_{world.whole.pk}": whole,
        f"comment_{world.whole.pk}": comment,
        f"value_{world.part.pk}": part,
        f"comment_{world.part.pk}": "",
        f"numerator_{world.percent.pk}": num,
        f"denominator_{world.percent.pk}": den,
        f"value_{world.percent.pk}": "",
        f"comment_{world.percent.pk}": "",
        button: "",
    }


def test_it_lets_the_agency_lead_fill_in_and_submit_their_return(tenancy, world):
    client = client_for(tenancy.user(Role.AGENCY_LEAD))
    page = client.get(url(world.agency_return))
    assert page.status_code == 200
    assert "cp-all" in page.content.decode()
    assert "Submit return" in page.content.decode()
    response = client.post(url(world.agency_return), form_data(world))
    assert response.status_code == 302
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.SUBMITTED
    assert world.agency_return.submitted_by == tenancy.user(Role.AGENCY_LEAD)
    assert Value.objects.get(indicator=world.percent, agency=tenancy.agency).value == 75


def test_it_saves_a_draft_without_submitting(tenancy, world):
    client = client_for(tenancy.user(Role.AGENCY_LEAD))
    client.post(url(world.agency_return), form_data(world, part="", button="save"))
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.DRAFT
    assert Value.objects.filter(agency=tenancy.agency).count() == 3


def test_it_shows_row_errors_naming_the_indicator_and_writes_nothing(tenancy, world):
    client = client_for(tenancy.user(Role.AGENCY_LEAD))
    response = client.post(url(world.agency_return), form_data(world, whole="ten"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "cp-all, value: enter a number" in body
    assert not Value.objects.exists()


def test_it_refuses_a_part_bigger_than_its_whole(tenancy, world):
    client = client_for(tenancy.user(Role.AGENCY_LEAD))
    response = client.post(url(world.agency_return), form_data(world, whole="3", part="4"))
    assert "cp-neglect (4) cannot be more than cp-all (3)" in response.content.decode()
    assert not Value.objects.exists()


def test_it_asks_for_a_comment_on_an_outlier_then_accepts_it(tenancy, world):
    for month in range(1, 7):
        ValueFactory(
            indicator=world.whole, period_start=datetime.date(2019, month, 1), value=Decimal(2)
        )
    client = client_for(tenancy.user(Role.AGENCY_LEAD))
    refused = client.post(url(world.agency_return), form_data(world, whole="40"))
    assert "outside the usual range" in refused.content.decode()
    # Save and submit is one step: refused, it saves nothing, and the form keeps the input.
    assert 'value="40"' in refused.content.decode()
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.EXPECTED
    assert not Value.objects.filter(agency=tenancy.agency).exists()
    client.post(url(world.agency_return), form_data(world, whole="40", button="save"))
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.DRAFT
    page = client.get(url(world.agency_return)).content.decode()
    assert "outside the usual range" in page  # the warning stays until explained
    client.post(url(world.agency_return), form_data(world, whole="40", comment="New team."))
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.SUBMITTED


def _submitted(tenancy, world):
    client_for(tenancy.user(Role.AGENCY_LEAD)).post(url(world.agency_return), form_data(world))


def test_it_lets_an_analyst_approve_making_the_partnership_value(tenancy, world):
    _submitted(tenancy, world)
    analyst = client_for(tenancy.user(Role.ANALYST))
    assert "Approve return" in analyst.get(url(world.agency_return)).content.decode()
    assert analyst.post(url(world.agency_return, "approve/")).status_code == 302
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.APPROVED
    total = Value.objects.get(indicator=world.whole, period_start=APRIL, agency=None)
    assert total.value == 10


def test_it_lets_an_analyst_send_a_return_back_with_a_reason(tenancy, world):
    _submitted(tenancy, world)
    analyst = client_for(tenancy.user(Role.ANALYST))
    empty = analyst.post(url(world.agency_return, "send-back/"), {"reason": ""})
    assert "Enter the reason for sending the return back." in empty.content.decode()
    analyst.post(url(world.agency_return, "send-back/"), {"reason": "Check cp-all, please."})
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.RETURNED
    lead_page = client_for(tenancy.user(Role.AGENCY_LEAD)).get(url(world.agency_return))
    assert "Check cp-all, please." in lead_page.content.decode()


@pytest.mark.parametrize("role", [Role.AGENCY_LEAD, Role.BOARD_MEMBER, Role.CHAIR])
def test_it_refuses_changes_to_another_agencys_return(tenancy, world, role):
    client = client_for(tenancy.user(role))
    other = world.other_return
    assert client.get(url(other)).status_code == 200
    assert client.post(url(other), {}).status_code == 403
    assert client.post(url(other, "upload/"), {}).status_code == 403
    assert client.post(url(other, "approve/")).status_code == 403
    other.refresh_from_db()
    assert other.status == ReturnStatus.EXPECTED


def test_it_keeps_an_approved_return_locked(tenancy, world):
    _submitted(tenancy, world)
    client_for(tenancy.user(Role.ANALYST)).post(url(world.agency_return, "approve/"))
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    response = lead.post(url(world.agency_return), form_data(world, whole="9", button="save"))
    assert "approved and is locked" in response.content.decode()
    assert Value.objects.get(indicator=world.whole, agency=tenancy.agency).value == 10


def test_it_escapes_hostile_text_in_comments(tenancy, world):
    client = client_for(tenancy.user(Role.AGENCY_LEAD))
    client.post(url(world.agency_return), form_data(world, comment="<script>x</script>"))
    body = client_for(tenancy.user(Role.BOARD_MEMBER)).get(url(world.agency_return)).content
    assert b"<script>x</script>" not in body
    assert b"&lt;script&gt;" in body


def test_it_schedules_returns_for_a_period(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    response = client.post(
        "/p/ourshire/measures/returns/schedule/",
        {"frequency": "monthly", "period": "May 2020", **date_parts("due_date", "15/6/2020")},
    )
    assert response.status_code == 302
    assert AgencyReturn.objects.filter(period_start=datetime.date(2020, 5, 1)).count() == 2
    refused = client_for(tenancy.user(Role.AGENCY_LEAD)).post(
        "/p/ourshire/measures/returns/schedule/", {}
    )
    assert refused.status_code == 403


def test_it_refuses_a_wrong_period_when_scheduling(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    response = client.post(
        "/p/ourshire/measures/returns/schedule/",
        {"frequency": "quarterly", "period": "May 2020", **date_parts("due_date", "31/6/2020")},
    )
    assert "Enter the period like 2017/18 Q1." in response.content.decode()
    assert "Due date must be a real date" in response.content.decode()
    assert not AgencyReturn.objects.filter(frequency="quarterly").exists()


def test_it_lists_the_agency_leads_own_returns(tenancy, world):
    body = client_for(tenancy.user(Role.AGENCY_LEAD)).get("/p/ourshire/measures/returns/mine/")
    text = body.content.decode()
    assert "Returns of Ourshire Police" in text
    assert "Ourshire Health" not in text


def test_it_shows_the_overview_matrix(tenancy, world):
    body = client_for(tenancy.user(Role.BOARD_MEMBER)).get("/p/ourshire/measures/returns/")
    text = body.content.decode()
    assert "Ourshire Police" in text
    assert "April 2020" in text
    assert "0 of 3 (0%)" in text


def _many(tenancy, agencies, months):
    for _a in range(agencies):
        agency = AgencyFactory(partnership=tenancy.ours)
        IndicatorFactory(partnership=tenancy.ours, source_agency=agency)
        for m in range(months):
            r = AgencyReturnFactory(
                partnership=tenancy.ours,
                agency=agency,
                period_start=datetime.date(2018 + m // 12, m % 12 + 1, 1),
                status=ReturnStatus.SUBMITTED,
            )
            ValueFactory(
                indicator=IndicatorFactory(partnership=tenancy.ours, source_agency=agency),
                agency=agency,
                period_start=r.period_start,
                agency_return=r,
            )


def test_it_reads_the_overview_in_a_constant_number_of_queries(tenancy):
    client = client_for(tenancy.user(Role.ANALYST))
    _many(tenancy, 1, 1)
    small = queries_to_show(client, "/p/ourshire/measures/returns/")
    _many(tenancy, 5, 14)
    assert queries_to_show(client, "/p/ourshire/measures/returns/") == small
