"""The import rules between Safeboard's apps, read from the module registry.

An import-linter contract type (`pyproject.toml` registers it as `modules`), so that adding an app
changes no configuration outside its folder: each app's `module.py` says what kind of app it is
and which other feature apps it uses, and this contract checks every import against that.

- Platform apps (`core`, `ui`, `accounts`, `partnerships`) import only the platform apps below
  them, in `PLATFORM` order. `ui` is the interface floor: its Python (page kit, form fields,
  chart drawing) imports only `core`, so every app may use it; it reaches the modules at run
  time, through templates and the registry.
- Kits (`reports`, `interchange`, ...) import the platform and any kit they declare in
  `uses`; never a feature app (they reach features through the registry at run time).
- Feature apps import the platform, the kits, and the feature apps they declare in `uses`.
- The tests of platform apps and kits may import anything: they exercise the whole.

Only Safeboard's own code is checked; the contract runs without Django being set up.
"""

from __future__ import annotations

from dataclasses import dataclass

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output

from .modules import Kind, Module, discover

PLATFORM = ("core", "ui", "accounts", "partnerships")


@dataclass(frozen=True)
class Breach:
    importer: str
    imported: str
    line: int
    text: str
    why: str


def may_import(importer: Module, imported: Module) -> bool:
    if importer.label == imported.label:
        return True
    if imported.kind is Kind.PLATFORM:
        if importer.kind is Kind.PLATFORM:
            return PLATFORM.index(imported.label) < PLATFORM.index(importer.label)
        return True
    if importer.kind is Kind.PLATFORM:
        return False
    if imported.kind is Kind.KIT:
        return importer.kind is Kind.FEATURE or imported.label in importer.uses
    # A feature app: only by a feature that declares it.
    return importer.kind is Kind.FEATURE and imported.label in importer.uses


def _why(importer: Module, imported: Module) -> str:
    if importer.kind is Kind.PLATFORM:
        return f"the platform app {importer.label} may import only the platform below it"
    if importer.kind is Kind.KIT and imported.kind is Kind.FEATURE:
        return f"the kit {importer.label} may not import a feature app (use the registry)"
    return f"{importer.label}'s module.py does not declare that it uses {imported.label}"


def _owner(name: str, modules: list[Module]) -> Module | None:
    for module in modules:
        if name == module.package or name.startswith(module.package + "."):
            return module
    return None


def breaches(graph: ImportGraph, modules: list[Module]) -> list[Breach]:
    found: list[Breach] = []
    for importer in modules:
        exempt_tests = importer.kind is not Kind.FEATURE
        names = {importer.package} | graph.find_descendants(importer.package)
        for name in sorted(names):
            if exempt_tests and (".tests." in name + "." or name.endswith(".tests")):
                continue
            for imported_name in sorted(graph.find_modules_directly_imported_by(name)):
                imported = _owner(imported_name, modules)
                if imported is None or may_import(importer, imported):
                    continue
                details = graph.get_import_details(importer=name, imported=imported_name)
                places = [(d["line_number"], d["line_contents"]) for d in details] or [(0, "")]
                found.extend(
                    Breach(name, imported_name, line, text, _why(importer, imported))
                    for line, text in places
                )
    return found


class ModulesContract(Contract):
    """Every import between apps is allowed by the importing app's registry entry."""

    root = fields.StringField(default="safeboard")

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        modules = discover(str(self.root))
        found = breaches(graph, modules)
        return ContractCheck(kept=not found, metadata={"breaches": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        found: list[Breach] = check.metadata["breaches"]
        for breach in found:
            output.print(
                f"{breach.importer} (line {breach.line}: {breach.text}) imports "
                f"{breach.imported}: {breach.why}."
            )
        output.new_line()
