from decimal import Decimal

import pytest

from safeboard.core.errors import ApplicationError
from safeboard.finance import services
from safeboard.finance.models import StaffPost
from safeboard.finance.tests.factories import StaffPostFactory


def test_it_adds_posts_as_the_plan_states_them(tenancy):
    manager = services.staff_post_create(
        partnership=tenancy.ours, title="Business Manager", posts="1", by=tenancy.manager
    )
    lado = services.staff_post_create(
        partnership=tenancy.ours,
        title="Local Authority Designated Officer (LADO)",
        posts=Decimal("2"),
        fte="1.5",
        as_stated="1 Full-time and 1 half-time",
        by=tenancy.manager,
    )
    assert (manager.posts, manager.fte, manager.position) == (Decimal("1.0"), None, 0)
    assert (lado.posts, lado.fte, lado.position) == (Decimal("2.0"), Decimal("1.50"), 1)
    assert lado.as_stated == "1 Full-time and 1 half-time"
    assert manager.history.first().history_user == tenancy.manager


@pytest.mark.parametrize(
    ("title", "posts", "fte", "field", "message"),
    [
        ("", None, None, "title", "Enter the title of the post."),
        (
            "Officer",
            "two",
            None,
            "posts",
            "Enter the number of posts as a number, like 1.4, or leave it blank.",
        ),
        ("Officer", "-1", None, "posts", "The number of posts must be 0 or more."),
        (
            "Officer",
            "1.25",
            None,
            "posts",
            "The number of posts must have no more than 1 decimal place, like 1.4.",
        ),
        (
            "Officer",
            None,
            "1.234",
            "fte",
            "The full-time equivalent must have no more than 2 decimal places, like 1.4.",
        ),
        (
            "Officer",
            None,
            "<script>",
            "fte",
            "Enter the full-time equivalent as a number, like 1.4, or leave it blank.",
        ),
    ],
)
def test_it_refuses_a_post_it_cannot_record(tenancy, title, posts, fte, field, message):
    with pytest.raises(ApplicationError) as error:
        services.staff_post_create(
            partnership=tenancy.ours, title=title, posts=posts, fte=fte, by=None
        )
    assert (error.value.field, error.value.message) == (field, message)
    assert not StaffPost.objects.exists()


def test_it_changes_a_post_and_can_blank_its_numbers(tenancy):
    post = StaffPostFactory(partnership=tenancy.ours, posts=Decimal("1"), fte=Decimal("1"))
    services.staff_post_update(
        post=post, title="Training Officers", posts="", fte="1.4", as_stated="1.4 FTE", by=None
    )
    post.refresh_from_db()
    assert post.posts is None
    assert (post.title, post.fte, post.as_stated) == (
        "Training Officers",
        Decimal("1.40"),
        "1.4 FTE",
    )


def test_it_removes_a_post_and_records_who_removed_it(tenancy):
    post = StaffPostFactory(partnership=tenancy.ours)
    pk = post.pk
    services.staff_post_remove(post=post, by=tenancy.manager)
    assert not StaffPost.objects.filter(pk=pk).exists()
    assert StaffPost.history.filter(id=pk, history_type="-").get().history_user == tenancy.manager
