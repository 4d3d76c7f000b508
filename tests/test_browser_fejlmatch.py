"""The Fejlmatchberegner in a real browser: typed by keyboard with Danish decimal commas,
visible messages on bad input, and usable on a 390 px wide phone screen.

Builds the site without PDFs (fast) and serves it; skipped where no Chromium is installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.browserkit import CHROMIUM, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

PAGE = "redskaber/matchmodeller/"


@pytest.fixture(scope="module")
def base_url(book, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from handbook.build import build

    site = tmp_path_factory.mktemp("fejlmatch") / "site"
    assert build(book, with_pdfs=False, quiet=True, site_dir=site) == 0
    with serve(site) as url:
        yield url
    shutil.rmtree(site, ignore_errors=True)


def _out(page, key: str) -> str:
    return page.inner_text(f"[data-out='{key}']")


def test_keyboard_entry_with_decimal_commas(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + PAGE)
    assert _out(page, "total") == "–"  # no figures until the user gives some
    page.focus("#fm-match_count")
    for text in ["200", "12,5", "10", "4", "1.000"]:
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    assert _out(page, "failed") == "25"
    assert _out(page, "own_hours") == "350 timer"
    assert _out(page, "total") == "350.000 kr."
    assert _out(page, "company_cost") == "–"  # left out
    # Tab moves on to the optional fields, in order.
    assert page.evaluate("document.activeElement.name") == "company_hours"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
    page.close()


def test_bad_input_is_shown_at_the_field(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + PAGE)
    page.fill("#fm-match_count", "200")
    page.fill("#fm-fail_pct", "120")
    page.focus("#fm-hours_per_match")  # leaving the field shows its message
    field = page.locator("#fm-fail_pct")
    assert field.get_attribute("aria-invalid") == "true"
    message = page.locator("#fm-fail_pct-error")
    assert message.is_visible()
    assert message.inner_text() == "Skriv et tal mellem 0 og 100."
    assert "fm-fail_pct-error" in (field.get_attribute("aria-describedby") or "")
    assert "Ret eller udfyld" in _out(page, "status")
    assert _out(page, "total") == "–"
    page.fill("#fm-fail_pct", "10")
    page.dispatch_event("#fm-fail_pct", "input")
    assert field.get_attribute("aria-invalid") is None
    assert not message.is_visible()
    page.close()


def test_every_field_is_labelled_with_help(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + PAGE)
    inputs = page.locator("form[data-calc='fejlmatchberegner'] input")
    assert inputs.count() >= 5
    for i in range(inputs.count()):
        el = inputs.nth(i)
        fid = el.get_attribute("id")
        assert page.locator(f"label[for='{fid}']").inner_text().strip()
        assert page.locator(f"#{fid}-help").inner_text().strip()
    page.close()
