"""`reports` is a kit: it imports the platform (core, accounts, partnerships) and `ui`, never a
feature app, so every module can use it and none can be broken by another through it."""

import ast
from pathlib import Path

import safeboard.reports

ALLOWED = {"core", "accounts", "partnerships", "ui", "reports"}


def test_it_imports_no_feature_app():
    root = Path(safeboard.reports.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        if "tests" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "safeboard" and len(parts) > 1 and parts[1] not in ALLOWED:
                    found.append(f"{path.name}: {name}")
    assert found == []
    assert len(list(root.rglob("*.py"))) > 5  # the walk saw the kit's modules
