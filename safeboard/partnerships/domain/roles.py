"""Who may do what: the role -> capability matrix, as plain data.

This is the only place the matrix is written down. Views ask `access.can(Capability.X)`; the
"Roles and permissions" page renders this table for managers to read. Object-level rules (a group
chair edits only their own group's work, an agency lead only their own agency's) are applied by the
access helpers on top of these capabilities.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MANAGER = "manager"
    CHAIR = "chair"
    GROUP_CHAIR = "group_chair"
    AGENCY_LEAD = "agency_lead"
    ANALYST = "analyst"
    BOARD_MEMBER = "board_member"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def description(self) -> str:
        return ROLE_DESCRIPTIONS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.MANAGER: "Partnership manager",
    Role.CHAIR: "Chair or scrutineer",
    Role.GROUP_CHAIR: "Group chair",
    Role.AGENCY_LEAD: "Agency lead",
    Role.ANALYST: "Analyst",
    Role.BOARD_MEMBER: "Board member",
}

ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.MANAGER: "Business manager or business unit: runs everything in the partnership.",
    Role.CHAIR: "Independent chair, independent scrutineer or lead partner: reads everything, "
    "comments, challenges and signs off.",
    Role.GROUP_CHAIR: "Chair of a sub-group or panel: edits the work streams, actions, audits and "
    "reviews their group owns.",
    Role.AGENCY_LEAD: "Safeguarding lead of one agency: submits their agency's data, Section 11 "
    "return and updates on actions their agency leads.",
    Role.ANALYST: "Performance officer: manages indicators, imports and approves data.",
    Role.BOARD_MEMBER: "Any member of the board: reads the plan, dashboards and reports.",
}


class Capability(StrEnum):
    VIEW = "view"
    VIEW_PEOPLE = "view_people"
    COMMENT = "comment"
    SIGN_OFF = "sign_off"
    MANAGE_PEOPLE = "manage_people"
    MANAGE_STRUCTURE = "manage_structure"
    EDIT_PLAN = "edit_plan"
    EDIT_OWN_GROUP_WORK = "edit_own_group_work"
    UPDATE_OWN_AGENCY_ACTIONS = "update_own_agency_actions"
    SUBMIT_OWN_AGENCY_DATA = "submit_own_agency_data"
    MANAGE_INDICATORS = "manage_indicators"
    APPROVE_DATA = "approve_data"
    EXPORT = "export"

    @property
    def label(self) -> str:
        return CAPABILITY_LABELS[self]


CAPABILITY_LABELS: dict[Capability, str] = {
    Capability.VIEW: "Read the plan, dashboards and reports",
    Capability.VIEW_PEOPLE: "See the partnership's people and their roles",
    Capability.COMMENT: "Comment on and challenge records",
    Capability.SIGN_OFF: "Sign off plans, reports and returns",
    Capability.MANAGE_PEOPLE: "Add people and set their roles",
    Capability.MANAGE_STRUCTURE: "Change the partnership's details, agencies and groups",
    Capability.EDIT_PLAN: "Edit any plan, work stream or action",
    Capability.EDIT_OWN_GROUP_WORK: "Edit the work streams, actions, audits and reviews their "
    "group owns",
    Capability.UPDATE_OWN_AGENCY_ACTIONS: "Record progress on actions their agency leads",
    Capability.SUBMIT_OWN_AGENCY_DATA: "Submit their agency's data and Section 11 return",
    Capability.MANAGE_INDICATORS: "Manage indicators, import and approve data",
    Capability.APPROVE_DATA: "Approve or send back agency returns",
    Capability.EXPORT: "Export data (small numbers suppressed)",
}

_EVERYONE = frozenset({Capability.VIEW, Capability.VIEW_PEOPLE, Capability.EXPORT})

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.MANAGER: frozenset(Capability),
    Role.CHAIR: _EVERYONE | {Capability.COMMENT, Capability.SIGN_OFF},
    Role.GROUP_CHAIR: _EVERYONE | {Capability.COMMENT, Capability.EDIT_OWN_GROUP_WORK},
    Role.AGENCY_LEAD: _EVERYONE
    | {
        Capability.COMMENT,
        Capability.UPDATE_OWN_AGENCY_ACTIONS,
        Capability.SUBMIT_OWN_AGENCY_DATA,
    },
    Role.ANALYST: _EVERYONE
    | {Capability.COMMENT, Capability.MANAGE_INDICATORS, Capability.APPROVE_DATA},
    Role.BOARD_MEMBER: _EVERYONE,
}

SITE_ADMIN_CAPABILITIES: tuple[str, ...] = (
    "Create partnerships and their first manager",
    "See the list of partnerships (names only)",
    "No partnership data unless made a member of that partnership",
)


def role_can(role: Role, capability: Capability) -> bool:
    return capability in ROLE_CAPABILITIES[role]


def matrix() -> list[tuple[Capability, list[bool]]]:
    """Rows of the matrix in display order: one per capability, one column per role."""
    return [(cap, [cap in ROLE_CAPABILITIES[role] for role in Role]) for cap in Capability]
