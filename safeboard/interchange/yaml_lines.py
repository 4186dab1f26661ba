"""Safe YAML reading that remembers where everything came from.

Mappings and lists come back as `LinedDict` / `LinedList`, which record the line of each key and
item, so a validation error can name the line a person has to fix. A key written twice in one
mapping is an error (plain YAML keeps the last silently), and so are aliases (`*name`), which would
let a small file expand into a huge one.

Whatever the file holds, `load` raises only `YamlError`, naming the line where it can: nesting
deeper than `MAX_DEPTH` is refused before Python's recursion limit is reached, and a value that
PyYAML's constructors cannot build (an impossible date such as 2021-02-30, a number too long to
convert) is reported on its line instead of escaping as a server error.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20  # a plan file nests about six levels; hundreds would exhaust the recursion limit
MAX_INT_BITS = 64  # a larger whole number is a mistake (and too long for Python to print)
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class YamlError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class LinedDict(dict[str, Any]):
    line: int = 0
    lines: dict[Any, int]


class LinedList(list[Any]):
    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlError(
                event.start_mark.line + 1,
                "Aliases (*name) are not allowed in a plan file: write the value out in full.",
            )
        if self._depth >= MAX_DEPTH:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlError(
                event.start_mark.line + 1,
                f"The file nests lists and sections more than {MAX_DEPTH} levels deep here."
                " A plan file needs far fewer: check the indentation and brackets.",
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            result = super().construct_object(node, deep=deep)
            if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
                raise YamlError(node.start_mark.line + 1, "This number is far too large.")
            return result
        except (YamlError, yaml.YAMLError):
            raise
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            line = node.start_mark.line + 1
            value = str(node.value)[:40] if isinstance(node.value, str) else ""
            if node.tag == TIMESTAMP_TAG:
                raise YamlError(
                    line, f"{value} is not a real date. Write the date as YYYY-MM-DD."
                ) from exc
            raise YamlError(line, f"{value or 'This value'} cannot be read ({exc}).") from exc


def _mapping(loader: _Loader, node: MappingNode) -> LinedDict:
    result = LinedDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int | bool | float) or key is None:
            raise YamlError(line, "A key must be plain text.")
        if key in result.lines:
            raise YamlError(
                line, f'"{key}" appears twice here (first on line {result.lines[key]}).'
            )
        result.lines[key] = line
        result[key] = loader.construct_object(value_node, deep=True)  # type: ignore[index]
    return result


def _sequence(loader: _Loader, node: SequenceNode) -> LinedList:
    result = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def load(text: str | bytes) -> Any:
    if len(text) > MAX_BYTES:
        raise YamlError(None, "The file is larger than 5 MB.")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise YamlError(
                None, "The file is not UTF-8 text. Save it as UTF-8 and try again."
            ) from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except YamlError:
        raise
    except RecursionError as exc:  # a last guard; MAX_DEPTH stops nesting long before
        raise YamlError(None, "The file nests lists and sections too deeply.") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(line, f"This is not valid YAML: {exc.problem or exc.context}.") from exc
    except yaml.YAMLError as exc:
        raise YamlError(None, f"This is not valid YAML: {exc}.") from exc


def line_of(document: Any, location: Sequence[Any]) -> int | None:
    """The line of the deepest part of `location` (a path of keys and indexes) in `document`."""
    node, line = document, getattr(document, "line", None)
    for step in location:
        if isinstance(node, LinedDict) and step in node:
            line = node.lines.get(step, line)
            node = node[step]
        elif isinstance(node, LinedList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.lines[step]
            node = node[step]
        else:
            break
    return line
