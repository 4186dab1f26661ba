from hypothesis import given
from hypothesis import strategies as st

from safeboard.partnerships.domain.roles import ROLE_CAPABILITIES, Capability, Role
from safeboard.plans.domain.permissions import can_update_action

ids = st.one_of(st.none(), st.integers(min_value=1, max_value=6))
capability_sets = st.sets(st.sampled_from(list(Capability)))


def _can(role, *, group=None, agency=None, my_agency=None, chaired=frozenset()):
    return can_update_action(
        capabilities=ROLE_CAPABILITIES[role],
        action_group_id=group,
        action_lead_agency_id=agency,
        my_agency_id=my_agency,
        my_chaired_group_ids=chaired,
    )


def test_it_lets_the_manager_update_any_action():
    assert _can(Role.MANAGER)
    assert _can(Role.MANAGER, group=1, agency=2, my_agency=3, chaired={4})


def test_it_lets_a_group_chair_update_only_their_groups_actions():
    assert _can(Role.GROUP_CHAIR, group=1, chaired={1, 2})
    assert not _can(Role.GROUP_CHAIR, group=3, chaired={1, 2})
    assert not _can(Role.GROUP_CHAIR, group=None, chaired={1})


def test_it_lets_an_agency_lead_update_only_their_agencys_actions():
    assert _can(Role.AGENCY_LEAD, agency=7, my_agency=7)
    assert not _can(Role.AGENCY_LEAD, agency=8, my_agency=7)
    assert not _can(Role.AGENCY_LEAD, agency=None, my_agency=None)


def test_it_does_not_let_a_group_chair_in_by_agency_nor_an_agency_lead_in_by_group():
    assert not _can(Role.GROUP_CHAIR, agency=7, my_agency=7)
    assert not _can(Role.AGENCY_LEAD, group=1, chaired={1})


def test_it_keeps_readers_to_reading():
    for role in (Role.CHAIR, Role.ANALYST, Role.BOARD_MEMBER):
        assert not _can(role, group=1, agency=7, my_agency=7, chaired={1})


@given(capability_sets, ids, ids, ids, st.sets(st.integers(min_value=1, max_value=6)), ids, ids)
def test_it_allows_exactly_by_one_of_the_four_rules(
    caps, group, agency, my_agency, chaired, lead_person, me
):
    expected = (
        Capability.EDIT_PLAN in caps
        or (lead_person is not None and lead_person == me)
        or (Capability.EDIT_OWN_GROUP_WORK in caps and group is not None and group in chaired)
        or (
            Capability.UPDATE_OWN_AGENCY_ACTIONS in caps
            and agency is not None
            and agency == my_agency
        )
    )
    result = can_update_action(
        capabilities=caps,
        action_group_id=group,
        action_lead_agency_id=agency,
        my_agency_id=my_agency,
        my_chaired_group_ids=chaired,
        action_lead_person_id=lead_person,
        my_membership_id=me,
    )
    assert result is expected


@given(st.sampled_from(list(Role)), ids, ids, ids, st.sets(st.integers(min_value=1, max_value=6)))
def test_it_never_lets_a_blank_owner_or_lead_agency_match(role, group, agency, my_agency, chaired):
    if role is Role.MANAGER:
        return
    assert not can_update_action(
        capabilities=ROLE_CAPABILITIES[role],
        action_group_id=None,
        action_lead_agency_id=None,
        my_agency_id=my_agency,
        my_chaired_group_ids=chaired,
    )


def test_it_accepts_capabilities_as_plain_strings():
    assert can_update_action(
        capabilities={"edit_plan"},
        action_group_id=None,
        action_lead_agency_id=None,
        my_agency_id=None,
        my_chaired_group_ids=set(),
    )


def test_it_lets_the_named_lead_person_update_their_action_whatever_their_role():
    for role in Role:
        assert can_update_action(
            capabilities=ROLE_CAPABILITIES[role],
            action_group_id=None,
            action_lead_agency_id=None,
            my_agency_id=None,
            my_chaired_group_ids=set(),
            action_lead_person_id=5,
            my_membership_id=5,
        )
    assert not can_update_action(
        capabilities=ROLE_CAPABILITIES[Role.BOARD_MEMBER],
        action_group_id=None,
        action_lead_agency_id=None,
        my_agency_id=None,
        my_chaired_group_ids=set(),
        action_lead_person_id=5,
        my_membership_id=6,
    )
