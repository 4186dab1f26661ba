from hypothesis import given
from hypothesis import strategies as st

from safeboard.partnerships.domain.roles import ROLE_CAPABILITIES, Capability, Role
from safeboard.plans.domain.permissions import (
    can_update_action,
    editable_group_ids,
    may_edit_group_work,
    owned_within,
)

ids = st.one_of(st.none(), st.integers(min_value=1, max_value=6))
capability_sets = st.sets(st.sampled_from(list(Capability)))


def _can(
    role,
    *,
    group=None,
    agency=None,
    my_agency=None,
    chaired=frozenset(),
    lead_person=None,
    me=None,
):
    """May a person of `role` (or with these plain capabilities) update the action?"""
    return can_update_action(
        capabilities=ROLE_CAPABILITIES[role] if isinstance(role, Role) else role,
        action_group_id=group,
        action_lead_agency_id=agency,
        my_agency_id=my_agency,
        my_chaired_group_ids=chaired,
        action_lead_person_id=lead_person,
        my_membership_id=me,
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
    result = _can(
        caps,
        group=group,
        agency=agency,
        my_agency=my_agency,
        chaired=chaired,
        lead_person=lead_person,
        me=me,
    )
    assert result is expected


@given(st.sampled_from(list(Role)), ids, ids, ids, st.sets(st.integers(min_value=1, max_value=6)))
def test_it_never_lets_a_blank_owner_or_lead_agency_match(role, group, agency, my_agency, chaired):
    if role is Role.MANAGER:
        return
    assert not _can(role, my_agency=my_agency, chaired=chaired)


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
        assert _can(role, lead_person=5, me=5)
    assert not _can(Role.BOARD_MEMBER, lead_person=5, me=6)


def _may(role, *, owner, chaired=frozenset()):
    return may_edit_group_work(
        capabilities=ROLE_CAPABILITIES[role], owning_group_id=owner, my_chaired_group_ids=chaired
    )


def test_it_lets_the_manager_change_any_work_owned_by_any_group_or_none():
    assert _may(Role.MANAGER, owner=None)
    assert _may(Role.MANAGER, owner=3, chaired={1})
    assert (
        editable_group_ids(capabilities=ROLE_CAPABILITIES[Role.MANAGER], my_chaired_group_ids={1})
        is None
    )


def test_it_lets_a_group_chair_change_only_work_their_group_owns():
    assert _may(Role.GROUP_CHAIR, owner=1, chaired={1, 2})
    assert not _may(Role.GROUP_CHAIR, owner=3, chaired={1, 2})
    assert not _may(Role.GROUP_CHAIR, owner=None, chaired={1, 2})
    assert not _may(Role.GROUP_CHAIR, owner=1, chaired=set())


def test_it_lets_no_other_role_change_work_whatever_they_chair():
    for role in (Role.CHAIR, Role.AGENCY_LEAD, Role.ANALYST, Role.BOARD_MEMBER):
        assert not _may(role, owner=1, chaired={1})
        assert (
            editable_group_ids(capabilities=ROLE_CAPABILITIES[role], my_chaired_group_ids={1})
            == frozenset()
        )


@given(capability_sets, ids, st.sets(st.integers(min_value=1, max_value=6)))
def test_it_allows_changing_work_exactly_by_edit_plan_or_chairing_its_owner(caps, owner, chaired):
    expected = Capability.EDIT_PLAN in caps or (
        Capability.EDIT_OWN_GROUP_WORK in caps and owner is not None and owner in chaired
    )
    allowed = may_edit_group_work(
        capabilities=caps, owning_group_id=owner, my_chaired_group_ids=chaired
    )
    assert allowed is expected
    groups = editable_group_ids(capabilities=caps, my_chaired_group_ids=chaired)
    assert owned_within(groups=groups, owning_group_id=owner) is expected
