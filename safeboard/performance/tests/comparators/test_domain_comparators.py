import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeboard.performance.domain import comparators as c

HEADER = "time_period,geographic_level,area_code,area_name,measure,value,symbol\n"


def test_it_dates_a_year_ending_31_march_with_its_financial_year_label():
    assert c.year_ending_march("2025") == (datetime.date(2025, 3, 31), "2024/25")
    assert c.year_ending_march("2000") == (datetime.date(2000, 3, 31), "1999/00")
    assert c.year_ending_march("202425") == (datetime.date(2025, 3, 31), "2024/25")


@pytest.mark.parametrize("text", ["", "25", "2024/25", "202426", "abcd", "1066"])
def test_it_refuses_a_time_period_that_is_not_a_year(text):
    with pytest.raises(ValueError, match="time_period"):
        c.year_ending_march(text)


@pytest.mark.parametrize("symbol", ["c", "x", "z", "u", "C"])
def test_it_keeps_a_symbol_as_a_symbol_never_zero(symbol):
    assert c.read_figure("", symbol) == (None, symbol.lower())


def test_it_reads_a_symbol_written_in_the_value_column():
    assert c.read_figure("c", "") == (None, "c")


@pytest.mark.parametrize(
    ("value", "symbol"),
    [("", ""), ("12", "c"), ("twelve", ""), ("", "q"), ("NaN", ""), ("inf", ""), ("0x10", "")],
)
def test_it_refuses_a_figure_that_is_not_a_number_or_a_symbol(value, symbol):
    with pytest.raises(ValueError, match=r"value|symbol"):
        c.read_figure(value, symbol)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
def test_it_reads_any_number_exactly(number):
    assert c.read_figure(str(number), "") == (number, "")


def test_it_parses_rows_into_series_keyed_by_measure_and_area():
    parsed = c.parse_csv(
        HEADER
        + "2024,National,E92000001,England,referrals,600000,\n"
        + "2025,National,E92000001,England,referrals,,c\n"
        + "2025,Local authority,E08000035,Leeds,referrals,9000,\n"
    )
    assert parsed.errors == []
    england = parsed.series[("referrals", "E92000001")]
    assert [(p.label, p.value, p.symbol) for p in england.ordered()] == [
        ("2023/24", Decimal("600000"), ""),
        ("2024/25", None, "c"),
    ]
    assert england.area_name == "England"
    assert ("referrals", "E08000035") in parsed.series


def test_it_names_every_bad_row():
    parsed = c.parse_csv(
        HEADER
        + "2024,National,E92000001,England,referrals,lots,\n"
        + "2024,National,E92000001,England,referrals,5,\n"
        + "20x4,National,,England,referrals,5,\n"
        + "2024,National,E92000001,England,referrals,6,\n"
        + "2025,National,E92000001,England,<script>,6,\n"
    )
    assert len(parsed.errors) == 4
    assert parsed.errors[0].startswith("Row 2: value 'lots' is not a number")
    assert parsed.errors[1].startswith("Row 4:")
    assert "area_code is empty" in parsed.errors[1]
    assert parsed.errors[2].startswith("Row 5:")
    assert "already given" in parsed.errors[2]
    assert parsed.errors[3].startswith("Row 6: measure")


def test_it_refuses_a_file_without_the_columns():
    parsed = c.parse_csv("year,place,number\n2024,England,5\n")
    assert parsed.errors
    assert parsed.errors[0].startswith("Row 1: the header is missing")
    assert parsed.series == {}


def test_it_refuses_a_file_with_no_figures():
    assert c.parse_csv(HEADER).errors


def _series(measure, figures):
    s = c.Series(measure, "E1", "Area")
    for year, value, symbol in figures:
        day = datetime.date(year, 3, 31)
        v = None if value is None else Decimal(value)
        s.points[day] = c.Point(day, f"{year - 1}/{year % 100:02d}", v, symbol)
    return s


def test_it_derives_a_rate_per_10000_with_the_population_of_the_same_financial_year():
    count = _series("cpp_at_31_march", [(2025, "500", ""), (2024, None, "c")])
    population = _series("population_aged_0_17", [(2024, "100000", ""), (2023, "90000", "")])
    rate = c.rate_per_10000(count, population)
    points = {p.label: (p.value, p.symbol) for p in rate.ordered()}
    assert points["2024/25"] == (Decimal("50.0000"), "")
    # A suppressed count gives a suppressed rate, never zero.
    assert points["2023/24"] == (None, "c")
    assert rate.measure == "cpp_at_31_march_per_10000"


def test_it_carries_the_population_symbol_or_marks_a_missing_population_not_available():
    count = _series("referrals", [(2025, "10", ""), (2024, "10", ""), (2023, "10", "")])
    population = _series("population_aged_0_17", [(2024, None, "u"), (2023, "0", "")])
    points = {p.label: (p.value, p.symbol) for p in c.rate_per_10000(count, population).ordered()}
    assert points["2024/25"] == (None, "u")
    assert points["2023/24"] == (None, "z")
    assert points["2022/23"] == (None, "x")


def test_it_derives_rates_only_where_a_population_exists():
    parsed = c.parse_csv(
        HEADER
        + "2025,National,E1,England,cpp_at_31_march,100,\n"
        + "2024,National,E1,England,population_aged_0_17,1000,\n"
        + "2025,National,E2,Elsewhere,cpp_at_31_march,100,\n"
    )
    rates = c.derive_rates(parsed.series, ["cpp_at_31_march"])
    assert list(rates) == [("cpp_at_31_march_per_10000", "E1")]
    assert rates[("cpp_at_31_march_per_10000", "E1")].ordered()[0].value == Decimal("1000.0000")


def test_it_reads_the_whole_dfe_extract_without_errors():
    from pathlib import Path

    path = Path(__file__).resolve().parents[4] / "examples/measures/dfe_csc_la_extract.csv"
    parsed = c.parse_csv(path.read_text(encoding="utf-8"))
    assert parsed.errors == []
    england = parsed.series[("cpp_second_or_subsequent_percent", "E92000001")]
    assert england.ordered()[-1].label == "2024/25"
    symbols = [p for s in parsed.series.values() for p in s.ordered() if p.symbol]
    assert symbols
    assert all(p.value is None for p in symbols)


def test_it_explains_a_symbol():
    assert c.symbol_meaning("c") == "c (suppressed)"
    assert c.symbol_meaning("") == ""
