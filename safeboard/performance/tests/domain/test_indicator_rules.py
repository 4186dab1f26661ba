import pytest

from safeboard.performance.domain import indicator_rules as rules


@pytest.mark.parametrize(
    ("polarity", "direction"),
    [("higher", "increase"), ("lower", "decrease"), ("target", "neutral"), ("neutral", "neutral")],
)
def test_it_judges_spc_by_the_polarity(polarity, direction):
    assert rules.spc_direction(polarity) == direction


def test_it_gives_no_target_assurance_without_a_direction():
    assert rules.spc_target("higher", 12.0) == 12.0
    assert rules.spc_target("lower", 12.0) == 12.0
    assert rules.spc_target("neutral", 12.0) is None
    assert rules.spc_target("target", 12.0) is None


@pytest.mark.parametrize(
    ("polarity", "target", "judged"),
    [
        ("higher", None, "higher_is_better"),
        ("lower", 3.0, "lower_is_better"),
        ("target", 3.0, "closer_to_target_is_better"),
        ("target", None, "no_preferred_direction"),  # nothing to be close to
        ("neutral", 3.0, "no_preferred_direction"),
    ],
)
def test_it_falls_back_to_no_direction_for_a_target_measure_without_a_target(
    polarity, target, judged
):
    assert rules.trend_polarity(polarity, target=target) == judged


@pytest.mark.parametrize(
    ("names", "chosen"),
    [
        ([], None),
        (["Lincolnshire"], 0),
        (["Lincolnshire", "England"], 1),
        (["Statistical neighbours", "ENGLAND (all)", "England"], 1),
        (["North East", "Yorkshire"], 0),
    ],
)
def test_it_draws_england_beside_an_indicator_when_linked_else_the_first(names, chosen):
    assert rules.chosen_comparator(names) == chosen


def test_it_shows_two_years_of_months_or_quarters_and_ten_years():
    assert [rules.report_window(f) for f in ("monthly", "quarterly", "annual")] == [24, 8, 10]
