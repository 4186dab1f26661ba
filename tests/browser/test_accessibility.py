"""Journey 2: axe-core (WCAG 2.0 to 2.2, A and AA) finds nothing on any page a person reaches.

One test per role walks every page that role's navigation leads to, in Lincolnshire, plus the
forms it may use, each also shown with its error summary. Other tests cover the pages seen signed
out, the error pages, the partnership chooser and the site administrator's pages.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from safeboard.accounts.models import User

from .helpers import (
    DEMO_BOTH,
    DEMO_ROLES,
    SITE_ADMIN,
    AccessibilitySweep,
    axe_violations,
    demo_email,
    follow,
    sign_in,
    visit,
)

pytestmark = pytest.mark.browser

SLUG = "lincolnshire"
NAV_FOR_EVERYONE = [
    "Overview",
    "Plan",
    "Data set",
    "Governance",
    "Budget",
    "Challenges",
    "Agencies",
    "People",
    "Roles",
]


def submit_empty(page: Page, button: str) -> None:
    """Clear every text box on the form, submit it and expect the GOV.UK error summary."""
    for box in page.get_by_role("main").locator("input.govuk-input").all():
        box.fill("")
    follow(page, page.get_by_role("main").get_by_role("button", name=button, exact=True))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))


def nav_link(page: Page, text: str) -> None:
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name=text))
    expect(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name=text)
    ).to_have_attribute("aria-current", "true")


@pytest.mark.parametrize("prefix", [prefix for prefix, _ in DEMO_ROLES])
def test_every_page_a_role_reaches_is_accessible(site: str, page: Page, prefix: str) -> None:
    email = demo_email(prefix, SLUG)
    is_manager = prefix == "manager"
    sweep = AccessibilitySweep(page)
    sign_in(page, site, email)
    assert page.url == f"{site}/p/{SLUG}/"
    sweep.check("Overview")

    nav = page.get_by_role("navigation", name="Menu").get_by_role("link")
    expected_nav = [*NAV_FOR_EVERYONE, *(["Settings"] if is_manager else []), "Search"]
    expect(nav).to_have_text(expected_nav)

    nav_link(page, "Agencies")
    sweep.check("Agencies")
    if is_manager:
        follow(page, page.get_by_role("button", name="Add an agency"))
        sweep.check("Add an agency")
        submit_empty(page, "Save")
        sweep.check("Add an agency, with errors")
        nav_link(page, "Agencies")
    follow(page, page.get_by_role("main").get_by_role("link", name="Police", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Police")
    sweep.check("An agency")
    if is_manager:
        follow(page, page.get_by_role("button", name="Change Police"))
        sweep.check("Change an agency")
        submit_empty(page, "Save")
        sweep.check("Change an agency, with errors")

    nav_link(page, "People")
    sweep.check("People")
    if is_manager:
        follow(page, page.get_by_role("button", name="Add a person"))
        sweep.check("Add a person")
        submit_empty(page, "Add person")
        sweep.check("Add a person, with errors")
        nav_link(page, "People")
    member = User.objects.get(email=demo_email("member", SLUG)).full_name
    follow(page, page.get_by_role("main").get_by_role("link", name=member, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(member)
    sweep.check("A person")
    if is_manager:
        follow(page, page.get_by_role("button", name=f"Change role of {member}"))
        sweep.check("Change role")

    nav_link(page, "Roles")
    sweep.check("Roles and permissions")

    nav_link(page, "Plan")
    sweep.check("Plans")
    follow(
        page,
        page.get_by_role("main").get_by_role(
            "link", name="Strategic Business Plan 2011 - 2014", exact=True
        ),
    )
    sweep.check("A plan")
    follow(page, page.get_by_role("main").get_by_role("link", name=re.compile(r"^Overview: ")))
    sweep.check("Plan overview")

    nav_link(page, "Governance")
    sweep.check("Governance structure")

    nav_link(page, "Budget")
    sweep.check("Budget")
    follow(page, page.get_by_role("main").locator("a[href*='/budget/years/']").first)
    sweep.check("A budget year")

    nav_link(page, "Data set")
    sweep.check("Data set")
    follow(page, page.get_by_role("main").locator("a[href*='/measures/indicators/']").first)
    sweep.check("An indicator's report card")
    for link, name in (
        ("bellwether dashboard", "Bellwether dashboard"),
        ("scorecards", "Scorecards"),
        ("performance report", "Performance report"),
        ("Agency returns", "Agency returns"),
        ("Comparators", "Comparators"),
    ):
        nav_link(page, "Data set")
        follow(page, page.get_by_role("main").get_by_role("link", name=link, exact=True))
        sweep.check(name)

    if is_manager:
        nav_link(page, "Settings")
        sweep.check("Partnership details")
        submit_empty(page, "Save")
        sweep.check("Partnership details, with errors")

    follow(page, page.get_by_role("link", name="Your account:"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    sweep.check("Your account")
    follow(page, page.get_by_role("link", name="Change your password"))
    sweep.check("Change your password")
    submit_empty(page, "Change password")
    sweep.check("Change your password, with errors")

    sweep.assert_clean()


def test_signed_out_pages_are_accessible(site: str, page: Page) -> None:
    sweep = AccessibilitySweep(page)
    page.goto(f"{site}/account/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Safeboard")
    sweep.check("Sign in")
    submit_empty(page, "Sign in")
    sweep.check("Sign in, with errors for empty fields")
    page.get_by_label("E-mail address", exact=True).fill(demo_email("chair", SLUG))
    page.get_by_label("Password", exact=True).fill("not the password")
    follow(page, page.get_by_role("button", name="Sign in", exact=True))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a correct e-mail address and password."
    )
    sweep.check("Sign in, with a wrong password")

    follow(page, page.get_by_role("link", name="Forgotten your password"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    sweep.check("Reset your password")
    submit_empty(page, "Send the link")
    sweep.check("Reset your password, with errors")
    page.get_by_label("E-mail address", exact=True).fill(demo_email("chair", SLUG))
    follow(page, page.get_by_role("button", name="Send the link"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    sweep.check("Check your e-mail")

    assert visit(page, f"{site}/no-such-page/") == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    sweep.check("Page not found, signed out")
    sweep.assert_clean()


def test_error_pages_are_accessible(site: str, page: Page) -> None:
    sweep = AccessibilitySweep(page)
    sign_in(page, site, demo_email("member", SLUG))
    assert visit(page, f"{site}/p/{SLUG}/people/add/") == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    expect(page.get_by_role("main")).to_contain_text("Your role (Board member) cannot do this.")
    sweep.check("You cannot do this (403)")
    assert visit(page, f"{site}/p/{SLUG}/agencies/999999/") == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    sweep.check("Page not found (404), signed in")
    sweep.assert_clean()


def test_chooser_and_site_administration_are_accessible(site: str, page: Page) -> None:
    sweep = AccessibilitySweep(page)
    sign_in(page, site, DEMO_BOTH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your partnerships")
    sweep.check("Your partnerships, with the header switcher")
    banner = page.get_by_role("banner")
    banner.get_by_text("Switch partnership", exact=True).click()
    sweep.check("Your partnerships, with the header switcher open")
    follow(page, banner.get_by_role("link").filter(has_text="Safeguarding").first)
    sweep.check("Overview, with the header switcher")
    follow(page, page.get_by_role("button", name="Sign out"))

    sign_in(page, site, SITE_ADMIN)  # lands on the partnerships list
    sweep.check("Partnerships on this installation")
    follow(page, page.get_by_role("button", name="Create a partnership"))
    sweep.check("Create a partnership")
    submit_empty(page, "Create partnership")
    sweep.check("Create a partnership, with errors")
    sweep.assert_clean()


def test_the_accessibility_check_finds_problems(site: str, page: Page) -> None:
    """The check is not vacuous: break the sign-in page's labelling and contrast, and axe reports
    both (contrast is judged against the real GOV.UK styles, so they must have loaded)."""
    page.goto(f"{site}/account/sign-in/")
    assert axe_violations(page) == []
    page.evaluate(
        """() => {
            document.querySelector('label[for=id_username]').remove();
            document.querySelector('h1').style.color = '#cccccc';
        }"""
    )
    assert {"label", "color-contrast"} <= {v["id"] for v in axe_violations(page)}
