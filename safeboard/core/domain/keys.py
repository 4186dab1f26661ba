"""Short stable keys ("education-and-training") that records are referred to by in plan files."""

from __future__ import annotations

from collections.abc import Iterable


def next_free_key(
    base: str, *, taken: Iterable[str], max_length: int = 80, fallback: str = "item"
) -> str:
    """`base` (already a slug) if free, otherwise `base-2`, `base-3`..., never longer than
    `max_length`. An empty base becomes `fallback`."""
    used = set(taken)
    base = base[:max_length].strip("-") or fallback
    key, n = base, 1
    while key in used:
        n += 1
        suffix = f"-{n}"
        key = base[: max_length - len(suffix)].rstrip("-") + suffix
    return key
