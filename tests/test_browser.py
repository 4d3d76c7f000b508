"""The built site in a real browser (Debian's Chromium, driven by Playwright).

A participant searches in Danish and finds the tool; the tool filter and the
Ressourceberegner react to the user. Skipped only where no Chromium is installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browserkit import CHROMIUM, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def _search(page, base_url: str, query: str) -> str:
    page.goto(base_url)
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.inner_text(".md-search-result__list")


def test_danish_search_finds_tools(browser, base_url: str) -> None:
    page = browser.new_page()
    results = _search(page, base_url, "detektivspørgsmål")
    first = results.strip().splitlines()[0]
    assert "Detektivspørgsmål" in first
    page.goto(base_url)
    results = _search(page, base_url, "ABC")
    assert "ABC-jobstrategi" in results
    page.close()


def test_tool_filter_hides_tools_without_the_tag(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "redskaber/")
    visible_before = page.locator(".mh-tool:visible").count()
    page.click("button[data-filter='use:styring']")
    visible_after = page.locator(".mh-tool:visible").count()
    assert 0 < visible_after < visible_before
    page.click("button[data-filter='use:styring']")
    assert page.locator(".mh-tool:visible").count() == visible_before
    page.close()


def test_ressourceberegner_recalculates(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "redskaber/ressourceberegner/")
    assert page.inner_text("[data-out='total-0']") == "3.300"
    page.fill("input[name='citizens']", "100")
    page.dispatch_event("input[name='citizens']", "input")
    # 30 intensive citizens seen 24 times + 70 seen 4 times = 720 + 280.
    assert page.inner_text("[data-out='total-0']") == "1.000"
    page.close()
