"""Two people fill in the same agency return at once (its lead and an analyst): the first save
wins, the second is told who saved which values and keeps their input, and nothing is lost. The
return's version moves on whenever its values are saved, by the web form or a template upload."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import AgencyReturn, ReturnStatus, Value
from safeboard.performance.returns import services
from safeboard.ui.tests.forms import assert_no_lost_update, form_data

pytestmark = pytest.mark.django_db


def _url(agency_return):
    return f"/p/ourshire/measures/returns/{agency_return.pk}/"


def _value(world, indicator):
    return Value.objects.get(indicator=indicator, agency_id=world.agency_return.agency_id).value


def test_it_keeps_both_peoples_values_in_a_return(tenancy, world):
    lead = tenancy.user(Role.AGENCY_LEAD)
    whole, part = world.whole.pk, world.part.pk
    assert_no_lost_update(
        client_for(lead),
        client_for(tenancy.user(Role.ANALYST)),
        _url(world.agency_return),
        first_changes={f"value_{whole}": "10"},
        second_changes={f"value_{whole}": "12", f"value_{part}": "5"},
        first_name=str(lead),
        change="Status (Expected -> Draft), cp-all value (not recorded -> 10)",
    )
    assert (_value(world, world.whole), _value(world, world.part)) == (12, 5)
    assert AgencyReturn.objects.get(pk=world.agency_return.pk).status == ReturnStatus.DRAFT


def test_it_names_the_values_changed_in_a_draft_since_the_form_was_opened(tenancy, world):
    """Once the return is a draft its status no longer changes: the values are what is named."""
    lead, analyst = client_for(tenancy.user(Role.AGENCY_LEAD)), tenancy.user(Role.ANALYST)
    url = _url(world.agency_return)
    saved = lead.post(url, form_data(lead, url, **{f"value_{world.whole.pk}": "7"}))
    assert saved.status_code == 302
    opened = form_data(lead, url, **{f"comment_{world.whole.pk}": "Checked twice"})
    first = client_for(analyst)
    assert (
        first.post(url, form_data(first, url, **{f"value_{world.whole.pk}": "8"})).status_code
        == 302
    )
    refused = lead.post(url, opened).content.decode()
    assert f"{analyst} changed this on " in refused
    assert "cp-all value (7 -&gt; 8)" in refused
    assert "Status (" not in refused
    assert _value(world, world.whole) == 8
    assert Value.objects.get(indicator=world.whole).comment == ""  # nothing of the refused save


def test_it_refuses_a_save_and_submit_over_a_newer_save_and_submits_nothing(tenancy, world):
    lead, analyst = client_for(tenancy.user(Role.AGENCY_LEAD)), client_for(tenancy.manager)
    url = _url(world.agency_return)
    filled = {
        f"value_{world.whole.pk}": "10",
        f"value_{world.part.pk}": "4",
        f"numerator_{world.percent.pk}": "3",
        f"denominator_{world.percent.pk}": "4",
    }
    opened = {**form_data(lead, url, **filled), "submit": ""}
    analyst.post(url, form_data(analyst, url, **{f"value_{world.whole.pk}": "11"}))
    refused = lead.post(url, opened)
    assert refused.status_code == 200
    assert "since you opened it" in refused.content.decode()
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.DRAFT  # saved by the analyst, not submitted
    assert _value(world, world.whole) == 11


def test_it_refuses_a_form_opened_before_a_template_upload_saved_values(tenancy, world):
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    url = _url(world.agency_return)
    opened = form_data(lead, url, **{f"value_{world.whole.pk}": "10"})
    # The upload saves through the same service, without a version of its own: it moves it on.
    services.return_save_values(
        agency_return=world.agency_return,
        rows=[services.ReturnInput(indicator_id=world.whole.pk, value=Decimal("9"))],
        by=tenancy.manager,
    )
    refused = lead.post(url, opened)
    assert refused.status_code == 200
    assert f"{tenancy.manager} changed this on " in refused.content.decode()
    assert _value(world, world.whole) == 9
