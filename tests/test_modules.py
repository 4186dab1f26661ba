"""The module registry: every app declares itself once, and the shared places read it."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from conftest import client_for
from safeboard.core.models import Recorded
from safeboard.core.modules import Kind, app_packages, discover, registered, resolve
from safeboard.interchange.schema import file_model
from safeboard.interchange.sections import Section, sections
from safeboard.partnerships.domain.roles import Capability, Role
from safeboard.partnerships.models import Partnership
from tests.url_records import url_records


def test_it_registers_every_app_under_safeboard():
    packages = app_packages()
    declared = {m.package for m in discover()}
    assert set(packages) == declared, "each app needs a module.py (docs/how-to/add-a-module.md)"
    installed = set(settings.INSTALLED_APPS)
    assert declared <= installed, f"not in INSTALLED_APPS: {sorted(declared - installed)}"
    assert {m.package for m in registered()} == declared


def test_it_gives_each_module_its_own_label_and_folder():
    for module in registered():
        config = apps.get_app_config(module.label)
        assert config.name == module.package == f"safeboard.{module.label}"


def test_it_names_only_registered_feature_apps_and_kits_as_used():
    kinds = {m.label: m.kind for m in registered()}
    for module in registered():
        for used in module.uses:
            assert used in kinds, f"{module.label} uses unknown app {used}"
            assert kinds[used] is not Kind.PLATFORM, "the platform is always allowed"
            assert used != module.label


def test_it_serves_each_module_under_its_prefix():
    for module in registered():
        for item in module.nav:
            url = reverse(item.url_name, args=["somewhere"])
            assert url.startswith(f"/p/somewhere/{module.url_prefix}"), item.url_name


def test_it_builds_the_navigation_from_the_modules_in_order(tenancy):

    def nav(role):
        response = client_for(tenancy.user(role)).get(f"/p/{tenancy.ours.slug}/")
        return [item["text"] for item in response.context["nav_items"]]

    everyone = ["Overview", "Plan", "Data set", "Governance", "Budget", "Challenges", "Agencies"]
    assert nav(Role.MANAGER) == [*everyone, "People", "Roles", "Settings", "Search"]
    # An entry whose capability the role lacks is left out; the order stays.
    assert "Settings" not in nav(Role.BOARD_MEMBER)
    assert nav(Role.BOARD_MEMBER)[: len(everyone)] == everyone


def test_it_gives_each_navigation_entry_a_real_capability():
    for module in registered():
        for item in module.nav:
            Capability(item.capability)


def test_it_lists_every_record_model_of_an_app_in_its_history_entry():
    for module in registered():
        models = {
            model.__name__
            for model in apps.get_app_config(module.label).get_models()
            if issubclass(model, Recorded)
        }
        assert set(module.history) == models, module.label


def test_it_finds_url_records_for_every_module_that_has_pages():
    makers = url_records()
    for module in registered():
        if module.url_records:
            assert set(resolve(module.url_records)) <= set(makers)


def test_it_puts_the_plan_file_together_from_the_modules_sections():
    found = sections()
    assert all(isinstance(s, Section) for s in found)
    assert [s.order for s in found] == sorted(s.order for s in found)
    fields = list(file_model().model_fields)
    assert fields[:3] == ["format", "version", "partnership"]
    assert fields[3:] == [key for s in found for key in s.fields]
    today = ["agencies", "groups", "board_links", "plans", "budget", "staffing"]
    assert [key for key in fields if key in today] == today


@pytest.mark.django_db
def test_it_asks_every_section_whether_a_partnership_is_empty():
    from safeboard.finance.tests.factories import BudgetYearFactory
    from safeboard.governance.tests.factories import BoardLinkFactory
    from safeboard.interchange.importer import partnership_is_empty

    empty = Partnership.objects.create(name="Empty", slug="empty")
    assert partnership_is_empty(empty)
    # A record that only one module's section knows about makes the partnership not empty.
    assert not partnership_is_empty(BoardLinkFactory().partnership)
    assert not partnership_is_empty(BudgetYearFactory().partnership)


@pytest.mark.django_db
def test_it_adds_to_a_record_page_only_what_the_registry_names(tenancy, monkeypatch):
    """A record page names no module that adds to it: scrutiny's comments come through its
    `record_panel` entry, and without that entry the same page renders without them."""
    from dataclasses import replace

    from safeboard.plans.tests.factories import PlanFactory
    from safeboard.ui.templatetags import record_panels

    plan = PlanFactory(partnership=tenancy.ours)
    url = f"/p/ourshire/plans/{plan.pk}/"
    client = client_for(tenancy.user(Role.CHAIR))
    assert "Comments and challenges" in client.get(url).content.decode()
    without = tuple(replace(m, record_panel="") for m in registered())
    monkeypatch.setattr(record_panels, "registered", lambda: without)
    page = client.get(url)
    assert page.status_code == 200
    assert "Comments and challenges" not in page.content.decode()
    assert plan.title in page.content.decode()
