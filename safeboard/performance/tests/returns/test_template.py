"""The return's Excel template as an agency lead meets it: readable headers, an Instructions
sheet, each row's unit and definition, checks on the boxes to fill, the rest locked and greyed.
Downloaded, filled in as a person would in Excel, uploaded: the values are saved."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import ReturnStatus, Value
from safeboard.reports.tests.corpus import workbook_bytes

pytestmark = pytest.mark.django_db

LABELS = [
    "Indicator code",
    "Indicator",
    "Unit",
    "Definition",
    "Period",
    "Agency",
    "Value",
    "Numerator",
    "Denominator",
    "Comment",
    "Illustrative",
]


def url(r, suffix="template.xlsx"):
    return f"/p/ourshire/measures/returns/{r.pk}/{suffix}"


def download(client, agency_return):
    response = client.get(url(agency_return))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def return_sheet(workbook) -> Worksheet:
    sheet = workbook["Return"]
    assert isinstance(sheet, Worksheet)
    return sheet


def columns(sheet):
    """Header label -> column number, as a person finds a column by its heading."""
    return {cell.value: cell.column for cell in sheet[1]}


def row_of(sheet, code):
    col = columns(sheet)["Indicator code"]
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col).value == code)


def cell(sheet, code, label):
    return sheet.cell(row=row_of(sheet, code), column=columns(sheet)[label])


def saved(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def post(client, agency_return, content, name="filled.xlsx"):
    return client.post(url(agency_return, "upload/"), {"file": SimpleUploadedFile(name, content)})


def values():
    return {v.indicator.code: v for v in Value.objects.select_related("indicator")}


@pytest.fixture
def described(world):
    """The world's indicators with the definitions and labels an analyst gave them."""
    world.whole.definition = "Children on a child protection plan at the month's end. Counted once."
    world.whole.save()
    world.percent.definition = "Children seen within five working days of referral."
    world.percent.numerator_label = "children seen within five working days"
    world.percent.denominator_label = "children referred"
    world.percent.save()
    return world


def test_it_fills_the_downloaded_template_and_saves_its_values(tenancy, described):
    world = described
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    workbook = download(lead, world.agency_return)
    assert workbook.sheetnames == ["Return", "Instructions"]
    sheet = return_sheet(workbook)
    assert [c.value for c in sheet[1]] == LABELS
    assert cell(sheet, "cp-all", "Unit").value == "Count"
    assert cell(sheet, "seen", "Unit").value == "Percentage"
    assert cell(sheet, "cp-all", "Definition").value.startswith("Children on a child protection")
    assert cell(sheet, "cp-all", "Period").value == "April 2020"
    assert cell(sheet, "cp-all", "Agency").value == tenancy.agency.key

    # As a person types in Excel: a count, a comment, a percentage's numerator and denominator.
    cell(sheet, "cp-all", "Value").value = 10
    cell(sheet, "cp-neglect", "Value").value = 4
    cell(sheet, "cp-neglect", "Comment").value = "Two cases moved in."
    cell(sheet, "seen", "Numerator").value = 1
    cell(sheet, "seen", "Denominator").value = 2
    response = post(lead, world.agency_return, saved(workbook))

    assert response.status_code == 302
    found = values()
    assert found["cp-all"].value == 10
    assert found["cp-neglect"].comment == "Two cases moved in."
    assert found["seen"].value == 50
    world.agency_return.refresh_from_db()
    assert world.agency_return.status == ReturnStatus.DRAFT


def test_it_fills_in_saved_values_as_a_person_writes_them(tenancy, described):
    world = described
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    workbook = download(lead, world.agency_return)
    sheet = return_sheet(workbook)
    cell(sheet, "cp-all", "Value").value = 336
    cell(sheet, "seen", "Numerator").value = 0.25
    cell(sheet, "seen", "Denominator").value = 12.5
    assert post(lead, world.agency_return, saved(workbook)).status_code == 302

    again = return_sheet(download(lead, world.agency_return))
    assert cell(again, "cp-all", "Value").value == 336
    assert cell(again, "seen", "Numerator").value == 0.25
    assert cell(again, "seen", "Denominator").value == 12.5
    assert cell(again, "seen", "Value").value is None  # worked out again on upload


def test_it_checks_each_box_as_it_is_typed(tenancy, described):
    world = described
    sheet = return_sheet(download(client_for(tenancy.user(Role.AGENCY_LEAD)), world.agency_return))
    checks = {}
    for validation in sheet.data_validations.dataValidation:
        for box in str(validation.sqref).split():
            checks[box] = validation

    count = checks[cell(sheet, "cp-all", "Value").coordinate]
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert count.showInputMessage
    assert count.prompt.startswith("A whole number, 0 or more")
    assert "Small numbers are fine" in count.prompt
    assert checks[cell(sheet, "cp-neglect", "Value").coordinate] is count
    for label in ("Numerator", "Denominator"):
        ratio = checks[cell(sheet, "seen", label).coordinate]
        assert (ratio.type, ratio.operator, ratio.formula1) == (
            "decimal",
            "greaterThanOrEqual",
            "0",
        )
        assert ratio.showInputMessage
        assert ratio.prompt
        assert ratio.showErrorMessage
        assert ratio.error
    # A count has no numerator or denominator: nothing to type there.
    assert cell(sheet, "cp-all", "Numerator").coordinate not in checks
    comment = checks[cell(sheet, "cp-all", "Comment").coordinate]
    assert (comment.type, comment.formula1) == ("textLength", "5000")


def test_it_locks_and_greys_what_says_what_a_value_is_for(tenancy, described):
    world = described
    sheet = return_sheet(download(client_for(tenancy.user(Role.AGENCY_LEAD)), world.agency_return))
    assert sheet.protection.sheet
    assert not sheet.protection.password  # protected against mistakes, not locked away
    for label in ("Indicator code", "Indicator", "Unit", "Definition", "Period", "Agency"):
        box = cell(sheet, "cp-all", label)
        assert box.protection.locked, label
        assert box.fill.fgColor.rgb.endswith("F3F2F1"), label
    for label in ("Value", "Comment"):
        box = cell(sheet, "cp-all", label)
        assert not box.protection.locked, label
        assert box.fill.fill_type is None, label
    assert cell(sheet, "cp-all", "Numerator").protection.locked
    assert not cell(sheet, "seen", "Numerator").protection.locked
    assert not cell(sheet, "seen", "Denominator").protection.locked


def test_it_explains_in_an_instructions_sheet(tenancy, described):
    world = described
    workbook = download(client_for(tenancy.user(Role.AGENCY_LEAD)), world.agency_return)
    sheet = workbook["Instructions"]
    text = "\n".join(str(c.value) for (c,) in sheet.iter_rows(max_col=1) if c.value)
    assert f"Return for April 2020: {tenancy.agency.name}" in text
    assert "fill in only the white boxes" in text
    assert "greyed and locked" in text
    assert '"April 2020" for a month' in text
    assert f'short key ("{tenancy.agency.key}")' in text
    assert "Small numbers (0, 1, 2...) are fine here" in text
    assert "Illustrative" not in text.split("Uploading")[1]  # no illustrative row, no note


@pytest.mark.parametrize(
    "header",
    [
        # The old raw names, as templates downloaded before the readable headers have them.
        [
            "indicator_code",
            "indicator_name",
            "period",
            "agency",
            "value",
            "numerator",
            "denominator",
            "comment",
        ],
        # The readable labels, in the order today's template has them.
        LABELS[:10],
    ],
    ids=["raw names", "readable labels"],
)
def test_it_accepts_the_readable_labels_and_the_old_raw_names(tenancy, world, header):
    figures = {"value": 10, "numerator": None, "denominator": None, "comment": "checked"}
    rows = []
    for code, figure in (("cp-all", figures), ("seen", {"numerator": 3, "denominator": 4})):
        known = {
            "indicator_code": code,
            "indicator code": code,
            "period": "April 2020",
            "agency": tenancy.agency.key,
            **figure,
        }
        rows.append([known.get(name.lower()) for name in header])
    response = post(
        client_for(tenancy.user(Role.AGENCY_LEAD)),
        world.agency_return,
        workbook_bytes([header, *rows]),
    )
    assert response.status_code == 302
    found = values()
    assert found["cp-all"].value == 10
    assert found["cp-all"].comment == "checked"
    assert found["seen"].value == Decimal(75)
