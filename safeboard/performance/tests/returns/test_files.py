"""The Excel template of a return, tidy value imports and the value exports."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import ReturnStatus, Value
from safeboard.performance.tests.factories import IndicatorFactory, ValueFactory
from safeboard.reports.tests.corpus import workbook_bytes

pytestmark = pytest.mark.django_db
IMPORT = "/p/ourshire/measures/values/import/"
EXPORT = "/p/ourshire/measures/values/export"
# The tidy columns a return's template named before its headers were readable: an upload may
# still give these raw names.
TEMPLATE = [
    "indicator_code",
    "indicator_name",
    "period",
    "agency",
    "value",
    "numerator",
    "denominator",
    "comment",
]


def sheet_of(workbook):
    sheet = workbook.worksheets[0]
    assert isinstance(sheet, Worksheet)
    return sheet


def read_sheet(content):
    return sheet_of(load_workbook(io.BytesIO(content)))


def csv_rows(client):
    """The rows of the values export as CSV, as `client` gets it."""
    return list(csv.reader(io.StringIO(client.get(EXPORT + ".csv").content.decode("utf-8-sig"))))


def sheet_xml(content):
    return zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")


def upload(name, content):
    return {"file": SimpleUploadedFile(name, content)}


def template_url(r, suffix="template.xlsx"):
    return f"/p/ourshire/measures/returns/{r.pk}/{suffix}"


class TestTemplate:
    """The template's own round trip (downloaded, filled as in Excel, uploaded) is in
    test_template.py; here, what it must never let through."""

    def test_it_neutralises_formulas_in_the_template(self, tenancy, world):
        world.whole.name = "=cmd|' /C calc'!A0"
        world.whole.save()
        response = client_for(tenancy.user(Role.AGENCY_LEAD)).get(template_url(world.agency_return))
        sheet = read_sheet(response.content)
        assert sheet.cell(row=1, column=2).value == "Indicator"
        cell = sheet.cell(row=2, column=2)
        assert cell.value == "=cmd|' /C calc'!A0"  # exactly as typed, and text: never a formula
        assert cell.data_type == "s"
        assert b"<f>" not in sheet_xml(response.content)

    def test_it_marks_illustrative_rows(self, tenancy, world):
        world.whole.is_illustrative = True
        world.whole.save()
        response = client_for(tenancy.user(Role.ANALYST)).get(template_url(world.agency_return))
        sheet = read_sheet(response.content)
        assert sheet.cell(row=1, column=11).value == "Illustrative"
        assert sheet.cell(row=2, column=11).value == (
            "Illustrative values: synthetic data for demonstration"
        )
        assert sheet.cell(row=3, column=11).value is None
        page = client_for(tenancy.user(Role.BOARD_MEMBER)).get(
            template_url(world.agency_return, "")
        )
        assert b"Illustrative values: synthetic data for demonstration" in page.content

    def test_it_refuses_a_malformed_upload_with_row_messages_and_writes_nothing(
        self, tenancy, world
    ):
        content = workbook_bytes(
            [
                TEMPLATE,
                ["cp-all", "", "April 2020", "", 10, None, None, None],
                ["cp-neglect", "", "May 2020", "", 4, None, None, None],
                ["seen", "", "April 2020", "", "lots", None, None, None],
                ["health-1", "", "April 2020", "", 1, None, None, None],
            ]
        )
        lead = client_for(tenancy.user(Role.AGENCY_LEAD))
        response = lead.post(
            template_url(world.agency_return, "upload/"), upload("f.xlsx", content)
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "Nothing was saved" in body
        assert "Row 3, period: this return is for April 2020" in body
        assert "Row 4, value: enter a number" in body
        assert (
            "Row 5, indicator_code: there is no indicator with the code &#x27;health-1&#x27;"
            in body
        )
        assert not Value.objects.exists()

    def test_it_refuses_a_file_that_is_not_a_spreadsheet(self, tenancy, world):
        lead = client_for(tenancy.user(Role.AGENCY_LEAD))
        response = lead.post(
            template_url(world.agency_return, "upload/"), upload("f.xlsx", b"PK\x03\x04rubbish")
        )
        assert "could not be read as an Excel workbook" in response.content.decode()


class TestTidyImportExport:
    def test_it_round_trips_values_through_csv(self, tenancy, world):
        analyst = client_for(tenancy.user(Role.ANALYST))
        text = (
            "indicator_code,period,agency,value,numerator,denominator,comment\r\n"
            "cp-all,April 2020,,12,,,\r\n"
            "cp-all,2020-05-01,police-x,7,,,from police\r\n"
            "seen,May 2020,,,1,4,\r\n"
        ).replace("police-x", tenancy.agency.key)
        response = analyst.post(IMPORT, upload("values.csv", text.encode()))
        assert response.status_code == 302
        assert Value.objects.count() == 3
        created = Value.history.filter(history_type="+")
        assert created.count() == 3
        assert {h.history_user for h in created} == {tenancy.user(Role.ANALYST)}
        exported = analyst.get(EXPORT + ".csv").content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(exported)))
        assert rows[0] == [
            "indicator_code", "period", "agency", "value", "numerator", "denominator",
            "comment", "unit", "illustrative",
        ]  # fmt: skip
        assert [
            "cp-all",
            "May 2020",
            tenancy.agency.key,
            "7",
            "",
            "",
            "from police",
            "Count",
            "",
        ] in rows
        assert ["seen", "May 2020", "", "25", "1", "4", "", "Percentage", ""] in rows
        # Importing the export again changes nothing but is accepted.
        again = analyst.post(IMPORT, upload("again.csv", exported.encode()))
        assert again.status_code == 302
        assert Value.objects.count() == 3

    def test_it_imports_xlsx_and_updates_existing_values(self, tenancy, world):
        ValueFactory(indicator=world.whole, period_start=datetime.date(2020, 4, 1), value=1)
        content = workbook_bytes(
            [
                ["indicator_code", "period", "value"],
                ["cp-all", "April 2020", 5],
                ["cp-all", datetime.datetime(2020, 5, 1), 6.5],
            ]
        )
        response = client_for(tenancy.user(Role.ANALYST)).post(IMPORT, upload("v.xlsx", content))
        assert response.status_code == 302
        values = dict(Value.objects.values_list("period_start", "value"))
        assert values == {
            datetime.date(2020, 4, 1): Decimal(5),
            datetime.date(2020, 5, 1): Decimal("6.5"),
        }
        history = Value.objects.get(period_start=datetime.date(2020, 4, 1)).history.first()
        assert history.history_user == tenancy.user(Role.ANALYST)

    def test_it_refuses_a_bad_file_whole_with_row_messages(
        self,
        tenancy,
        world,
    ):
        ValueFactory(indicator=world.whole, period_start=datetime.date(2020, 4, 1), value=1)
        text = (
            "indicator_code,period,agency,value,comment\r\n"
            "cp-all,April 2020,,99,\r\n"
            "nope,April 2020,,1,\r\n"
            "cp-all,2020/21 Q1,,1,\r\n"
            "cp-all,May 2020,Theirshire Police,1,\r\n"
            "cp-all,June 2020,,=1+1,\r\n"
            "cp-all,July 2020,,1,bad\x01text\r\n"
            "cp-all,April 2020,,3,\r\n"
        )
        response = client_for(tenancy.user(Role.ANALYST)).post(
            IMPORT, upload("v.csv", text.encode())
        )
        body = response.content.decode()
        for expected in (
            "Row 3, indicator_code",
            "Row 4, period: cp-all is monthly",
            "Row 5, agency: there is no agency &#x27;Theirshire Police&#x27; in this partnership",
            "Row 6, value: enter a number",
            "Row 7, comment: remove the control characters",
            "Row 8: this repeats row 2",
        ):
            assert expected in body, expected
        assert Value.objects.get().value == 1

    def test_it_locks_values_of_approved_returns_against_import(self, tenancy, world):
        world.agency_return.status = ReturnStatus.APPROVED
        world.agency_return.save()
        ValueFactory(
            indicator=world.whole,
            agency=tenancy.agency,
            agency_return=world.agency_return,
            value=3,
        )
        text = f"indicator_code,period,agency,value\r\ncp-all,April 2020,{tenancy.agency.key},9\r\n"
        response = client_for(tenancy.user(Role.ANALYST)).post(
            IMPORT, upload("v.csv", text.encode())
        )
        assert "Row 2: this value is in an agency return that has been submitted or approved" in (
            response.content.decode()
        )
        assert Value.objects.get().value == 3

    @pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.AGENCY_LEAD, Role.CHAIR])
    def test_it_refuses_imports_from_roles_without_manage_indicators(self, tenancy, world, role):
        text = b"indicator_code,period,value\r\ncp-all,April 2020,9\r\n"
        response = client_for(tenancy.user(role)).post(IMPORT, upload("v.csv", text))
        assert response.status_code == 403
        assert not Value.objects.exists()

    def test_it_neutralises_formulas_in_exports(self, tenancy, world):
        ValueFactory(indicator=world.whole, value=9, comment='=HYPERLINK("http://x")')
        analyst = client_for(tenancy.user(Role.ANALYST))
        rows = csv_rows(analyst)
        assert rows[1][6] == '\'=HYPERLINK("http://x")'
        content = analyst.get(EXPORT + ".xlsx").content
        cell = read_sheet(content).cell(row=2, column=7)
        assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")
        assert b"<f>" not in sheet_xml(content)

    @pytest.mark.parametrize(
        ("role", "shown"),
        [
            (Role.ANALYST, "3"),
            (Role.MANAGER, "3"),
            (Role.BOARD_MEMBER, "<5"),
            (Role.CHAIR, "<5"),
            (Role.GROUP_CHAIR, "<5"),
            (Role.AGENCY_LEAD, "<5"),
        ],
    )
    def test_it_suppresses_small_counts_for_readers_not_entitled(self, tenancy, world, role, shown):
        ValueFactory(indicator=world.whole, value=3)
        ValueFactory(indicator=world.part, value=30)
        client = client_for(tenancy.user(role))
        rows = csv_rows(client)
        assert rows[1][3] == shown
        assert rows[2][3] == "30"
        sheet = read_sheet(client.get(EXPORT + ".xlsx").content)
        assert str(sheet.cell(row=2, column=4).value) == shown

    def test_it_labels_illustrative_values_in_exports(self, tenancy, world):
        indicator = IndicatorFactory(partnership=tenancy.ours, is_illustrative=True)
        ValueFactory(indicator=indicator, value=30)
        rows = csv_rows(client_for(tenancy.user(Role.ANALYST)))
        assert rows[1][8] == "Illustrative values: synthetic data for demonstration"

    def test_it_leaves_unapproved_return_values_out_of_exports(self, tenancy, world):
        ValueFactory(
            indicator=world.whole, agency=tenancy.agency, agency_return=world.agency_return
        )
        rows = csv_rows(client_for(tenancy.user(Role.ANALYST)))
        assert len(rows) == 1
