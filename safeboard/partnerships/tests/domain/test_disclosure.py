from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.partnerships.domain import disclosure as d
from safeboard.partnerships.domain.roles import Capability, Role, role_can

ENTITLED_ROLES = {Role.ANALYST, Role.MANAGER}


@pytest.mark.parametrize("role", list(Role))
def test_it_entitles_only_those_who_manage_indicators_to_the_detail_of_files(role):
    assert d.entitlement(role=role, output=d.Output.FILE).sees_detail is (role in ENTITLED_ROLES)


@pytest.mark.parametrize("role", list(Role))
def test_it_follows_the_role_matrix_for_files(role):
    expected = role_can(role, Capability.MANAGE_INDICATORS)
    assert d.entitlement(role=role.value, output=d.Output.FILE).sees_detail is expected


@pytest.mark.parametrize("role", list(Role))
def test_it_shows_every_member_the_detail_on_screen(role):
    assert d.entitlement(role=role, output=d.Output.SCREEN) == d.FULL


@pytest.mark.parametrize("role", list(Role))
def test_it_puts_unapproved_figures_in_a_file_only_for_those_who_act_for_the_record(role):
    assert not d.entitlement(role=role, output=d.Output.FILE).sees_drafts
    acting = d.entitlement(role=role, output=d.Output.FILE, acts_for_record=True)
    assert acting == d.FULL


def _to_viewer_not_entitled(is_count, value, numerator, threshold):
    return d.disclose(
        entitlement=d.SUPPRESSED,
        is_count=is_count,
        value=value,
        numerator=numerator,
        threshold=threshold,
    )


@pytest.mark.parametrize(
    ("is_count", "value", "numerator", "threshold", "value_marker", "numerator_marker"),
    [
        # counts: below the threshold is suppressed, at or above it is shown
        (True, 4, None, None, "<5", ""),
        (True, 0, None, None, "<5", ""),
        (True, 5, None, None, "", ""),
        (True, 120, None, None, "", ""),
        (True, Decimal("9.0000"), None, 10, "<10", ""),
        (True, 10, None, 10, "", ""),
        (True, None, None, None, "", ""),
        (True, 3, None, 0, "", ""),  # a threshold of 0 suppresses nothing
        # percentages and rates: a small numerator hides itself and the value made from it
        (False, Decimal("75"), 3, None, "suppressed (fewer than 5 cases)", "<5"),
        (False, Decimal("75"), 5, None, "", ""),
        (False, None, 3, None, "", "<5"),
        (False, Decimal("2.5"), None, None, "", ""),  # a small value that is not a count
        (False, Decimal("2.5"), 40, None, "", ""),
        (False, Decimal("30"), 7, 8, "suppressed (fewer than 8 cases)", "<8"),
    ],
)
def test_it_suppresses_small_numbers_for_a_viewer_not_entitled(
    is_count, value, numerator, threshold, value_marker, numerator_marker
):
    shown = _to_viewer_not_entitled(is_count, value, numerator, threshold)
    assert shown.value_marker == value_marker
    assert shown.numerator_marker == numerator_marker
    assert shown.value_suppressed is bool(value_marker)
    assert shown.numerator_suppressed is bool(numerator_marker)


numbers = st.one_of(st.none(), st.integers(min_value=0, max_value=1000))
thresholds = st.one_of(st.none(), st.integers(min_value=0, max_value=1000))


@given(st.booleans(), numbers, numbers, thresholds)
def test_it_shows_everything_to_a_viewer_entitled(is_count, value, numerator, threshold):
    shown = d.disclose(
        entitlement=d.FULL, is_count=is_count, value=value, numerator=numerator, threshold=threshold
    )
    assert shown == d.SHOWN


@given(st.booleans(), numbers, numbers, thresholds)
def test_it_never_lets_a_small_number_out_to_a_viewer_not_entitled(
    is_count, value, numerator, threshold
):
    shown = _to_viewer_not_entitled(is_count, value, numerator, threshold)
    limit = d.DEFAULT_THRESHOLD if threshold is None else threshold
    small_numerator = numerator is not None and numerator < limit
    if is_count and value is not None and value < limit:
        assert shown.value_suppressed
    if small_numerator:
        assert shown.numerator_suppressed
        assert shown.value_suppressed is (value is not None)
    if not small_numerator and not (is_count and value is not None and value < limit):
        assert shown == d.SHOWN


def test_it_writes_the_markers_with_the_threshold():
    assert d.count_marker() == "<5"
    assert d.count_marker(10) == "<10"
    assert d.withheld_marker() == "suppressed (fewer than 5 cases)"
    assert d.threshold_or_default(None) == 5
    assert d.threshold_or_default(0) == 0
