"""Every PDF Safeboard prints is tagged (PDF/UA-1) and declares its language and title, so a
screen reader can read it and a viewer shows its title; and it is set in Arial (or its
metric twin Liberation Sans), never in GDS Transport."""

from __future__ import annotations

import datetime

import pytest

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.performance.tests.indicators.conftest import SHIFTED, add_values
from safeboard.plans.tests.factories import ActionFactory, PlanFactory, ThemeFactory
from safeboard.reports.document import Column, Document, Paragraph, Section, Table
from safeboard.reports.renderers.pdf import render_pdf, render_pdf_html
from safeboard.reports.tests.pdfs import PdfFacts, read_pdf

ARIAL_FACES = ("Arial", "LiberationSans", "Liberation-Sans", "Helvetica")


def assert_tagged(facts: PdfFacts) -> None:
    """Tagged, in British English, the viewer showing the title (the same in both places)."""
    assert facts.tagged, "the PDF has no structure tree"
    assert facts.lang == "en-GB"
    assert facts.shows_title
    assert facts.title
    assert facts.info_title == facts.title


def assert_arial(facts: PdfFacts) -> None:
    assert facts.fonts, "the PDF embeds no font"
    assert not any("GDS" in font or "Transport" in font for font in facts.fonts), facts.fonts
    assert all(font.startswith(ARIAL_FACES) for font in facts.fonts), facts.fonts


def assert_accessible_pdf(facts: PdfFacts, *, title: str) -> None:
    assert_tagged(facts)
    assert {"H1", "P"} <= facts.tags, facts.tags
    assert facts.title == title
    assert_arial(facts)


def test_it_tags_a_report_kit_document_with_its_title_and_language():
    document = Document(
        "Budget 2024/25 – contributions £",
        [
            Section(
                "Contributions",
                [
                    Paragraph("Agreed by the board."),
                    Table(columns=[Column("Agency")], rows=[["Police"]]),
                ],
            )
        ],
    )
    facts = read_pdf(render_pdf(document))
    assert_accessible_pdf(facts, title="Budget 2024/25 – contributions £")
    assert "Table" in facts.tags


def test_it_tags_a_print_template_as_written():
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        "<title>Minutes &lt;draft&gt;</title><style>html { font-family: Arial; }</style></head>"
        "<body><h1>Minutes</h1><p>Agreed.</p></body></html>"
    )
    assert_accessible_pdf(read_pdf(render_pdf_html(html)), title="Minutes <draft>")


def test_it_tags_the_plan_pdf(tenancy):
    plan = PlanFactory(partnership=tenancy.ours, title="Business plan", key="bp")
    theme = ThemeFactory(plan=plan, title="Neglect")
    ActionFactory(plan=plan, title="Launch the neglect toolkit").themes.add(theme)
    response = client_for(tenancy.user(Role.BOARD_MEMBER)).get(
        f"/p/ourshire/plans/{plan.pk}/export/pdf/"
    )
    assert response.status_code == 200
    facts = read_pdf(response.content)
    assert_tagged(facts)
    assert facts.title.startswith("Business plan")
    assert {"H1", "H2"} <= facts.tags
    assert_arial(facts)


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.ANALYST])
def test_it_tags_the_performance_report_pdf_with_its_charts(tenancy, role):
    indicator = IndicatorFactory(partnership=tenancy.ours, code="NEL-01", name="Referrals")
    add_values(indicator, SHIFTED, start=datetime.date(2019, 4, 1))
    response = client_for(tenancy.user(role)).get("/p/ourshire/measures/report.pdf")
    assert response.status_code == 200
    facts = read_pdf(response.content)
    assert_tagged(facts)
    assert facts.title == f"Performance report – {tenancy.ours.name}"
    assert {"H1", "H2", "Table"} <= facts.tags
    assert_arial(facts)
