"""The safe loader never lets a malformed plan file become a server error."""

from __future__ import annotations

import pytest

from safeboard.interchange import yaml_lines
from safeboard.interchange.validate import InvalidFile, parse


def _problem(text: str) -> yaml_lines.YamlError:
    with pytest.raises(yaml_lines.YamlError) as caught:
        yaml_lines.load(text)
    return caught.value


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 500 + "]" * 500,
        "a: " + "{b: " * 400 + "1" + "}" * 400,
        "a:\n" + "".join("  " * i + "-\n" for i in range(400)),
    ],
)
def test_it_refuses_nesting_hundreds_of_levels_deep(text):
    error = _problem(text)
    assert "more than 20 levels deep" in error.message
    assert error.line is not None


def test_it_accepts_the_nesting_a_plan_file_needs():
    value = yaml_lines.load("a: " + "[" * 19 + "]" * 19)["a"]
    depth = 0
    while isinstance(value, list):
        depth, value = depth + 1, value[0] if value else None
    assert depth == 19


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("due: 2021-02-30\n", 1, "2021-02-30 is not a real date"),
        ("x: 1\nplan:\n  due: 2021-13-01\n", 3, "2021-13-01 is not a real date"),
        ("when: 2021-02-28 25:61:00\n", 1, "is not a real date"),
        ("n: " + "1" * 5000 + "\n", 1, "cannot be read"),
        ("n: 0x" + "f" * 5000 + "\n", 1, "far too large"),
        ("n: !!float nope\n", 1, "cannot be read"),
    ],
)
def test_it_reports_a_value_that_cannot_be_built_on_its_line(text, line, message):
    error = _problem(text)
    assert error.line == line
    assert message in error.message


def test_it_shows_an_impossible_date_as_a_problem_of_the_plan_file():
    with pytest.raises(InvalidFile) as caught:
        parse("format: safeboard-partnership\nversion: 1\nreview: 2021-02-30\n")
    [problem] = caught.value.problems
    assert problem.line == 3
    assert "2021-02-30 is not a real date" in problem.message


def test_it_still_refuses_aliases_and_huge_files():
    assert "Aliases" in _problem("a: &x [1]\nb: *x\n").message
    assert "larger than 5 MB" in _problem("a: " + "x" * (5 * 1024 * 1024 + 1)).message
