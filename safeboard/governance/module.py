"""Governance: groups and their reporting lines, members, meetings, links to other boards."""

from safeboard.core.modules import Module, NavItem

MODULE = Module(
    label="governance",
    name="Governance",
    url_prefix="governance/",
    nav=(NavItem("Governance", "governance:structure", order=30),),
    search="safeboard.governance.search:SEARCHABLES",
    url_records="safeboard.governance.tests.url_records:URL_RECORDS",
    plan_file="safeboard.governance.planfile:SECTION",
    examples="safeboard.governance.examples:load",
    history=("Group", "GroupMember", "BoardLink", "Meeting", "MeetingAttendee", "Decision"),
)
