"""Display text for indicator series: the words and symbols pages, PDFs and chart descriptions
show for SPC variation and assurance, trends, baseline change and latest values. Text only, no
queries and no rules (those are in ../domain/)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from ..domain import trends

ILLUSTRATIVE_LABEL = "Illustrative values: synthetic data for demonstration"
NOT_RECORDED = "Not recorded"

# (symbol, text) for each SPC variation icon and assurance icon: text, never colour alone.
VARIATION_LABELS: dict[str, tuple[str, str]] = {
    "common_cause": ("~", "Common cause variation"),
    "improvement_high": ("▲", "Special cause: improvement, higher"),
    "improvement_low": ("▼", "Special cause: improvement, lower"),
    "concern_high": ("▲", "Special cause: concern, higher"),
    "concern_low": ("▼", "Special cause: concern, lower"),
    "neutral_high": ("▲", "Special cause: neither better nor worse, higher"),
    "neutral_low": ("▼", "Special cause: neither better nor worse, lower"),
}
NO_VARIATION = ("–", "Not enough data for SPC")
POINT_LABELS: dict[str, str] = {
    "common_cause": "Common cause",
    "improvement": "Special cause: improvement",
    "concern": "Special cause: concern",
    "neutral_high": "Special cause: neutral (higher)",
    "neutral_low": "Special cause: neutral (lower)",
}
ASSURANCE_LABELS: dict[str, tuple[str, str]] = {
    "pass": ("✓", "Target consistently met"),
    "fail": ("✗", "Target consistently missed"),
    "inconsistent": ("?", "Target met or missed by chance"),
}
NO_ASSURANCE = ("–", "No target assurance")
TREND_WORDS = {"up": "Up", "down": "Down", "flat": "No change"}
JUDGEMENT_WORDS = {"improving": "improving", "getting_worse": "getting worse", "no_change": ""}


def plain(value: Decimal | None) -> str:
    """12.5000 -> "12.5"; None -> "Not recorded"."""
    if value is None:
        return NOT_RECORDED
    return f"{value.normalize():f}"


def point_label(point_type: str | None) -> str:
    return POINT_LABELS.get(point_type or "", "")


def variation(icon: str | None) -> tuple[str, str]:
    return NO_VARIATION if icon is None else VARIATION_LABELS[icon]


def assurance(icon: str | None) -> tuple[str, str]:
    return NO_ASSURANCE if icon is None else ASSURANCE_LABELS[icon]


def trend_text(trend: trends.CurrentTrend | None) -> str:
    if trend is None or trend.direction is None:
        return "Not enough data"
    words = TREND_WORDS[trend.direction]
    plural = "period" if trend.periods == 1 else "periods"
    judged = JUDGEMENT_WORDS.get(trend.judgement or "", "")
    return f"{words} for {trend.periods} {plural}" + (f", {judged}" if judged else "")


def baseline_change_text(
    change: trends.BaselineChange | None, label_for: Callable[[datetime.date], str]
) -> str:
    if change is None:
        return "Not enough data"
    since = label_for(change.baseline_date)
    if change.percent_change is None:
        return f"{change.change:+,.2f} since {since}"
    return f"{change.percent_change:+.1f}% since {since}"


def turned_text(turned: bool | None) -> str:
    if turned is None:
        return "No judgement"
    return "Yes" if turned else "Not yet"


def latest_text(value: Decimal | None, marker: str, label: str) -> str:
    """The latest value as shown: its marker when suppressed, "12 (March 2021)"."""
    return f"{marker or plain(value)} ({label})"
