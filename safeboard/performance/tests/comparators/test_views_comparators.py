import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.comparators.selectors import comparator_points_for
from safeboard.performance.models import ComparatorSeries, ComparatorValue
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.ui.tests.forms import assert_no_lost_update, form_data
from safeboard.ui.tests.pages import queries_to_show

HEADER = "time_period,geographic_level,area_code,area_name,measure,value,symbol\n"


def _url(name, *args):
    from django.urls import reverse

    return reverse(f"performance:{name}", args=["ourshire", *args])


def _upload(text, name="figures.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _series(partnership, measure="referrals", n=3, **kwargs):
    series = ComparatorSeries.objects.create(
        partnership=partnership,
        source_measure=measure,
        area_code="E92000001",
        area_name="England",
        **kwargs,
    )
    for i in range(n):
        ComparatorValue.objects.create(
            series=series,
            period_end=datetime.date(2015 + i, 3, 31),
            period_label=f"{2014 + i}/{(15 + i) % 100:02d}",
            value=None if i == 0 else Decimal(100 + i),
            symbol="c" if i == 0 else "",
        )
    return series


def test_it_imports_a_file_for_an_analyst_but_not_a_board_member(tenancy):
    text = HEADER + "2025,National,E92000001,England,referrals,,c\n"
    refused = client_for(tenancy.user(Role.BOARD_MEMBER)).post(
        _url("comparator_import"), {"file": _upload(text)}
    )
    assert refused.status_code == 403
    response = client_for(tenancy.user(Role.ANALYST)).post(
        _url("comparator_import"), {"file": _upload(text)}
    )
    assert response.status_code == 302
    assert ComparatorValue.objects.get().symbol == "c"


def test_it_refuses_a_malformed_file_with_row_messages_and_writes_nothing(tenancy):
    text = (
        HEADER
        + "2025,National,E92000001,England,referrals,100,\n"
        + "2025,National,E92000001,England,<script>alert(1)</script>,100,\n"
        + "2024,National,E92000001,England,referrals,about 90,\n"
    )
    response = client_for(tenancy.user(Role.ANALYST)).post(
        _url("comparator_import"), {"file": _upload(text)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "nothing was imported" in page
    assert "Row 3: measure" in page
    assert "Row 4: value" in page
    assert "<script>alert" not in page
    assert not ComparatorSeries.objects.exists()


def test_it_refuses_a_file_that_is_not_csv(tenancy):
    response = client_for(tenancy.manager).post(
        _url("comparator_import"), {"file": _upload("x", name="figures.xlsx")}
    )
    assert "must be a CSV file" in response.content.decode()
    assert not ComparatorSeries.objects.exists()


def test_it_shows_symbols_with_their_meaning_on_the_series_page(tenancy):
    series = _series(tenancy.ours)
    page = client_for(tenancy.user(Role.BOARD_MEMBER)).get(_url("comparator_detail", series.pk))
    text = page.content.decode()
    assert "c (suppressed)" in text
    assert "2014/15" in text
    assert "102" in text


def test_it_lists_series_in_a_constant_number_of_queries(tenancy):
    client = client_for(tenancy.manager)
    _series(tenancy.ours, "a")
    small = queries_to_show(client, _url("comparator_list"))
    for i in range(10):
        _series(tenancy.ours, f"m{i}", indicator=IndicatorFactory(partnership=tenancy.ours))
    assert queries_to_show(client, _url("comparator_list")) == small
    assert "m9" in client.get(_url("comparator_list")).content.decode()


def test_it_links_a_series_to_an_indicator_of_ours_only(tenancy):
    series = _series(tenancy.ours)
    ours = IndicatorFactory(partnership=tenancy.ours)
    theirs = IndicatorFactory(partnership=tenancy.theirs)
    client = client_for(tenancy.user(Role.ANALYST))
    link = _url("comparator_link", series.pk)
    refused = client.post(link, form_data(client, link, indicator=theirs.pk))
    assert refused.status_code == 200
    series.refresh_from_db()
    assert series.indicator is None
    done = client.post(link, form_data(client, link, indicator=ours.pk))
    assert done.status_code == 302
    series.refresh_from_db()
    assert series.indicator == ours
    lines = comparator_points_for(ours)
    assert [len(line.points) for line in lines] == [3]
    assert lines[0].points[0].value is None
    assert lines[0].points[0].symbol == "c"


def test_it_keeps_both_changes_to_a_comparator_link(tenancy):
    series = _series(tenancy.ours)
    first_choice = IndicatorFactory(partnership=tenancy.ours, code="cin", name="Children in need")
    second_choice = IndicatorFactory(partnership=tenancy.ours, code="cpp")
    analyst = tenancy.user(Role.ANALYST)
    assert_no_lost_update(
        client_for(analyst),
        client_for(tenancy.manager),
        _url("comparator_link", series.pk),
        first_changes={"indicator": str(first_choice.pk)},
        second_changes={"indicator": str(second_choice.pk)},
        first_name=str(analyst),
        change=f"Indicator (not recorded -> {first_choice})",
    )
    series.refresh_from_db()
    assert series.indicator == second_choice


def test_it_names_a_series_readably_on_the_list_and_its_page_until_given_a_name(tenancy):
    series = _series(tenancy.ours, "assessment_factor_domestic_abuse_parent")
    client = client_for(tenancy.user(Role.ANALYST))
    readable = "Assessment factor: domestic abuse (parent)"
    listed = client.get(_url("comparator_list")).content.decode()
    assert readable in listed
    page = client.get(_url("comparator_detail", series.pk)).content.decode()
    assert f'<h1 class="govuk-heading-l">England: {readable}</h1>' in page
    link = _url("comparator_link", series.pk)
    done = client.post(link, form_data(client, link, label="Domestic abuse by a parent"))
    assert done.status_code == 302
    page = client.get(_url("comparator_detail", series.pk)).content.decode()
    assert "England: Domestic abuse by a parent" in page
    assert readable not in page
    # The measure as the source names it is still shown, once, to find it in the file.
    assert "assessment_factor_domestic_abuse_parent" in page
