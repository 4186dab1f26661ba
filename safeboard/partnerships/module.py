"""The partnership itself: its overview, agencies, people, roles and settings."""

from safeboard.core.modules import Kind, Module, NavItem
from safeboard.partnerships.domain.roles import Capability

MODULE = Module(
    label="partnerships",
    name="Partnership",
    kind=Kind.PLATFORM,
    url_prefix="",
    nav=(
        NavItem("Overview", "partnerships:home", order=0, current="partnerships:home"),
        NavItem("Agencies", "partnerships:agency_list", order=60, current="partnerships:agency"),
        NavItem(
            "People",
            "partnerships:people_list",
            order=70,
            capability=Capability.VIEW_PEOPLE,
            current="partnerships:people",
        ),
        NavItem("Roles", "partnerships:roles", order=80, current="partnerships:roles"),
        NavItem(
            "Settings",
            "partnerships:settings",
            order=90,
            capability=Capability.MANAGE_STRUCTURE,
            current="partnerships:settings",
        ),
    ),
    url_records="safeboard.partnerships.tests.url_records:URL_RECORDS",
    history=("Partnership", "Agency", "Membership"),
)
