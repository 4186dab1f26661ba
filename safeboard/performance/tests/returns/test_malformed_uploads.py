"""Malformed files uploaded through the pages, as a person would: the values import and the
return's filled template. Each gets a clear message, never a server error, and writes NOTHING:
the number of values and of history rows is the same afterwards, and the saved values are
unchanged."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import AgencyReturn, ReturnStatus, Value
from safeboard.performance.tests.factories import ValueFactory
from safeboard.performance.tests.returns.test_files import TEMPLATE
from safeboard.reports.tests.corpus import malformed_spreadsheets, workbook_bytes
from safeboard.ui.tests.forms import escaped, form_data, refused_page

pytestmark = pytest.mark.django_db
IMPORT = "/p/ourshire/measures/values/import/"
APRIL = datetime.date(2020, 4, 1)
CORPUS = malformed_spreadsheets()


def _upload_url(agency_return: AgencyReturn) -> str:
    return f"/p/ourshire/measures/returns/{agency_return.pk}/upload/"


def _snapshot() -> list[tuple[object, ...]]:
    """Everything an upload could have written: every value's figures and the history rows."""
    values = list(
        Value.objects.order_by("pk").values_list(
            "pk", "indicator_id", "agency_id", "period_start", "value", "numerator", "comment"
        )
    )
    return [*values, ("history", Value.history.count())]


@pytest.fixture
def saved(tenancy, world):
    """A partnership value and a draft value in the agency's return, both to stay as they are."""
    ValueFactory(indicator=world.whole, period_start=APRIL, value=Decimal(7))
    ValueFactory(
        indicator=world.whole,
        agency=tenancy.agency,
        agency_return=world.agency_return,
        period_start=APRIL,
        value=Decimal(9),
        comment="as counted",
    )
    AgencyReturn.objects.filter(pk=world.agency_return.pk).update(status=ReturnStatus.DRAFT)
    return _snapshot()


def _refused(response, *fragments: str) -> str:
    body = refused_page(response, *fragments)
    assert "imported:" not in body
    return body


def _post_import(tenancy, name: str, content: bytes):
    analyst = client_for(tenancy.user(Role.ANALYST))
    return analyst.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def _post_template(tenancy, world, name: str, content: bytes):
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    return lead.post(_upload_url(world.agency_return), {"file": SimpleUploadedFile(name, content)})


# Every malformed spreadsheet of the reports kit's corpus, at both uploads -----------------------


@pytest.mark.parametrize("case", CORPUS, ids=[c.label for c in CORPUS])
def test_it_refuses_every_malformed_file_at_the_values_import(tenancy, saved, case):
    response = _post_import(tenancy, case.name, case.content)
    if case.content:
        _refused(response, escaped(case.message))
    else:
        _refused(response, "The selected file is empty")
    assert _snapshot() == saved


@pytest.mark.parametrize("case", CORPUS, ids=[c.label for c in CORPUS])
def test_it_refuses_every_malformed_file_at_the_template_upload(tenancy, world, saved, case):
    response = _post_template(tenancy, world, case.name, case.content)
    if case.content:
        _refused(response, escaped(case.message))
    else:
        _refused(response, "The selected file is empty")
    assert "Template uploaded" not in response.content.decode()
    assert _snapshot() == saved


# The cases named in issue 7 ---------------------------------------------------------------------


def test_it_refuses_an_excel_file_with_a_corrupt_styles_part(tenancy, world, saved):
    corrupt = next(c for c in CORPUS if c.label == "corrupt styles part")
    for response in (
        _post_import(tenancy, "values.xlsx", corrupt.content),
        _post_template(tenancy, world, "return.xlsx", corrupt.content),
    ):
        _refused(response, "could not be read as an Excel workbook")
    assert _snapshot() == saved


def test_it_refuses_a_formula_with_no_saved_value_naming_the_cell_and_keeps_saved_values(
    tenancy, world, saved
):
    """Before: the formula read as blank and the upload erased the saved 9 under "Template
    uploaded"."""
    content = workbook_bytes(
        [TEMPLATE, ["cp-all", "", "April 2020", tenancy.agency.key, None, None, None, ""]],
        formula_cells=[("E2", "=4+5")],
    )
    response = _post_template(tenancy, world, "return.xlsx", content)
    body = _refused(response, "Cell E2 holds a formula with no saved value")
    assert "Template uploaded" not in body
    imported = _post_import(tenancy, "values.xlsx", content)
    _refused(imported, "Cell E2 holds a formula with no saved value")
    assert _snapshot() == saved
    assert Value.objects.get(agency=tenancy.agency).value == 9


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("indicator_code,period,value,value", 'The column "value" is named twice'),
        ("indicator_code,period,Value,value ", 'The column "value" is named twice'),
        ("indicator_code,period,indicator code,value", "The column indicator_code is named twice"),
    ],
)
def test_it_refuses_a_values_file_naming_the_same_column_twice(tenancy, saved, header, message):
    """Before: one of the two columns was silently used."""
    content = f"{header}\r\ncp-all,April 2020,cp-all,3\r\n".encode()
    _refused(_post_import(tenancy, "values.csv", content), escaped(message))
    assert _snapshot() == saved


def test_it_refuses_a_template_naming_a_column_twice(tenancy, world, saved):
    content = workbook_bytes(
        [
            [*TEMPLATE, "value"],
            ["cp-all", "", "April 2020", tenancy.agency.key, 3, None, None, "", 4],
        ]
    )
    _refused(_post_template(tenancy, world, "return.xlsx", content), "is named twice")
    assert _snapshot() == saved


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("cp-all,April 2020,-3,,", "Row 2, value: a count cannot be negative"),
        ("seen,April 2020,,-1,4", "Row 2, numerator: the numerator cannot be negative"),
        ("seen,April 2020,,1,-4", "Row 2, denominator: the denominator cannot be negative"),
        ("seen,April 2020,,520,480", "Row 2, numerator: the numerator (520) cannot be more"),
    ],
)
def test_it_refuses_negative_counts_in_a_values_file_naming_the_row(tenancy, saved, row, message):
    content = f"indicator_code,period,value,numerator,denominator\r\n{row}\r\n".encode()
    _refused(_post_import(tenancy, "values.csv", content), message)
    assert _snapshot() == saved


def test_it_refuses_a_negative_count_in_the_template_naming_the_row(tenancy, world, saved):
    content = workbook_bytes(
        [
            TEMPLATE,
            ["cp-all", "", "April 2020", tenancy.agency.key, 10, None, None, ""],
            ["cp-neglect", "", "April 2020", tenancy.agency.key, -2, None, None, ""],
        ]
    )
    _refused(
        _post_template(tenancy, world, "return.xlsx", content),
        "Row 3, value: a count cannot be negative",
    )
    assert _snapshot() == saved


def test_it_refuses_a_negative_count_typed_into_the_return_form(tenancy, world, saved):
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    url = f"/p/ourshire/measures/returns/{world.agency_return.pk}/"
    typed = {f"value_{world.whole.pk}": "-3", f"comment_{world.whole.pk}": ""}
    response = lead.post(url, form_data(lead, url, **typed))  # as loaded, with its version
    _refused(response, "a count cannot be negative")
    assert _snapshot() == saved


def test_it_refuses_a_part_over_its_whole_typed_into_the_return_form(tenancy, world, saved):
    """Before: 520 seen of 480 was saved as 108% with no flag."""
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    url = f"/p/ourshire/measures/returns/{world.agency_return.pk}/"
    pk = world.percent.pk
    typed = {f"numerator_{pk}": "520", f"denominator_{pk}": "480", f"comment_{pk}": ""}
    response = lead.post(url, form_data(lead, url, **typed))
    _refused(response, "the numerator (520) cannot be more than the denominator (480)")
    assert _snapshot() == saved


def test_it_refuses_a_csv_that_is_not_utf8_with_no_guessing(tenancy, world, saved):
    """Before: a cp1252 fallback read it, guessing the characters."""
    content = "indicator_code,period,value,comment\r\ncp-all,April 2020,3,Café\r\n".encode("cp1252")
    _refused(_post_import(tenancy, "values.csv", content), "The file is not UTF-8 text (line 2)")
    _refused(_post_template(tenancy, world, "return.csv", content), "not UTF-8 text")
    assert _snapshot() == saved


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('"cp-all\nBcc: x",April 2020,,3', "Row 2, indicator_code: it must be on one line"),
        ('"cp\u2028all",April 2020,,3', "Row 2, indicator_code: it must be on one line"),
        ('"cp\tall",April 2020,,3', "Row 2, indicator_code: it must not contain control"),
        ('cp-all,"April\r2020",,3', "Row 2, period: it must be on one line"),
        ('cp-all,April 2020,"police\nx",3', "Row 2, agency: it must be on one line"),
    ],
)
def test_it_refuses_a_line_break_or_control_character_in_a_one_line_column(
    tenancy, saved, row, message
):
    content = f"indicator_code,period,agency,value\r\n{row}\r\n".encode()
    _refused(_post_import(tenancy, "values.csv", content), message)
    assert _snapshot() == saved


def test_it_refuses_a_null_character_in_a_spreadsheet_cell(tenancy, saved):
    content = workbook_bytes(
        [["indicator_code", "period", "value"], ["cp-allNULHERE", "April 2020", 3]]
    )
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(b"NULHERE", b"\x00"))
    _refused(_post_import(tenancy, "values.xlsx", out.getvalue()), "could not be read")
    assert _snapshot() == saved
