"""Keying one value, or correcting one, from the report card (an analyst's page)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.indicators import services
from safeboard.performance.models import (
    AgencyReturn,
    IndicatorAnalysis,
    ReturnStatus,
    Unit,
    Value,
)
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.ui.tests.forms import assert_no_lost_update, form_data
from safeboard.ui.tests.pages import queries_to_show

BASE = "/p/ourshire/measures"


def _card(indicator):
    return f"{BASE}/indicators/{indicator.pk}/"


def _add(indicator):
    return f"{BASE}/indicators/{indicator.pk}/values/add/"


def _list(indicator):
    return f"{BASE}/indicators/{indicator.pk}/values/"


def _change(value):
    return f"{BASE}/indicators/{value.indicator_id}/values/{value.pk}/"


def _icon(indicator):
    return IndicatorAnalysis.objects.get(indicator=indicator, as_of__isnull=True).summary[
        "variation_icon"
    ]


def test_it_lets_an_analyst_key_a_value_the_card_shows_at_once(tenancy, world):
    analyst = client_for(tenancy.user(Role.ANALYST))
    card = analyst.get(_card(world.indicator)).content.decode()
    assert f'href="{_add(world.indicator)}">Add or correct a value</a>' in card
    before = _icon(world.indicator)
    data = form_data(analyst, _add(world.indicator), other_period="April 2021", value="0")
    done = analyst.post(_add(world.indicator), data)
    assert done.status_code == 302
    assert done["Location"] == _card(world.indicator)
    card = analyst.get(done["Location"]).content.decode()
    assert "Value for April 2021 added. The report card shows it." in card
    assert "0 (April 2021)" in card  # the latest value
    assert _icon(world.indicator) != before  # the analysis was worked out again
    value = Value.objects.get(indicator=world.indicator, period_start=datetime.date(2021, 4, 1))
    assert value.value == Decimal(0)
    assert value.history.get().history_user == tenancy.user(Role.ANALYST)


def test_it_lets_an_analyst_choose_a_recent_period_from_the_list(tenancy, world):
    analyst = client_for(tenancy.user(Role.ANALYST))
    page = analyst.get(_add(world.indicator)).content.decode()
    this_month = datetime.date.today().replace(day=1)
    assert f'<option value="{this_month.isoformat()}">' in page
    data = form_data(analyst, _add(world.indicator), period=this_month.isoformat(), value="12")
    assert analyst.post(_add(world.indicator), data).status_code == 302
    assert Value.objects.get(indicator=world.indicator, period_start=this_month).value == 12


def test_it_corrects_a_value_from_the_values_page_keeping_the_one_before(tenancy, world):
    analyst = client_for(tenancy.user(Role.ANALYST))
    value = Value.objects.get(indicator=world.indicator, period_start=world.months[-1])
    listed = analyst.get(_list(world.indicator)).content.decode()
    assert f'href="{_change(value)}">Change' in listed
    assert "March 2021" in listed
    data = form_data(analyst, _change(value), value="21", comment="Late referrals added")
    done = analyst.post(_change(value), data)
    assert done.status_code == 302
    card = analyst.get(done["Location"]).content.decode()
    assert "Value for March 2021 corrected." in card
    assert "21 (March 2021)" in card
    value.refresh_from_db()
    assert (value.value, value.comment) == (Decimal(21), "Late referrals added")
    assert value.history.latest("history_date").history_user == tenancy.user(Role.ANALYST)
    # Corrected again: the page shows who changed it from what.
    data = form_data(analyst, _change(value), value="22")
    analyst.post(_change(value), data)
    assert [h.value for h in value.history.order_by("history_date")] == [21, 22]
    assert "21" in analyst.get(_change(value)).content.decode()


def test_it_corrects_the_value_there_when_a_period_is_keyed_again(tenancy, world):
    analyst = client_for(tenancy.user(Role.ANALYST))
    data = form_data(analyst, _add(world.indicator), other_period="March 2021", value="30")
    done = analyst.post(_add(world.indicator), data)
    assert "Value for March 2021 corrected." in analyst.get(done["Location"]).content.decode()
    assert Value.objects.filter(indicator=world.indicator, period_start=world.months[-1]).get(
        agency__isnull=True
    ).value == Decimal(30)


def _refused(client, url, **changes):
    response = client.post(url, form_data(client, url, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    return html


def test_it_refuses_bad_figures_with_the_imports_messages_and_writes_nothing(tenancy, world):
    analyst = client_for(tenancy.user(Role.ANALYST))
    url = _add(world.indicator)
    count = Value.objects.count()
    assert "Enter a number, like 12 or 3.5." in _refused(
        analyst, url, other_period="April 2021", value="twelve"
    )
    assert "A count cannot be negative: enter 0 or more." in _refused(
        analyst, url, other_period="April 2021", value="-3"
    )
    assert "Enter the period like April 2017." in _refused(
        analyst, url, other_period="Spring 2021", value="3"
    )
    assert "Choose a period or type one, not both." in _refused(
        analyst,
        url,
        period=datetime.date.today().replace(day=1).isoformat(),
        other_period="April 2021",
        value="3",
    )
    assert "Choose the period the value is for" in _refused(analyst, url, value="3")
    assert Value.objects.count() == count


def test_it_works_out_a_percentage_and_refuses_a_part_bigger_than_its_whole(tenancy):
    indicator = IndicatorFactory(
        partnership=tenancy.ours,
        code="RE-01",
        unit=Unit.PERCENTAGE,
        frequency="quarterly",
        numerator_label="Re-referrals",
        denominator_label="Referrals",
    )
    analyst = client_for(tenancy.user(Role.ANALYST))
    url = _add(indicator)
    page = analyst.get(url).content.decode()
    assert "Re-referrals" in page
    assert 'id="id_denominator"' in page
    html = _refused(analyst, url, other_period="2024/25 Q1", numerator="520", denominator="480")
    assert "The numerator (520) cannot be more than the denominator (480)" in html
    assert not Value.objects.filter(indicator=indicator).exists()
    data = form_data(analyst, url, other_period="2024/25 Q1", numerator="120", denominator="480")
    assert analyst.post(url, data).status_code == 302
    value = Value.objects.get(indicator=indicator)
    assert [value.value, value.numerator, value.denominator] == [25, 120, 480]


def test_it_refuses_to_change_a_value_in_an_approved_agency_return(tenancy, world):
    day = world.months[-1]
    agency_return = AgencyReturn.objects.create(
        partnership=tenancy.ours,
        agency=tenancy.agency,
        frequency="monthly",
        period_start=day,
        due_date=day,
        status=ReturnStatus.APPROVED,
    )
    Value.objects.create(
        partnership=tenancy.ours,
        indicator=world.indicator,
        period_start=day,
        agency=tenancy.agency,
        value=Decimal(7),
        agency_return=agency_return,
    )
    analyst = client_for(tenancy.user(Role.ANALYST))
    html = _refused(
        analyst,
        _add(world.indicator),
        other_period="March 2021",
        agency=tenancy.agency.pk,
        value="9",
    )
    assert "which has been approved" in html
    assert Value.objects.get(agency=tenancy.agency).value == Decimal(7)


def test_it_keeps_both_corrections_made_from_the_same_page(tenancy, world):
    value = Value.objects.get(indicator=world.indicator, period_start=world.months[-1])
    analyst = tenancy.user(Role.ANALYST)
    # Keyed once through the service, so its history holds the value before.
    services.value_save(
        indicator=world.indicator, by=analyst, period="March 2021", value="20", record=value
    )
    assert_no_lost_update(
        client_for(analyst),
        client_for(tenancy.manager),
        _change(value),
        first_changes={"value": "22"},
        second_changes={"value": "23"},
        first_name=str(analyst),
        change="Value (20.0000 -> 22.0000)",
    )
    value.refresh_from_db()
    assert value.value == Decimal(23)


def test_it_offers_the_value_pages_to_analysts_only(tenancy, world):
    value = Value.objects.filter(indicator=world.indicator).first()
    board = client_for(tenancy.user(Role.BOARD_MEMBER))
    card = board.get(_card(world.indicator)).content.decode()
    assert "Add or correct a value" not in card
    for url in (_add(world.indicator), _list(world.indicator), _change(value)):
        assert board.get(url).status_code == 403
    assert (
        board.post(_add(world.indicator), {"other_period": "April 2021", "value": "1"}).status_code
        == 403
    )
    assert not Value.objects.filter(period_start=datetime.date(2021, 4, 1)).exists()


def test_it_lists_values_in_a_constant_number_of_queries(tenancy, world):
    client = client_for(tenancy.user(Role.ANALYST))
    few = IndicatorFactory(partnership=tenancy.ours, code="FEW")
    Value.objects.create(
        partnership=tenancy.ours, indicator=few, period_start=world.months[0], value=1
    )
    assert queries_to_show(client, _list(few)) == queries_to_show(client, _list(world.indicator))
