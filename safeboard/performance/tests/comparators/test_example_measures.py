"""The illustrative example data set loaded by `manage.py load_example_measures`."""

import pytest
from django.core.management import call_command
from django.test import Client

from safeboard.accounts.models import User
from safeboard.performance.domain.spc import Direction, spc
from safeboard.performance.models import ComparatorSeries, Indicator, Value

DIRECTION: dict[str, Direction] = {"higher": "increase", "lower": "decrease"}


@pytest.fixture
def examples(db):
    call_command("load_examples", quiet=True)


def test_it_names_the_north_east_lincolnshire_bellwethers_as_the_plan_does(examples):
    bellwethers = Indicator.objects.filter(
        partnership__slug="north-east-lincolnshire", is_bellwether=True
    )
    assert sorted(bellwethers.values_list("name", flat=True)) == sorted(
        [
            "Incidence of Domestic Abuse",
            "Open cases for each element of Sexual Harm",
            "% of children on a CP plan for neglect",
            "Number of children open to services across the Child Concern Model",
        ]
    )
    for indicator in bellwethers:
        keys = set(indicator.themes.values_list("key", flat=True))
        assert "feel-safe-and-are-safe" in keys
        assert indicator.source_agency is not None
        assert indicator.source_agency.name == "Demo agency (not from the plan)"


def test_it_gives_lincolnshire_a_bellwether_for_each_key_theme_labelled_illustrative(examples):
    bellwethers = Indicator.objects.filter(partnership__slug="lincolnshire", is_bellwether=True)
    by_theme = {
        key: [i.code for i in bellwethers if key in set(i.themes.values_list("key", flat=True))]
        for key in (
            "child-protection", "homelessness", "e-safety", "child-exploitation", "child-safety",
        )
    }  # fmt: skip
    assert all(len(codes) == 1 for codes in by_theme.values()), by_theme
    assert bellwethers.count() == 5
    for indicator in bellwethers:
        assert indicator.is_illustrative
        assert "synthetic" in indicator.story_behind_baseline
        assert indicator.why_it_matters.startswith("Illustrative bellwether:")
        assert indicator.source_agency is not None


def test_it_shows_lincolnshires_bellwethers_on_its_dashboard_as_illustrative(examples):
    client = Client()
    client.force_login(User.objects.get(email="member@lincolnshire.example"))
    html = client.get("/p/lincolnshire/measures/dashboard/").content.decode()
    for name in (
        "Referrals to children&#x27;s social care per 10,000 children",
        "E-safety incidents reported by schools",
    ):
        assert name in html
    assert "Illustrative values: synthetic data for demonstration" in html


def test_it_gives_every_priority_and_key_theme_indicators(examples):
    for slug, keys in {
        "north-east-lincolnshire": ["domestic-abuse", "sexual-harm", "neglect"],
        "lincolnshire": [
            "child-protection", "homelessness", "e-safety", "child-exploitation", "child-safety",
        ],
    }.items():  # fmt: skip
        for key in keys:
            count = Indicator.objects.filter(
                partnership__slug=slug, themes__key=key, is_bellwether=False
            ).count()
            assert count >= 2, (slug, key)


def test_it_marks_every_indicator_illustrative_with_at_least_36_periods(examples):
    indicators = Indicator.objects.all()
    assert indicators.count() == 29
    for indicator in indicators:
        assert indicator.is_illustrative
        assert "synthetic" in indicator.story_behind_baseline
        values = Value.objects.filter(indicator=indicator, agency=None)
        assert values.count() >= 36
        numbers = [v.value for v in values if v.value is not None]
        assert len(numbers) == values.count()
        assert all(n >= 0 for n in numbers)
        if indicator.unit == "percentage":
            assert all(n <= 100 for n in numbers)
        if indicator.unit == "count":
            assert all(n == int(n) for n in numbers)


def test_it_draws_shifts_trends_and_outliers_that_spc_picks_up(examples):
    causes = set()
    for indicator in Indicator.objects.all():
        points = [
            (v.period_start, v.value)
            for v in Value.objects.filter(indicator=indicator, agency=None)
        ]
        result = spc(points, direction=DIRECTION.get(indicator.polarity, "neutral"))
        causes |= {p.special_cause for p in result.points if p.special_cause}
    assert {"outside_limits", "run", "trend"} <= causes


def test_it_links_england_comparators_to_matching_measures(examples):
    linked = ComparatorSeries.objects.filter(indicator__isnull=False)
    assert {s.indicator.code for s in linked if s.indicator} == {
        "NEL-NG-02", "NEL-NG-03", "NEL-NG-04", "LIN-CP-01", "LIN-CP-02",
    }  # fmt: skip
    assert all(s.area_code == "E92000001" for s in ComparatorSeries.objects.all())


def test_it_is_idempotent_and_leaves_a_started_data_set_alone(examples):
    before = (Indicator.objects.count(), Value.objects.count(), ComparatorSeries.objects.count())
    call_command("load_example_measures", verbosity=0)
    after = (Indicator.objects.count(), Value.objects.count(), ComparatorSeries.objects.count())
    assert before == after
