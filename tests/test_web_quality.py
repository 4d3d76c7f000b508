"""What every web reader hits: the built site, checked as HTML and in a real browser.

One build for this module, served on a local port; its PDFs come from the PDF cache (see
`_served`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook.content.book import Handbook
from handbook.paths import public_url, site_url
from tests.browserkit import CHROMIUM, serve

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def _served(
    book: Handbook, site_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    """The real handbook's site, built once and served on a free local port.

    MkDocs gets that address as its public address (HANDBOOK_SITE_URL), as a published
    build would, so the sitemap and instant navigation match where the pages are served.
    The PDFs print the fixed address every other build of this run uses (the full build in
    conftest.py): their HTML, and so their cache keys, are the full build's, so they come
    from the PDF cache instead of being rendered again for every new port. `site_dir` is
    asked for first, so that build has filled the cache: with an empty cache (a fresh
    checkout) the two would otherwise render every PDF twice, side by side.
    """
    from handbook import paths
    from handbook.build import build

    fixed = paths.site_url()  # before the served address is set below
    target = tmp_path_factory.mktemp("web") / "site"
    with serve(target) as url:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(paths, "site_url", lambda: fixed)  # what the PDFs print
            mp.setenv("HANDBOOK_SITE_URL", url)  # what MkDocs reads (mkdocs.yml's !ENV)
            assert build(book, with_pdfs=True, quiet=True, site_dir=target) == 0
        yield target, url


@pytest.fixture(scope="module")
def web_dir(_served: tuple[Path, str]) -> Path:
    return _served[0]


@pytest.fixture(scope="module")
def web_url(_served: tuple[Path, str]) -> str:
    return _served[1]


# -- the public address ------------------------------------------------------------------


def test_sitemap_lists_pages_with_the_configured_address(web_dir: Path, web_url: str) -> None:
    sitemap = (web_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    base = web_url  # the build ran with HANDBOOK_SITE_URL set to it
    pages = {p.parent.relative_to(web_dir).as_posix() for p in web_dir.rglob("index.html")}
    pages.discard("search")
    pages = {p for p in pages if not p.startswith("r/")}  # short addresses: redirects only
    assert len(locs) >= len(pages) > 50
    assert all(loc.startswith(base) for loc in locs)
    assert base + "redskaber/abc-jobstrategi/" in locs


def test_site_url_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)
    default = site_url()
    assert default.startswith(("http://", "https://")) and default.endswith("/")
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://example.org/haandbog")
    assert site_url() == "https://example.org/haandbog/"
    assert public_url("/moduler/x/") == "https://example.org/haandbog/moduler/x/"


# -- reading the built HTML --------------------------------------------------------------


class _Text(HTMLParser):
    """Visible text of the page's article: per list item, per paragraph, and all of it.

    `prose` leaves out code (copyable references) and the sources box (editors' notes).
    """

    SKIP = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0
        self.open: dict[str, list[list[str]]] = {"li": [], "p": []}
        self.items: dict[str, list[str]] = {"li": [], "p": []}
        self.text: list[str] = []
        self.prose: list[str] = []
        self.aside: list[str] = []  # tags of open code / sources elements (and their nesting)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        nested = bool(self.aside) and tag == self.aside[0]
        if nested or not self.aside and (tag == "code" or "mh-provenance" in classes):
            self.aside.append(tag)
        if tag == "article":
            self.depth += 1
        elif tag in self.SKIP:
            self.skip += 1
        elif tag in self.open and self.depth:
            self.open[tag].append([])

    def handle_endtag(self, tag: str) -> None:
        if self.aside and tag == self.aside[0]:
            self.aside.pop()
        if tag == "article":
            self.depth -= 1
        elif tag in self.SKIP:
            self.skip -= 1
        elif tag in self.open and self.open[tag]:
            self.items[tag].append("".join(self.open[tag].pop()))

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skip:
            return
        self.text.append(data)
        if not self.aside:
            self.prose.append(data)
        for stack in self.open.values():
            for parts in stack:
                parts.append(data)


def _read(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _plain(markdown: str) -> str:
    """The visible text of a one-line inline Markdown string."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def _squash(text: str) -> str:
    return " ".join(text.split())


def _page(web_dir: Path, doc: str) -> Path:
    """The built HTML file of a generated Markdown page (e.g. 'redskaber/x.md')."""
    stem = doc.removesuffix(".md")
    stem = stem.removesuffix("/index") if stem.endswith("/index") else stem
    return web_dir / stem / "index.html"


# -- worksheets --------------------------------------------------------------------------


def test_worksheet_fields_are_list_items(book: Handbook, web_dir: Path) -> None:
    from handbook.content.pages import chapter_page, tool_page

    holders = [(tool_page(t.id), t.worksheets) for t in book.tools.values() if t.worksheets]
    holders += [(chapter_page(c.id), c.worksheets) for c in book.cookbook.values() if c.worksheets]
    assert len(holders) > 10
    missing = []
    for doc, worksheets in holders:
        items = [_squash(li) for li in _read(_page(web_dir, doc)).items["li"]]
        for ws in worksheets:
            for section in ws.sections:
                for field in section.fields:
                    # "1. Velkomst" stays the text of its item (no nested list).
                    label = _plain(field.label)
                    if not any(li.startswith(label) for li in items):
                        missing.append(f"{doc}: {ws.title}: {label}")
    assert not missing, "\n".join(missing[:20])


def test_no_markdown_list_is_left_inside_a_paragraph(web_dir: Path) -> None:
    glued = []
    for path in sorted(web_dir.rglob("index.html")):
        for p in _read(path).items["p"]:
            if re.search(r"\n\s*([-*+]|\d+\.) \S", p):
                glued.append(f"{path.relative_to(web_dir)}: {_squash(p)[:80]}")
    assert not glued, "\n".join(glued[:20])


# -- the tool index filter ---------------------------------------------------------------

_ENTRIES_JS = """() => [...document.querySelectorAll('.md-content .mh-tool')].map((t) => ({
    href: t.querySelector('a').getAttribute('href'),
    shown: t.closest('li').checkVisibility(),
}))"""


def _tags(tool) -> set[str]:
    t = tool.tags
    return (
        {f"area:{a}" for a in t.area}
        | {f"audience:{a}" for a in t.audience}
        | {f"use:{u}" for u in t.use}
    )


def _expected_shown(book: Handbook, chosen: set[str]) -> set[str]:
    """Tools that match every chosen tag, with the models and groups that contain them."""

    def matches(tool) -> bool:
        return chosen <= _tags(tool)

    def shown(tool) -> bool:
        return matches(tool) or any(shown(c) for c in book.children(tool.id))

    return {t.id for t in book.tools.values() if shown(t)}


def _shown_ids(page) -> tuple[set[str], set[str]]:
    entries = page.evaluate(_ENTRIES_JS)
    ids = [e["href"].rstrip("/").split("/")[-1] for e in entries]
    return {i for i, e in zip(ids, entries, strict=True) if e["shown"]}, set(ids)


@needs_chromium
def test_tool_filter_hides_every_tool_that_does_not_match(
    book: Handbook, browser, web_url: str
) -> None:
    page = browser.new_page()
    page.goto(web_url + "redskaber/")
    shown, listed = _shown_ids(page)
    assert listed == set(book.tools) == shown
    for label in ("Emne", "Målgruppe", "Brug"):
        assert page.get_by_role("group", name=label).is_visible()
    chips = page.eval_on_selector_all(".mh-chip", "cs => cs.map((c) => c.dataset.filter)")
    assert len(chips) >= 8
    for chip in chips:
        button = page.locator(f".mh-chip[data-filter='{chip}']")
        button.click()
        shown, _ = _shown_ids(page)
        assert shown == _expected_shown(book, {chip}), chip
        assert page.locator(".mh-filter-empty").is_visible() == (not shown)
        button.click()
    assert _shown_ids(page)[0] == set(book.tools)
    page.close()


@needs_chromium
def test_tool_filter_says_when_nothing_matches(book: Handbook, browser, web_url: str) -> None:
    everyone = set().union(*(_tags(t) for t in book.tools.values()))
    pair = next(
        (a, b)
        for a in sorted(everyone)
        for b in sorted(everyone)
        if a < b and not _expected_shown(book, {a, b})
    )
    page = browser.new_page()
    page.goto(web_url + "redskaber/")
    assert not page.locator(".mh-filter-empty").is_visible()
    for chip in pair:
        page.click(f".mh-chip[data-filter='{chip}']")
    assert _shown_ids(page)[0] == set()
    assert page.locator(".mh-filter-empty").is_visible()
    assert "Ingen redskaber passer til filtrene" in page.inner_text(".mh-filter")
    assert page.locator(".md-content h2:visible").count() == 0
    page.click(".mh-filter-reset")
    assert _shown_ids(page)[0] == set(book.tools)
    assert not page.locator(".mh-filter-empty").is_visible()
    page.close()


# -- the Ressourceberegner ---------------------------------------------------------------

CALC = "redskaber/ressourceberegner/"


@needs_chromium
def test_calculator_accepts_danish_decimal_commas(browser, web_url: str) -> None:
    from handbook import calculators as calc

    page = browser.new_page(locale="da-DK")
    page.goto(web_url + CALC)
    page.fill("input[name='intensive_pct']", "12,5")
    ex = calc.GUIDE_EXAMPLE
    inputs = calc.Inputs(ex.citizens, ex.days_per_week, ex.weeks_per_fte, 0.125)
    want = calc.intensified(inputs)[0]
    # 12,5 % of 330 citizens seen 24 times a year: 990 (not 100 % after reading "125").
    assert want.intensive == 990
    assert page.inner_text("[data-out='int-0']") == calc.danish_number(want.intensive)
    assert page.inner_text("[data-out='total-0']") == calc.danish_number(want.total)
    assert page.get_attribute("input[name='intensive_pct']", "aria-invalid") is None
    assert page.inner_text("#calc-intensive_pct-error") == ""
    page.close()


@needs_chromium
def test_calculator_says_which_field_is_wrong(browser, web_url: str) -> None:
    page = browser.new_page(locale="da-DK")
    page.goto(web_url + CALC)
    for name, text in (("intensive_pct", "125"), ("citizens", "mange")):
        field = page.locator(f"input[name='{name}']")
        field.fill(text)
        assert field.get_attribute("aria-invalid") == "true"
        described = (field.get_attribute("aria-describedby") or "").split()
        messages = [page.inner_text(f"#{i}") for i in described]
        error = page.locator(f"#calc-{name}-error")
        assert f"calc-{name}-error" in described and error.is_visible()
        assert error.inner_text() in messages and error.inner_text().strip()
        assert any("fx" in m or "tal" in m.lower() for m in messages)  # help text too
    assert page.inner_text("[data-out='total-0']") == "–"  # no silent capping
    assert "kan ikke læses" in page.inner_text(".mh-calc-status")
    page.fill("input[name='intensive_pct']", "30")
    page.fill("input[name='citizens']", "330")
    assert page.inner_text("[data-out='total-0']") == "3.300"
    assert page.inner_text(".mh-calc-status") == ""
    page.close()


@needs_chromium
def test_calculator_results_fit_a_phone(browser, web_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(web_url + CALC)
    width = page.evaluate("innerWidth")
    off = page.evaluate(
        """(w) => [...document.querySelectorAll('[data-out]')]
            .filter((el) => { const r = el.getBoundingClientRect();
                              return r.width === 0 || r.left < 0 || r.right > w; })
            .map((el) => el.dataset.out)""",
        width,
    )
    assert off == []
    page.close()


def test_calculator_text_counts_its_fields(web_dir: Path) -> None:
    from handbook import calculators as calc

    text = _squash("".join(_read(web_dir / CALC / "index.html").text))
    words = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8}
    stated = [words.get(w, w) for w in re.findall(r"(\w+) felter", text) if w in words]
    assert stated and all(n == len(calc.FIELDS) for n in stated), stated


# -- course pages ------------------------------------------------------------------------


def test_course_downloads_come_first_and_are_named_right(book: Handbook, web_dir: Path) -> None:
    from handbook.content import outputs

    plan = outputs.plan(book)
    for course in book.courses.values():
        html = (web_dir / "forloeb" / course.id / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article") :]
        first_h2 = article.index("<h2")
        box = article[: article.index("</div>", article.index('class="admonition'))]
        assert "Deltagermappe" not in re.findall(r'admonition-title">([^<]*)<', box)
        for p in (p for p in plan if p.course_id == course.id):
            link = article.index(f'pdf/{p.filename}"')
            assert link < first_h2, f"{course.id}: {p.filename} is not above the first heading"
            label = _squash(re.sub(r"<[^>]+>", "", article[link : article.index("</a>", link)]))
            kind = {"course": "Deltagermappe", "trainer": "Undervisermanual"}[p.kind]
            assert kind in label and course.title in label, label
            assert (web_dir / "pdf" / p.filename).exists()


# -- internal ids ------------------------------------------------------------------------


def _content_ids(book: Handbook) -> set[str]:
    """Ids a reader should never see: every id with a hyphen (plain words like 'samtalen'
    are not told apart from prose), and '<module>/<day>' references."""
    ids = set(book.courses) | set(book.modules) | set(book.tools) | set(book.guide)
    ids |= set(book.cookbook) | set(book.packs)
    for module in book.modules.values():
        ids |= {d.id for d in module.days} | {h.id for h in module.homework}
        ids |= {f"{module.id}/{d.id}" for d in module.days}
    return {i for i in ids if "-" in i}


def test_no_internal_id_in_reader_text(book: Handbook, web_dir: Path) -> None:
    ids = sorted(_content_ids(book), key=len, reverse=True)
    assert "samtalen-3-supervision" in ids
    pattern = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, ids)) + r")(?![\w/-])")
    found = []
    for path in sorted(web_dir.rglob("index.html")):
        text = _squash(" ".join(_read(path).prose))
        for m in pattern.finditer(text):
            found.append(f"{path.relative_to(web_dir)}: …{text[max(0, m.start() - 40) : m.end()]}")
    assert not found, "\n".join(found[:30])


# -- phones and titles -------------------------------------------------------------------

# Pages whose tables and code examples must fit a 390 px phone: one of each kind.
PHONE_PAGES = [
    "",
    "downloads/",
    CALC,
    "redskaber/",
    "forloeb/samtalen/",
    "moduler/samtalen-2-samtalerne/",
    "moduler/samtalen-2-samtalerne/dag-1/",
    "moduler/samtalen-6-lederforloeb/dag-3/",
    "moduler/forloeb-2015-2-progression-og-empowerment/dag-1/",
]

_CLIPPED_JS = """() => [...document.querySelectorAll(
        'article .md-typeset__scrollwrap, article .md-typeset__table, article table, article pre > code')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.tagName + ' ' + (el.innerText || '').slice(0, 50).replace(/\\s+/g, ' '))"""

# Where a line of a <code> breaks, the character before the break must be '-' or '/'.
_CODE_BREAKS_JS = """(sel) => [...document.querySelectorAll(sel)].flatMap((code) => {
    const text = code.textContent, bad = [];
    const range = document.createRange();
    let top = null, offset = 0;
    for (const n of code.childNodes) {
      if (n.nodeType !== 3) continue;
      for (let i = 0; i < n.length; i++, offset++) {
        range.setStart(n, i); range.setEnd(n, i + 1);
        const t = range.getBoundingClientRect().top;
        if (top !== null && t > top + 2 && !'-/'.includes(text[offset - 1])) bad.push(text);
        top = t;
      }
    }
    return bad;
  })"""


@needs_chromium
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PHONE_PAGES)
def test_pages_fit_a_phone(browser, web_url: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(web_url + path)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    assert page.evaluate(_CLIPPED_JS) == []
    page.close()


@needs_chromium
def test_day_references_break_only_between_parts(browser, web_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(web_url + "downloads/")
    assert page.locator(".mh-days code").count() >= 10
    assert page.evaluate(_CODE_BREAKS_JS, ".mh-days code") == []
    page.close()


def test_page_titles_do_not_repeat(web_dir: Path) -> None:
    from mkdocs.utils.yaml import yaml_load

    from handbook.paths import MKDOCS_YML

    with MKDOCS_YML.open(encoding="utf-8") as f:
        site_name = yaml_load(f)["site_name"]
    front = re.search(r"<title>(.*?)</title>", (web_dir / "index.html").read_text("utf-8"))
    assert front and front.group(1) == site_name
    repeated = []
    for path in web_dir.rglob("index.html"):
        title = re.search(r"<title>(.*?)</title>", path.read_text("utf-8"), re.S).group(1)
        parts = [p.strip() for p in title.split(" - ")]
        if len(parts) != len(set(parts)):
            repeated.append(f"{path.relative_to(web_dir)}: {title}")
    assert not repeated, repeated


# -- search ------------------------------------------------------------------------------

_GROUPS_JS = """() => [...document.querySelectorAll('.md-search-result__list > li.md-search-result__item')]
    .map((li) => [...li.querySelectorAll('a')].map((a) => new URL(a.href).pathname + new URL(a.href).hash))"""


def _search_groups(page, base_url: str, query: str) -> list[list[str]]:
    """Search results as Material shows them: one group per page, its matching sections."""
    page.goto(base_url)
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=10)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)  # the worker answers per keystroke; let the last one land
    return page.evaluate(_GROUPS_JS)


@needs_chromium
@pytest.mark.parametrize("query", ["Virksomhedskonsulent", "Jobkonsulent", "Game Mastery"])
def test_search_puts_the_glossary_entry_and_own_page_first(
    book: Handbook, browser, web_url: str, query: str
) -> None:
    from handbook.text import slugify

    term = next(t for t in book.glossary.terms if t.term == query)
    own = [t.id for t in book.tools.values() if t.title.lower() == query.lower()]
    page = browser.new_page()
    top = _search_groups(page, web_url, query.lower())[:3]
    page.close()
    links = [link for group in top for link in group]
    assert f"/ordliste/#{slugify(term.term)}" in links, top
    for tool_id in own:
        assert f"/redskaber/{tool_id}/" in links, top


@needs_chromium
def test_instant_navigation_keeps_the_page_alive(browser, web_url: str) -> None:
    """With site_url and the sitemap in place, Material swaps pages without a reload."""
    page = browser.new_page()
    page.goto(web_url + "redskaber/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__kept = 'yes'")
    page.click(".md-content a[href$='abc-jobstrategi/']")
    page.wait_for_function("location.pathname.endsWith('/redskaber/abc-jobstrategi/')")
    page.wait_for_selector("h1:has-text('ABC-jobstrategi')")
    assert page.evaluate("window.__kept") == "yes"
    page.close()


def test_no_markup_shows_as_text(web_dir: Path) -> None:
    """A tag the templates meant as HTML (a line break in a table cell) is never escaped
    into visible text."""
    shown = []
    for path in sorted(web_dir.rglob("index.html")):
        text = " ".join(_read(path).prose)
        for m in re.finditer(r"</?[a-z][a-z0-9]*(\s[^<>]*)?/?>", text):
            shown.append(f"{path.relative_to(web_dir)}: {m.group(0)}")
    assert not shown, "\n".join(shown[:20])
