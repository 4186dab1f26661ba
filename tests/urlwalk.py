"""Every URL pattern of the project, with what a test needs to fill it in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

PARTNERSHIP_PREFIX = "p/<slug:partnership_slug>/"


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    route: str
    callback: Any  # the view, with what partnership_view sets on it
    kwargs: tuple[str, ...]

    @property
    def in_partnership(self) -> bool:
        return self.route.startswith(PARTNERSHIP_PREFIX)


def all_routes() -> Iterator[Route]:
    def walk(patterns: Sequence[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                route = prefix + str(entry.pattern)
                kwargs = tuple(entry.pattern.regex.groupindex)
                outer = tuple(k for k in ("partnership_slug",) if k in route and k not in kwargs)
                yield Route(name, route, entry.callback, outer + kwargs)

    yield from walk(get_resolver().url_patterns, "", "")


def partnership_routes() -> list[Route]:
    return [r for r in all_routes() if r.in_partnership]


def record_kwargs() -> set[str]:
    """Every record kind (URL keyword) a partnership page names."""
    return {k for r in partnership_routes() for k in r.kwargs if k != "partnership_slug"}
