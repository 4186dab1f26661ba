"""A thin alias kept until the performance exports are moved to `safeboard.reports`.

New code does not use it: an Excel file is written by `reports.renderers.xlsx` (text cells as
strings, with no visible apostrophe) and a CSV file by `reports.renderers.csv`. `safe_cell` is the
CSV rule, `core.domain.text.csv_text`: formula-leading text gets a leading apostrophe, characters
a file cannot hold are removed, anything that is not text is returned unchanged.
"""

from __future__ import annotations

from typing import TypeVar

from .domain.text import FORMULA_TRIGGERS, csv_text

__all__ = ["FORMULA_TRIGGERS", "safe_cell"]

T = TypeVar("T")


def safe_cell(value: T) -> T | str:
    return csv_text(value) if isinstance(value, str) else value
