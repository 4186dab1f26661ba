"""Checks on the text a person types, applied to every record saved through `save_recorded`.

A one-line field (a model `CharField`: a name, a title, a code, an e-mail address) must hold no
line break or other control character: a line break in a partnership's name broke the subject of
the invitation e-mail (a server error), and invisible characters make names that look alike.
A longer text (`TextField`) may hold line breaks and tabs but no NUL character, which PostgreSQL
cannot store. The rules are `core.domain.text.single_line_problem`; these apply them to a model
instance, with the field's name for the error summary.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from .domain.text import single_line_problem
from .errors import ApplicationError


def single_line_text(value: str) -> None:
    """A validator for a form or model field that must be one line of text."""
    problem = single_line_problem(value)
    if problem:
        raise ValidationError(f"This {problem}.", code="single_line")


def text_fields_problem(instance: models.Model) -> ApplicationError | None:
    """The first text field of `instance` holding a character it must not, as an error for
    that field; None when every text field is fine."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname, None)
        if not isinstance(value, str) or not value:
            continue
        label = str(field.verbose_name)
        label = label[:1].upper() + label[1:]
        if isinstance(field, models.CharField):
            problem = single_line_problem(value)
        else:
            problem = "must not contain null characters" if "\x00" in value else None
        if problem:
            return ApplicationError(f"{label} {problem}.", field=field.name)
    return None


def check_text_fields(instance: models.Model) -> None:
    """Raise `ApplicationError` naming the first text field that holds a forbidden character."""
    error = text_fields_problem(instance)
    if error is not None:
        raise error
