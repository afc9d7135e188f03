"""Debian's Chromium driven by Playwright, shared by the browser tests."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"


def require_browser():
    """Skip without Chromium or Playwright; fail instead where CI asks for them
    (TALLY_REQUIRE_BROWSER=1), so a missing install step cannot pass unnoticed."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[dev]')")
    if missing:
        message = "Browser tests need " + " and ".join(missing)
        if os.environ.get("TALLY_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()
