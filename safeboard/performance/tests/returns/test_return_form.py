"""The return's page as an agency lead fills it in: illustrative said once, each box with what it
counts and last period's figure, numbers as a person writes them, nothing under numerator for a
count; the error summary in page order and the stale-edit check still working."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from lxml import html  # type: ignore[import-untyped]

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.models import AgencyReturn, Indicator, Value
from safeboard.performance.tests.factories import IndicatorFactory, ValueFactory
from safeboard.ui.tests.pages import queries_to_show

from .conftest import APRIL

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2020, 3, 1)
LABEL = "Illustrative values: synthetic data for demonstration"


def url(r, suffix=""):
    return f"/p/ourshire/measures/returns/{r.pk}/{suffix}"


def page_of(client, agency_return):
    response = client.get(url(agency_return))
    assert response.status_code == 200
    return response.content.decode(), html.fromstring(response.content)


def hint_of(tree, name):
    """The hint text a screen reader hears with the box called `name`."""
    box = tree.get_element_by_id(f"id_{name}")
    ids = (box.get("aria-describedby") or "").split()
    return " ".join(
        tree.get_element_by_id(i).text_content().strip() for i in ids if i.endswith("-hint")
    )


def values_table(tree):
    return tree.xpath("//table[caption[contains(., 'Values in this return')]]")[0]


def box_value(tree, name):
    return tree.get_element_by_id(f"id_{name}").get("value")


def lead(tenancy):
    return client_for(tenancy.user(Role.AGENCY_LEAD))


def saved_value(world, indicator, tenancy, **figures):
    return ValueFactory(
        indicator=indicator,
        agency=tenancy.agency,
        agency_return=world.agency_return,
        period_start=APRIL,
        **figures,
    )


def test_it_says_illustrative_once_when_every_measure_is(tenancy, world):
    for n in range(10):
        IndicatorFactory(partnership=tenancy.ours, source_agency=tenancy.agency, position=10 + n)
    Indicator.objects.filter(source_agency=tenancy.agency).update(is_illustrative=True)
    body, tree = page_of(lead(tenancy), world.agency_return)
    assert len(tree.xpath("//fieldset")) == 13
    assert body.count(LABEL) == 1
    assert "Every measure in this return is illustrative" in body
    assert "(illustrative)" not in body
    assert not tree.xpath("//fieldset//*[contains(@class, 'govuk-tag')]")


def test_it_marks_only_the_illustrative_rows_when_some_are(tenancy, world):
    world.part.is_illustrative = True
    world.part.save()
    body, tree = page_of(lead(tenancy), world.agency_return)
    assert body.count(LABEL) == 1
    legends = [" ".join(e.text_content().split()) for e in tree.xpath("//fieldset/legend")]
    assert legends[1].endswith("(illustrative)")
    assert not legends[0].endswith("(illustrative)")
    assert not legends[2].endswith("(illustrative)")


def test_it_shows_each_measures_definition_and_last_periods_value_by_its_box(tenancy, world):
    world.whole.definition = (
        "Children on a child protection plan on the last day of the month. Each child is "
        "counted once, whatever the number of plans."
    )
    world.whole.save()
    world.percent.numerator_label = "children seen within five working days"
    world.percent.denominator_label = "children referred"
    world.percent.save()
    ValueFactory(indicator=world.whole, agency=tenancy.agency, period_start=MARCH, value=336)
    ValueFactory(indicator=world.whole, agency=None, period_start=MARCH, value=999)
    # Loaded as the partnership's figure only (as the example series are): that is shown.
    ValueFactory(indicator=world.part, agency=None, period_start=MARCH, value=Decimal("40.0"))
    ValueFactory(
        indicator=world.percent,
        agency=tenancy.agency,
        period_start=MARCH,
        value=Decimal("2"),
        numerator=Decimal("0.25"),
        denominator=Decimal("12.5"),
    )
    _, tree = page_of(lead(tenancy), world.agency_return)
    whole, part, percent = world.whole.pk, world.part.pk, world.percent.pk

    fieldset = tree.xpath("//fieldset")[0]
    about = tree.get_element_by_id(fieldset.get("aria-describedby")).text_content()
    assert about == "Count. Children on a child protection plan on the last day of the month."
    assert hint_of(tree, f"value_{whole}") == "Last period (March 2020): 336"
    assert hint_of(tree, f"value_{part}") == "Last period (March 2020): 40"
    assert hint_of(tree, f"numerator_{percent}") == (
        "Children seen within five working days. Last period (March 2020): 0.25"
    )
    assert hint_of(tree, f"denominator_{percent}") == (
        "Children referred. Last period (March 2020): 12.5"
    )
    assert hint_of(tree, f"value_{percent}").startswith("Worked out from the numerator")

    Value.objects.filter(period_start=MARCH).delete()
    _, tree = page_of(lead(tenancy), world.agency_return)
    assert hint_of(tree, f"value_{whole}") == "Last period (March 2020): not recorded"


def test_it_shows_saved_numbers_as_a_person_writes_them(tenancy, world):
    saved_value(world, world.whole, tenancy, value=Decimal("336"))
    saved_value(world, world.part, tenancy, value=Decimal("12.5"))
    saved_value(
        world,
        world.percent,
        tenancy,
        value=Decimal("2"),
        numerator=Decimal("0.25"),
        denominator=Decimal("12.5"),
    )
    body, tree = page_of(lead(tenancy), world.agency_return)
    assert box_value(tree, f"value_{world.whole.pk}") == "336"
    assert box_value(tree, f"value_{world.part.pk}") == "12.5"
    assert box_value(tree, f"numerator_{world.percent.pk}") == "0.25"
    assert ".0000" not in body

    # Read only, as a board member sees it.
    body, tree = page_of(client_for(tenancy.user(Role.BOARD_MEMBER)), world.agency_return)
    cells = [
        [" ".join(c.text_content().split()) for c in row.xpath("td")]
        for row in values_table(tree).xpath("tbody/tr")
    ]
    assert [row[:3] for row in cells] == [
        ["336", "", ""],  # a count: nothing under numerator or denominator
        ["12.5", "", ""],
        ["2", "0.25", "12.5"],
    ]
    assert ".0000" not in body
    assert "Not recorded" not in " ".join(" ".join(r[:3]) for r in cells)


def test_it_leaves_out_numerator_and_denominator_when_every_measure_is_a_count(tenancy, world):
    Value.objects.all().delete()
    Indicator.objects.filter(pk=world.percent.pk).update(source_agency=None)
    saved_value(world, world.whole, tenancy, value=Decimal("7"))
    _, tree = page_of(client_for(tenancy.user(Role.BOARD_MEMBER)), world.agency_return)
    headers = [" ".join(h.text_content().split()) for h in values_table(tree).xpath("thead//th")]
    assert headers == ["Measure", "Value", "Comment"]


def test_it_lists_errors_in_page_order_and_keeps_the_boxes(tenancy, world):
    version = AgencyReturn.objects.get(pk=world.agency_return.pk).record_version
    data = {
        "version": str(version),
        f"value_{world.whole.pk}": "ten",
        f"value_{world.part.pk}": "4",
        f"numerator_{world.percent.pk}": "x",
        f"denominator_{world.percent.pk}": "4",
        f"value_{world.percent.pk}": "",
        "save": "",
    }
    response = lead(tenancy).post(url(world.agency_return), data)
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    links = [a.get("href") for a in tree.xpath("//div[contains(@class,'govuk-error-summary')]//a")]
    assert links == [f"#id_value_{world.whole.pk}", f"#id_numerator_{world.percent.pk}"]
    boxes = [i.get("id") for i in tree.xpath("//form//input[@type='text']")]
    assert boxes.index(links[0][1:]) < boxes.index(links[1][1:])
    assert box_value(tree, f"value_{world.whole.pk}") == "ten"  # as typed, to correct it
    assert not Value.objects.exists()


def test_it_shows_the_return_in_a_fixed_number_of_queries(tenancy, world):
    client = lead(tenancy)
    saved_value(world, world.whole, tenancy, value=Decimal("3"))
    ValueFactory(indicator=world.whole, agency=tenancy.agency, period_start=MARCH, value=2)
    small = queries_to_show(client, url(world.agency_return))
    template_small = queries_to_show(client, url(world.agency_return, "template.xlsx"))
    for n in range(10):
        more = IndicatorFactory(
            partnership=tenancy.ours, source_agency=tenancy.agency, position=10 + n
        )
        saved_value(world, more, tenancy, value=Decimal(n))
        ValueFactory(indicator=more, agency=tenancy.agency, period_start=MARCH, value=n)
        ValueFactory(indicator=more, agency=None, period_start=MARCH, value=n)
    assert queries_to_show(client, url(world.agency_return)) == small
    assert queries_to_show(client, url(world.agency_return, "template.xlsx")) == template_small
