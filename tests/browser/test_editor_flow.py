"""The desk in a real browser: an editor files and publishes a story that the site
links, and the results desk enters a release that becomes the latest count."""

import pytest

from desk.demo import MAYOR_ONLY, load_demo
from tests import admin_users
from tests.browser.conftest import require_browser
from tests.demo_releases import THURSDAY, at

HEADLINE = "Caruso keeps a narrow lead in the Thursday count"
ELECTION = "los-angeles-mayor-2022-11-08"

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db, monkeypatch):
    require_browser()
    load_demo(feed=MAYOR_ONLY)
    admin_users.editor("eddie")
    admin_users.results_desk("rita")
    # Playwright's sync API runs an event loop in this thread; the ORM work is done above.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url


def sign_in(browser, url, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(url + "/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", admin_users.PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(url + "/admin/")
    return page


def test_an_editor_files_a_story_that_the_site_links_and_finds(site, browser):
    page = sign_in(browser, site, "eddie")
    page.goto(site + "/admin/archive/article/add/")
    # Typed, so the admin's script fills the slug as it would for an editor.
    page.locator("#id_headline").press_sequentially(HEADLINE)
    assert page.input_value("#id_slug") == "caruso-keeps-a-narrow-lead-in-the-thursday-count"
    page.fill(
        "#id_body",
        "Rick Caruso had 273,941 votes after the registrar's Thursday release.\n\n"
        "Thousands of ballots are still to be counted across the county.",
    )
    page.fill("#id_published_at_0", "2022-11-11")
    page.fill("#id_published_at_1", "09:30:00")
    page.fill("#id_new_tags", "vote count")
    page.click("input[name=_save]")
    page.wait_for_url(site + "/admin/archive/article/")

    row = page.locator("#result_list tr", has_text=HEADLINE)
    assert "Rick Caruso" in row.inner_text()  # linked as soon as it was saved
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_load_state()
    assert "Published 1 story." in page.locator("ul.messagelist").inner_text()

    page.locator("#result_list a", has_text=HEADLINE).click()
    page.wait_for_load_state()
    assert "names Rick Caruso 2 times" in page.content()  # headline and body
    thursday = at(THURSDAY).number
    assert f"quotes 273,941: release {thursday} of the 2022-11-08 election" in page.content()
    page.locator("a.viewsitelink", has_text="View on site").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == HEADLINE
    story_url = page.url

    page.locator("a.link-candidate", has_text="Rick Caruso").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/candidates/rick-caruso/")
    assert HEADLINE in page.content()

    page.goto(story_url)
    page.locator("a.link-count", has_text="273,941").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/elections/{ELECTION}/updates/{thursday}/")
    assert HEADLINE in page.content()

    page.fill("#site-q", "Rick Caruso")
    page.press("#site-q", "Enter")
    page.wait_for_load_state()
    assert "/search/" in page.url
    assert page.locator("main a", has_text=HEADLINE).count() >= 1


def test_the_results_desk_enters_a_release_that_becomes_the_latest_count(site, browser):
    page = sign_in(browser, site, "rita")
    page.goto(site + "/admin/elections/release/add/")
    page.locator("a", has_text="Los Angeles Mayor, primary, June 2, 2026").click()
    page.wait_for_load_state()
    page.fill("#id_released_at_0", "2026-06-02")
    page.fill("#id_released_at_1", "20:30:00")
    page.fill("#id_source", "City clerk, first returns")
    page.fill("#id_ballots_counted", "412480")
    votes = {
        "Karen Bass": "158874",
        "Austin Beutner": "131512",
        "Asaad Alnajjar": "9021",
        "Rae Huang": "40110",
    }
    for i in range(4):
        name = page.locator(f"#id_vote_counts-{i}-candidacy option:checked").inner_text()
        page.fill(f"#id_vote_counts-{i}-votes", votes[name])
    page.click("input[name=_save]")
    page.wait_for_url(site + "/admin/elections/release/")
    assert "was added successfully" in page.locator("ul.messagelist").inner_text()

    page.goto(site + "/elections/los-angeles-mayor-2026-06-02/")
    latest = page.locator("section[aria-labelledby=count-heading]")
    assert "Latest count" in latest.inner_text()
    assert "158,874" in latest.inner_text() and "46.79%" in latest.inner_text()
    assert "131,512" in latest.inner_text()
    assert "Release 1 in full" in latest.inner_text()


def test_the_results_desk_must_confirm_a_release_into_a_certified_race(site, browser):
    page = sign_in(browser, site, "rita")
    page.goto(site + "/admin/elections/release/add/")
    page.locator("a", has_text="Los Angeles Mayor, general, Nov. 8, 2022").click()
    page.wait_for_load_state()
    page.fill("#id_released_at_0", "2022-12-09")
    page.fill("#id_released_at_1", "17:00:00")
    page.fill("#id_source", "A late recount")
    page.fill("#id_ballots_counted", "2456801")
    votes = {"Karen Bass": "509990", "Rick Caruso": "420050"}
    for i in range(2):
        name = page.locator(f"#id_vote_counts-{i}-candidacy option:checked").inner_text()
        page.fill(f"#id_vote_counts-{i}-votes", votes[name])
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert "the election's result is certified" in page.locator("#release_form").inner_text()
    for i in range(2):
        name = page.locator(f"#id_vote_counts-{i}-candidacy option:checked").inner_text()
        page.fill(f"#id_vote_counts-{i}-votes", votes[name])
    page.check("#id_confirmed")
    page.click("input[name=_save]")
    page.wait_for_url(site + "/admin/elections/release/")
    assert "was added successfully" in page.locator("ul.messagelist").inner_text()
