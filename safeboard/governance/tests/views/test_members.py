from conftest import client_for
from safeboard.governance.models import GroupMember
from safeboard.governance.tests.factories import GroupFactory, GroupMemberFactory
from safeboard.partnerships.domain.roles import Role


def _url(group):
    return f"/p/ourshire/governance/groups/{group.pk}/members/add/"


def test_it_adds_a_person_with_their_agency_and_a_lay_member(tenancy, manager_client):
    group = GroupFactory(partnership=tenancy.ours)
    lead = tenancy.members[Role.AGENCY_LEAD]
    manager_client.post(_url(group), {"membership": lead.pk, "role_in_group": "Police lead"})
    response = manager_client.post(
        _url(group), {"name": "Pat Lay", "is_lay_member": "on"}, follow=True
    )
    html = response.content.decode()
    assert "Pat Lay added to" in html
    assert "Our Agency lead" in html
    assert "Ourshire Police" in html
    assert "Police lead" in html
    assert "Lay member</strong>" in html
    assert GroupMember.objects.get(membership=lead).agency == tenancy.agency


def test_it_refuses_a_person_or_agency_of_another_partnership(tenancy, manager_client):
    group = GroupFactory(partnership=tenancy.ours)
    response = manager_client.post(
        _url(group),
        {"membership": tenancy.their_membership.pk, "agency": tenancy.their_agency.pk},
    )
    html = response.content.decode()
    assert "Select a person in this partnership." in html
    assert "Select an agency of this partnership." in html
    assert "Theirshire Police" not in html
    assert not GroupMember.objects.exists()


def test_it_asks_for_a_person_or_a_name(tenancy, manager_client):
    group = GroupFactory(partnership=tenancy.ours)
    response = manager_client.post(_url(group), {})
    assert b"Select a person in the partnership, or enter the name" in response.content
    assert not GroupMember.objects.exists()


def test_it_removes_a_member_for_a_manager_only(tenancy, manager_client):
    member = GroupMemberFactory(group=GroupFactory(partnership=tenancy.ours), name="Pat Lay")
    url = f"/p/ourshire/governance/members/{member.pk}/remove/"
    assert (
        client_for(tenancy.user(Role.GROUP_CHAIR)).post(url, {"confirm": "yes"}).status_code == 403
    )
    assert GroupMember.objects.exists()
    response = manager_client.post(url, {"confirm": "yes"}, follow=True)
    assert b"Pat Lay is no longer a member" in response.content
    assert not GroupMember.objects.exists()
