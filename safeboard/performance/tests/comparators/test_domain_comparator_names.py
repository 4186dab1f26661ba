"""Comparator names a person can read: the DfE's raw measure names humanised (the pure rule)."""

import csv
from pathlib import Path

import pytest

from safeboard.performance.domain.comparators import measure_name

DFE_FILE = Path(__file__).resolve().parents[4] / "examples/measures/dfe_csc_la_extract.csv"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("assessment_factor_domestic_abuse_parent", "Assessment factor: domestic abuse (parent)"),
        ("assessment_factor_neglect", "Assessment factor: neglect"),
        ("cin_at_31_march", "Children in need at 31 March"),
        ("cin_episodes_started", "Children in need episodes started"),
        ("cla_at_31_march_rate_per_10000", "Children looked after at 31 March (rate per 10,000)"),
        (
            "cpp_at_31_march_2_years_or_more_percent",
            "Child protection plans at 31 March, 2 years or more (%)",
        ),
        ("cpp_started", "Child protection plans started"),
        ("population_aged_0_17", "Population aged 0 to 17"),
        ("rereferrals_within_12_months_percent", "Re-referrals within 12 months (%)"),
        ("section_47_enquiries", "Section 47 enquiries"),
        ("referrals_per_10000", "Referrals (rate per 10,000)"),
    ],
)
def test_it_shows_a_dfe_measure_by_a_readable_name(raw, shown):
    assert measure_name(raw) == shown


def test_it_shows_the_stored_label_instead_when_there_is_one():
    assert measure_name("cpp_started", label=" Plans started (DfE) ") == "Plans started (DfE)"
    assert measure_name("cpp_started", label="  ") == "Child protection plans started"


def test_it_leaves_no_raw_name_among_the_real_dfe_measures():
    with DFE_FILE.open(newline="") as file:
        measures = {row["measure"] for row in csv.DictReader(file)}
    assert len(measures) > 10
    for raw in measures:
        shown = measure_name(raw)
        assert "_" not in shown, raw
        assert shown[0].isupper(), raw
