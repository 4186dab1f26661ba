"""The values export (CSV and Excel) and the return template, written by the reports kit: text as
typed with no stray apostrophe in Excel, formula-looking text never a formula, numbers as
numbers, blanks as empty cells, and characters a workbook cannot hold removed."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import Value
from safeboard.performance.tests.factories import ValueFactory

pytestmark = pytest.mark.django_db
EXPORT = "/p/ourshire/measures/values/export"


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("harmless", ["- item", "+44 1522 552222", "@home", "#N/A"])
def test_it_writes_harmless_text_in_excel_exactly_as_typed(tenancy, world, harmless):
    ValueFactory(indicator=world.whole, value=9, comment=harmless)
    analyst = client_for(tenancy.user(Role.ANALYST))
    cell = _sheet(analyst.get(EXPORT + ".xlsx").content).cell(row=2, column=7)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (harmless, "s", False)
    assert _csv(analyst.get(EXPORT + ".csv").content)[1][6] in (harmless, "'" + harmless)


def test_it_writes_numbers_as_numbers_and_blanks_as_empty_cells(tenancy, world):
    ValueFactory(indicator=world.percent, value=None, numerator=Decimal(1), denominator=4)
    ValueFactory(indicator=world.whole, value=Decimal("12.5"), comment="")
    analyst = client_for(tenancy.user(Role.ANALYST))
    sheet = _sheet(analyst.get(EXPORT + ".xlsx").content)
    rows = {sheet.cell(row=r, column=1).value: r for r in (2, 3)}
    whole = rows["cp-all"]
    assert sheet.cell(row=whole, column=4).value == 12.5
    assert sheet.cell(row=whole, column=4).data_type == "n"
    assert sheet.cell(row=whole, column=3).value is None  # no agency: an empty cell
    assert sheet.cell(row=whole, column=7).value is None  # no comment: an empty cell
    assert sheet.cell(row=rows["seen"], column=5).value == 1
    assert "Not recorded" not in _csv(analyst.get(EXPORT + ".csv").content)[1]


def test_it_removes_characters_that_would_stop_the_workbook_opening(tenancy, world):
    ValueFactory(indicator=world.whole, value=9, comment="a\ufffeb\uffffc\x07d")
    analyst = client_for(tenancy.user(Role.ANALYST))
    content = analyst.get(EXPORT + ".xlsx").content
    assert _sheet(content).cell(row=2, column=7).value == "abcd"
    assert _csv(analyst.get(EXPORT + ".csv").content)[1][6] == "abcd"
    template = analyst.get(f"/p/ourshire/measures/returns/{world.agency_return.pk}/template.xlsx")
    assert zipfile.ZipFile(io.BytesIO(template.content)).testzip() is None


def test_it_keeps_a_formula_looking_comment_as_text_through_the_template(tenancy, world):
    """Written as text, read back as text: a round trip through the template changes nothing."""
    ValueFactory(
        indicator=world.whole,
        agency=tenancy.agency,
        agency_return=world.agency_return,
        value=3,
        comment="=1+1 and - a note",
    )
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    url = f"/p/ourshire/measures/returns/{world.agency_return.pk}/"
    template = lead.get(url + "template.xlsx").content
    cell = _sheet(template).cell(row=2, column=10)  # Comment
    assert (cell.value, cell.data_type) == ("=1+1 and - a note", "s")
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(template)).read("xl/worksheets/sheet1.xml")
    response = lead.post(url + "upload/", {"file": SimpleUploadedFile("r.xlsx", template)})
    assert response.status_code == 302
    assert Value.objects.get(indicator=world.whole).comment == "=1+1 and - a note"
