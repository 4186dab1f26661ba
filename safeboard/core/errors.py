"""Errors a person can cause. Services raise them; views turn them into GOV.UK error summaries."""

from __future__ import annotations


class ApplicationError(Exception):
    """A rule was broken. `field` names the form field to point at, if there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(ApplicationError):
    """Someone saved the record since the person opened it: saving now would overwrite their
    change. `current_version` is the version the record is at now, so the form can move on to it
    and a second save applies the person's input knowingly."""

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version
