"""The reader's site in a real browser: follow a story's links, and photograph every page type.

Screenshots land in screenshots/ (git-ignored) at a phone's width and a desktop's.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.browser.conftest import require_browser
from tests.browser.test_admin_accessibility import violations
from tests.demo_releases import CERTIFIED, ELECTION_NIGHT_LAST, FRIDAY, THURSDAY, at
from tests.page_types import NOT_FOUND, reader_pages

SHOTS = Path(settings.BASE_DIR) / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}
STORY_SLUG = "bass-narrows-gap-thursday-count"

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db, monkeypatch):
    """The demo archive, linked by real saves, served on a live server."""
    require_browser()
    call_command("load_demo", stdout=io.StringIO())
    from archive.models import Article

    story = Article.objects.get(slug=STORY_SLUG)
    assert "link-candidate" in story.body_html, "the linker should have linked the demo story"
    # Playwright's sync API runs an event loop in this thread; the ORM work is done above.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {"url": live_server.url, "story_path": story.get_absolute_url()}


def test_a_reader_follows_a_story_to_its_candidate_and_its_count(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site["url"] + site["story_path"])
    assert page.locator("h1").inner_text().startswith("Bass narrows the gap")
    then_panel = page.locator("section.count-panel").first
    assert "The count when this was published" in then_panel.text_content()
    assert "273,941" in then_panel.text_content()

    page.locator(".story-body a.link-candidate", has_text="Rick Caruso").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/candidates/rick-caruso/")
    assert page.locator("h1").inner_text() == "Rick Caruso"
    assert page.locator("svg.chart[role=img] title").count() >= 1

    page.go_back()
    page.locator(".story-body a.link-count", has_text="273,941").click()
    page.wait_for_load_state()
    assert page.url.endswith(at(THURSDAY).get_absolute_url())
    assert page.locator("h1").inner_text().startswith(f"Release {at(THURSDAY).number}:")
    reports = page.locator("section", has=page.locator("h2", has_text="Stories that report"))
    assert "Bass narrows the gap" in reports.inner_text()
    page.close()


def test_a_reader_follows_the_mayors_2022_general_through_its_releases(site, browser):
    """The race as it went, from the registrar's feed: Caruso ahead when election night
    ended, Bass ahead from Nov. 11, certified at 509,944 to 420,030."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site["url"] + "/elections/los-angeles-mayor-2022-11-08/")
    count = page.locator("section[aria-labelledby=count-heading]")
    assert "Final result" in count.inner_text()
    assert "509,944" in count.inner_text() and "420,030" in count.inner_text()
    assert "Karen Bass won by 89,914 votes" in count.inner_text()

    releases = page.locator("table", has=page.locator("caption", has_text="Share of the vote"))
    rows = releases.locator("tbody tr")
    assert rows.count() == 27
    assert "Nov 8, 2022 20:24" in rows.first.inner_text()
    assert "509,944" in rows.last.inner_text()

    night = at(ELECTION_NIGHT_LAST)
    releases.get_by_role("link", name=f"#{night.number}", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(night.get_absolute_url())
    assert page.locator("h1").inner_text().startswith(f"Release {night.number}:")
    table = page.locator("table.results")
    assert table.locator("tbody tr").first.locator("th").inner_text() == "Rick Caruso"
    assert "252,476" in table.inner_text()

    page.locator("a[rel=next]").first.click()  # Thursday's count
    page.wait_for_load_state()
    assert page.url.endswith(at(THURSDAY).get_absolute_url())
    assert "273,941" in page.locator("table.results").inner_text()
    page.locator("a[rel=next]").first.click()  # Friday's, where Bass went ahead
    page.wait_for_load_state()
    assert page.url.endswith(at(FRIDAY).get_absolute_url())
    table = page.locator("table.results")
    assert table.locator("tbody tr").first.locator("th").inner_text() == "Karen Bass"
    assert page.locator("a[rel=next]").count() >= 1

    page.goto(site["url"] + at(CERTIFIED).get_absolute_url())
    assert page.locator("a[rel=next]").count() == 0
    assert "509,944" in page.locator("table.results").inner_text()
    page.close()


def test_every_page_type_fits_both_widths_passes_axe_and_is_photographed(site, browser):
    """At a phone's width and a desktop's: nothing overflows sideways, axe-core finds no
    accessibility violation, and a screenshot is saved to look at."""
    pages = reader_pages()
    # Other browser tests save here too; overwrite ours, leave theirs.
    SHOTS.mkdir(exist_ok=True)
    found = {}
    for device, width in WIDTHS.items():
        page = browser.new_page(viewport={"width": width, "height": 800})
        for name, path in pages.items():
            response = page.goto(site["url"] + path)
            assert response.status == (404 if name == NOT_FOUND else 200), path
            # Nothing may overflow sideways: a phone reader should never scroll left and right.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} is {overflow}px too wide at {width}px"
            problems = violations(page)
            if problems:
                found[f"{name} at {width}px"] = problems
            page.screenshot(path=str(SHOTS / f"{name}-{device}.png"), full_page=True)
        page.close()
    assert found == {}
    for name in pages:
        for device in WIDTHS:
            assert (SHOTS / f"{name}-{device}.png").stat().st_size > 0
