"""The module registry: what each app adds to the places every module shares.

An app declares itself once, in `safeboard/<app>/module.py`, as `MODULE = Module(...)`. Everything
shared reads the registry instead of a list written elsewhere: the partnership URLs
(`config/urls.py`), the navigation, the tenancy and every-page walks (`url_records`), the plan file
(`plan_file`), the example data (`examples`), the import rules between apps (`uses`, checked by
`safeboard.core.importrules`), and, as the issues that need them arrive, the home page, search
and the API. Adding an app means writing its folder and adding it to `INSTALLED_APPS`; a test
(`tests/test_modules.py`) fails if an app under `safeboard/` is not registered.

References to code are dotted strings ("package.module:attribute"), resolved only when used, so
that a `module.py` can be read without setting Django up (the import-rules contract reads it).
"""

from __future__ import annotations

import pkgutil
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import import_module
from typing import Any


class Kind(StrEnum):
    """Where an app sits. Platform apps are the floor every other app stands on; features are
    siblings that import each other only where they declare it; kits integrate every feature at
    run time through this registry and import none of them."""

    PLATFORM = "platform"
    FEATURE = "feature"
    KIT = "kit"


@dataclass(frozen=True)
class NavItem:
    """One entry of the partnership's service navigation.

    `capability` is a value of `partnerships.domain.roles.Capability` (people without it do not
    see the entry); `current` is the URL-name prefix that marks the entry as the current section
    (by default the app's whole namespace); `order` places it among every app's entries."""

    text: str
    url_name: str
    order: int
    capability: str = "view"
    current: str = ""


@dataclass(frozen=True)
class Module:
    label: str
    """The Django app label, which is also the URL namespace and the folder name."""
    name: str
    """What people call this part of Safeboard ("Plan", "Budget and staffing")."""
    kind: Kind = Kind.FEATURE
    url_prefix: str | None = None
    """Where the app's pages sit below `/p/<slug>/`, ending in "/" ("plans/"), "" for the
    partnership's root; None when the app has no partnership pages."""
    urls: str = ""
    """The URLconf included at `url_prefix`; by default `<package>.urls`."""
    nav: tuple[NavItem, ...] = ()
    uses: tuple[str, ...] = ()
    """The other feature apps (by label) this one may import. Platform apps and kits may always be
    imported; any other import between apps breaks the import rules."""
    url_records: str = ""
    """"module:ATTRIBUTE" naming a dict {URL keyword: maker(tenancy, partnership) -> record id},
    used by the tenancy and every-page walks for every record kind in the app's URLs."""
    plan_file: str = ""
    """"module:ATTRIBUTE" naming the app's `interchange.sections.Section`: its part of the plan
    file (schema, checks, export, and import through the app's own services)."""
    examples: str = ""
    """"module:function" called as function(partnership, demo) after the example partnerships'
    plan files are loaded, to add what a plan file does not hold (illustrative, labelled so)."""
    history: tuple[str, ...] = ()
    """The models (by class name) whose changes the partnership's change history shows; every
    record model of the app is listed, so none is left out of "what changed"."""
    home: str = ""
    """"module:function" giving the app's panels of what needs a person, for their home page and
    their reminders; the contract is `safeboard.partnerships.home`."""
    scrutiny: str = ""
    """"module:ATTRIBUTE" naming a tuple of `partnerships.subjects.Subject`: the app's records
    people may comment on, challenge and sign off (the scrutiny module reads them)."""
    record_panel: str = ""
    """"module:function" called as function(context, record, key) on every record page that
    shows `{% record_panels record %}` (ui/templatetags/record_panels.py), returning the safe
    HTML the app adds there ("" for none): scrutiny's sign-off and comments, say. A record page
    so names no module that adds to it."""
    search: str = ""
    """"module:ATTRIBUTE" naming the app's `partnerships.searchable.Searchable` kinds."""
    api: str = ""
    """"module:function" registering the app's API routes (the API issue)."""
    package: str = field(default="", compare=False)

    @property
    def urlconf(self) -> str:
        return self.urls or f"{self.package}.urls"


def resolve(reference: str) -> Any:
    """The object a "package.module:attribute" reference names."""
    module_name, _, attribute = reference.partition(":")
    target: Any = import_module(module_name)
    for part in attribute.split(".") if attribute else ():
        target = getattr(target, part)
    return target


def _declared(package: str) -> Module | None:
    try:
        declared = import_module(f"{package}.module")
    except ModuleNotFoundError as error:
        if error.name != f"{package}.module":
            raise
        return None
    module = declared.MODULE
    if not isinstance(module, Module):
        raise TypeError(f"{package}.module.MODULE must be a safeboard.core.modules.Module")
    object.__setattr__(module, "package", package)
    return module


def _subpackages(root: str) -> list[str]:
    infos = pkgutil.iter_modules(import_module(root).__path__)
    return [f"{root}.{info.name}" for info in sorted(infos, key=lambda i: i.name) if info.ispkg]


def discover(root: str = "safeboard") -> list[Module]:
    """Every app folder under `root` that declares a module, without needing Django set up."""
    declared = (_declared(package) for package in _subpackages(root))
    return [module for module in declared if module is not None]


def app_packages(root: str = "safeboard") -> list[str]:
    """Every app folder under `root` (a package holding an `apps.py`)."""
    return [
        package
        for package in _subpackages(root)
        if any(m.name == "apps" for m in pkgutil.iter_modules(import_module(package).__path__))
    ]


@cache
def registered() -> tuple[Module, ...]:
    """The modules of the installed apps, in `INSTALLED_APPS` order."""
    from django.apps import apps

    modules = []
    for config in apps.get_app_configs():
        module = _declared(config.name)
        if module is not None:
            if module.label != config.label:
                raise ValueError(
                    f"{config.name}.module declares label {module.label!r}, "
                    f"but the app's label is {config.label!r}"
                )
            modules.append(module)
    return tuple(modules)


def nav_items() -> list[tuple[Module, NavItem]]:
    """Every module's navigation entries, in order."""
    items = [(module, item) for module in registered() for item in module.nav]
    return sorted(items, key=lambda pair: pair[1].order)
