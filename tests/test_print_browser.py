"""Printing from the browser (Chromium's print-to-PDF): a page prints as its content.

A tool page prints as the card, in at most two A4 pages, without navigation, search,
header and footer links or the editors' notes; day pages print without them too
(docs/stylesheets/print.css).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdftext import clean_text
from pypdf import PdfReader

from handbook.content.book import Handbook
from tests.browserkit import CHROMIUM, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

# Words only the navigation, the search and the footer show.
CHROME = re.compile(
    r"\b(Emneord|Om håndbogen|Tilgængelighedserklæring|Forside|Lavet med|Forrige)\b"
)
EDITORS_BOX = "Kildehenvisninger og redaktionelle noter"


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def print_pdf(page, url: str) -> bytes:  # noqa: ANN001 - a Playwright page
    """What Chromium prints for `url` (A4, print media)."""
    page.goto(url)
    page.emulate_media(media="print")
    return page.pdf(format="A4")


def printed(browser, url: str) -> list[str]:  # noqa: ANN001 - a Playwright browser
    """The text of each page Chromium prints for `url`."""
    page = browser.new_page()
    try:
        data = print_pdf(page, url)
    finally:
        page.close()
    return [clean_text(p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages]


def test_a_tool_page_prints_as_its_card_in_two_pages(
    browser,  # noqa: ANN001
    base_url: str,
    book: Handbook,
) -> None:
    tool = book.tools["abc-jobstrategi"]
    pages = printed(browser, base_url + "redskaber/abc-jobstrategi/")
    text = " ".join(pages)
    assert len(pages) <= 2, len(pages)
    assert tool.title in text and "Udførelse" in text
    assert tool.execution.steps[-1].title in text  # the whole card: its last step too
    assert EDITORS_BOX not in text
    note = " ".join((tool.provenance.notes or "").split())
    assert note and note[:50] not in text and note[-50:] not in text
    assert not CHROME.findall(text)
    assert "r/abc-jobstrategi/" in text  # where the rest of the card is


def test_every_tool_page_prints_in_two_pages(browser, base_url: str, book: Handbook) -> None:  # noqa: ANN001
    long = {}
    page = browser.new_page()  # one tab for all: only the number of pages is counted
    try:
        for tool_id in book.tools:
            data = print_pdf(page, base_url + f"redskaber/{tool_id}/")
            count = len(PdfReader(io.BytesIO(data)).pages)
            if count > 2:
                long[tool_id] = count
    finally:
        page.close()
    assert len(book.tools) > 80 and not long


def test_a_day_page_prints_without_navigation(browser, base_url: str, book: Handbook) -> None:  # noqa: ANN001
    module = book.modules["samtalen-2-samtalerne"]
    day = module.days[0]
    text = " ".join(printed(browser, base_url + f"moduler/{module.id}/{day.id}/"))
    assert day.blocks[0].title in text
    assert not CHROME.findall(text)
