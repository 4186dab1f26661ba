"""Glue between forms and services: a rule broken in a service becomes an error on the form, and
an edit form carries the version of the record it was loaded from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.http import QueryDict

from .errors import ApplicationError, StaleEdit

T = TypeVar("T")

VERSION_FIELD = "version"
OUT_OF_DATE = "This page is out of date. Open the record again and make your changes there."


class VersionField(forms.IntegerField):
    """The version of the record the form was loaded from, sent back hidden with the form."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault(
            "error_messages",
            {"required": OUT_OF_DATE, "invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE},
        )
        super().__init__(**kwargs)


class VersionedForm(forms.Form):
    """An edit form: `version` holds the version it was loaded from. The page kit fills it from
    the record (`initial_version`) and passes it to the service as `expected_version`."""

    version = VersionField()

    @staticmethod
    def initial_version(record: Any) -> dict[str, Any]:
        return {VERSION_FIELD: record.record_version}


def expected_version(form: forms.BaseForm) -> dict[str, Any]:
    """The keyword a service takes (`expected_version=...`), from a valid versioned form; none from
    a form without a version field."""
    if VERSION_FIELD not in form.fields:
        return {}
    return {"expected_version": form.cleaned_data[VERSION_FIELD]}


def service_data(form: forms.BaseForm) -> dict[str, Any]:
    """The cleaned data a service takes: every field, with the version as `expected_version`.
    A form whose fields are not the service's arguments (a meeting's attendance is one field per
    seat) says what the service takes in a `for_service()` method."""
    for_service = getattr(form, "for_service", None)
    if callable(for_service):
        data = dict(for_service())
    else:
        data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
    return {**data, **expected_version(form)}


def move_version_on(form: forms.BaseForm, version: int) -> None:
    """Show the form again with the person's input, but carrying `version`, so that saving again
    applies their input over the change they have now been told about."""
    data = QueryDict(mutable=True)  # the request's own QueryDict is immutable
    for key, values in form.data.lists():  # type: ignore[attr-defined]
        data.setlist(key, values)
    data[form.add_prefix(VERSION_FIELD)] = str(version)
    form.data = data


def run_service(form: forms.BaseForm, service: Callable[..., T], **kwargs: Any) -> T | None:
    """Call `service`; on ApplicationError attach the message to the named field (or to the form)
    and return None so the view shows the form again with its error summary. On StaleEdit (someone
    saved the record since the form was loaded) the message goes at the top and the form's
    version moves on to the current one."""
    try:
        return service(**kwargs)
    except StaleEdit as error:
        form.add_error(None, error.message)
        if VERSION_FIELD in form.fields:
            move_version_on(form, error.current_version)
        return None
    except ApplicationError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None
