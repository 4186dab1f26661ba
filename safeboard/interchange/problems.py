"""A problem found in a plan file, with the line and the place a person has to fix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = f"Line {self.line}" if self.line else "The file"
        return (
            f"{place}: {self.where}: {self.message}" if self.where else f"{place}: {self.message}"
        )


class InvalidFile(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def where(document: Any, location: Sequence[Any]) -> str:
    """A readable path: plans › plan-2011 › actions › formalise-links › due_date."""
    parts: list[str] = []
    node = document
    for step in location:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            label = item.get("key") if isinstance(item, dict) else None
            parts.append(str(label) if isinstance(label, str) and label else f"item {step + 1}")
            node = item
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return " › ".join(parts)
