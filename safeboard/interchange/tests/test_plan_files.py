"""Plan files: reading with line-level errors, importing all or nothing, exporting exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings

from safeboard.core.errors import ApplicationError
from safeboard.finance.models import Contribution
from safeboard.governance.models import BoardLink, Group
from safeboard.interchange.exporter import export_partnership
from safeboard.interchange.importer import import_partnership
from safeboard.interchange.validate import InvalidFile, parse
from safeboard.partnerships.models import Agency, Partnership
from safeboard.partnerships.services import partnership_update
from safeboard.plans.models import Action, Plan, Theme

EXAMPLES = Path(settings.BASE_DIR) / "examples"

MINIMAL = """\
format: safeboard-partnership
version: 1
partnership:
  name: Testshire Safeguarding Children Partnership
agencies:
  - key: police
    name: Testshire Police
    type: police
groups:
  - key: board
    name: Board
    type: board
  - key: audit
    name: Audit Sub-Group
    type: sub_group
    reports_to: board
plans:
  - key: plan
    title: Business Plan
    period: {start: 2024, end: 2026}
    themes:
      - {key: neglect, kind: strategic_priority, title: Neglect}
    work_streams:
      - {key: audits, title: Audits, group: audit, themes: [neglect]}
    actions:
      - key: audit-neglect
        title: Audit neglect cases
        work_stream: audits
        group: audit
        lead_agency: police
        due_date: 2025-03-31
        status: on_track
        rag: amber
        themes: [neglect]
        updates:
          - {date: 2024-06-01, narrative: Started, rag: amber}
budget:
  - year: 2024/25
    start_year: 2024
    lines:
      - key: core
        name: Core budget
        kind: core
        contributions:
          - {agency: police, group: core, amount: 1000.50}
        spend:
          - {date: 2024-05-01, description: Venue, amount: 200}
staffing:
  - {title: Business Manager, posts: 1, fte: 0.8}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(InvalidFile) as error:
        parse(text)
    return [str(p) for p in error.value.problems]


def test_it_reads_a_correct_file():
    data = parse(MINIMAL)
    assert data.partnership.name == "Testshire Safeguarding Children Partnership"
    assert str(data.plans[0].actions[0].due_date) == "2025-03-31"


def test_it_names_the_line_and_field_of_a_wrong_type():
    text = MINIMAL.replace("period: {start: 2024, end: 2026}", "period: {start: soon, end: 2026}")
    assert problems_of(text) == ["Line 20: plans › plan › period › start: must be a whole number"]


def test_it_refuses_text_where_an_amount_belongs():
    text = MINIMAL.replace("amount: 1000.50", "amount: lots")
    [problem] = problems_of(text)
    assert problem.startswith("Line 45: budget › item 1 › lines › core › contributions › item 1")
    assert "must be a number" in problem


def test_it_refuses_a_wrong_date():
    [problem] = problems_of(MINIMAL.replace("due_date: 2025-03-31", "due_date: 31/03/2025"))
    assert problem.startswith("Line 31: plans › plan › actions › audit-neglect › due_date")
    assert "YYYY-MM-DD" in problem


def test_it_names_every_missing_reference():
    text = (
        MINIMAL.replace("reports_to: board", "reports_to: nobody")
        .replace("lead_agency: police", "lead_agency: fire")
        .replace("themes: [neglect]\n        updates", "themes: [abuse]\n        updates")
    )
    found = problems_of(text)
    assert "Line 16: groups › audit › reports_to: names the group 'nobody'" in found[0]
    assert any("Line 30" in p and "agency 'fire'" in p for p in found)
    assert any("Line 34" in p and "theme 'abuse'" in p for p in found)


def test_it_refuses_a_key_written_twice_in_yaml():
    text = MINIMAL.replace(
        "    name: Testshire Police\n", "    name: Testshire Police\n    name: Again\n"
    )
    assert problems_of(text) == ['Line 8: "name" appears twice here (first on line 7).']


def test_it_refuses_two_records_with_one_key():
    text = MINIMAL.replace("  - key: audit\n", "  - key: board\n").replace(
        "group: audit", "group: board"
    )
    found = problems_of(text)
    assert any(
        p.startswith("Line 13: groups › board › key: group key 'board' is used twice")
        for p in found
    )


def test_it_refuses_a_reporting_loop():
    text = MINIMAL.replace("    type: board\n", "    type: board\n    reports_to: audit\n")
    assert any("makes a loop" in p for p in problems_of(text))


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ("<script>alert(1)</script>", "HTML markup"),
        ("<img src=x onerror=alert(1)>", "HTML markup"),
        ("Bad\\u0000byte", "control character"),
    ],
)
def test_it_refuses_hostile_text(hostile, expected):
    text = MINIMAL.replace("title: Audit neglect cases", f'title: "{hostile}"')
    [problem] = problems_of(text)
    assert problem.startswith("Line 27: plans › plan › actions › audit-neglect › title")
    assert expected in problem


def test_it_refuses_yaml_aliases_and_python_tags():
    bomb = "a: &a [x, x]\nb: *a\n"
    assert "Aliases" in problems_of(bomb)[0]
    assert "not valid YAML" in problems_of("x: !!python/object/apply:os.system ['ls']\n")[0]


def test_it_refuses_what_is_not_a_plan_file():
    assert problems_of("just text")[0].startswith("Line 1: A plan file starts with")
    assert "not valid YAML" in problems_of("a: [unclosed\n")[0]
    with pytest.raises(InvalidFile) as error:
        parse(b"\xff\xfe not utf-8")
    assert "UTF-8" in str(error.value)
    found = problems_of(MINIMAL.replace("version: 1", "version: 2").replace("groups:", "groupz:"))
    assert any("version: must be one of: 1" in p for p in found)
    assert any("groupz: is not part of the plan file format" in p for p in found)


def test_it_imports_all_or_nothing(db):
    """A rule only a module's service knows (a number of posts has one decimal place) fails the
    import at the very end: nothing before it is kept, and the message names the record."""
    before = (Partnership.objects.count(), Agency.objects.count(), Action.objects.count())
    late_failure = MINIMAL.replace("posts: 1,", "posts: 1.25,")
    with pytest.raises(ApplicationError) as error:
        import_partnership(parse(late_failure), slug="testshire", by=None)
    assert "staffing › Business Manager" in error.value.message
    assert (Partnership.objects.count(), Agency.objects.count(), Action.objects.count()) == before


def test_it_imports_through_the_modules_services(db, monkeypatch):
    """The plan file has no write path of its own: each record goes through its app's service."""
    from safeboard.plans import services

    called = []

    def spy(**kwargs):
        called.append(kwargs["key"])
        return services.action_create(**kwargs)

    monkeypatch.setattr("safeboard.plans.planfile.action_create", spy)
    import_partnership(parse(MINIMAL), slug="testshire", by=None)
    assert called == [a.key for a in Action.objects.filter(partnership__slug="testshire")]
    assert called


def test_it_imports_only_into_an_empty_partnership(tenancy):
    with pytest.raises(ApplicationError):
        import_partnership(parse(MINIMAL), into=tenancy.ours, by=None)
    assert not Plan.objects.filter(partnership=tenancy.ours).exists()


def test_it_round_trips_exactly(db):
    first = import_partnership(parse(MINIMAL), slug="first", by=None)
    exported = export_partnership(first)
    partnership_update(partnership=first, name="First", short_name="", area="", by=None)
    empty = Partnership.objects.create(name="Empty", slug="empty")
    second = import_partnership(parse(exported), into=empty, by=None)
    assert export_partnership(second) == exported
    assert "amount: '1000.50'" in exported


@pytest.mark.parametrize("name", ["lincolnshire", "north-east-lincolnshire"])
def test_it_round_trips_each_example_exactly(db, name):
    original = import_partnership(
        parse((EXAMPLES / f"{name}.yaml").read_bytes()), slug=name, by=None
    )
    exported = export_partnership(original)
    # Partnership names are unique: the original takes another name before its copy is made.
    partnership_update(partnership=original, name="Old", short_name="", area="", by=None)
    copy = import_partnership(parse(exported), slug=f"{name}-copy", by=None)
    assert export_partnership(copy) == exported


def test_it_loads_the_lincolnshire_plan_faithfully(db):
    p = import_partnership(parse((EXAMPLES / "lincolnshire.yaml").read_bytes()), slug="l", by=None)
    assert Agency.objects.filter(partnership=p).count() == 14
    groups = Group.objects.filter(partnership=p)
    assert groups.count() == 11
    assert groups.get(key="strategic-management-group").chair_description == "Independent"
    assert groups.get(key="operational-delivery-group").vice_chair_description == "LSCB Member"
    assert groups.filter(parent__key="operational-delivery-group").count() == 8
    assert BoardLink.objects.filter(partnership=p).count() == 7
    plan = Plan.objects.get(partnership=p)
    assert plan.status == ""
    assert plan.date_approved is None
    assert Theme.objects.filter(plan=plan, kind="strategic_priority").count() == 5
    assert Theme.objects.filter(plan=plan, kind="key_theme").count() == 5
    actions = Action.objects.filter(plan=plan)
    assert actions.filter(work_stream__key="governance").count() == 8
    assert actions.filter(group__key="education-and-training").count() == 5
    assert actions.count() == 33
    assert actions.filter(title__contains="www.lincolnshirelscb.org.uk").exists()
    amounts = Contribution.objects.filter(partnership=p).values_list("line__key", "amount")
    assert sum(a for k, a in amounts if k == "core") == 190750
    assert sum(a for k, a in amounts if k == "training") == 84850


def test_it_loads_the_north_east_lincolnshire_plan_faithfully(db):
    p = import_partnership(
        parse((EXAMPLES / "north-east-lincolnshire.yaml").read_bytes()), slug="n", by=None
    )
    plan = Plan.objects.get(partnership=p)
    assert (plan.version, plan.status, plan.approved_by) == (
        "1 Draft",
        "draft",
        "NEL Safeguarding Children Board",
    )
    assert (plan.date_approved, plan.author, plan.date_issued, plan.review_date) == (
        None,
        "",
        None,
        None,
    )
    themes = Theme.objects.filter(plan=plan)
    assert [t.title for t in themes.filter(kind="strategic_priority")] == [
        "Domestic Abuse",
        "Sexual Harm",
        "Neglect",
    ]
    assert themes.get(key="neglect").bellwether == "% of children on a CP plan for neglect"
    assert themes.filter(kind="broader_theme").count() == 11
    assert themes.filter(kind="outcome").count() == 5
    assert Action.objects.filter(plan=plan).count() == 8
    assert not Agency.objects.filter(partnership=p).exists()


def test_it_copies_a_partnership_from_the_command_line_under_another_name(db, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "lincolnshire.yaml"
    path.write_bytes((EXAMPLES / "lincolnshire.yaml").read_bytes())
    call_command("import_partnership", str(path), create="lincolnshire", stdout=io.StringIO())
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_partnership", str(path), create="copy", stdout=io.StringIO())
    assert not Partnership.objects.filter(slug="copy").exists()
    call_command(
        "import_partnership",
        str(path),
        create="copy",
        name="Lincolnshire copy",
        stdout=io.StringIO(),
    )
    copy = Partnership.objects.get(slug="copy")
    assert copy.name == "Lincolnshire copy"
    assert Agency.objects.filter(partnership=copy).count() == 14
