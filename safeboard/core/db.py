"""A safety net under every query: text holding a NUL character never reaches the database.

PostgreSQL refuses NUL in text (a `DataError`, so a server error) while SQLite stores it; forms
refuse it already (Django's form fields do), and `save_recorded` checks every text field before a
save. A service that looks something up by a text it was given, before saving, would still pass
a NUL to the database: this wrapper turns that into the same `ApplicationError` on every backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .errors import ApplicationError

NUL_MESSAGE = "Text must not contain NUL characters. Remove them and try again."


def _has_nul(values: Iterable[Any] | Mapping[str, Any] | None) -> bool:
    """Whether any text among the parameters holds a NUL, looking into lists and tuples too
    (PostgreSQL's bulk insert passes each column as one array)."""
    if values is None:
        return False
    items = values.values() if isinstance(values, Mapping) else values
    for value in items:
        if isinstance(value, str):
            if "\x00" in value:
                return True
        elif isinstance(value, list | tuple) and _has_nul(value):
            return True
    return False


def refuse_nul(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    if many:
        params = list(params)
        if any(_has_nul(row) for row in params):
            raise ApplicationError(NUL_MESSAGE)
    elif _has_nul(params):
        raise ApplicationError(NUL_MESSAGE)
    return execute(sql, params, many, context)


def install(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: every connection gets the wrapper once."""
    if refuse_nul not in connection.execute_wrappers:
        connection.execute_wrappers.append(refuse_nul)
