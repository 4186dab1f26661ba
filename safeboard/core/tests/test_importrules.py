"""The import rules between apps, as the registry declares them."""

import grimp

from safeboard.core.importrules import breaches, may_import
from safeboard.core.modules import Kind, Module


def _module(label, kind=Kind.FEATURE, uses=()):
    module = Module(label=label, name=label, kind=kind, uses=uses)
    object.__setattr__(module, "package", f"app.{label}")
    return module


CORE = _module("core", Kind.PLATFORM)
PARTNERSHIPS = _module("partnerships", Kind.PLATFORM)
REPORTS = _module("reports", Kind.KIT)
GOVERNANCE = _module("governance")
PLANS = _module("plans", uses=("governance",))
FINANCE = _module("finance")


def test_it_lets_the_platform_import_only_the_platform_below_it():
    assert may_import(PARTNERSHIPS, CORE)
    assert not may_import(CORE, PARTNERSHIPS)
    assert not may_import(PARTNERSHIPS, REPORTS)
    assert not may_import(PARTNERSHIPS, GOVERNANCE)


def test_it_keeps_kits_away_from_features():
    assert may_import(REPORTS, CORE)
    assert not may_import(REPORTS, GOVERNANCE)
    assert may_import(GOVERNANCE, REPORTS)


def test_it_lets_a_feature_import_another_only_where_it_declares_it():
    assert may_import(PLANS, GOVERNANCE)
    assert not may_import(GOVERNANCE, PLANS)
    assert not may_import(FINANCE, PLANS)


def _graph(*imports):
    graph = grimp.ImportGraph()
    for module in ("app", *(m.package for m in (CORE, REPORTS, GOVERNANCE, PLANS, FINANCE))):
        graph.add_module(module)
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported, line_number=3, line_contents="x")
    return graph


def test_it_names_each_import_the_declarations_do_not_allow():
    modules = [CORE, REPORTS, GOVERNANCE, PLANS, FINANCE]
    graph = _graph(
        ("app.plans.views", "app.governance.models"),  # declared: fine
        ("app.finance.selectors", "app.plans.models"),  # not declared
        ("app.reports.renderers", "app.finance.models"),  # a kit importing a feature
        ("app.reports.tests.test_x", "app.finance.models"),  # a kit's tests may
    )
    found = {(b.importer, b.imported) for b in breaches(graph, modules)}
    assert found == {
        ("app.finance.selectors", "app.plans.models"),
        ("app.reports.renderers", "app.finance.models"),
    }
