"""Rules for analysing an indicator's series, as plain Python (no Django).

* Which way SPC and trends judge a change, from the indicator's polarity (the values match
  models.Polarity): higher or lower is better, closer to the target, or no preferred direction.
  "Closer to target" without a target to be close to falls back to no preferred direction, and
  SPC gives no target assurance for a measure with no preferred direction.
* Which published comparator series is drawn beside an indicator: England's when one is
  linked (the national figure is the usual yardstick), otherwise the first linked.
* How many recent periods the composite report shows of each indicator.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import spc, trends

HIGHER, LOWER, TARGET, NEUTRAL = "higher", "lower", "target", "neutral"

SPC_DIRECTION: dict[str, spc.Direction] = {
    HIGHER: "increase",
    LOWER: "decrease",
    TARGET: "neutral",
    NEUTRAL: "neutral",
}
TREND_POLARITY: dict[str, trends.Polarity] = {
    HIGHER: "higher_is_better",
    LOWER: "lower_is_better",
    TARGET: "closer_to_target_is_better",
    NEUTRAL: "no_preferred_direction",
}
# Periods shown per indicator in the composite report: two years of months or quarters, ten years.
REPORT_WINDOW = {"monthly": 24, "quarterly": 8, "annual": 10}
COMPARATOR_AREA = "england"


def spc_direction(polarity: str) -> spc.Direction:
    return SPC_DIRECTION[polarity]


def spc_target(polarity: str, target: float | None) -> float | None:
    """The target SPC assures against: none for a measure with no direction to judge by."""
    return None if spc_direction(polarity) == "neutral" else target


def trend_polarity(polarity: str, *, target: float | None) -> trends.Polarity:
    """How trends are judged; "closer to target" with no target has no preferred direction."""
    judged = TREND_POLARITY[polarity]
    if judged == "closer_to_target_is_better" and target is None:
        return "no_preferred_direction"
    return judged


def chosen_comparator(area_names: Sequence[str]) -> int | None:
    """The index of the comparator to draw: the first whose area is England, else the first;
    None when there is none."""
    for index, name in enumerate(area_names):
        if COMPARATOR_AREA in name.lower():
            return index
    return 0 if area_names else None


def report_window(frequency: str) -> int:
    return REPORT_WINDOW[frequency]
