from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from safeboard.interchange.exporter import export_partnership
from safeboard.interchange.tests.test_plan_files import MINIMAL
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Partnership
from safeboard.partnerships.services import membership_add
from safeboard.plans.models import Action


def _empty_partnership_managed_by(tenancy):
    empty = Partnership.objects.create(name="Newshire SCP", slug="newshire")
    membership_add(
        partnership=empty,
        email=tenancy.manager.email,
        full_name="",
        role=Role.MANAGER,
        agency=None,
        by=None,
    )
    return empty


def _upload(text, name="plan.yaml"):
    return SimpleUploadedFile(name, text.encode(), content_type="application/yaml")


def test_it_imports_a_plan_file_uploaded_by_a_manager(tenancy, manager_client):
    empty = _empty_partnership_managed_by(tenancy)
    response = manager_client.post(
        "/p/newshire/plan-file/", {"file": _upload(MINIMAL)}, follow=True
    )
    assert b"Plan file imported." in response.content
    assert Action.objects.filter(partnership=empty, key="audit-neglect").exists()
    empty.refresh_from_db()
    assert empty.name == "Testshire Safeguarding Children Partnership"
    assert empty.slug == "newshire"


def test_it_lists_every_problem_with_its_line_and_writes_nothing(tenancy, manager_client):
    empty = _empty_partnership_managed_by(tenancy)
    broken = MINIMAL.replace("due_date: 2025-03-31", "due_date: soon").replace(
        "    type: sub_group", "    type: subgroup"
    )
    response = manager_client.post("/p/newshire/plan-file/", {"file": _upload(broken)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The file has 2 problems: nothing was imported." in html
    assert "must be a date written YYYY-MM-DD" in html
    assert "must be one of: &#x27;board&#x27;" in html
    assert ">31<" in html
    assert ">15<" in html
    assert not Action.objects.filter(partnership=empty).exists()
    empty.refresh_from_db()
    assert empty.name == "Newshire SCP"


def test_it_refuses_a_file_that_is_not_yaml_by_name(tenancy, manager_client):
    _empty_partnership_managed_by(tenancy)
    response = manager_client.post(
        "/p/newshire/plan-file/", {"file": _upload(MINIMAL, name="plan.xlsx")}
    )
    assert b"must be a plan file ending .yaml or .yml" in response.content


def test_it_does_not_import_into_a_partnership_with_data(tenancy, manager_client):
    html = manager_client.get("/p/ourshire/plan-file/").content.decode()
    assert "can only be imported into an empty partnership" in html
    response = manager_client.post("/p/ourshire/plan-file/", {"file": _upload(MINIMAL)})
    assert b"only be imported into an empty partnership" in response.content
    assert not Action.objects.filter(partnership=tenancy.ours).exists()


def test_it_downloads_the_partnership_as_a_plan_file(tenancy, manager_client):
    response = manager_client.get("/p/ourshire/plan-file/download/")
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert 'filename="ourshire-' in response["Content-Disposition"]
    assert response.content.decode() == export_partnership(tenancy.ours)


def test_it_keeps_plan_files_to_managers(tenancy):
    client = client_for(tenancy.user(Role.ANALYST))
    assert client.get("/p/ourshire/plan-file/download/").status_code == 403
    assert client.post("/p/ourshire/plan-file/", {"file": _upload(MINIMAL)}).status_code == 403
