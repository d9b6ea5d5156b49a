"""Headless Chromium (Debian's package) driven by Playwright against the live server."""

from __future__ import annotations

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("PALAUTE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the tests
    # themselves are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def warm_server():
    """What the first requests of a process load (every view module through the URL
    configuration, the Finnish dictionary and the personal-data lists that the form page
    starts reading in a thread) takes seconds; on a busy machine it held the live server
    past a page's time-out. Load it before the first page instead."""
    from django.urls import get_resolver

    from palaute.feedback import critical
    from palaute.privacy import lexicon

    get_resolver().url_patterns  # noqa: B018 - imports the views
    critical.warm_up()
    lexicon.load()


@pytest.fixture
def page(browser, live_server, warm_server):
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    # Map tiles come from the internet, which tests do not reach: answer them locally.
    context.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(status=204))
    context.set_default_timeout(8000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_check():
    axe = Axe()

    def check(page) -> None:
        # Details of the passing checks are not needed: leaving them out halves the time.
        options = {
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        }
        results = axe.run(page, options=options)
        assert results.violations_count == 0, results.generate_report()

    return check
