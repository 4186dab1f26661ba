"""Records named in governance URLs, for the tenancy and every-page walks (tests/url_records.py).

In our partnership the group and the meeting's group are chaired by the group chair, so the walk
proves a group chair can open the meeting pages of a group they chair."""

from safeboard.partnerships.domain.roles import Role

from .factories import BoardLinkFactory, GroupFactory, GroupMemberFactory, MeetingFactory


def _chair(tenancy, partnership):
    return tenancy.members[Role.GROUP_CHAIR] if partnership == tenancy.ours else None


def _group(tenancy, partnership):
    return GroupFactory(partnership=partnership, chair=_chair(tenancy, partnership)).pk


def _member(tenancy, partnership):
    return GroupMemberFactory(group=GroupFactory(partnership=partnership)).pk


def _link(tenancy, partnership):
    return BoardLinkFactory(partnership=partnership).pk


def _meeting(tenancy, partnership):
    group = GroupFactory(partnership=partnership, chair=_chair(tenancy, partnership))
    return MeetingFactory(group=group).pk


URL_RECORDS = {
    "group_id": _group,
    "member_id": _member,
    "link_id": _link,
    "meeting_id": _meeting,
}
