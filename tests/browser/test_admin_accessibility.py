"""The editors' desk checked with axe-core in Chromium: the screens editors use every day,
autocomplete widgets included, have no accessibility violations."""

import pytest

from desk.demo import MAYOR_ONLY, load_demo
from tests import admin_users
from tests.browser.conftest import require_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(live_server, transactional_db, monkeypatch):
    require_browser()
    load_demo(feed=MAYOR_ONLY)
    admin_users.chief()
    from archive.models import Article
    from elections.models import Election, Release

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {
        "url": live_server.url,
        "story": Article.objects.order_by("pk").first().pk,
        "release": Release.objects.order_by("pk").first().pk,
        "election": Election.objects.order_by("pk").first().pk,
    }


def violations(page):
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in found
    ]


def test_the_desk_screens_pass_axe(desk, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(desk["url"] + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", admin_users.PASSWORD)
    page.click("input[type=submit]")
    screens = [
        "/admin/",
        "/admin/archive/article/",
        f"/admin/archive/article/{desk['story']}/change/",
        "/admin/archive/article/add/",
        f"/admin/elections/release/{desk['release']}/change/",
        f"/admin/elections/release/add/?election={desk['election']}",
        f"/admin/elections/election/{desk['election']}/change/",
        "/admin/candidates/candidate/",
    ]
    found = {}
    for path in screens:
        page.goto(desk["url"] + path)
        page.wait_for_load_state("networkidle")
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}, "\n".join(f"{path}: {p}" for path, ps in found.items() for p in ps)
