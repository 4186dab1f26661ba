import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from conftest import client_for
from safeboard.finance.models import BudgetLine, BudgetYear, Contribution, Spend
from safeboard.finance.tests.factories import (
    BudgetLineFactory,
    BudgetYearFactory,
    ContributionFactory,
    SpendFactory,
    build_lincolnshire_2011_12,
)
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.tests.factories import AgencyFactory
from safeboard.ui.tests.forms import date_parts, form_data
from safeboard.ui.tests.pages import queries_to_show


def _text(response):
    """The page as text with tags and runs of whitespace collapsed, to find phrases in it."""
    html = response.content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return text.replace(" :", ":").replace(" .", ".")


def _year_url(year, slug="ourshire"):
    return f"/p/{slug}/budget/years/{year.pk}/"


# --- The seed's budget table --------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.MANAGER])
def test_it_shows_the_lincolnshire_2011_12_budget_with_its_computed_totals(tenancy, role):
    year = build_lincolnshire_2011_12(tenancy.ours)
    response = client_for(tenancy.user(role)).get(_year_url(year))
    assert response.status_code == 200
    html = response.content.decode()
    for amount in ["£190,750", "£84,850", "£160,912", "£29,838", "£80,707", "£4,143", "£275,600"]:
        assert amount in html, amount
    text = _text(response)
    assert "Core budget 2011/12: contributions by agency" in text
    assert "Training budget 2011/12: contributions by agency" in text
    assert "Children's Services Core agencies £84,250 44.2%" in text.replace("&#x27;", "'")
    assert "Total for core agencies £160,912 84.4%" in text
    assert "Lincolnshire Fire &amp; Rescue Other agencies £2,656 1.4%" in text
    assert "Total for other agencies £29,838 15.6%" in text
    assert "Grand total for core budget £190,750 100.0%" in text
    assert "Total for core agencies £80,707" in text
    assert "Total for other agencies £4,143" in text
    assert "Grand total for training budget £84,850" in text
    assert "Grand total for 2011/12 £241,619 £33,981 £275,600" in text
    assert "The total budget for 2011/12 from agencies' contributions is £275,600" in text.replace(
        "&#x27;", "'"
    )
    assert 'govuk-table__cell govuk-table__cell--numeric">£84,250<' in html
    assert "£84,250.00" not in html


def test_it_lists_the_rows_in_the_seeds_order(tenancy):
    year = build_lincolnshire_2011_12(tenancy.ours)
    text = _text(client_for(tenancy.manager).get(_year_url(year)))
    order = [
        "Police Core agencies £38,331",
        "Total for core agencies £160,912",
        "Probation Other agencies £7,590",
        "West Lindsey DC",
        "South Holland DC",
        "Strategic Health Authority Other agencies £1,000",
        "Total for other agencies £29,838",
        "Grand total for core budget £190,750",
        "Training budget 2011/12",
        "CAFCASS Other agencies £332",
    ]
    positions = [text.index(phrase) for phrase in order]
    assert positions == sorted(positions)


def test_it_lists_each_agency_across_the_lines(tenancy):
    year = build_lincolnshire_2011_12(tenancy.ours)
    text = _text(client_for(tenancy.manager).get(_year_url(year)))
    assert "Children&#x27;s Services £84,250 £61,723 £145,973 53.0%" in text
    assert "CAFCASS – No contribution £332 £332 0.1%" in text


def test_it_lists_budget_years_with_their_totals(tenancy):
    build_lincolnshire_2011_12(tenancy.ours)
    BudgetYearFactory(partnership=tenancy.ours, start_year=2012, label="2012/13")
    BudgetYearFactory(partnership=tenancy.theirs, start_year=2013, label="2013/14")
    response = client_for(tenancy.user(Role.BOARD_MEMBER)).get("/p/ourshire/budget/")
    text = _text(response)
    assert "2011/12 Core budget: £190,750 Training budget: £84,850 £275,600" in text
    assert "2012/13 No budget lines yet £0" in text
    assert text.index("2012/13") < text.index("2011/12")
    assert "2013/14" not in text
    assert 'aria-current="true"' in response.content.decode()  # "Budget" in the navigation


def test_it_shows_spend_against_each_line(tenancy):
    year = build_lincolnshire_2011_12(tenancy.ours)
    core = year.lines.get(name="Core budget")
    training = year.lines.get(name="Training budget")
    SpendFactory(line=core, amount=Decimal("190000.50"))
    SpendFactory(line=training, amount=Decimal("85000"))
    text = _text(client_for(tenancy.manager).get(_year_url(year)))
    assert "Core budget £190,750 £190,000.50 £749.50" in text
    assert "Training budget £84,850 £85,000 -£150 Overspent" in text
    assert "Total for 2011/12 £275,600 £275,000.50 £599.50" in text


def test_it_shows_an_empty_year_without_inventing_figures(tenancy):
    year = BudgetYearFactory(partnership=tenancy.ours, start_year=2015, label="2015/16")
    text = _text(client_for(tenancy.manager).get(_year_url(year)))
    assert "No budget lines recorded for 2015/16 yet." in text
    line = BudgetLineFactory(year=year, name="Core budget")
    text = _text(client_for(tenancy.manager).get(_year_url(year)))
    assert "No contributions recorded yet." in text
    assert "Grand total for core budget £0 –" in text
    assert (
        f"/budget/lines/{line.pk}/"
        in client_for(tenancy.manager).get(_year_url(year)).content.decode()
    )


def test_it_keeps_the_year_page_to_a_fixed_number_of_queries(tenancy, manager_client):
    year = BudgetYearFactory(partnership=tenancy.ours)

    def count():
        return queries_to_show(manager_client, _year_url(year))

    line = BudgetLineFactory(year=year)
    ContributionFactory(line=line)
    SpendFactory(line=line)
    few = count()
    for _ in range(4):
        more = BudgetLineFactory(year=year)
        for _ in range(6):
            ContributionFactory(line=more)
            SpendFactory(line=more)
    assert count() == few


def test_it_keeps_the_overview_and_line_page_to_a_fixed_number_of_queries(tenancy, manager_client):
    year = BudgetYearFactory(partnership=tenancy.ours)
    line = BudgetLineFactory(year=year)
    ContributionFactory(line=line)

    def count(url):
        return queries_to_show(manager_client, url)

    overview, line_url = "/p/ourshire/budget/", f"/p/ourshire/budget/lines/{line.pk}/"
    few = (count(overview), count(line_url))
    for _ in range(3):
        other = BudgetLineFactory(year=BudgetYearFactory(partnership=tenancy.ours))
        for _ in range(5):
            ContributionFactory(line=other)
            ContributionFactory(line=line)
            SpendFactory(line=line)
    assert (count(overview), count(line_url)) == few


# --- Years --------------------------------------------------------------------------------------


def test_it_lets_a_manager_add_a_year_and_shows_its_history(tenancy, manager_client):
    response = manager_client.post(
        "/p/ourshire/budget/years/new/",
        {"start_year": "2011", "label": "", "notes": ""},
        follow=True,
    )
    text = _text(response)
    assert "Budget year 2011/12 added." in text
    assert "Created" in text
    assert "Our Partnership manager" in text
    assert BudgetYear.objects.get().partnership == tenancy.ours


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start_year": "twenty eleven"}, "Enter the start year as a 4-digit number, like 2011."),
        ({"start_year": ""}, "Enter the year the financial year starts, like 2011."),
        ({"start_year": "1066"}, "Enter a start year between 1990 and 2100, like 2011."),
        (
            {"start_year": "2011", "label": "2012/13"},
            "The label must be the financial year starting in 2011: enter 2011/12.",
        ),
        ({"start_year": "2011", "label": "<script>"}, "Enter the label as a financial year"),
    ],
)
def test_it_refuses_a_year_it_cannot_use_and_says_why(tenancy, manager_client, data, message):
    response = manager_client.post("/p/ourshire/budget/years/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert "<script>" not in html.split("</header>")[1]
    assert not BudgetYear.objects.exists()


def test_it_lets_a_manager_change_a_year(tenancy, manager_client):
    year = BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")
    response = manager_client.post(
        f"{_year_url(year)}edit/",
        {"start_year": "2011", "label": "", "notes": "Agreed in March", "version": "1"},
        follow=True,
    )
    assert "Agreed in March" in response.content.decode()
    assert "Budget year 2011/12 saved." in response.content.decode()


# --- Lines --------------------------------------------------------------------------------------


def test_it_lets_a_manager_add_a_line_and_escapes_what_they_type(tenancy, manager_client):
    year = BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")
    response = manager_client.post(
        f"{_year_url(year)}lines/new/",
        {"name": "<script>alert(1)</script> budget", "kind": "other"},
        follow=True,
    )
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; budget" in html
    assert "<script>alert(1)" not in html
    assert BudgetLine.objects.get().year == year


def test_it_refuses_a_line_without_a_kind(tenancy, manager_client):
    year = BudgetYearFactory(partnership=tenancy.ours)
    response = manager_client.post(f"{_year_url(year)}lines/new/", {"name": "Core", "kind": "x"})
    assert "Select the kind of budget line." in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_it_lets_a_manager_rename_a_line(tenancy, manager_client):
    line = BudgetLineFactory(year=BudgetYearFactory(partnership=tenancy.ours), name="Core")
    response = manager_client.post(
        f"/p/ourshire/budget/lines/{line.pk}/edit/",
        {"name": "Core budget", "kind": "core", "version": "1"},
        follow=True,
    )
    assert "<del>Core</del>" in response.content.decode()
    line.refresh_from_db()
    assert line.name == "Core budget"


# --- Contributions ------------------------------------------------------------------------------


@pytest.fixture
def core_line(tenancy):
    year = BudgetYearFactory(partnership=tenancy.ours, start_year=2011, label="2011/12")
    return BudgetLineFactory(year=year, name="Core budget", kind="core")


def _add(client, line, **data):
    return client.post(f"/p/ourshire/budget/lines/{line.pk}/contributions/new/", data)


@pytest.mark.parametrize(
    ("role", "status"), [(Role.MANAGER, 302), (Role.CHAIR, 403), (Role.AGENCY_LEAD, 403)]
)
def test_it_lets_only_a_manager_add_a_contribution(tenancy, core_line, role, status):
    response = _add(
        client_for(tenancy.user(role)),
        core_line,
        agency=tenancy.agency.pk,
        agency_group="core",
        amount="£1,234.50",
    )
    assert response.status_code == status
    saved = Contribution.objects.filter(line=core_line)
    assert [c.amount for c in saved] == ([Decimal("1234.50")] if status == 302 else [])


def test_it_shows_a_new_contribution_in_the_line_table(tenancy, manager_client, core_line):
    _add(manager_client, core_line, agency=tenancy.agency.pk, agency_group="core", amount="1234.5")
    text = _text(manager_client.get(f"/p/ourshire/budget/lines/{core_line.pk}/"))
    assert "Ourshire Police Core agencies £1,234.50 100.0%" in text
    assert "Total for core agencies £1,234.50" in text
    assert "Grand total for core budget £1,234.50" in text


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("abc", "Enter the contribution as an amount in pounds, like £1,234.50."),
        ("-5", "The contribution must be more than £0."),
        ("", "Enter the contribution."),
        ("12.345", "no more than 2 decimal places"),
    ],
)
def test_it_refuses_an_amount_that_is_not_money(
    tenancy, manager_client, core_line, amount, message
):
    response = _add(
        manager_client, core_line, agency=tenancy.agency.pk, agency_group="core", amount=amount
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert not Contribution.objects.exists()


def test_it_refuses_another_partnerships_agency_in_the_form(tenancy, manager_client, core_line):
    response = _add(
        manager_client, core_line, agency=tenancy.their_agency.pk, agency_group="core", amount="5"
    )
    html = response.content.decode()
    assert "Select an agency of this partnership." in html
    assert "Theirshire Police" not in html
    assert not Contribution.objects.exists()


def test_it_refuses_a_second_contribution_from_one_agency(tenancy, manager_client, core_line):
    ContributionFactory(line=core_line, agency=tenancy.agency, amount=Decimal("10"))
    response = _add(
        manager_client, core_line, agency=tenancy.agency.pk, agency_group="core", amount="5"
    )
    assert "already has a contribution to Core budget" in response.content.decode()
    assert Contribution.objects.get().amount == Decimal("10")


def test_it_offers_only_current_agencies_of_the_partnership(tenancy, manager_client, core_line):
    from django.utils import timezone

    AgencyFactory(partnership=tenancy.ours, name="Old agency", archived_at=timezone.now())
    html = manager_client.get(f"/p/ourshire/budget/lines/{core_line.pk}/contributions/new/")
    html = html.content.decode()
    assert "Ourshire Police" in html
    assert "Old agency" not in html
    assert "Theirshire Police" not in html


def test_it_lets_a_manager_change_a_contribution_and_shows_its_history(
    tenancy, manager_client, core_line
):
    contribution = ContributionFactory(line=core_line, agency=tenancy.agency, amount=Decimal("10"))
    url = f"/p/ourshire/budget/contributions/{contribution.pk}/"
    form = manager_client.get(f"{url}edit/").content.decode()
    assert 'value="10"' in form
    manager_client.post(
        f"{url}edit/",
        form_data(manager_client, f"{url}edit/", agency_group="other", amount="£2,656"),
    )
    contribution.refresh_from_db()
    assert contribution.amount == Decimal("2656.00")
    html = client_for(tenancy.user(Role.BOARD_MEMBER)).get(url).content.decode()
    assert "£2,656" in html
    assert "<del>10.00</del>" in html
    assert "<ins>2656.00</ins>" in html


def test_it_refuses_a_bad_change_to_a_contribution(tenancy, manager_client, core_line):
    contribution = ContributionFactory(line=core_line, amount=Decimal("10"))
    response = manager_client.post(
        f"/p/ourshire/budget/contributions/{contribution.pk}/edit/",
        {"agency_group": "core", "amount": "ten pounds"},
    )
    assert "Enter the contribution as an amount in pounds" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.amount == Decimal("10")


def test_it_removes_a_contribution_only_when_confirmed(tenancy, manager_client, core_line):
    contribution = ContributionFactory(line=core_line, agency=tenancy.agency)
    url = f"/p/ourshire/budget/contributions/{contribution.pk}/remove/"
    assert "Remove Ourshire Police" in manager_client.get(url).content.decode()
    assert manager_client.post(url, {}).status_code == 200
    assert Contribution.objects.filter(pk=contribution.pk).exists()
    response = manager_client.post(url, {"confirm": "yes"}, follow=True)
    assert not Contribution.objects.filter(pk=contribution.pk).exists()
    text = _text(response)
    assert "Ourshire Police's contribution removed." in text.replace("&#x27;", "'")
    assert "Removed contributions" in text
    assert "Ourshire Police: £1,000, removed" in text
    assert "by Our Partnership manager" in text


def test_it_does_not_let_a_board_member_remove_a_contribution(tenancy, core_line):
    contribution = ContributionFactory(line=core_line)
    client = client_for(tenancy.user(Role.BOARD_MEMBER))
    response = client.post(
        f"/p/ourshire/budget/contributions/{contribution.pk}/remove/", {"confirm": "yes"}
    )
    assert response.status_code == 403
    assert Contribution.objects.filter(pk=contribution.pk).exists()


def test_it_shows_change_buttons_only_to_a_manager(tenancy, core_line):
    contribution = ContributionFactory(line=core_line)
    url = f"/p/ourshire/budget/contributions/{contribution.pk}/"
    assert "/edit/" in client_for(tenancy.manager).get(url).content.decode()
    assert "/edit/" not in client_for(tenancy.user(Role.CHAIR)).get(url).content.decode()


def test_it_answers_404_for_another_partnerships_contribution(tenancy, manager_client):
    theirs = ContributionFactory(
        line=BudgetLineFactory(year=BudgetYearFactory(partnership=tenancy.theirs))
    )
    assert manager_client.get(f"/p/ourshire/budget/contributions/{theirs.pk}/").status_code == 404
    for suffix in ("edit/", "remove/"):
        url = f"/p/ourshire/budget/contributions/{theirs.pk}/{suffix}"
        assert manager_client.get(url).status_code == 404
        assert manager_client.post(url, {"confirm": "yes", "amount": "1"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.amount == Decimal("1000.00")


# --- Spend --------------------------------------------------------------------------------------


def test_it_lets_a_manager_record_spend(tenancy, manager_client, core_line):
    ContributionFactory(line=core_line, amount=Decimal("5000"))
    response = manager_client.post(
        f"/p/ourshire/budget/lines/{core_line.pk}/spend/new/",
        {
            **date_parts("date", "27/03/2012"),
            "description": "Annual conference",
            "amount": "£1,250.25",
        },
        follow=True,
    )
    text = _text(response)
    assert "Spend of £1,250.25 recorded." in text
    assert "27 March 2012 Annual conference £1,250.25" in text
    assert "Remaining £3,749.75" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {**date_parts("date", "31/02/2012"), "description": "X", "amount": "5"},
            "Date must be a real date",
        ),
        (
            {**date_parts("date", "1//2012"), "description": "X", "amount": "5"},
            "Date must include a month",
        ),
        (
            {**date_parts("date", ""), "description": "X", "amount": "5"},
            "Enter the date of the spend.",
        ),
        (
            {**date_parts("date", "1/3/2012"), "description": "", "amount": "5"},
            "Enter what the money was spent on.",
        ),
        (
            {**date_parts("date", "1/3/2012"), "description": "X", "amount": "lots"},
            "Enter the amount spent as an",
        ),
    ],
)
def test_it_refuses_spend_it_cannot_record(tenancy, manager_client, core_line, data, message):
    response = manager_client.post(f"/p/ourshire/budget/lines/{core_line.pk}/spend/new/", data)
    assert message in response.content.decode()
    assert not Spend.objects.exists()


def test_it_lets_a_manager_change_spend_and_shows_its_history(tenancy, manager_client, core_line):
    spend = SpendFactory(line=core_line, description="Venue", amount=Decimal("100"))
    url = f"/p/ourshire/budget/spend/{spend.pk}/"
    data = form_data(manager_client, f"{url}edit/")
    assert date_parts("date", "30/6/2011").items() <= data.items()
    manager_client.post(f"{url}edit/", {**data, "description": "Venue hire", "amount": "120"})
    html = manager_client.get(url).content.decode()
    assert "Venue hire" in html
    assert "<del>Venue</del>" in html


# --- Export -------------------------------------------------------------------------------------


def test_it_exports_the_year_as_a_spreadsheet_with_the_computed_totals(tenancy):
    year = build_lincolnshire_2011_12(tenancy.ours)
    response = client_for(tenancy.user(Role.BOARD_MEMBER)).get(f"{_year_url(year)}export/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ourshire-budget-2011-12.xlsx"'
    book = load_workbook(BytesIO(response.content), data_only=True)  # formulas' saved values
    rows = [tuple(r) for r in book["Contributions"].iter_rows(values_only=True)]
    assert ("Total for core agencies", None, 160912, 0.844) in rows
    assert ("Total for other agencies", None, 29838, 0.156) in rows
    assert ("Grand total for core budget", None, 190750, 1) in rows
    assert ("Grand total for training budget", None, 84850, 1) in rows
    assert ("Total for 2011/12", 241619, 33981, 275600) in rows
    assert book["Contributions"]["C5"].number_format.startswith('"£"#,##0.00')
    agencies = [tuple(r) for r in book["By agency"].iter_rows(values_only=True)]
    assert ("Children's Services", 84250, 61723, 145973, 0.53) in agencies
    # Every total is a formula over the rows shown, and its saved value agrees with them.
    formulas = load_workbook(BytesIO(response.content))
    checked = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    saved = book[sheet.title][cell.coordinate].value
                    assert saved == pytest.approx(_evaluate_sum(book[sheet.title], str(cell.value)))
                    checked += 1
    assert checked > 10


def _evaluate_sum(sheet, formula: str) -> float:
    """The value of "=SUM(C5:C9,C11)" from the cells' values."""
    match = re.fullmatch(r"=SUM\((.+)\)", formula)
    assert match, formula
    total = 0.0
    for term in match.group(1).split(","):
        cells = sheet[term] if ":" in term else ((sheet[term],),)
        total += sum(c.value or 0 for row in cells for c in row)
    return total


def test_it_writes_formulas_typed_into_names_as_text_in_the_export(tenancy, manager_client):
    line = BudgetLineFactory(
        year=BudgetYearFactory(partnership=tenancy.ours), name='=HYPERLINK("http://x")'
    )
    ContributionFactory(line=line, agency=AgencyFactory(partnership=tenancy.ours, name="+cmd|x"))
    SpendFactory(line=line, description="@SUM(A1)")
    response = manager_client.get(f"/p/ourshire/budget/years/{line.year_id}/export/")
    book = load_workbook(BytesIO(response.content))
    cells = {
        cell.value: cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    for typed in ('=HYPERLINK("http://x")', "+cmd|x", "@SUM(A1)"):
        assert cells[typed].data_type == "s"  # shown as typed, stored as text: never run
    assert not any(v.startswith("'") for v in cells)
    formulas = {v for v, c in cells.items() if c.data_type == "f"}
    assert formulas
    assert all(v.startswith("=SUM(") for v in formulas)


def test_it_answers_404_for_another_partnerships_year_export(tenancy, manager_client):
    theirs = BudgetYearFactory(partnership=tenancy.theirs)
    assert manager_client.get(f"/p/ourshire/budget/years/{theirs.pk}/export/").status_code == 404
