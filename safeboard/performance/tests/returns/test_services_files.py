"""The return services that read a file or save and submit in one step: all or nothing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest

from safeboard.partnerships.domain import disclosure
from safeboard.performance.models import ReturnStatus, Value
from safeboard.performance.returns import selectors, services
from safeboard.performance.tests.factories import ValueFactory
from safeboard.reports.tests.corpus import workbook_bytes

pytestmark = pytest.mark.django_db
Input = services.ReturnInput
HEADER = ["indicator_code", "period", "agency", "value", "numerator", "denominator", "comment"]


def _xlsx(rows):
    return io.BytesIO(workbook_bytes([HEADER, *rows]))


def _refused_upload(world, by, rows):
    """The problems of an upload that is refused; it writes nothing."""
    with pytest.raises(services.UploadError) as error:
        _upload(world, by, rows)
    assert not Value.objects.exists()
    return error.value.problems


def _upload(world, by, rows, name="return.xlsx"):
    return services.return_upload(
        agency_return=world.agency_return, upload=_xlsx(rows), name=name, by=by
    )


def test_it_saves_an_uploaded_template_as_a_draft(tenancy, world):
    _upload(
        world,
        tenancy.manager,
        [
            ["cp-all", "April 2020", "Ourshire Police", 10],
            ["seen", "April 2020", "Ourshire Police", None, 1, 4],
        ],
    )
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.DRAFT
    assert Value.objects.get(indicator=world.percent).value == 25


def test_it_writes_nothing_when_any_uploaded_row_is_wrong(tenancy, world):
    problems = _refused_upload(
        world,
        tenancy.manager,
        [
            ["cp-all", "April 2020", "Ourshire Police", 10],
            ["cp-neglect", "May 2020", "Ourshire Police", 4],
            ["seen", "April 2020", "Ourshire Police", "lots"],
        ],
    )
    assert "Row 3, period: this return is for April 2020" in problems, problems
    assert any(p.startswith("Row 4") for p in problems)
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.EXPECTED


def test_it_names_the_row_of_a_part_bigger_than_its_whole(tenancy, world):
    problems = _refused_upload(
        world,
        tenancy.manager,
        [
            ["cp-all", "April 2020", "Ourshire Police", 3],
            ["cp-neglect", "April 2020", "Ourshire Police", 4],
        ],
    )
    assert problems == [
        "Row 3, value: cp-neglect (4) cannot be more than cp-all (3), which it is part of. "
        "Check both values."
    ]


def test_it_refuses_a_file_it_cannot_read_with_a_message(tenancy, world):
    with pytest.raises(services.UploadError) as error:
        services.return_upload(
            agency_return=world.agency_return,
            upload=io.BytesIO(b"PK\x03\x04 not really a workbook"),
            name="return.xlsx",
            by=tenancy.manager,
        )
    assert "could not be read as an Excel workbook" in error.value.problems[0]


def test_it_refuses_an_upload_to_a_submitted_return(tenancy, world):
    world.agency_return.status = ReturnStatus.SUBMITTED
    world.agency_return.save()
    problems = _refused_upload(
        world, tenancy.manager, [["cp-all", "April 2020", "Ourshire Police", 10]]
    )
    assert "submitted" in problems[0]


def _inputs(world, whole=Decimal(10), comment=""):
    return [
        Input(world.whole.pk, whole, comment=comment),
        Input(world.part.pk, Decimal(4)),
        Input(world.percent.pk, None, Decimal(3), Decimal(4)),
    ]


def test_it_saves_and_submits_in_one_step(tenancy, world):
    services.return_save_and_submit(
        agency_return=world.agency_return, rows=_inputs(world), by=tenancy.manager
    )
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.SUBMITTED
    assert Value.objects.filter(agency=tenancy.agency).count() == 3


def test_it_saves_nothing_when_the_return_cannot_be_submitted(tenancy, world):
    for month in range(1, 7):
        ValueFactory(
            indicator=world.whole, period_start=datetime.date(2019, month, 1), value=Decimal(2)
        )
    with pytest.raises(services.RowsError) as error:
        services.return_save_and_submit(
            agency_return=world.agency_return,
            rows=_inputs(world, whole=Decimal(40)),
            by=tenancy.manager,
        )
    assert "outside the usual range" in error.value.errors[0][2]
    assert not Value.objects.filter(agency=tenancy.agency).exists()
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.EXPECTED


@pytest.mark.parametrize(
    ("entitlement", "filled"),
    [
        (disclosure.entitlement(role="agency_lead", output=disclosure.Output.FILE), False),
        (
            disclosure.entitlement(
                role="agency_lead", output=disclosure.Output.FILE, acts_for_record=True
            ),
            True,
        ),
    ],
)
def test_it_fills_in_the_template_only_for_those_who_act_for_the_return(
    tenancy, world, entitlement, filled
):
    services.return_save_values(
        agency_return=world.agency_return, rows=_inputs(world), by=tenancy.manager
    )
    rows = selectors.return_template(
        world.agency_return, entitlement=entitlement, today=datetime.date(2020, 5, 1)
    ).rows
    assert [r.code for r in rows] == ["cp-all", "cp-neglect", "seen"]
    assert (rows[0].value == Decimal(10)) is filled
    assert rows[2].value is None  # a rate is worked out again from numerator and denominator
    assert (rows[2].numerator == Decimal(3)) is filled
