import datetime

import pytest

from safeboard.core.errors import ApplicationError
from safeboard.core.history import history_for
from safeboard.partnerships.tests.factories import AgencyFactory, MembershipFactory
from safeboard.plans import services
from safeboard.plans.models import Action, Plan, Statement, Theme, WorkStream
from safeboard.plans.tests.factories import (
    GroupFactory,
    MeetingFactory,
    PlanFactory,
    ThemeFactory,
    WorkStreamFactory,
)


def _plan(tenancy, **overrides):
    kwargs = {
        "partnership": tenancy.ours,
        "title": "Strategic Business Plan",
        "start_year": 2017,
        "end_year": 2019,
        "by": tenancy.manager,
        **overrides,
    }
    return services.plan_create(**kwargs)


def test_it_creates_a_plan_with_a_key_and_records_who(tenancy):
    plan = _plan(tenancy, version="1.0", status="approved")
    assert plan.key == "strategic-business-plan-2017"
    assert plan.period == "2017–2019"
    entry = history_for(plan)[0]
    assert (entry.action, entry.who) == ("Created", str(tenancy.manager))
    assert _plan(tenancy).key == "strategic-business-plan-2017-2"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start_year": 2019, "end_year": 2017}, "The last year must be the same as or after"),
        ({"start_year": 17, "end_year": 19}, "between 2000 and 2100"),
        ({"title": "  "}, "Enter the title of the plan."),
        ({"status": "published"}, "Select the status of the plan."),
    ],
)
def test_it_refuses_a_plan_that_breaks_a_rule(tenancy, overrides, message):
    with pytest.raises(ApplicationError, match=message):
        _plan(tenancy, **overrides)
    assert not Plan.objects.exists()


def test_it_updates_a_plan_and_keeps_the_old_values_in_its_history(tenancy):
    plan = _plan(tenancy)
    services.plan_update(
        plan=plan,
        title="Strategic Business Plan",
        start_year=2017,
        end_year=2019,
        version="2.0",
        status="approved",
        approved_by="Leadership Board",
        date_approved=datetime.date(2017, 4, 20),
        author="",
        date_issued=None,
        review_date=None,
        by=tenancy.manager,
    )
    change = history_for(plan)[0]
    assert change.action == "Changed"
    assert {(c.label, c.old, c.new) for c in change.changes} >= {
        ("Version", "not recorded", "2.0"),
        ("Approved by", "not recorded", "Leadership Board"),
    }


def test_it_manages_statements_and_keeps_their_order(tenancy):
    plan = PlanFactory(partnership=tenancy.ours)
    vision = services.statement_create(
        plan=plan, kind="vision", title="", body="Safe children.", by=tenancy.manager
    )
    values = services.statement_create(
        plan=plan, kind="values", title="Our values", body="- Respect", by=tenancy.manager
    )
    assert (vision.title, vision.position, values.position) == ("Vision", 1, 2)

    def move_to(position):
        services.statement_update(
            statement=vision,
            kind="vision",
            title="Our vision",
            body="Safe and heard.",
            signed_by="",
            position=position,
            by=tenancy.manager,
        )

    move_to(3)
    assert list(Statement.objects.filter(plan=plan).values_list("title", flat=True)) == [
        "Our values",
        "Our vision",
    ]
    move_to(None)  # leaving the position blank keeps the statement where it is
    vision.refresh_from_db()
    assert vision.position == 3
    with pytest.raises(ApplicationError, match="Enter the text"):
        services.statement_create(plan=plan, kind="vision", title="", body=" ", by=None)
    services.statement_delete(statement=values, by=tenancy.manager)
    assert Statement.objects.filter(plan=plan).count() == 1


def test_it_refuses_to_delete_a_theme_or_work_stream_still_in_use(tenancy, world):
    with pytest.raises(ApplicationError, match="Remove it from them first"):
        services.theme_delete(theme=world.neglect, by=tenancy.manager)
    with pytest.raises(ApplicationError, match="Move them to another work stream first"):
        services.work_stream_delete(work_stream=world.stream_a, by=tenancy.manager)
    unused = ThemeFactory(plan=world.plan)
    services.theme_delete(theme=unused, by=tenancy.manager)
    assert not Theme.objects.filter(pk=unused.pk).exists()


def test_it_creates_themes_and_work_streams_linked_within_the_plan(tenancy, world):
    theme = services.theme_create(
        plan=world.plan,
        kind="cross_cutting",
        title="Voice of the child",
        outcome_wanted="Children are heard",
        by=tenancy.manager,
    )
    stream = services.work_stream_create(
        plan=world.plan, title="Participation", group=world.group_b, themes=[theme], by=None
    )
    assert list(stream.themes.all()) == [theme]
    assert stream.key == "participation"
    other_plan_theme = ThemeFactory(plan=PlanFactory(partnership=tenancy.ours))
    with pytest.raises(ApplicationError, match="of this plan"):
        services.work_stream_create(
            plan=world.plan, title="Mixed", themes=[other_plan_theme], by=None
        )
    their_group = GroupFactory(partnership=tenancy.theirs)
    with pytest.raises(ApplicationError, match="group of this partnership"):
        services.work_stream_create(plan=world.plan, title="Theirs", group=their_group, by=None)
    assert not WorkStream.objects.filter(title__in=["Mixed", "Theirs"]).exists()


def _action(tenancy, world, **overrides):
    kwargs = {"plan": world.plan, "title": "Publish the neglect strategy", "by": tenancy.manager}
    return services.action_create(**{**kwargs, **overrides})


def test_it_creates_an_action_with_every_field(tenancy, world):
    meeting = MeetingFactory(group=world.group_a, partnership=tenancy.ours)
    lead = MembershipFactory(partnership=tenancy.ours, agency=world.agency_y)
    action = _action(
        tenancy,
        world,
        description="A strategy",
        work_stream=world.stream_a,
        group=world.group_a,
        lead_agency=world.agency_y,
        lead_person=lead,
        start_date=datetime.date(2017, 4, 1),
        due_date=datetime.date(2018, 3, 31),
        status="on_track",
        rag="green",
        themes=[world.neglect],
        impact_measure="Fewer repeat referrals for neglect",
        arising_from=meeting,
    )
    action.refresh_from_db()
    assert action.key == "publish-the-neglect-strategy"
    assert action.arising_from == meeting
    assert list(action.themes.all()) == [world.neglect]
    assert history_for(action)[0].who == str(tenancy.manager)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda t, w: {"group": GroupFactory(partnership=t.theirs)}, "group"),
        (lambda t, w: {"lead_agency": t.their_agency}, "lead_agency"),
        (lambda t, w: {"lead_person": t.their_membership}, "lead_person"),
        (
            lambda t, w: {"arising_from": MeetingFactory(group=GroupFactory(partnership=t.theirs))},
            "arising_from",
        ),
        (
            lambda t, w: {"work_stream": WorkStreamFactory(plan=PlanFactory(partnership=t.ours))},
            "work_stream",
        ),
        (lambda t, w: {"themes": [ThemeFactory(plan=PlanFactory(partnership=t.ours))]}, "themes"),
        (
            lambda t, w: {
                "start_date": datetime.date(2018, 1, 1),
                "due_date": datetime.date(2017, 1, 1),
            },
            "due_date",
        ),
        (lambda t, w: {"status": "done"}, "status"),
        (lambda t, w: {"rag": "blue"}, "rag"),
        (lambda t, w: {"title": ""}, "title"),
    ],
)
def test_it_refuses_an_action_with_records_from_elsewhere_or_bad_values(
    tenancy, world, make, field
):
    before = Action.objects.count()
    with pytest.raises(ApplicationError) as error:
        _action(tenancy, world, **make(tenancy, world))
    assert error.value.field == field
    assert Action.objects.count() == before


def test_it_refuses_an_archived_lead_person_or_group(tenancy, world):
    from django.utils import timezone

    gone = MembershipFactory(partnership=tenancy.ours, archived_at=timezone.now())
    with pytest.raises(ApplicationError, match="no longer has access"):
        _action(tenancy, world, lead_person=gone)
    old = GroupFactory(partnership=tenancy.ours, archived_at=timezone.now())
    with pytest.raises(ApplicationError, match="archived"):
        _action(tenancy, world, group=old)


def test_it_updates_an_action_and_its_themes(tenancy, world):
    agency = AgencyFactory(partnership=tenancy.ours)
    action = world.action_of_b
    services.action_update(
        action=action,
        title="Run multi-agency training",
        description="",
        work_stream=world.stream_a,
        group=None,
        lead_agency=agency,
        lead_person=None,
        start_date=None,
        due_date=None,
        status="complete",
        rag="",
        themes=[world.neglect],
        impact_measure="",
        arising_from=None,
        by=tenancy.manager,
    )
    action.refresh_from_db()
    assert action.owning_group == world.group_a  # through its work stream
    assert action.status == "complete"
    assert list(action.themes.all()) == [world.neglect]
