"""What may go into a cell of a file Safeboard writes: the rules live in the platform's pure
`core.domain.text` (single-line fields use them too); the renderers use them from here.

An .xlsx text cell is written as a string, which is never a formula, so it needs no apostrophe;
a CSV cell has no types, so formula-leading text gets one (`csv_text`).
"""

from __future__ import annotations

from safeboard.core.domain.text import (
    FORMULA_TRIGGERS,
    clean_text,
    csv_text,
    has_illegal_characters,
    starts_like_formula,
)

__all__ = [
    "FORMULA_TRIGGERS",
    "clean_text",
    "csv_text",
    "has_illegal_characters",
    "starts_like_formula",
]
