"""What every web reader hits: the built site, checked as HTML and in a real browser.

A site-only build (no PDFs) made once for this module keeps these tests fast.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from handbook.catalog import Handbook
from handbook.paths import site_url

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def web_dir(book: Handbook, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook's site, built once without PDFs."""
    from handbook.build import build

    target = tmp_path_factory.mktemp("web") / "site"
    assert build(book, with_pdfs=False, quiet=True, site_dir=target) == 0
    return target


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def web_url(web_dir: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(web_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


# -- the public address ------------------------------------------------------------------


def test_sitemap_lists_pages_with_the_configured_address(web_dir: Path) -> None:
    sitemap = (web_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    base = site_url()
    assert base.startswith(("http://", "https://")) and base.endswith("/")
    pages = {p.parent.relative_to(web_dir).as_posix() for p in web_dir.rglob("index.html")}
    pages.discard("search")
    assert len(locs) >= len(pages) > 50
    assert all(loc.startswith(base) for loc in locs)
    assert base + "redskaber/abc-jobstrategi/" in locs


def test_site_url_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://example.org/haandbog")
    assert site_url() == "https://example.org/haandbog/"
