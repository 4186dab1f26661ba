"""Glue between forms and services: a rule broken in a service becomes an error on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from .errors import ApplicationError

T = TypeVar("T")


def run_service(form: forms.BaseForm, service: Callable[..., T], **kwargs: Any) -> T | None:
    """Call `service`; on ApplicationError attach the message to the named field (or to the form)
    and return None so the view shows the form again with its error summary."""
    try:
        return service(**kwargs)
    except ApplicationError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None
