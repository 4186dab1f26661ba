"""Malformed comparator files uploaded through the import page, as an analyst would: each gets a
clear message, never a server error, and writes NOTHING (the series, their points and the
history are as they were)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import ComparatorSeries, ComparatorValue
from safeboard.performance.tests.url_records_comparators import make_series
from safeboard.reports.tests.corpus import malformed_spreadsheets
from safeboard.ui.tests.forms import escaped, refused_page

pytestmark = pytest.mark.django_db
HEADER = "time_period,geographic_level,area_code,area_name,measure,value,symbol\r\n"
GOOD_ROW = "2025,National,E92000001,England,referrals,100,\r\n"
CSV_CORPUS = [c for c in malformed_spreadsheets() if c.name.endswith(".csv") and c.content]


def _snapshot() -> list[tuple[object, ...]]:
    series = list(
        ComparatorSeries.objects.order_by("pk").values_list(
            "pk", "source_measure", "area_code", "area_name", "source"
        )
    )
    points = list(
        ComparatorValue.objects.order_by("pk").values_list("series_id", "period_end", "value")
    )
    return [*series, *points, ("history", ComparatorSeries.history.count())]


@pytest.fixture
def saved(tenancy):
    make_series(tenancy, tenancy.ours, measure="referrals", value=Decimal(90))
    return _snapshot()


def _post(tenancy, content: bytes, name: str = "figures.csv"):
    url = reverse("performance:comparator_import", args=[tenancy.ours.slug])
    return client_for(tenancy.user(Role.ANALYST)).post(
        url, {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    )


@pytest.mark.parametrize("case", CSV_CORPUS, ids=[c.label for c in CSV_CORPUS])
def test_it_refuses_every_malformed_csv(tenancy, saved, case):
    refused_page(_post(tenancy, case.content), escaped(case.message))
    assert _snapshot() == saved


def test_it_refuses_a_file_that_is_not_utf8(tenancy, saved):
    content = (HEADER + "2025,National,E06000001,Hartlepool é,referrals,5,\r\n").encode("cp1252")
    refused_page(_post(tenancy, content), "The file is not UTF-8 text (line 2)")
    assert _snapshot() == saved


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            '2025,National,E92000001,"Eng\nland",referrals,100,',
            "Row 3: area_name must be on one line",
        ),
        (
            '2025,National,"E9200\r0001",England,referrals,100,',
            "Row 3: area_code must be on one line",
        ),
        (
            "2025,National,E92000001,<script>alert(1)</script>,referrals,100,",
            "Row 3: area_name must not contain HTML markup",
        ),
        (
            '2025,National,E92000001,"<b>England</b>",referrals,100,',
            "Row 3: area_name must not contain HTML markup",
        ),
        (
            "2025,National,<img src=x onerror=alert(1)>,England,referrals,100,",
            "Row 3: area_code must not contain HTML markup",
        ),
        (
            "2025,National,E92000001,Eng\u0085land,referrals,100,",
            "Row 3: area_name must be on one line",
        ),
        (
            "2025,National,E92000001,Eng\x1bland,referrals,100,",
            "Row 3: area_name must not contain control characters",
        ),
    ],
)
def test_it_refuses_line_breaks_control_characters_and_markup_in_names_and_codes(
    tenancy, saved, row, message
):
    content = (HEADER + GOOD_ROW.replace("2025", "2024") + row).encode()
    body = refused_page(_post(tenancy, content), message)
    assert "<script>alert" not in body
    assert "nothing was imported" in body
    assert _snapshot() == saved


def test_it_refuses_markup_in_the_source_columns(tenancy, saved):
    header = HEADER.replace("symbol\r\n", "symbol,source_file\r\n")
    row = "2025,National,E92000001,England,referrals,100,,<iframe src=//evil>\r\n"
    body = refused_page(_post(tenancy, (header + row).encode()))
    assert "Row 2: source_file must not contain HTML markup" in body
    assert _snapshot() == saved


def test_it_refuses_a_null_character_naming_the_line(tenancy, saved):
    content = (HEADER + "2025,National,E92000001,Eng\x00land,referrals,100,\r\n").encode()
    refused_page(_post(tenancy, content), "null character on line 2")
    assert _snapshot() == saved


def test_it_still_imports_a_good_file_after_all_that(tenancy, saved):
    response = _post(tenancy, (HEADER + GOOD_ROW).encode())
    assert response.status_code == 302
    assert ComparatorValue.objects.get(period_end=datetime.date(2025, 3, 31)).value == 100
