"""What the browser journeys share: the demo accounts, signing in, and the accessibility check."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
GOVUK_CSS = "/static/govuk-frontend/govuk-frontend.min.css"
TIMEOUT_MS = 15_000

DEMO_PASSWORD = "browser-journeys-only-demo-pw"
SLUGS = ("lincolnshire", "north-east-lincolnshire")
# (e-mail prefix, the label the site shows for the role), as load_examples creates them.
DEMO_ROLES = (
    ("manager", "Partnership manager"),
    ("chair", "Chair or scrutineer"),
    ("groupchair", "Group chair"),
    ("agencylead", "Agency lead"),
    ("analyst", "Analyst"),
    ("member", "Board member"),
)
DEMO_BOTH = "demo@example.org"
SITE_ADMIN = "admin@example.org"


# Page titles read "Page, Partnership, Safeboard", the parts joined by an en dash.
DASH = "\u2013"


def title(*parts: str) -> str:
    return f" {DASH} ".join(parts)


def demo_email(prefix: str, slug: str = "lincolnshire") -> str:
    return f"{prefix}@{slug}.example"


def open_context(browser: Browser, **options: Any) -> BrowserContext:
    """A fresh context: its own cookies and storage, as another person's browser would have.

    bypass_csp: the site's Content-Security-Policy allows only same-origin scripts and scripts
    carrying the page's nonce, so the inline <script> that `add_script_tag` writes to inject
    axe-core would be refused. Bypassing CSP in the test browser lets axe in. It also means the XSS
    journey proves that the templates escape what people type, not merely that CSP blocked a
    script.
    """
    context = browser.new_context(bypass_csp=True, locale="en-GB", **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


def sign_in(page: Page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form, as a person would, and wait for the page that follows."""
    page.goto(f"{base_url}/account/sign-in/")
    page.get_by_label("E-mail address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()


def visit(page: Page, url: str) -> int:
    """Go to the address and answer the HTTP status of the page that was shown."""
    response = page.goto(url)
    assert response is not None, f"no response from {url}"
    return response.status


def follow(page: Page, target: Locator) -> None:
    """Click a link or button that loads another page, and wait until that page has loaded."""
    with page.expect_navigation():
        target.click()


def check_static_files(base_url: str) -> None:
    """The live server really serves the GOV.UK stylesheet (axe's colour checks depend on it)."""
    with urllib.request.urlopen(base_url + GOVUK_CSS, timeout=10) as response:  # noqa: S310
        assert response.status == 200, f"{GOVUK_CSS} answered {response.status}"
        assert response.headers.get_content_type() == "text/css"
        assert len(response.read()) > 10_000, f"{GOVUK_CSS} is suspiciously small"


def assert_styled(page: Page) -> None:
    """Every stylesheet the page links loaded, and the GOV.UK styles apply."""
    sheets: list[dict[str, Any]] = page.evaluate(
        """() => Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(link => ({
            href: link.href,
            rules: link.sheet ? link.sheet.cssRules.length : 0,
        }))"""
    )
    assert sheets, f"{page.url} links no stylesheet"
    unloaded = [s["href"] for s in sheets if s["rules"] == 0]
    assert not unloaded, f"{page.url}: stylesheets did not load: {unloaded}"
    # govuk-frontend hides the skip link off-screen until it takes focus.
    position = page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-skip-link')).position"
    )
    assert position == "absolute", f"{page.url}: the GOV.UK styles do not apply"


_AXE_RUN = """async (tags) => {
    const results = await axe.run(document, {runOnly: tags, resultTypes: ['violations']});
    return results.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
    }));
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run the vendored axe-core on the page as it now stands (WCAG 2.0-2.2, A and AA)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
        # And have every later page of this context start with axe loaded: sending its 0.5 MB
        # on every check would make the sweeps twice as slow.
        page.context.add_init_script(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, AXE_TAGS)
    return violations


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe found {len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    at {node['target']}: {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """The page is styled and axe-core reports no violation; else fail listing each one."""
    assert_styled(page)
    violations = axe_violations(page)
    if violations:
        pytest.fail(format_violations(page.url, violations), pytrace=False)


class AccessibilitySweep:
    """Checks page after page and reports every violation found at the end, not just the first."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.checked: list[str] = []
        self.problems: list[str] = []

    def check(self, what: str) -> None:
        assert_styled(self.page)
        self.checked.append(f"{what} ({self.page.url})")
        violations = axe_violations(self.page)
        if violations:
            self.problems.append(f"{what}: " + format_violations(self.page.url, violations))

    def assert_clean(self) -> None:
        assert self.checked, "the sweep checked no page"
        if self.problems:
            heading = (
                f"{len(self.problems)} of {len(self.checked)} pages have accessibility problems"
            )
            pytest.fail("\n\n".join([heading, *self.problems]), pytrace=False)
