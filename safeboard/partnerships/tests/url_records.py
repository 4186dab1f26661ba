from safeboard.partnerships.domain.roles import Role


def _agency(tenancy, partnership):
    return (tenancy.agency if partnership == tenancy.ours else tenancy.their_agency).pk


def _membership(tenancy, partnership):
    if partnership == tenancy.ours:
        return tenancy.members[Role.BOARD_MEMBER].pk
    return tenancy.their_membership.pk


URL_RECORDS = {"agency_id": _agency, "membership_id": _membership}
