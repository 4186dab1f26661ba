import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safeboard.core.errors import ApplicationError
from safeboard.core.history import history_for
from safeboard.plans.domain.evidence import MAX_EVIDENCE_BYTES
from safeboard.plans.models import ProgressUpdate
from safeboard.plans.services import progress_update_record

TODAY = datetime.date(2018, 6, 15)


def _record(world, tenancy, **overrides):
    kwargs = {
        "action": world.action_of_a,
        "date": TODAY,
        "narrative": "Toolkit launched at the practitioner forum.",
        "by": tenancy.manager,
        "today": TODAY,
        **overrides,
    }
    return progress_update_record(**kwargs)


def test_it_records_an_update_and_sets_the_actions_rag_and_status(tenancy, world):
    update = _record(world, tenancy, rag="amber", status="at_risk")
    assert update.recorded_by == tenancy.manager
    assert (update.rag, update.status) == ("amber", "at_risk")
    world.action_of_a.refresh_from_db()
    assert (world.action_of_a.rag, world.action_of_a.status) == ("amber", "at_risk")
    latest = history_for(world.action_of_a)[0]
    assert latest.who == str(tenancy.manager)
    assert {c.label for c in latest.changes} == {"RAG", "Status"}


def test_it_keeps_the_actions_rating_when_the_update_gives_none(tenancy, world):
    world.action_of_a.rag, world.action_of_a.status = "green", "on_track"
    world.action_of_a.save()
    _record(world, tenancy)
    world.action_of_a.refresh_from_db()
    assert (world.action_of_a.rag, world.action_of_a.status) == ("green", "on_track")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": TODAY + datetime.timedelta(days=1)}, "date", "today or in the past"),
        ({"narrative": "   "}, "narrative", "Enter what progress has been made"),
        ({"rag": "purple"}, "rag", "Select red, amber or green"),
        ({"status": "finished"}, "status", "Select the status"),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url", "https://"),
        ({"evidence_url": "ftp://example.org/x"}, "evidence_url", "https://"),
        (
            {"evidence_file": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")},
            "evidence_file",
            "must be a PDF",
        ),
        (
            {"evidence_file": SimpleUploadedFile("page.html", b"<script>", "text/html")},
            "evidence_file",
            "must be a PDF",
        ),
        (
            {"evidence_file": SimpleUploadedFile("minutes.pdf", b"<html><script>", "text/html")},
            "evidence_file",
            "is a web page",
        ),
        (
            {"evidence_file": SimpleUploadedFile("chart.png", b"MZ\x90\x00", "image/png")},
            "evidence_file",
            "is a program",
        ),
        (
            {
                "evidence_file": SimpleUploadedFile(
                    "big.pdf", b"x" * (MAX_EVIDENCE_BYTES + 1), "application/pdf"
                )
            },
            "evidence_file",
            "smaller than 10 MB",
        ),
    ],
)
def test_it_refuses_bad_updates_and_changes_nothing(tenancy, world, overrides, field, message):
    with pytest.raises(ApplicationError) as error:
        _record(world, tenancy, **{"rag": "red", **overrides})
    assert error.value.field == field
    assert message in error.value.message
    assert not ProgressUpdate.objects.exists()
    world.action_of_a.refresh_from_db()
    assert world.action_of_a.rag == ""


def test_it_keeps_an_evidence_file_and_link(tenancy, world):
    update = _record(
        world,
        tenancy,
        evidence_url="https://example.org/minutes",
        evidence_file=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", "application/pdf"),
    )
    update.refresh_from_db()
    assert update.evidence_url == "https://example.org/minutes"
    assert update.evidence_file.name.endswith(".pdf")
    assert update.evidence_file.read() == b"%PDF-1.4 minutes"


def test_it_keeps_changes_to_an_actions_themes_in_its_history(tenancy, world):
    from safeboard.plans.tests.factories import ThemeFactory

    action = world.action_of_a
    first = ThemeFactory(plan=action.plan, partnership=action.partnership, title="Neglect")
    second = ThemeFactory(plan=action.plan, partnership=action.partnership, title="Sexual harm")
    action._history_user = tenancy.manager
    action.themes.set([first])
    action.themes.set([first, second])
    latest = history_for(action)[0]
    assert latest.who == str(tenancy.manager)
    [change] = [c for c in latest.changes if c.label == "Priorities and themes"]
    assert (change.old, change.new) == ("Neglect", "Neglect; Sexual harm")
