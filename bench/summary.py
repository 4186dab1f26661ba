"""The bench's figures as rows of the closing table (`measure | figure | goal | met`), and the
small formatting helpers every part of the bench shares. No Django import: the orchestrator that
prints the table never sets Django up."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

NA = "not available"
YES, NO, NONE = "yes", "no", "-"


@dataclass(frozen=True)
class Row:
    measure: str
    figure: str
    goal: str = NONE
    met: str = NONE


def ms(seconds: float | None) -> str:
    return NA if seconds is None else f"{seconds * 1000:,.1f} ms"


def s(seconds: float | None) -> str:
    return NA if seconds is None else f"{seconds:,.3f} s"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b <= 0 else a / b


def x(value: float | None) -> str:
    return NA if value is None else f"{value:,.2f}x"


def at_most(
    measure: str,
    value: float | None,
    goal: float,
    *,
    shown: Callable[[float | None], str] = x,
    goal_text: str | None = None,
) -> Row:
    """A figure whose goal is an upper bound; "not available" when it could not be measured."""
    text = goal_text if goal_text is not None else f"<= {shown(goal)}"
    if value is None:
        return Row(measure, NA, text, NA)
    return Row(measure, shown(value), text, YES if value <= goal else NO)


def at_least(measure: str, value: float | None, goal: float) -> Row:
    if value is None:
        return Row(measure, NA, f">= {x(goal)}", NA)
    return Row(measure, x(value), f">= {x(goal)}", YES if value >= goal else NO)


def median_pair(
    floor: Callable[[], Any], page: Callable[[], Any], repeats: int, *, slow: float
) -> tuple[float, float]:
    """Times `floor` and `page` alternately (floor, page, floor, page ...) `repeats` times after
    one warm-up of each, and returns their medians. A page slower than `slow` seconds on its
    warm-up is timed at most 3 times, to keep the run within minutes."""
    import time

    floor()
    start = time.perf_counter()
    page()
    if time.perf_counter() - start > slow:
        repeats = min(repeats, 3)
    floors, pages = [], []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        floor()
        floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        page()
        pages.append(time.perf_counter() - start)
    return statistics.median(floors), statistics.median(pages)


def percentile(ordered: Sequence[float], p: float) -> float | None:
    """The nearest-rank percentile of already sorted values (None for no values)."""
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(min(rank, len(ordered))) - 1]


def save(rows: Sequence[Row], path: Path) -> None:
    path.write_text(json.dumps([asdict(r) for r in rows]), encoding="utf-8")


def load(path: Path) -> list[Row]:
    try:
        return [Row(**r) for r in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return []


def table(rows: Sequence[Row]) -> str:
    """The closing table, as Markdown (so it can be pasted into a note as it is)."""
    head = ("measure", "figure", "goal", "met")
    cells = [head, *((r.measure, r.figure, r.goal, r.met) for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]

    def line(c: Sequence[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)) + " |"

    rule = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(head), rule, *(line(c) for c in cells[1:])])
