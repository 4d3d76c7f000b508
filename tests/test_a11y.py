"""Accessibility of the built site in a real browser (Debian's Chromium, driven by Playwright).

- axe-core (vendored from npm, see scripts/vendor-js.sh) checks one page of every kind against
  the WCAG 2.1 A and AA rules in the light and the dark scheme, and the pages with wide
  tables on a phone-sized screen: no violation is allowed.
- The tool filter and the Ressourceberegner are walked with the Tab key alone: every control
  is reached, works from the keyboard and shows a visible focus indicator.
- Every page links to the accessibility statement, which carries the publisher's contact.
- The offline bundle works opened from disk with no server and no network.

Skipped only where no Chromium is installed.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from handbook.content import outputs
from handbook.content import pages as pages_mod
from handbook.content.book import Handbook
from handbook.site_macros import MISSING_CONTACT, contact_markdown
from tests.browserkit import CHROMIUM, serve

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def _url(doc: str) -> str:
    """The site URL (use_directory_urls) of a page under docs/: 'redskaber/x.md' → 'redskaber/x/'."""
    stem = doc.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def page_kinds(book: Handbook, site_dir: Path) -> dict[str, str]:
    """One page of every kind: {kind: URL relative to the site root}."""
    course = next(iter(book.courses.values()))
    module = book.modules[course.modules[0]]
    tool = next(t for t in book.tools.values() if t.worksheets and not t.calculator)
    chapter = next(c for c in book.cookbook.values() if c.checklist)
    article = next(iter(book.guide.values()))
    kinds = {
        "forside": "",
        "forløb": _url(pages_mod.course_page(course.id)),
        "modul": _url(pages_mod.module_page(module.id)),
        "undervisningsdag": _url(pages_mod.day_page(module.id, module.days[0].id)),
        "redskab": _url(pages_mod.tool_page(tool.id)),
        "redskabsoversigt": "redskaber/",
        "guideartikel": _url(pages_mod.article_page(article.id)),
        "lederkapitel": _url(pages_mod.chapter_page(chapter.id)),
        "ordliste": "ordliste/",
        "downloads": "downloads/",
        "tilgængelighedserklæring": "tilgaengelighed/",
        "emneord": "tags/",
        "om": "om/",
    }
    for calculator in (t for t in book.tools.values() if t.calculator):  # each calculator
        kinds[calculator.calculator] = _url(pages_mod.tool_page(calculator.id))
    if (site_dir / "planlaeg" / "index.html").exists():  # the planner page, once it exists
        kinds["planlægning"] = "planlaeg/"
    return kinds


# --- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def _settle(page) -> None:
    """Wait until Material's scripts have set the page up (tables wrapped, palette applied)."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.body.hasAttribute('data-md-color-scheme')")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


# --- axe-core -------------------------------------------------------------------------


def test_vendored_axe_is_the_pinned_release() -> None:
    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256, "run scripts/vendor-js.sh"
    assert data.startswith(f"/*! axe v{AXE_VERSION}".encode())


def _axe(page) -> list[str]:
    """WCAG 2.1 A/AA violations on the page, one line per element: rule, impact, target."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG21_AA
    )
    return [
        f"{v['id']} ({v['impact']}): {' '.join(map(str, node['target']))}"
        f" – {node.get('failureSummary', '').splitlines()[-1].strip()}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@needs_chromium
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_passes_axe_wcag21_aa(
    browser, base_url: str, book: Handbook, site_dir: Path, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = []
    for kind, url in page_kinds(book, site_dir).items():
        page.goto(base_url + url)
        _settle(page)
        palette = page.get_attribute("body", "data-md-color-scheme")
        assert palette == ("slate" if scheme == "dark" else "default"), (kind, palette)
        failures += [f"{kind} (/{url}): {line}" for line in _axe(page)]
    context.close()
    assert not failures, f"{len(failures)} axe violations ({scheme}):\n" + "\n".join(failures)


@needs_chromium
def test_pages_with_wide_tables_pass_axe_on_a_phone(
    browser, base_url: str, book: Handbook, site_dir: Path
) -> None:
    """At 320 px (WCAG's reflow width) wide tables scroll sideways: each scroll area must be
    reachable by keyboard, and nothing else may break."""
    kinds = page_kinds(book, site_dir)
    context = browser.new_context(viewport={"width": 320, "height": 844})
    page = context.new_page()
    failures = []
    for kind in ("undervisningsdag", "ressourceberegner", "fejlmatchberegner", "downloads"):
        if kind not in kinds:
            continue
        page.goto(base_url + kinds[kind])
        _settle(page)
        failures += [f"{kind}: {line}" for line in _axe(page)]
    context.close()
    assert not failures, "\n".join(failures)


# --- keyboard -------------------------------------------------------------------------

_FOCUS = """() => {
  const el = document.activeElement;
  const box = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // Material's hidden option inputs (e.g. the palette switch) show focus on their label.
  const shown = !box(el) && el.classList.contains('md-option') ? el.nextElementSibling : el;
  const s = getComputedStyle(shown);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
  return {
    id: el.dataset.filter || el.name || el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40),
    tag: el.tagName, cls: el.className.toString(),
    inContent: !!el.closest('.md-content'),
    indicator: box(shown) && (outline || shadow),
  };
}"""


def _skip_to_content(page) -> None:
    """First Tab stop: the skip link, with a visible focus; Enter puts focus in the content."""
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS)
    assert "md-skip" in first["cls"], f"the first Tab stop is not the skip link: {first}"
    assert first["indicator"], "the skip link shows no focus"
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")  # Material's instant navigation reloads in place
    page.wait_for_function("() => !!document.activeElement.closest('.md-content')")


def _walk(page, until_out_of_content: bool = True, limit: int = 400) -> list[dict]:
    """From the top of the page: skip link, then Tab through the content. The focused elements."""
    _skip_to_content(page)
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUS)
        if until_out_of_content and seen and not info["inContent"]:
            break
        seen.append(info)
    return seen


def _no_indicator(seen: list[dict]) -> list[str]:
    return [f"{s['tag']}.{s['cls']} {s['id']!r}" for s in seen if not s["indicator"]]


@needs_chromium
def test_tool_filter_works_by_keyboard_alone(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "redskaber/")
    _settle(page)
    chips = page.eval_on_selector_all(".mh-chip", "els => els.map(e => e.dataset.filter)")
    assert chips
    seen = _walk(page)
    reached = [s["id"] for s in seen if "mh-chip" in s["cls"]]
    assert reached == chips, "the Tab key does not reach every filter chip in order"
    assert not _no_indicator(seen), "no visible focus on: " + ", ".join(_no_indicator(seen))

    # Operate one chip with Enter and Space only.
    page.goto(base_url + "redskaber/")
    _settle(page)
    before = page.locator(".mh-tool:visible").count()
    _skip_to_content(page)
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.filter") == "use:styring":
            break
    else:
        pytest.fail("the chip use:styring is not reachable with Tab")
    page.keyboard.press("Enter")
    chip = page.locator("button[data-filter='use:styring']")
    assert chip.get_attribute("aria-pressed") == "true"
    assert 0 < page.locator(".mh-tool:visible").count() < before
    page.keyboard.press("Space")
    assert chip.get_attribute("aria-pressed") == "false"
    assert page.locator(".mh-tool:visible").count() == before
    page.close()


@needs_chromium
def test_ressourceberegner_works_by_keyboard_alone(
    browser, base_url: str, book: Handbook, site_dir: Path
) -> None:
    url = page_kinds(book, site_dir)["ressourceberegner"]
    page = browser.new_page(viewport={"width": 320, "height": 844})
    page.goto(base_url + url)
    _settle(page)
    inputs = page.eval_on_selector_all(".mh-calc input", "els => els.map(e => e.name)")
    # At 320 px (WCAG's reflow width) the capacity table scrolls sideways: its scroll area
    # becomes a named, focusable region (docs/javascripts/a11y.js).
    scrolling = ".mh-calc-out .md-typeset__scrollwrap[role=region][tabindex='0']"
    page.wait_for_function(f"() => document.querySelector({scrolling!r}) !== null")
    regions = page.eval_on_selector_all(
        scrolling, "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert inputs and "citizens" in inputs and regions
    assert "Tabel: Årsværkstabel: samtaler pr. år" in regions
    seen = _walk(page)
    ids = [s["id"] for s in seen]
    assert [i for i in ids if i in inputs] == inputs, "not every field is reachable with Tab"
    assert [i for i in ids if i in regions] == regions, "a result table cannot be reached"
    assert not _no_indicator(seen), "no visible focus on: " + ", ".join(_no_indicator(seen))

    # Type a new number into the first field and scroll the widest table, keyboard only.
    page.goto(base_url + url)
    _settle(page)
    _skip_to_content(page)
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == "citizens":
            break
    else:
        pytest.fail("the first field is not reachable with Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("100")
    # 30 intensive citizens seen 24 times + 70 seen 4 times = 720 + 280.
    assert page.inner_text("[data-out='total-0']") == "1.000"
    widest = regions[-1]
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == widest:
            break
    else:
        pytest.fail(f"the region {widest!r} is not reachable with Tab")
    region = page.locator(f"[aria-label='{widest}']")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "expected a scrolling table"
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle())
    page.close()


# --- accessibility statement ----------------------------------------------------------


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _links_to(site_root: Path, page: Path, target: Path) -> bool:
    parser = _Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        base = site_root if parts.path.startswith("/") else page.parent
        resolved = (base / unquote(parts.path).lstrip("/")).resolve()
        if resolved.is_dir():
            resolved = resolved / "index.html"
        if resolved == target.resolve():
            return True
    return False


def test_every_page_links_to_the_accessibility_statement(site_dir: Path) -> None:
    statement = site_dir / "tilgaengelighed" / "index.html"
    text = statement.read_text(encoding="utf-8")
    assert "Tilgængelighedserklæring" in text and "WCAG 2.1" in text and "EN 301 549" in text
    missing = [
        str(p.relative_to(site_dir))
        for p in sorted(site_dir.rglob("*.html"))
        if not _links_to(site_dir, p, statement)
    ]
    assert not missing, "pages without a link to the statement:\n" + "\n".join(missing)


def test_statement_shows_the_configured_contact(site_dir: Path) -> None:
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open("rb") as f:
        configured = (yaml_load(f).get("extra") or {}).get("accessibility_contact")
    text = (site_dir / "tilgaengelighed" / "index.html").read_text(encoding="utf-8")
    if configured:
        assert configured in text
    else:
        assert "Udgiveren har endnu ikke oplyst en kontaktvej" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "tilgaengelighed@example.dk",
            "[tilgaengelighed@example.dk](mailto:tilgaengelighed@example.dk)",
        ),
        ("https://example.dk/kontakt", "<https://example.dk/kontakt>"),
        ("Ring på 12 34 56 78 *hverdage*", r"Ring på 12 34 56 78 \*hverdage\*"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("", MISSING_CONTACT),
        ("   ", MISSING_CONTACT),
        (None, MISSING_CONTACT),
    ],
)
def test_contact_route_markdown(value: object, expected: str) -> None:
    assert contact_markdown(value) == expected


# --- offline bundle -------------------------------------------------------------------


def test_offline_bundle_is_built_and_offered_on_the_downloads_page(site_dir: Path) -> None:
    bundle = site_dir / "pdf" / outputs.OFFLINE_BUNDLE
    assert bundle.is_file()
    downloads = site_dir / "downloads" / "index.html"
    assert _links_to(site_dir, downloads, bundle)
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
    assert {n.split("/")[0] for n in names} == {"metodehaandbogen"}
    built_pdfs = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.pdf")}
    assert built_pdfs and {f"metodehaandbogen/{p}" for p in built_pdfs} <= names
    assert "metodehaandbogen/search/search_index.js" in names


@pytest.fixture(scope="module")
def offline_root(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site_dir / "pdf" / outputs.OFFLINE_BUNDLE) as zf:
        zf.extractall(target)
    return target / "metodehaandbogen"


@needs_chromium
def test_offline_bundle_works_from_disk_without_network(browser, offline_root: Path) -> None:
    context = browser.new_context(offline=True)
    requested: list[str] = []
    context.route("http*://**", lambda route: (requested.append(route.request.url), route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_root / "index.html").as_uri())
    _settle(page)

    # Search in Danish, then follow the hit to the tool page.
    page.click("input.md-search__input")
    page.keyboard.type("ABC", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert "ABC-jobstrategi" in page.inner_text(".md-search-result__list")
    page.click(".md-search-result__item a >> nth=0")
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and "/redskaber/abc-jobstrategi.html" in page.url
    assert page.locator("h1").first.inner_text().startswith("ABC-jobstrategi")

    # Navigate by links only: the tool index, then the downloads page and a PDF.
    page.click(".md-tabs__link:text('Redskaber')")
    page.wait_for_load_state("load")
    assert page.url.endswith("/redskaber/index.html")
    page.click(".md-tabs__link:text('PDF-filer')")
    page.wait_for_load_state("load")
    assert page.url.endswith("/downloads.html")
    pdf_links = page.eval_on_selector_all(
        ".md-content a[href$='.pdf']", "els => els.map(e => e.getAttribute('href'))"
    )
    assert pdf_links
    for href in pdf_links:
        target = Path(unquote(urlsplit(urljoin(page.url, href)).path))
        assert target.is_file() and target.read_bytes()[:5] == b"%PDF-", href
    assert not page.locator(f".md-content a[href$='{outputs.OFFLINE_BUNDLE}']").count()
    page.click(f".md-content a[href='{pdf_links[0]}']")  # Chromium opens the PDF itself
    page.wait_for_url("file://**/*.pdf")
    assert page.url == urljoin((offline_root / "downloads.html").as_uri(), pdf_links[0])
    context.close()
    assert not requested, f"the offline bundle asked the network for: {requested}"
    assert not errors, errors


def test_offline_build_settings_keep_the_sites_own() -> None:
    from handbook import offline
    from handbook.paths import DOCS

    overrides = offline.config_overrides()
    assert overrides["use_directory_urls"] is False
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in overrides["plugins"]]
    assert plugins[-1] == "offline" and {"search", "tags", "macros"} <= set(plugins)
    assert overrides["extra"]["polyfills"] == [offline.SHIM]
    assert "accessibility_contact" in overrides["extra"]
    assert (DOCS / offline.SHIM).is_file()
