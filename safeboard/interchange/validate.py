"""Read and check a plan file, naming the line and field of every problem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from . import yaml_lines
from .schema import PartnershipFile


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


def _where(document: Any, location: Sequence[Any]) -> str:
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
        return "is not in the expected form (for a budget year: 2011/12)"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    template = _MESSAGES.get(kind)
    if template is None:
        return str(error["msg"])
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def parse(text: str | bytes) -> PartnershipFile:
    """The checked file, or InvalidFile listing every problem found."""
    try:
        document = yaml_lines.load(text)
    except yaml_lines.YamlError as error:
        raise InvalidFile([Problem(error.line, "", error.message)]) from error
    if not isinstance(document, dict):
        raise InvalidFile(
            [Problem(1, "", "A plan file starts with format, version and partnership fields.")]
        )
    try:
        parsed = PartnershipFile.model_validate(document)
    except ValidationError as error:
        problems = [
            Problem(yaml_lines.line_of(document, e["loc"]), _where(document, e["loc"]), _message(e))
            for e in error.errors()
        ]
        raise InvalidFile(problems) from error
    problems = list(_cross_check(parsed, document))
    if problems:
        raise InvalidFile(problems)
    return parsed


def _problem(document: Any, location: Sequence[Any], message: str) -> Problem:
    return Problem(yaml_lines.line_of(document, location), _where(document, location), message)


def _duplicates(
    document: Any, base: tuple[Any, ...], keys: list[str], what: str
) -> Iterable[Problem]:
    counts = Counter(keys)
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if counts[key] > 1 and key in seen:
            yield _problem(document, (*base, index, "key"), f"{what} key {key!r} is used twice")
        seen.add(key)


def _cross_check(f: PartnershipFile, d: Any) -> Iterable[Problem]:
    agencies = [a.key for a in f.agencies]
    groups = [g.key for g in f.groups]
    yield from _duplicates(d, ("agencies",), agencies, "agency")
    yield from _duplicates(d, ("groups",), groups, "group")
    yield from _duplicates(d, ("board_links",), [b.key for b in f.board_links], "board link")
    yield from _duplicates(d, ("plans",), [p.key for p in f.plans], "plan")
    agency_set, group_set = set(agencies), set(groups)

    def missing(kind: str, key: str) -> str:
        return f"names the {kind} {key!r}, which is not in the file's {kind} list"

    parents: dict[str, str] = {}
    for gi, group in enumerate(f.groups):
        if group.reports_to is not None:
            if group.reports_to not in group_set:
                yield _problem(d, ("groups", gi, "reports_to"), missing("group", group.reports_to))
            else:
                parents[group.key] = group.reports_to
        for mi, member in enumerate(group.members):
            if member.agency is not None and member.agency not in agency_set:
                yield _problem(
                    d, ("groups", gi, "members", mi, "agency"), missing("agency", member.agency)
                )
            if not member.name and member.agency is None:
                yield _problem(d, ("groups", gi, "members", mi), "needs a name or an agency")
    for gi, group in enumerate(f.groups):
        seen, current = {group.key}, parents.get(group.key)
        while current is not None:
            if current in seen:
                yield _problem(
                    d,
                    ("groups", gi, "reports_to"),
                    "makes a loop: a group cannot report to itself or to a group below it",
                )
                break
            seen.add(current)
            current = parents.get(current)

    for pi, plan in enumerate(f.plans):
        at = ("plans", pi)
        if plan.period.end < plan.period.start:
            yield _problem(d, (*at, "period", "end"), "must not be before the start")
        themes = [t.key for t in plan.themes]
        streams = [w.key for w in plan.work_streams]
        yield from _duplicates(d, (*at, "themes"), themes, "theme")
        yield from _duplicates(d, (*at, "work_streams"), streams, "work stream")
        yield from _duplicates(d, (*at, "actions"), [a.key for a in plan.actions], "action")
        theme_set, stream_set = set(themes), set(streams)
        for wi, stream in enumerate(plan.work_streams):
            if stream.group is not None and stream.group not in group_set:
                yield _problem(
                    d, (*at, "work_streams", wi, "group"), missing("group", stream.group)
                )
            for ti, theme in enumerate(stream.themes):
                if theme not in theme_set:
                    yield _problem(
                        d, (*at, "work_streams", wi, "themes", ti), missing("theme", theme)
                    )
        for ai, action in enumerate(plan.actions):
            here = (*at, "actions", ai)
            if action.work_stream is not None and action.work_stream not in stream_set:
                yield _problem(
                    d, (*here, "work_stream"), missing("work stream", action.work_stream)
                )
            if action.group is not None and action.group not in group_set:
                yield _problem(d, (*here, "group"), missing("group", action.group))
            if action.lead_agency is not None and action.lead_agency not in agency_set:
                yield _problem(d, (*here, "lead_agency"), missing("agency", action.lead_agency))
            for ti, theme in enumerate(action.themes):
                if theme not in theme_set:
                    yield _problem(d, (*here, "themes", ti), missing("theme", theme))
            if action.start_date and action.due_date and action.due_date < action.start_date:
                yield _problem(d, (*here, "due_date"), "must not be before the start date")

    years = [y.start_year for y in f.budget]
    for yi, year in enumerate(f.budget):
        at = ("budget", yi)
        if years.count(year.start_year) > 1 and years.index(year.start_year) != yi:
            yield _problem(d, (*at, "start_year"), f"the year {year.start_year} appears twice")
        expected = f"{year.start_year}/{(year.start_year + 1) % 100:02d}"
        if year.year != expected:
            yield _problem(d, (*at, "year"), f"does not match start_year (expected {expected})")
        yield from _duplicates(d, (*at, "lines"), [line.key for line in year.lines], "line")
        for li, line in enumerate(year.lines):
            named: set[str] = set()
            for ci, contribution in enumerate(line.contributions):
                where = (*at, "lines", li, "contributions", ci, "agency")
                if contribution.agency not in agency_set:
                    yield _problem(d, where, missing("agency", contribution.agency))
                elif contribution.agency in named:
                    yield _problem(d, where, "this agency already contributes to this line")
                named.add(contribution.agency)
