import pytest

from safeboard.core.errors import ApplicationError
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.services import statement_update
from safeboard.plans.tests.factories import StatementFactory


def _update(statement, by, **changes):
    values = {
        "kind": statement.kind,
        "title": statement.title,
        "body": statement.body,
        "signed_by": statement.signed_by,
        "position": statement.position,
        **changes,
    }
    return statement_update(statement=statement, by=by, **values)


def test_it_keeps_line_breaks_in_longer_text_but_refuses_null_characters(tenancy, world):
    manager = tenancy.user(Role.MANAGER)
    statement = StatementFactory(plan=world.plan, title="Vision", body="One")
    with pytest.raises(ApplicationError) as caught:
        _update(statement, manager, body="Two\x00")
    assert caught.value.field == "body"
    assert "null characters" in caught.value.message
    _update(statement, manager, body="Line one\nLine two")
    statement.refresh_from_db()
    assert statement.body == "Line one\nLine two"


def test_it_refuses_a_title_on_two_lines(tenancy, world):
    manager = tenancy.user(Role.MANAGER)
    statement = StatementFactory(plan=world.plan, title="Vision", body="One")
    with pytest.raises(ApplicationError) as caught:
        _update(statement, manager, title="Vision\nand values")
    assert caught.value.field == "title"
    assert caught.value.message == "Title must be on one line: remove the line break."
    statement.refresh_from_db()
    assert statement.title == "Vision"
