"""Views read access -> service or selector -> render: a view module never looks records up
itself (`get_inside(...)`, `Model.objects`, `Model._default_manager`). Lookups go through the
app's `access.py` helpers and its selectors."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "safeboard"
MANAGERS = {"objects", "_default_manager"}

# Views not yet reshaped, as (module path, what it does). Their apps' helpers remove them; the
# test fails when one listed here no longer happens, so this list only ever shrinks.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def _view_modules() -> list[Path]:
    paths = [*ROOT.glob("*/views.py"), *ROOT.glob("*/*/views.py"), *ROOT.glob("*/views_*.py")]
    return sorted(p for p in paths if "tests" not in p.parts)


def _violations(path: Path) -> set[tuple[str, str]]:
    name = str(path.relative_to(ROOT.parent))
    return _violations_of_source(path.read_text(), name)


def _violations_of_source(source: str, name: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called == "get_inside":
                found.add((name, "get_inside"))
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            found.add((name, node.attr))
    return found


def test_it_finds_the_view_modules():
    names = {str(p.relative_to(ROOT.parent)) for p in _view_modules()}
    assert "safeboard/partnerships/views.py" in names
    assert "safeboard/finance/views.py" in names


def test_it_keeps_lookups_out_of_views():
    found = set().union(*(_violations(p) for p in _view_modules()))
    unexpected = found - KNOWN_EXCEPTIONS
    assert not unexpected, f"views look records up themselves: {sorted(unexpected)}"
    no_longer = KNOWN_EXCEPTIONS - found
    assert not no_longer, f"remove these from KNOWN_EXCEPTIONS, they are fixed: {sorted(no_longer)}"


def test_it_spots_a_manager_and_get_inside_in_a_view():
    source = "def v(request):\n    Agency.objects.get(pk=1)\n    get_inside(a, q, 1)\n"
    assert {what for _, what in _violations_of_source(source, "views.py")} == {
        "objects",
        "get_inside",
    }
