"""The built site speaks Danish wherever a reader looks: no English UI word from MkDocs,
Python-Markdown or Material in visible text, nor in a title, aria-label, alt or placeholder.

Reads the conftest's full build (`site_dir`); HANDBOOK_TEST_SITE=<folder> points it at an
existing `build.py site` output instead, for a quick run while working on the theme.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# What the theme, MkDocs and Python-Markdown say in English when a Danish translation is
# missing or a template hard-codes the text. Matched as whole words, case-sensitively as UI
# labels are written (so Danish prose such as "share" in a quoted English title is not hit).
# "Navigation" is not listed: it is the Danish word too.
ENGLISH_UI = [
    "Permanent link",
    "Not found",
    "Downloads",
    "Download",
    "Search",
    "Skip to content",
    "Back to top",
    "Previous",
    "Next",
    "Copy to clipboard",
    "Copied to clipboard",
    "Table of contents",
    "Share",
    "Clear",
    "Initializing search",
    "No matching documents",
    "Type to start searching",
    "Last update",
    "Made with",
    "Header",
    "Footer",
    "Tabs",
    "Edit this page",
    "Switch to",
]
_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH_UI)) + r")(?![\w-])")
_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "data-md-state")


class _Visible(HTMLParser):
    """Visible text and the labelling attributes of one page (scripts and styles skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code", "pre"):
            self._skip += 1
        for name, value in attrs:
            if name in _ATTRIBUTES and value:
                self.found += [f'{name}="{m}"' for m in _PATTERN.findall(value)]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.found += _PATTERN.findall(data)


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    existing = os.environ.get("HANDBOOK_TEST_SITE")
    return Path(existing) if existing else request.getfixturevalue("site_dir")


def english_ui_words(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return parser.found


def test_the_crawler_finds_english_ui_words() -> None:
    """The crawl itself works: it sees English in text and attributes, not in scripts."""
    html = (
        '<a class="headerlink" title="Permanent link">¶</a><h1>404 - Not found</h1>'
        '<button aria-label="Copy to clipboard"></button><script>var s="Search"</script>'
        "<p>Næste skridt: sparring</p>"
    )
    assert english_ui_words(html) == [
        'title="Permanent link"',
        "Not found",
        'aria-label="Copy to clipboard"',
    ]


def test_no_english_ui_words_in_the_built_site(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50, "the site is not built"
    hits = []
    for page in pages:
        for word in english_ui_words(page.read_text(encoding="utf-8")):
            hits.append(f"{page.relative_to(site)}: {word}")
    assert not hits, "English in the Danish UI:\n" + "\n".join(sorted(set(hits))[:40])


def test_the_404_page_and_heading_anchors_are_danish(site: Path) -> None:
    assert "Siden findes ikke" in (site / "404.html").read_text(encoding="utf-8")
    index = (site / "redskaber" / "index.html").read_text(encoding="utf-8")
    assert 'title="Link til dette afsnit"' in index


def test_sources_box_shows_titles_and_links_not_ids_or_line_ranges(site: Path) -> None:
    """Line ranges and ids in the editorial notes stay in the YAML for editors."""
    page = (site / "forloeb" / "virksomhedsservice" / "index.html").read_text(encoding="utf-8")
    box = page[page.index("Kilder og redaktionelle noter") :]
    box = box[: box.index("</details>")]
    assert "Kursuskoncept Virksomhedsservice (2016)" in box
    assert not re.search(r"\bL\d+(-\d+)?\b|linje \d", box), "source line numbers shown"
    assert "(samtalen-4-opfoelgningsforloeb)" not in box
    assert 'href="../../moduler/samtalen-4-opfoelgningsforloeb/"' in box
