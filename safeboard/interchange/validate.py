"""Read and check a plan file, naming the line and field of every problem."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from . import yaml_lines
from .problems import InvalidFile, Problem, where
from .schema import file_model
from .sections import Known, sections

__all__ = ["InvalidFile", "Problem", "parse"]


_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not part of the plan file format (check the spelling)",
    "string_type": "must be text (put it in quotes)",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date written YYYY-MM-DD, with no time",
    "list_type": "must be a list (lines starting with -)",
    "model_type": "must be a set of fields (key: value lines)",
    "model_attributes_type": "must be a set of fields (key: value lines)",
    "decimal_parsing": "must be a number",
    "decimal_type": "must be a number",
    "decimal_max_places": "must have at most 2 decimal places",
    "decimal_max_digits": "is too large",
    "greater_than_equal": "must not be less than {ge}",
    "less_than_equal": "must not be more than {le}",
    "string_too_long": "is too long (at most {max_length} characters)",
    "string_too_short": "must not be empty",
}


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        return f"must be one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in str(ctx.get("pattern", "")):
            return "must be lower-case letters, numbers and hyphens, like police or sub-group-1"
        if "https?" in str(ctx.get("pattern", "")):
            return "must be a web address starting http:// or https://"
        return "is not in the expected form"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    template = _MESSAGES.get(kind)
    if template is None:
        return str(error["msg"])
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def parse(text: str | bytes) -> Any:
    """The checked file, or InvalidFile listing every problem found. The file's model is put
    together at run time from the modules' sections (`schema.file_model`), so it has no static
    type: each section reads its own fields."""
    try:
        document = yaml_lines.load(text)
    except yaml_lines.YamlError as error:
        raise InvalidFile([Problem(error.line, "", error.message)]) from error
    if not isinstance(document, dict):
        raise InvalidFile(
            [Problem(1, "", "A plan file starts with format, version and partnership fields.")]
        )
    try:
        parsed = file_model().model_validate(document)
    except ValidationError as error:
        problems = [
            Problem(yaml_lines.line_of(document, e["loc"]), where(document, e["loc"]), _message(e))
            for e in error.errors()
        ]
        raise InvalidFile(problems) from error
    problems = list(_cross_check(parsed, document))
    if problems:
        raise InvalidFile(problems)
    return parsed


def _cross_check(parsed: BaseModel, document: Any) -> Iterator[Problem]:
    """Each module's own checks, knowing the keys every module's records define."""
    known = Known()
    for section in sections():
        known.update(section.keys(parsed))
    for section in sections():
        yield from section.check(parsed, document, known)
