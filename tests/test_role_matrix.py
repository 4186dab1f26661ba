"""The Roles page says what each role can do; the pages must do exactly that.

The expectations are READ from the rendered Roles page (`/p/<slug>/roles/`), not restated here.
Each capability has a table of concrete attempts through the partnership's real pages (URL name,
method, valid data), each checking its effect: an attempt that answers 403 must have written
nothing, one that is let through must have done what it asked. For each role, an attempt is
allowed exactly when the matrix (and, for "their group" and "their agency", the object-level rule
in the owning app) says so. For the object-level attempts the role's own membership is made the
chair of the group, or a member of the agency, so that "their own" means the same for every role
and only the matrix decides.

A capability with no page yet is listed in NO_PAGE_YET; a test fails as soon as a page uses it,
so that its attempts get written.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Tenancy, client_for
from safeboard.governance.models import Meeting
from safeboard.partnerships.domain.roles import CAPABILITY_LABELS, Capability, Role, role_can
from safeboard.partnerships.models import Agency, Membership
from safeboard.performance.models import AgencyReturn, Indicator, ReturnStatus
from safeboard.plans.domain.permissions import can_update_action, may_edit_group_work
from safeboard.plans.models import Action, Statement, WorkStream
from safeboard.plans.tests.conftest import PlanWorld, world  # noqa: F401  (the fixture)
from safeboard.plans.tests.factories import WorkStreamFactory
from safeboard.scrutiny.models import Comment
from safeboard.ui.tests.forms import form_data
from tests.url_records import RecordIds
from tests.urlwalk import partnership_routes

SLUG = "ourshire"

# Promised by the matrix, with no page yet. Each names where its pages will come.
NO_PAGE_YET: dict[Capability, str] = {}
# Parts of a capability's label with no page yet; the rest of the capability is tried below.
PARTS_WITH_NO_PAGE_YET: dict[Capability, str] = {
    Capability.EDIT_OWN_GROUP_WORK: "audits and reviews (the case audit and review modules)",
    Capability.SUBMIT_OWN_AGENCY_DATA: "the Section 11 return (the Section 11 module)",
    Capability.SIGN_OFF: "returns (an agency return is approved with APPROVE_DATA)",
}


# --- Reading the Roles page ---------------------------------------------------------------------

Matrix = dict[Capability, dict[Role, bool]]


def read_roles_page(client: Client) -> Matrix:
    """The "What each role can do" table, as a person reads it."""
    page = client.get(reverse("partnerships:roles", args=[SLUG])).content.decode()
    table = page[page.index("What each role can do</caption>") :]
    table = table[: table.index("</table>")]
    header, body = table.split("</thead>")
    columns = [html.unescape(c) for c in re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', header)]
    by_label = {role.label: role for role in Role}
    roles = [by_label[label] for label in columns[1:]]
    capability_by_label = {label: cap for cap, label in CAPABILITY_LABELS.items()}
    matrix: Matrix = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
        label = html.unescape(re.search(r'<th scope="row"[^>]*>(.*?)</th>', row, re.S)[1])  # type: ignore[index]
        cells = re.findall(r"<td[^>]*>(Yes|No)</td>", row)
        assert len(cells) == len(roles), label
        matrix[capability_by_label[label]] = {
            role: cell == "Yes" for role, cell in zip(roles, cells, strict=True)
        }
    return matrix


def test_it_renders_every_capability_for_every_role_as_the_code_enforces(tenancy):
    matrix = read_roles_page(client_for(tenancy.user(Role.BOARD_MEMBER)))
    assert set(matrix) == set(Capability)
    assert matrix == {cap: {role: role_can(role, cap) for role in Role} for cap in Capability}


# --- Attempts -----------------------------------------------------------------------------------


@dataclass
class Ctx:
    tenancy: Tenancy
    world: PlanWorld
    role: Role
    client: Client
    records: RecordIds

    @property
    def me(self) -> Membership:
        return self.tenancy.members[self.role]

    def url(self, name: str, *args: Any) -> str:
        return reverse(name, args=[SLUG, *args])

    def chair_group_a(self) -> None:
        """Make this role's member the chair of group A (and nobody else)."""
        self.world.group_a.chair = self.me
        self.world.group_a.save()

    def join_agency(self, agency: Agency) -> None:
        Membership.objects.filter(pk=self.me.pk).update(agency=agency)


def _outcome(response: Any, *, done: bool, what: str) -> bool:
    """Allowed (True) or refused (False); anything in between fails."""
    if response.status_code == 403:
        assert not done, f"{what}: refused with 403 but written anyway"
        return False
    assert response.status_code in (200, 302), f"{what}: answered {response.status_code}"
    assert done, f"{what}: let through (status {response.status_code}) but nothing happened"
    return True


def _read(ctx: Ctx, url: str) -> bool:
    response = ctx.client.get(url)
    return _outcome(response, done=response.status_code == 200, what=f"GET {url}")


def _post(ctx: Ctx, url: str, data: dict[str, Any], done: Callable[[], bool]) -> bool:
    return _outcome(ctx.client.post(url, data), done=done(), what=f"POST {url}")


def _submit(ctx: Ctx, url: str, done: Callable[[], bool], **changes: Any) -> bool:
    """Post the page's form as it loads (read as the manager, who may see every form), with
    `changes`, as the role: what a person of that role would send if they had the page."""
    data = form_data(client_for(ctx.tenancy.manager), url, **changes)
    return _post(ctx, url, data, done)


def _changed(record: Any, field: str, value: Any) -> Callable[[], bool]:
    def check() -> bool:
        record.refresh_from_db()
        return bool(getattr(record, field) == value)

    return check


def _caps(matrix: Matrix, role: Role) -> set[Capability]:
    return {cap for cap, row in matrix.items() if row[role]}


def _group_rule(owner: str) -> Callable[[Matrix, Role, Ctx], bool]:
    """may_edit_group_work, with group A chaired by the role's member."""

    def expect(matrix: Matrix, role: Role, ctx: Ctx) -> bool:
        group = {"a": ctx.world.group_a.pk, "b": ctx.world.group_b.pk}[owner]
        return may_edit_group_work(
            capabilities=_caps(matrix, role),
            owning_group_id=group,
            my_chaired_group_ids={ctx.world.group_a.pk},
        )

    return expect


def _matrix(capability: Capability) -> Callable[[Matrix, Role, Ctx], bool]:
    return lambda matrix, role, ctx: matrix[capability][role]


@dataclass(frozen=True)
class Attempt:
    name: str
    capability: Capability
    run: Callable[[Ctx], bool]
    expect: Callable[[Matrix, Role, Ctx], bool]
    setup: Callable[[Ctx], None] = lambda ctx: None


# VIEW, VIEW_PEOPLE, EXPORT


def read_plan(ctx: Ctx) -> bool:
    return _read(ctx, ctx.url("plans:plan_detail", ctx.world.plan.pk))


def read_dashboard(ctx: Ctx) -> bool:
    return _read(ctx, ctx.url("performance:indicator_list"))


def read_people(ctx: Ctx) -> bool:
    return _read(ctx, ctx.url("partnerships:people_list"))


def export_plan(ctx: Ctx) -> bool:
    response = ctx.client.get(ctx.url("plans:plan_xlsx", ctx.world.plan.pk))
    done = response.status_code == 200 and response.content.startswith(b"PK")
    return _outcome(response, done=done, what="plan export")


def export_values(ctx: Ctx) -> bool:
    ctx.records("indicator_id")
    response = ctx.client.get(ctx.url("performance:values_export_csv"))
    return _outcome(response, done=response.status_code == 200, what="values export")


# MANAGE_PEOPLE, MANAGE_STRUCTURE, EDIT_PLAN


def add_person(ctx: Ctx) -> bool:
    return _submit(
        ctx,
        ctx.url("partnerships:person_add"),
        lambda: Membership.objects.filter(user__email="sam@example.org").exists(),
        full_name="Sam Example",
        email="sam@example.org",
        role="analyst",
    )


def add_agency(ctx: Ctx) -> bool:
    return _submit(
        ctx,
        ctx.url("partnerships:agency_create"),
        lambda: Agency.objects.filter(name="Ourshire Fire").exists(),
        name="Ourshire Fire",
        agency_type="other",
    )


def add_statement(ctx: Ctx) -> bool:
    return _submit(
        ctx,
        ctx.url("plans:statement_create", ctx.world.plan.pk),
        lambda: Statement.objects.filter(body="Every child safe.").exists(),
        kind="vision",
        body="Every child safe.",
    )


def change_plan(ctx: Ctx) -> bool:
    plan = ctx.world.plan
    return _submit(
        ctx,
        ctx.url("plans:plan_edit", plan.pk),
        _changed(plan, "title", "Renamed plan"),
        title="Renamed plan",
    )


# EDIT_OWN_GROUP_WORK


def change_group_a_action(ctx: Ctx) -> bool:
    action = ctx.world.action_of_a
    return _submit(
        ctx,
        ctx.url("plans:action_edit", action.pk),
        _changed(action, "title", "Changed"),
        title="Changed",
    )


def change_group_b_action(ctx: Ctx) -> bool:
    action = ctx.world.action_of_b
    return _submit(
        ctx,
        ctx.url("plans:action_edit", action.pk),
        _changed(action, "title", "Changed"),
        title="Changed",
    )


def move_group_a_action_to_b(ctx: Ctx) -> bool:
    """Moving one's own action to a group one does not chair is refused: a form error (200),
    nothing written, for a group chair; the manager may."""
    action = ctx.world.action_of_a
    url = ctx.url("plans:action_edit", action.pk)
    data = form_data(
        client_for(ctx.tenancy.manager), url, group=ctx.world.group_b.pk, work_stream=""
    )
    response = ctx.client.post(url, data)
    moved = _changed(action, "group_id", ctx.world.group_b.pk)()
    if response.status_code == 200:
        assert not moved
        assert "You can only change the work of groups you chair" in response.content.decode()
        return False
    return _outcome(response, done=moved, what="move an action")


def change_group_a_work_stream(ctx: Ctx) -> bool:
    stream = ctx.world.stream_a
    return _submit(
        ctx,
        ctx.url("plans:work_stream_edit", stream.pk),
        _changed(stream, "title", "Renamed stream"),
        title="Renamed stream",
    )


def change_group_b_work_stream(ctx: Ctx) -> bool:
    stream = WorkStreamFactory(plan=ctx.world.plan, title="Training plan", group=ctx.world.group_b)
    return _submit(
        ctx,
        ctx.url("plans:work_stream_edit", stream.pk),
        _changed(stream, "title", "Renamed stream"),
        title="Renamed stream",
    )


def add_action_to_group_a_stream(ctx: Ctx) -> bool:
    return _submit(
        ctx,
        ctx.url("plans:action_create", ctx.world.plan.pk),
        lambda: Action.objects.filter(title="New toolkit action").exists(),
        title="New toolkit action",
        work_stream=ctx.world.stream_a.pk,
    )


def delete_group_a_work_stream(ctx: Ctx) -> bool:
    """Deleting is kept to the manager (EDIT_PLAN), even for the chair of the owning group."""
    stream = WorkStreamFactory(plan=ctx.world.plan, title="Empty stream", group=ctx.world.group_a)
    return _post(
        ctx,
        ctx.url("plans:work_stream_delete", stream.pk),
        {"confirm": "yes"},
        lambda: not WorkStream.objects.filter(pk=stream.pk).exists(),
    )


def _record_meeting(ctx: Ctx, group_pk: int) -> bool:
    return _submit(
        ctx,
        ctx.url("governance:meeting_create", group_pk),
        lambda: Meeting.objects.filter(title="Autumn meeting").exists(),
        date=datetime.date(2011, 9, 7),
        title="Autumn meeting",
    )


def record_group_a_meeting(ctx: Ctx) -> bool:
    return _record_meeting(ctx, ctx.world.group_a.pk)


def record_group_b_meeting(ctx: Ctx) -> bool:
    return _record_meeting(ctx, ctx.world.group_b.pk)


# UPDATE_OWN_AGENCY_ACTIONS


def record_progress_on_agency_x_action(ctx: Ctx) -> bool:
    action = ctx.world.action_of_x  # owned by group B (chaired by nobody), led by agency X
    return _submit(
        ctx,
        ctx.url("plans:progress_record", action.pk),
        lambda: action.updates.filter(narrative="Audit under way").exists(),
        date=datetime.date.today(),
        narrative="Audit under way",
        rag="amber",
    )


def _agency_rule(mine: bool) -> Callable[[Matrix, Role, Ctx], bool]:
    def expect(matrix: Matrix, role: Role, ctx: Ctx) -> bool:
        x = ctx.world.agency_x.pk
        return can_update_action(
            capabilities=_caps(matrix, role),
            action_group_id=ctx.world.group_b.pk,
            action_lead_agency_id=x,
            my_agency_id=x if mine else ctx.world.agency_y.pk,
            my_chaired_group_ids=set(),
        )

    return expect


# SUBMIT_OWN_AGENCY_DATA, APPROVE_DATA, MANAGE_INDICATORS


def _return(ctx: Ctx) -> AgencyReturn:
    """A return expected from agency X (the walk's return of the partnership's police)."""
    agency_return = AgencyReturn.objects.get(pk=ctx.records("return_id"))
    assert agency_return.agency_id == ctx.world.agency_x.pk
    return agency_return


def _return_values(ctx: Ctx, agency_return: AgencyReturn) -> dict[str, str]:
    """Every value box of the return's page, filled in as its agency would, and the version the
    page was loaded from."""
    manager = client_for(ctx.tenancy.manager)
    page = manager.get(ctx.url("performance:return_detail", agency_return.pk)).content.decode()
    names = set(re.findall(r'name="((?:value|numerator|denominator|comment)_\d+)"', page))
    assert any(n.startswith("value_") for n in names), "the return has no value to fill in"
    values = {
        n: ("6" if n.startswith(("value", "numerator", "denominator")) else "") for n in names
    }
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version, "the return's form carries the version it was loaded from"
    return {**values, "version": version.group(1)}


def submit_agency_x_return(ctx: Ctx) -> bool:
    agency_return = _return(ctx)
    data = {**_return_values(ctx, agency_return), "submit": ""}
    return _post(
        ctx,
        ctx.url("performance:return_detail", agency_return.pk),
        data,
        _changed(agency_return, "status", ReturnStatus.SUBMITTED),
    )


def _return_rule(mine: bool) -> Callable[[Matrix, Role, Ctx], bool]:
    """performance.access.may_act_for_return: an approver acts on any return, an agency's lead
    (SUBMIT_OWN_AGENCY_DATA) on their own agency's."""

    def expect(matrix: Matrix, role: Role, ctx: Ctx) -> bool:
        row = _caps(matrix, role)
        return Capability.APPROVE_DATA in row or (mine and Capability.SUBMIT_OWN_AGENCY_DATA in row)

    return expect


def approve_submitted_return(ctx: Ctx) -> bool:
    agency_return = _return(ctx)
    manager = client_for(ctx.tenancy.manager)
    data = {**_return_values(ctx, agency_return), "submit": ""}
    manager.post(ctx.url("performance:return_detail", agency_return.pk), data)
    agency_return.refresh_from_db()
    assert agency_return.status == ReturnStatus.SUBMITTED
    return _post(
        ctx,
        ctx.url("performance:return_approve", agency_return.pk),
        {},
        _changed(agency_return, "status", ReturnStatus.APPROVED),
    )


def add_indicator(ctx: Ctx) -> bool:
    return _submit(
        ctx,
        ctx.url("performance:indicator_create"),
        lambda: Indicator.objects.filter(code="NEW-01").exists(),
        code="NEW-01",
        name="Repeat referrals",
        kind="better_off",
        unit="percentage",
        polarity="lower",
        frequency="quarterly",
        suppression_threshold="5",
    )


def comment_on_plan(ctx: Ctx) -> bool:
    plan = ctx.world.plan
    url = ctx.url("scrutiny:comment_create", "plans.plan", str(plan.pk))
    text = f"A comment by the {ctx.role.label}"
    return _post(
        ctx,
        url,
        {"text": text},
        lambda: Comment.objects.filter(subject_key=str(plan.pk), text=text).exists(),
    )


def sign_off_plan(ctx: Ctx) -> bool:
    plan = ctx.world.plan
    return _submit(
        ctx, ctx.url("scrutiny:plan_sign_off", plan.pk), _changed(plan, "status", "approved")
    )


def _in_agency(agency: str) -> Callable[[Ctx], None]:
    def setup(ctx: Ctx) -> None:
        ctx.join_agency(ctx.world.agency_x if agency == "x" else ctx.world.agency_y)

    return setup


def _chairing_a(ctx: Ctx) -> None:
    ctx.chair_group_a()


C = Capability
ATTEMPTS: list[Attempt] = [
    Attempt("read a plan", C.VIEW, read_plan, _matrix(C.VIEW)),
    Attempt("read the data set", C.VIEW, read_dashboard, _matrix(C.VIEW)),
    Attempt("see the people", C.VIEW_PEOPLE, read_people, _matrix(C.VIEW_PEOPLE)),
    Attempt("export a plan", C.EXPORT, export_plan, _matrix(C.EXPORT)),
    Attempt("export the values", C.EXPORT, export_values, _matrix(C.EXPORT)),
    Attempt("add a person", C.MANAGE_PEOPLE, add_person, _matrix(C.MANAGE_PEOPLE)),
    Attempt("add an agency", C.MANAGE_STRUCTURE, add_agency, _matrix(C.MANAGE_STRUCTURE)),
    Attempt("add a statement", C.EDIT_PLAN, add_statement, _matrix(C.EDIT_PLAN)),
    Attempt("change the plan", C.EDIT_PLAN, change_plan, _matrix(C.EDIT_PLAN)),
    Attempt(
        "delete their group's work stream",
        C.EDIT_PLAN,
        delete_group_a_work_stream,
        _matrix(C.EDIT_PLAN),
        _chairing_a,
    ),
    Attempt(
        "change their group's action",
        C.EDIT_OWN_GROUP_WORK,
        change_group_a_action,
        _group_rule("a"),
        _chairing_a,
    ),
    Attempt(
        "change another group's action",
        C.EDIT_OWN_GROUP_WORK,
        change_group_b_action,
        _group_rule("b"),
        _chairing_a,
    ),
    Attempt(
        "move their group's action to another group",
        C.EDIT_OWN_GROUP_WORK,
        move_group_a_action_to_b,
        _group_rule("b"),
        _chairing_a,
    ),
    Attempt(
        "change their group's work stream",
        C.EDIT_OWN_GROUP_WORK,
        change_group_a_work_stream,
        _group_rule("a"),
        _chairing_a,
    ),
    Attempt(
        "change another group's work stream",
        C.EDIT_OWN_GROUP_WORK,
        change_group_b_work_stream,
        _group_rule("b"),
        _chairing_a,
    ),
    Attempt(
        "add an action to their group's work stream",
        C.EDIT_OWN_GROUP_WORK,
        add_action_to_group_a_stream,
        _group_rule("a"),
        _chairing_a,
    ),
    Attempt(
        "record their group's meeting",
        C.EDIT_OWN_GROUP_WORK,
        record_group_a_meeting,
        _group_rule("a"),
        _chairing_a,
    ),
    Attempt(
        "record another group's meeting",
        C.EDIT_OWN_GROUP_WORK,
        record_group_b_meeting,
        _group_rule("b"),
        _chairing_a,
    ),
    Attempt(
        "record progress on their agency's action",
        C.UPDATE_OWN_AGENCY_ACTIONS,
        record_progress_on_agency_x_action,
        _agency_rule(mine=True),
        _in_agency("x"),
    ),
    Attempt(
        "record progress on another agency's action",
        C.UPDATE_OWN_AGENCY_ACTIONS,
        record_progress_on_agency_x_action,
        _agency_rule(mine=False),
        _in_agency("y"),
    ),
    Attempt(
        "submit their agency's return",
        C.SUBMIT_OWN_AGENCY_DATA,
        submit_agency_x_return,
        _return_rule(mine=True),
        _in_agency("x"),
    ),
    Attempt(
        "submit another agency's return",
        C.SUBMIT_OWN_AGENCY_DATA,
        submit_agency_x_return,
        _return_rule(mine=False),
        _in_agency("y"),
    ),
    Attempt("approve a return", C.APPROVE_DATA, approve_submitted_return, _matrix(C.APPROVE_DATA)),
    Attempt("add an indicator", C.MANAGE_INDICATORS, add_indicator, _matrix(C.MANAGE_INDICATORS)),
    Attempt("comment on a plan", C.COMMENT, comment_on_plan, _matrix(C.COMMENT)),
    Attempt("sign off a plan", C.SIGN_OFF, sign_off_plan, _matrix(C.SIGN_OFF)),
]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("attempt", ATTEMPTS, ids=lambda a: a.name)
def test_it_does_what_the_roles_page_says(tenancy, world, attempt, role):  # noqa: F811
    matrix = read_roles_page(client_for(tenancy.user(role)))
    ctx = Ctx(
        tenancy, world, role, client_for(tenancy.user(role)), RecordIds(tenancy, tenancy.ours)
    )
    attempt.setup(ctx)
    expected = attempt.expect(matrix, role, ctx)
    assert attempt.run(ctx) is expected, (
        f"{role.label} trying to {attempt.name}: the Roles page says "
        f"{'allowed' if expected else 'refused'}"
    )


def test_it_tries_every_capability_or_says_which_page_is_still_to_come():
    tried = {attempt.capability for attempt in ATTEMPTS}
    assert tried.isdisjoint(NO_PAGE_YET)
    assert tried | set(NO_PAGE_YET) == set(Capability)
    assert set(PARTS_WITH_NO_PAGE_YET) <= tried


def test_it_notices_when_a_page_uses_a_capability_listed_as_having_none():
    used = {route.callback.partnership_capability for route in partnership_routes()}
    assert used.isdisjoint(NO_PAGE_YET), "write attempts for it in ATTEMPTS"


def test_it_tries_each_role_both_ways_for_the_object_level_capabilities(tenancy, world):  # noqa: F811
    """Each capability about "their own" group or agency has an attempt that the rule allows for
    the role holding it and one it refuses, so the object-level check is really exercised."""
    matrix = read_roles_page(client_for(tenancy.manager))
    ctx = Ctx(
        tenancy, world, Role.MANAGER, client_for(tenancy.manager), RecordIds(tenancy, tenancy.ours)
    )
    holders = {
        C.EDIT_OWN_GROUP_WORK: Role.GROUP_CHAIR,
        C.UPDATE_OWN_AGENCY_ACTIONS: Role.AGENCY_LEAD,
        C.SUBMIT_OWN_AGENCY_DATA: Role.AGENCY_LEAD,
    }
    for capability, role in holders.items():
        answers = {a.expect(matrix, role, ctx) for a in ATTEMPTS if a.capability is capability}
        assert answers == {True, False}, capability
