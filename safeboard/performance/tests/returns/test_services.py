from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from safeboard.core.errors import ApplicationError
from safeboard.performance.models import AgencyReturn, Frequency, ReturnStatus, Value
from safeboard.performance.returns import services
from safeboard.performance.tests.factories import IndicatorFactory, ValueFactory

from .conftest import APRIL

pytestmark = pytest.mark.django_db
Input = services.ReturnInput


def fill(world, by, **overrides):
    rows = {
        world.whole.pk: Input(world.whole.pk, Decimal(10)),
        world.part.pk: Input(world.part.pk, Decimal(4)),
        world.percent.pk: Input(world.percent.pk, None, Decimal(3), Decimal(4)),
    }
    rows.update(overrides)
    return services.return_save_values(
        agency_return=world.agency_return, rows=list(rows.values()), by=by
    )


class TestSchedule:
    def test_it_expects_a_return_from_each_source_agency_once(self, tenancy, world):
        AgencyReturn.objects.all().delete()
        may = datetime.date(2020, 5, 1)
        kwargs = {
            "partnership": tenancy.ours,
            "frequency": Frequency.MONTHLY,
            "period_start": may,
            "due_date": datetime.date(2020, 6, 15),
            "by": tenancy.manager,
        }
        created = services.returns_schedule(**kwargs)
        assert {r.agency.name for r in created} == {"Ourshire Police", "Ourshire Health"}
        assert services.returns_schedule(**kwargs) == []
        assert AgencyReturn.objects.filter(period_start=may).count() == 2

    def test_it_refuses_a_date_that_does_not_start_a_period(self, tenancy, world):
        with pytest.raises(ApplicationError, match="start of a quarterly period"):
            services.returns_schedule(
                partnership=tenancy.ours,
                frequency=Frequency.QUARTERLY,
                period_start=datetime.date(2020, 5, 1),
                due_date=datetime.date(2020, 8, 1),
                by=tenancy.manager,
            )


class TestSaveSubmitApprove:
    def test_it_saves_a_draft_with_the_percentage_worked_out(self, tenancy, world):
        fill(world, tenancy.manager)
        world.agency_return.refresh_from_db()
        assert world.agency_return.status == ReturnStatus.DRAFT
        seen = Value.objects.get(indicator=world.percent, agency=tenancy.agency)
        assert seen.value == Decimal("75")
        assert seen.agency_return == world.agency_return
        assert seen.history.first().history_user == tenancy.manager

    def test_it_names_both_codes_when_a_part_exceeds_its_whole(self, tenancy, world):
        with pytest.raises(services.RowsError) as caught:
            services.return_save_values(
                agency_return=world.agency_return,
                rows=[Input(world.whole.pk, Decimal(3)), Input(world.part.pk, Decimal(4))],
                by=tenancy.manager,
            )
        assert "cp-neglect (4) cannot be more than cp-all (3)" in caught.value.errors[0][2]
        assert not Value.objects.exists()

    def test_it_refuses_an_indicator_another_agency_reports(self, tenancy, world):
        other = IndicatorFactory(partnership=tenancy.ours)
        with pytest.raises(ApplicationError, match="not part of this return"):
            services.return_save_values(
                agency_return=world.agency_return,
                rows=[Input(other.pk, Decimal(3))],
                by=tenancy.manager,
            )

    def test_it_approves_and_copies_values_to_the_partnership_total(self, tenancy, world):
        fill(world, tenancy.user("agency_lead"))
        services.return_submit(agency_return=world.agency_return, by=tenancy.user("agency_lead"))
        services.return_approve(agency_return=world.agency_return, by=tenancy.user("analyst"))
        world.agency_return.refresh_from_db()
        assert world.agency_return.status == ReturnStatus.APPROVED
        assert world.agency_return.approved_by == tenancy.user("analyst")
        total = Value.objects.get(indicator=world.whole, period_start=APRIL, agency=None)
        assert total.value == Decimal(10)
        with pytest.raises(ApplicationError, match="locked"):
            fill(world, tenancy.manager)

    def test_it_refuses_to_submit_a_missing_value_without_a_comment(self, tenancy, world):
        services.return_save_values(
            agency_return=world.agency_return,
            rows=[Input(world.whole.pk, Decimal(3))],
            by=tenancy.manager,
        )
        with pytest.raises(services.RowsError) as caught:
            services.return_submit(agency_return=world.agency_return, by=tenancy.manager)
        assert "cp-neglect: enter a value, or a comment" in caught.value.errors[0][2]

    def test_it_asks_for_a_comment_on_an_unusual_count(self, tenancy, world):
        for month in range(1, 7):
            ValueFactory(
                indicator=world.whole,
                period_start=datetime.date(2019, month, 1),
                value=Decimal(2),
            )
        fill(world, tenancy.manager)
        fill_big = {world.whole.pk: Input(world.whole.pk, Decimal(40))}
        services.return_save_values(
            agency_return=world.agency_return, rows=list(fill_big.values()), by=tenancy.manager
        )
        with pytest.raises(services.RowsError) as caught:
            services.return_submit(agency_return=world.agency_return, by=tenancy.manager)
        assert caught.value.errors[0][1] == "comment"
        assert "outside the usual range" in caught.value.errors[0][2]
        services.return_save_values(
            agency_return=world.agency_return,
            rows=[Input(world.whole.pk, Decimal(40), comment="A new team started counting.")],
            by=tenancy.manager,
        )
        services.return_submit(agency_return=world.agency_return, by=tenancy.manager)
        world.agency_return.refresh_from_db()
        assert world.agency_return.status == ReturnStatus.SUBMITTED

    def test_it_sends_back_with_a_reason_and_takes_a_resubmission(self, tenancy, world):
        fill(world, tenancy.manager)
        services.return_submit(agency_return=world.agency_return, by=tenancy.manager)
        with pytest.raises(ApplicationError, match="reason"):
            services.return_send_back(
                agency_return=world.agency_return, reason="", by=tenancy.manager
            )
        services.return_send_back(
            agency_return=world.agency_return, reason="Check cp-all.", by=tenancy.manager
        )
        world.agency_return.refresh_from_db()
        assert world.agency_return.status == ReturnStatus.RETURNED
        assert world.agency_return.reviewer_comment == "Check cp-all."
        fill(world, tenancy.manager)
        services.return_submit(agency_return=world.agency_return, by=tenancy.manager)
        world.agency_return.refresh_from_db()
        assert world.agency_return.status == ReturnStatus.SUBMITTED

    def test_it_refuses_to_approve_a_return_not_submitted(self, tenancy, world):
        with pytest.raises(ApplicationError, match="Only a submitted return"):
            services.return_approve(agency_return=world.agency_return, by=tenancy.manager)
