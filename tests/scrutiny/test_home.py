"""What scrutiny puts on each person's home page and in their reminders."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeboard.governance.models import GroupType
from safeboard.governance.tests.factories import GroupFactory, MeetingFactory
from safeboard.partnerships.access import PartnershipAccess
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.home import Urgency, panels_for
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.plans.tests.factories import ActionFactory, PlanFactory
from safeboard.scrutiny import home
from safeboard.scrutiny.models import ChallengeStatus, ReportSignOff
from safeboard.scrutiny.tests.factories import ChallengeFactory

TODAY = datetime.date(2026, 3, 10)


def _access(membership):
    return PartnershipAccess(
        user=membership.user, partnership=membership.partnership, membership=membership
    )


def _panel(membership, key):
    found = {p.key: p for p in home.panels(_access(membership), today=TODAY, since=None)}
    return found.get(key)


def test_it_asks_the_owner_to_respond_by_the_date(tenancy, indicator):
    chair, analyst = tenancy.members[Role.CHAIR], tenancy.members[Role.ANALYST]
    late = ChallengeFactory(
        author=chair,
        subject_kind="performance.indicator",
        subject_key=str(indicator.pk),
        response_due=TODAY - datetime.timedelta(days=1),
    )
    soon = ChallengeFactory(
        author=chair,
        subject_kind="performance.indicator",
        subject_key=str(indicator.pk),
        response_due=TODAY + datetime.timedelta(days=3),
    )
    ChallengeFactory(
        author=chair,
        subject_kind="performance.indicator",
        subject_key=str(indicator.pk),
        status=ChallengeStatus.RESPONDED,
    )
    panel = _panel(analyst, "scrutiny.awaiting_response")
    assert panel.remind is True
    assert panel.count == 2
    assert [i.urgency for i in panel.items] == [Urgency.OVERDUE, Urgency.DUE_SOON]
    assert panel.items[0].key == f"scrutiny.challenge:{late.pk}:overdue"
    assert panel.items[1].key == f"scrutiny.challenge:{soon.pk}:awaiting-response"
    assert panel.items[0].url == f"/p/ourshire/scrutiny/challenges/{late.pk}/"
    assert "Challenge from Our Chair or scrutineer" in panel.items[0].detail
    # Nobody else owns the indicator: the lead sees nothing to answer.
    assert _panel(tenancy.members[Role.AGENCY_LEAD], "scrutiny.awaiting_response").count == 0
    # The chair sees them as their own open challenges.
    mine = _panel(chair, "scrutiny.raised")
    assert mine.count == 3
    assert mine.items[0].urgency is Urgency.WAITING  # the responded one: accept or close it


def test_it_gives_the_manager_the_challenges_of_records_with_no_owner(tenancy):
    plan = PlanFactory(partnership=tenancy.ours)
    action = ActionFactory(plan=plan, lead_person=tenancy.members[Role.AGENCY_LEAD])
    chair = tenancy.members[Role.CHAIR]
    on_plan = ChallengeFactory(author=chair, subject_kind="plans.plan", subject_key=str(plan.pk))
    ChallengeFactory(author=chair, subject_kind="plans.action", subject_key=str(action.pk))
    manager = _panel(tenancy.members[Role.MANAGER], "scrutiny.awaiting_response")
    assert [i.key for i in manager.items] == [f"scrutiny.challenge:{on_plan.pk}:awaiting-response"]
    lead = _panel(tenancy.members[Role.AGENCY_LEAD], "scrutiny.awaiting_response")
    assert lead.count == 1  # the lead person of the action answers for it


def test_it_never_counts_another_partnerships_challenge(tenancy, indicator):
    theirs = IndicatorFactory(partnership=tenancy.theirs, owner=tenancy.their_membership)
    ChallengeFactory(
        author=tenancy.their_membership,
        subject_kind="performance.indicator",
        subject_key=str(theirs.pk),
    )
    # A challenge of theirs naming our indicator's key still belongs to them, not to us.
    ChallengeFactory(
        author=tenancy.their_membership,
        subject_kind="performance.indicator",
        subject_key=str(indicator.pk),
    )
    assert _panel(tenancy.members[Role.ANALYST], "scrutiny.awaiting_response").count == 0
    assert _panel(tenancy.members[Role.MANAGER], "scrutiny.awaiting_response").count == 0


def test_it_lists_plans_and_meetings_waiting_for_sign_off(tenancy):
    PlanFactory(partnership=tenancy.ours, title="Draft plan", status="draft")
    PlanFactory(partnership=tenancy.ours, title="Done plan", status="approved", approved_by="A")
    board = GroupFactory(partnership=tenancy.ours, group_type=GroupType.BOARD, name="Board")
    near = MeetingFactory(group=board, date=TODAY + datetime.timedelta(days=7))
    MeetingFactory(group=board, date=TODAY + datetime.timedelta(days=30))
    signed = MeetingFactory(group=board, date=TODAY + datetime.timedelta(days=20))
    MeetingFactory(group=board, date=TODAY + datetime.timedelta(days=200))  # too far ahead
    MeetingFactory(group=board, date=TODAY - datetime.timedelta(days=1))  # already held
    MeetingFactory(group=GroupFactory(partnership=tenancy.ours), date=TODAY)  # not the board
    ReportSignOff.objects.create(
        partnership=tenancy.ours,
        period=datetime.date(2026, 1, 1),
        meeting=signed,
        signed_by=tenancy.members[Role.CHAIR],
        signer="Chair",
    )
    panel = _panel(tenancy.members[Role.CHAIR], "scrutiny.awaiting_sign_off")
    assert panel.count == 3
    titles = [i.title for i in panel.items]
    assert titles[0].startswith("Performance report for Board")  # due soon first
    assert panel.items[0].key == f"scrutiny.meeting:{near.pk}:report-sign-off"
    assert "Draft plan" in titles
    assert "Done plan" not in titles
    # Without SIGN_OFF there is no such panel; without COMMENT, no challenge panels.
    assert _panel(tenancy.members[Role.ANALYST], "scrutiny.awaiting_sign_off") is None
    assert home.panels(_access(tenancy.members[Role.BOARD_MEMBER]), today=TODAY, since=None) == []


def _queries(membership):
    with CaptureQueriesContext(connection) as context:
        home.panels(_access(membership), today=TODAY, since=None)
    return len(context.captured_queries)


def _challenges(tenancy, count):
    plan = PlanFactory(partnership=tenancy.ours)
    chair = tenancy.members[Role.CHAIR]
    for _ in range(count):
        indicator = IndicatorFactory(partnership=tenancy.ours, owner=tenancy.members[Role.ANALYST])
        action = ActionFactory(plan=plan, lead_person=tenancy.members[Role.AGENCY_LEAD])
        for kind, key in (
            ("performance.indicator", indicator.pk),
            ("plans.action", action.pk),
            ("plans.plan", plan.pk),
        ):
            ChallengeFactory(author=chair, subject_kind=kind, subject_key=str(key))


def test_it_costs_the_same_queries_whatever_the_number_of_challenges(tenancy):
    _challenges(tenancy, 2)
    few = {role: _queries(tenancy.members[role]) for role in Role}
    _challenges(tenancy, 12)
    assert {role: _queries(tenancy.members[role]) for role in Role} == few


def test_it_is_read_by_the_home_contract(tenancy):
    keys = [
        p.key
        for p in panels_for(_access(tenancy.members[Role.CHAIR]), today=TODAY, since=None)
        if p.key.startswith("scrutiny.")
    ]
    assert keys == ["scrutiny.awaiting_response", "scrutiny.awaiting_sign_off", "scrutiny.raised"]
