"""Deterministic synthetic series for the illustrative example data set.

Every series is made from a seed, so the examples are the same on every machine and every run.
A series is common-cause noise around a level, optionally with one designed pattern that a
statistical process control chart should pick up:

* ``shift``: from point ``at`` on, the level moves by ``size`` standard deviations and stays;
* ``trend``: the level rises (or falls) steadily by ``size`` standard deviations over the series;
* ``outlier``: one point, ``at``, is ``size`` standard deviations from the level.

Counts are non-negative whole numbers; percentages lie between 0 and 100 (one decimal place).
These are NOT real figures and must always be shown as illustrative.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

Shape = Literal["common", "shift", "trend", "outlier"]
Kind = Literal["count", "percentage", "rate"]


@dataclass(frozen=True)
class Design:
    level: float
    sd: float
    kind: Kind = "count"
    shape: Shape = "common"
    at: int = 0
    size: float = 0.0


def generate(design: Design, n: int, *, seed: int) -> list[float]:
    """`n` values following `design`, the same for the same seed."""
    if n < 1:
        raise ValueError("n must be at least 1")
    if design.sd < 0:
        raise ValueError("sd must not be negative")
    rng = random.Random(seed)
    values: list[float] = []
    for i in range(n):
        level = design.level
        if design.shape == "shift" and i >= design.at:
            level += design.size * design.sd
        elif design.shape == "trend":
            level += design.size * design.sd * i / max(n - 1, 1)
        # Keep the noise modest (±2.5 sd) so only the designed pattern stands out.
        noise = max(-2.5, min(2.5, rng.gauss(0.0, 1.0))) * design.sd
        value = level + noise
        if design.shape == "outlier" and i == design.at:
            value = design.level + design.size * design.sd
        values.append(_fit(value, design.kind))
    return values


def _fit(value: float, kind: Kind) -> float:
    if kind == "count":
        return float(max(0, round(value)))
    if kind == "percentage":
        return round(min(100.0, max(0.0, value)), 1)
    return round(max(0.0, value), 1)
