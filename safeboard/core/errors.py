"""Errors a person can cause. Services raise them; views turn them into GOV.UK error summaries."""

from __future__ import annotations


class ApplicationError(Exception):
    """A rule was broken. `field` names the form field to point at, if there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
