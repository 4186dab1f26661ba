from hypothesis import given
from hypothesis import strategies as st

from safeboard.partnerships.domain.membership_rules import agency_required, leaves_no_manager
from safeboard.partnerships.domain.roles import (
    CAPABILITY_LABELS,
    ROLE_CAPABILITIES,
    ROLE_DESCRIPTIONS,
    ROLE_LABELS,
    Capability,
    Role,
    matrix,
    role_can,
)


def test_it_names_the_six_roles_of_the_product_brief():
    assert [r.label for r in Role] == [
        "Partnership manager",
        "Chair or scrutineer",
        "Group chair",
        "Agency lead",
        "Analyst",
        "Board member",
    ]


def test_it_labels_and_describes_every_role_and_capability():
    assert set(ROLE_LABELS) == set(Role) == set(ROLE_DESCRIPTIONS) == set(ROLE_CAPABILITIES)
    assert set(CAPABILITY_LABELS) == set(Capability)


def test_it_gives_the_manager_everything():
    assert all(role_can(Role.MANAGER, c) for c in Capability)


def test_it_lets_every_role_read():
    for role in Role:
        assert role_can(role, Capability.VIEW)


def test_it_keeps_board_members_to_reading_and_exporting():
    assert ROLE_CAPABILITIES[Role.BOARD_MEMBER] == {
        Capability.VIEW,
        Capability.VIEW_PEOPLE,
        Capability.EXPORT,
    }


def test_it_lets_only_the_manager_manage_people_and_structure():
    for capability in (Capability.MANAGE_PEOPLE, Capability.MANAGE_STRUCTURE, Capability.EDIT_PLAN):
        assert [r for r in Role if role_can(r, capability)] == [Role.MANAGER]


def test_it_matches_the_brief_for_the_specialist_roles():
    assert role_can(Role.CHAIR, Capability.SIGN_OFF)
    assert role_can(Role.CHAIR, Capability.COMMENT)
    assert role_can(Role.GROUP_CHAIR, Capability.EDIT_OWN_GROUP_WORK)
    assert not role_can(Role.GROUP_CHAIR, Capability.UPDATE_OWN_AGENCY_ACTIONS)
    assert role_can(Role.AGENCY_LEAD, Capability.SUBMIT_OWN_AGENCY_DATA)
    assert role_can(Role.AGENCY_LEAD, Capability.UPDATE_OWN_AGENCY_ACTIONS)
    assert not role_can(Role.AGENCY_LEAD, Capability.APPROVE_DATA)
    assert role_can(Role.ANALYST, Capability.MANAGE_INDICATORS)
    assert role_can(Role.ANALYST, Capability.APPROVE_DATA)
    assert not role_can(Role.ANALYST, Capability.SIGN_OFF)


def test_it_lays_out_the_matrix_as_rows_of_capabilities_and_columns_of_roles():
    rows = matrix()
    assert [c for c, _ in rows] == list(Capability)
    for capability, cells in rows:
        assert cells == [role_can(role, capability) for role in Role]


@given(st.lists(st.sampled_from(list(Role)), min_size=1, max_size=12), st.sampled_from(list(Role)))
def test_it_never_lets_the_last_manager_go(roles, new_role):
    current = [*roles, Role.MANAGER]
    managers = current.count(Role.MANAGER)
    outcome = leaves_no_manager(
        current_roles=current, changing_from=Role.MANAGER, changing_to=new_role
    )
    assert outcome == (new_role is not Role.MANAGER and managers == 1)
    assert leaves_no_manager(
        current_roles=current, changing_from=Role.MANAGER, changing_to=None
    ) == (managers == 1)


@given(st.sampled_from([r for r in Role if r is not Role.MANAGER]), st.sampled_from(list(Role)))
def test_it_ignores_changes_to_people_who_are_not_managers(from_role, to_role):
    assert not leaves_no_manager(
        current_roles=[Role.MANAGER, from_role], changing_from=from_role, changing_to=to_role
    )


def test_it_requires_an_agency_only_for_agency_leads():
    assert [r for r in Role if agency_required(r)] == [Role.AGENCY_LEAD]
