"""The Content-Security-Policy in a real browser: the reader's pages and the admin's
screens show and work with nothing refused, and an inline script is refused."""

import pytest

from archive.models import Article
from tests import admin_users
from tests.browser.conftest import require_browser

STORY_SLUG = "bass-narrows-gap-thursday-count"
ELECTION_PATH = "/elections/los-angeles-mayor-2022-11-08/"

# Runs in every page before its own scripts, so nothing refused while the page
# loads goes unseen.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(
        `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
        + ` (${event.sourceFile}:${event.lineNumber})`
    );
});
"""

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, demo, monkeypatch):
    require_browser()
    admin_users.chief()
    story = Article.objects.get(slug=STORY_SLUG)
    # Playwright's sync API runs an event loop in this thread; the ORM work is done above.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {"url": live_server.url, "story": story}


class Watched:
    """A browser tab that keeps every CSP refusal it hears of, from the page's event
    and from Chromium's console (which also reports what has no event, such as a
    refused frame)."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console = []
        self.page.on("console", self._heard)

    def _heard(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url):
        response = self.page.goto(url)
        assert response.status == 200, url
        assert "default-src 'none'" in response.headers["content-security-policy"], url
        self.page.wait_for_load_state("networkidle")
        return response

    def refusals(self):
        return self.page.evaluate("window.cspViolations") + self.console


def test_reader_pages_show_with_nothing_refused(site, browser):
    tab = Watched(browser)
    for path in ["/", site["story"].get_absolute_url(), ELECTION_PATH]:
        tab.visit(site["url"] + path)
        # The house stylesheet applied: the masthead is laid out, not bare text.
        assert tab.page.locator("header.masthead").evaluate(
            "e => getComputedStyle(e).borderBottomStyle"
        ) not in ("", "none"), path
        assert tab.refusals() == [], (path, tab.refusals())

    tab.visit(site["url"] + site["story"].get_absolute_url())
    assert tab.page.locator('script[type="application/ld+json"]').count() == 1

    tab.visit(site["url"] + ELECTION_PATH)
    charts = tab.page.locator("svg.chart")
    assert charts.count() >= 2
    # Drawn with the colours the chart gives its lines and bars.
    assert charts.first.locator("polyline.series").first.evaluate(
        "e => getComputedStyle(e).stroke"
    ) not in ("", "none")
    assert tab.refusals() == []

    # The policy is really in force, and this test would hear of a breach.
    tab.page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.inlineScriptRan = true";
            document.head.append(script);
        }"""
    )
    tab.page.wait_for_function("window.cspViolations.length > 0")
    assert tab.page.evaluate("window.inlineScriptRan") is None
    assert any(refusal.startswith("script-src") for refusal in tab.refusals())
    tab.context.close()


def test_admin_screens_work_with_nothing_refused(site, browser):
    tab = Watched(browser)
    tab.visit(site["url"] + "/admin/login/?next=/admin/")
    assert tab.refusals() == []
    tab.page.fill("#id_username", "chief")
    tab.page.fill("#id_password", admin_users.PASSWORD)
    tab.page.click("input[type=submit]")
    tab.page.wait_for_url(site["url"] + "/admin/")
    assert tab.refusals() == []

    tab.visit(site["url"] + "/admin/archive/article/")
    assert tab.page.locator("#result_list").is_visible()
    assert tab.refusals() == []

    tab.visit(site["url"] + f"/admin/archive/article/{site['story'].pk}/change/")
    # The publication's autocomplete: its script draws the widget and fetches choices.
    tab.page.locator("#id_publication + .select2 .select2-selection").click()
    options = tab.page.locator(".select2-results__option")
    options.first.wait_for()
    assert options.count() >= 1
    assert "Loading" not in options.first.inner_text()
    tab.page.keyboard.press("Escape")
    # The date and time shortcuts are drawn by the admin's script too.
    assert tab.page.locator(".datetimeshortcuts").first.is_visible()
    assert tab.refusals() == []
    tab.context.close()
