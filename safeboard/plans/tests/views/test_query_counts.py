"""Pages keep a constant number of queries whether the plan has 10 or 1,000 actions."""

import datetime

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.models import Action, ProgressUpdate
from safeboard.ui.tests.pages import queries_to_show

STATUSES = ["", "not_started", "on_track", "at_risk", "off_track", "complete", "cancelled"]
RAGS = ["", "red", "amber", "green"]


def _add_actions(tenancy, world, count, start):
    """`count` actions spread over groups, agencies, work streams, statuses and RAGs, each with a
    theme and a progress update, made in bulk."""
    lead = tenancy.members[Role.AGENCY_LEAD]
    actions = Action.objects.bulk_create(
        [
            Action(
                partnership=tenancy.ours,
                plan=world.plan,
                key=f"bulk-{start + i}",
                title=f"Bulk action {start + i}",
                group=[world.group_a, world.group_b, None][i % 3],
                work_stream=world.stream_a if i % 2 else None,
                lead_agency=[world.agency_x, world.agency_y, None][i % 3],
                lead_person=lead if i % 5 == 0 else None,
                status=STATUSES[i % len(STATUSES)],
                rag=RAGS[i % len(RAGS)],
                due_date=datetime.date(2018, 1, 1) + datetime.timedelta(days=i),
                position=start + i,
            )
            for i in range(count)
        ]
    )
    Action.themes.through.objects.bulk_create(
        [Action.themes.through(action_id=a.pk, theme_id=world.neglect.pk) for a in actions]
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                partnership=tenancy.ours,
                action=a,
                date=datetime.date(2018, 2, 1),
                narrative="Bulk update",
                rag="amber",
            )
            for a in actions
        ]
    )


def test_it_keeps_plan_pages_to_a_fixed_number_of_queries_with_10_or_1000_actions(tenancy, world):
    plan = f"/p/ourshire/plans/{world.plan.pk}"
    pages = {
        Role.MANAGER: [
            f"{plan}/",
            f"{plan}/overview/",
            f"{plan}/actions/",
            f"{plan}/actions/?page=2",
            f"{plan}/actions/?group={world.group_a.pk}&lead_agency={world.agency_y.pk}"
            f"&theme={world.neglect.pk}&status=on_track&rag=green&overdue=on",
            f"{plan}/actions/?status=none&rag=none",
            "/p/ourshire/plans/",
            f"/p/ourshire/plans/groups/{world.group_a.pk}/",
        ],
        Role.AGENCY_LEAD: ["/p/ourshire/plans/my-actions/", "/p/ourshire/plans/my-actions/?page=2"],
        Role.GROUP_CHAIR: ["/p/ourshire/plans/my-actions/"],
    }
    clients = {role: client_for(tenancy.user(role)) for role in pages}
    # Warm up: the first request of a client loads its session.
    for role, urls in pages.items():
        clients[role].get(urls[0])

    def counts():
        return {
            (role, url): queries_to_show(clients[role], url)
            for role, urls in pages.items()
            for url in urls
        }

    _add_actions(tenancy, world, 10, start=0)
    small = counts()
    _add_actions(tenancy, world, 990, start=10)
    large = counts()

    assert Action.objects.filter(plan=world.plan).count() == 1003
    assert large == small


def test_it_pages_the_actions_list_50_at_a_time(tenancy, world):
    _add_actions(tenancy, world, 120, start=0)
    client = client_for(tenancy.manager)
    html = client.get(f"/p/ourshire/plans/{world.plan.pk}/actions/?page=3").content.decode()
    assert "Showing 101 to 123 of 123 actions." in html
    assert 'aria-current="page">3<' in html
    filtered = client.get(
        f"/p/ourshire/plans/{world.plan.pk}/actions/?overdue=on&page=2"
    ).content.decode()
    assert 'href="?overdue=on&amp;page=1"' in filtered
