import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.models import ProgressUpdate
from safeboard.plans.tests.factories import ProgressUpdateFactory
from safeboard.ui.tests.forms import date_parts

TODAY = datetime.date.today()


def test_it_records_progress_with_evidence_and_shows_it_newest_first(tenancy, world):
    ProgressUpdateFactory(action=world.action_of_a, date=datetime.date(2018, 1, 15))
    client = client_for(tenancy.user(Role.GROUP_CHAIR))
    url = f"/p/ourshire/plans/actions/{world.action_of_a.pk}/"
    form = client.get(url + "progress/").content.decode()
    for part, value in date_parts("date", TODAY).items():  # today is suggested
        assert f'name="{part}" type="text" inputmode="numeric" value="{value}"' in form
    response = client.post(
        url + "progress/",
        {
            **date_parts("date", TODAY),
            "narrative": "Toolkit launched.\n- 40 practitioners trained",
            "rag": "amber",
            "status": "at_risk",
            "evidence_url": "https://example.org/toolkit",
            "evidence_file": SimpleUploadedFile("toolkit.pdf", b"%PDF-1.4 toolkit"),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Progress update recorded." in html
    assert html.index("Toolkit launched.") < html.index("Audit completed.")
    assert "<li>40 practitioners trained</li>" in html
    assert 'href="https://example.org/toolkit" rel="noopener noreferrer"' in html
    assert '<strong class="govuk-tag govuk-tag--orange">Amber</strong>' in html
    assert "Our Group chair" in html

    update = ProgressUpdate.objects.get(action=world.action_of_a, rag="amber")
    download = client.get(f"/p/ourshire/plans/updates/{update.pk}/evidence/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download.content == b"%PDF-1.4 toolkit"


def test_it_shows_each_mistake_in_an_error_summary_and_saves_nothing(tenancy, world):
    client = client_for(tenancy.manager)
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = client.post(
        f"/p/ourshire/plans/actions/{world.action_of_a.pk}/progress/",
        {
            **date_parts("date", tomorrow),
            "narrative": "<script>alert(1)</script>",
            "rag": "red",
            "evidence_url": "javascript:alert(1)",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The date of the update must be today or in the past." in html
    assert "<script>alert(1)</script>" not in html
    assert not ProgressUpdate.objects.exists()


def test_it_refuses_a_date_that_is_not_a_date(tenancy, world):
    client = client_for(tenancy.manager)
    response = client.post(
        f"/p/ourshire/plans/actions/{world.action_of_a.pk}/progress/",
        {**date_parts("date", "30/2/2021"), "narrative": "Done"},
    )
    assert "Date of the update must be a real date" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_it_refuses_a_file_of_the_wrong_type(tenancy, world):
    client = client_for(tenancy.manager)
    response = client.post(
        f"/p/ourshire/plans/actions/{world.action_of_a.pk}/progress/",
        {
            **date_parts("date", TODAY),
            "narrative": "Done",
            "evidence_file": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    assert "The evidence file must be a PDF" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_it_gives_404_for_evidence_of_another_partnership_or_none(tenancy, world):
    from safeboard.plans.tests.factories import ActionFactory, PlanFactory

    theirs = ProgressUpdateFactory(
        action=ActionFactory(plan=PlanFactory(partnership=tenancy.theirs))
    )
    no_file = ProgressUpdateFactory(action=world.action_of_a)
    client = client_for(tenancy.manager)
    assert client.get(f"/p/ourshire/plans/updates/{theirs.pk}/evidence/").status_code == 404
    assert client.get(f"/p/ourshire/plans/updates/{no_file.pk}/evidence/").status_code == 404
