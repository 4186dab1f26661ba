from __future__ import annotations

import pytest

from safeboard.core.errors import ApplicationError
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.scrutiny_subjects import plans
from safeboard.plans.tests.factories import PlanFactory
from safeboard.scrutiny import services
from safeboard.scrutiny.models import ChallengeStatus
from safeboard.scrutiny.tests.factories import ChallengeFactory


def test_it_refuses_to_settle_a_challenge_someone_settled_meanwhile(tenancy):
    chair = tenancy.members[Role.CHAIR]
    challenge = ChallengeFactory(author=chair, status=ChallengeStatus.RESPONDED, response="Yes")
    seen_by_manager = type(challenge).objects.get(pk=challenge.pk)
    services.challenge_close(challenge=challenge, resolver=chair, by=chair.user)
    with pytest.raises(ApplicationError, match="already closed"):
        services.challenge_accept(
            challenge=seen_by_manager, resolver=tenancy.members[Role.MANAGER], by=tenancy.manager
        )
    with pytest.raises(ApplicationError, match="already closed"):
        services.challenge_respond(
            challenge=seen_by_manager,
            responder=tenancy.members[Role.MANAGER],
            response="Late",
            by=tenancy.manager,
        )
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.CLOSED
    assert challenge.resolved_by == chair
    assert challenge.response == "Yes"


def test_it_refuses_an_author_of_another_partnership(tenancy):
    plan = PlanFactory(partnership=tenancy.ours)
    subject = plans(tenancy.ours, [str(plan.pk)])[str(plan.pk)]
    with pytest.raises(ApplicationError):
        services.comment_add(
            partnership=tenancy.ours,
            subject=subject,
            author=tenancy.their_membership,
            text="Hello",
            by=tenancy.outsider,
        )
