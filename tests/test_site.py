"""Build the real handbook once (site + PDFs) and check it as a reader would."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from handbook.content import outputs
from handbook.content.book import Handbook
from handbook.render.common import slugify

ROOT = Path(__file__).resolve().parent.parent


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


@pytest.fixture(scope="session")
def pages(site_dir: Path) -> dict[Path, _Links]:
    parsed = {}
    for path in site_dir.rglob("*.html"):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path] = parser
    return parsed


def _target(site_dir: Path, page: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return page, parts.fragment
    # Root-relative links (MkDocs writes them in 404.html, which is served at any path)
    # resolve against the site root.
    base = site_dir if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def test_every_internal_link_and_anchor_resolves(site_dir: Path, pages: dict[Path, _Links]) -> None:
    broken = []
    for page, parsed in pages.items():
        for href in parsed.hrefs:
            resolved = _target(site_dir, page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            where = f"{page.relative_to(site_dir)} → {href}"
            if not target.exists():
                broken.append(f"{where}: missing file")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(fragment) not in ids:
                    broken.append(f"{where}: missing anchor")
    assert not broken, "\n".join(broken[:40])


def test_every_planned_pdf_is_built_and_linked(
    book: Handbook, site_dir: Path, pages: dict[Path, _Links]
) -> None:
    plan = outputs.plan(book)
    linked = {
        _target(site_dir, page, href)[0]
        for page, parsed in pages.items()
        for href in parsed.hrefs
        if href.endswith(".pdf") and _target(site_dir, page, href)
    }
    for out in plan:
        pdf = site_dir / "pdf" / out.filename
        assert pdf.exists() and pdf.stat().st_size > 1000, out.filename
        assert pdf.resolve() in linked, f"{out.filename} is not linked from any page"


def test_search_is_danish_and_finds_tools(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["da"]
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"]).lower()
    for word in ("detektivspørgsmål", "abc-jobstrategi", "game mastery", "perspektivskift"):
        assert word in text, word
    html = unescape((site_dir / "index.html").read_text(encoding="utf-8"))
    assert '<html lang="da"' in html


def test_every_glossary_term_is_its_own_search_result(book: Handbook, site_dir: Path) -> None:
    """A reader searching 'joblog' lands on the term, not on one long glossary page."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert book.glossary is not None
    for term in book.glossary.terms:
        assert f"ordliste/#{slugify(term.term)}" in locations, term.term


def test_downloads_page_lists_every_day_as_a_pack_reference(book: Handbook, site_dir: Path) -> None:
    """A trainer copies a day's reference from the downloads page into a pack file."""
    html = unescape((site_dir / "downloads" / "index.html").read_text(encoding="utf-8"))
    html = html.replace("<wbr>", "")  # a line may break after the "/" on a phone
    refs = set(re.findall(r"<code>([a-z0-9-]+/[a-z0-9-]+)</code>", html))
    expected = {
        f"{module_id}/{day.id}"
        for course in book.courses.values()
        for module_id in course.modules
        for day in book.modules[module_id].days
    }
    assert expected and expected <= refs
    for ref in refs & expected:
        book.day(ref)  # resolves, as the pack loader would
    assert "undervisermanual-" in html


def test_tool_index_lists_every_tool_once_models_first(book: Handbook, site_dir: Path) -> None:
    html = unescape((site_dir / "redskaber" / "index.html").read_text(encoding="utf-8"))
    listed = re.findall(r'<span class="mh-tool"[^>]*><a href="([^"#]+)"', html)
    ids = [href.strip("./").split("/")[-1] for href in listed]
    assert sorted(ids) == sorted(book.tools), "every tool exactly once"
    headings = re.findall(r"<h2[^>]*>(.*?)<", html)
    assert headings[0] == book.tools["samtalens-pejlemaerker"].title  # the largest model


def test_tool_pages_link_back_to_days(book: Handbook, site_dir: Path) -> None:
    """Every tool used on a day says so on its page, with a working link to that day."""
    for tool_id, usages in book.tool_usage.items():
        html = unescape(
            (site_dir / "redskaber" / tool_id / "index.html").read_text(encoding="utf-8")
        )
        assert 'id="bruges-i"' in html, tool_id
        for usage in usages:
            if usage.day:
                assert f"/moduler/{usage.module.id}/{usage.day.id}/" in html.replace("../", "/"), (
                    tool_id,
                    usage.day.id,
                )


def test_day_page_shows_blocks_minutes_and_tools(book: Handbook, site_dir: Path) -> None:
    module = book.modules["samtalen-2-samtalerne"]
    day = module.days[0]
    html = unescape(
        (site_dir / "moduler" / module.id / day.id / "index.html").read_text(encoding="utf-8")
    )
    for block in day.blocks:
        assert block.title.split()[0] in html
    assert re.search(r"09\.00–\d\d\.\d\d", html)
    first_tool = next(t for b in day.blocks for t in b.tools)
    assert f"redskaber/{first_tool}/" in html


def test_generated_pages_are_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text()
    for folder in ("forloeb", "moduler", "redskaber", "guide", "ledere", "pdf"):
        assert f"/docs/{folder}/" in ignored
