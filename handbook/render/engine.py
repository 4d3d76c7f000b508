"""The WeasyPrint engine: a complete HTML document → a tagged PDF/UA-1 file.

What the PDF worker processes import (handbook/build.py): nothing here needs the Handbook,
only the HTML, the print assets under templates/pdf/ and the system fonts.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import TEMPLATES
from . import formfont

log = logging.getLogger(__name__)

TEMPLATE_DIR = TEMPLATES / "pdf"


def asset_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves only the print assets under templates/pdf/.

    Every other address (other files, http(s), data: URLs) is refused, so no text in the
    content can make a PDF embed or attach a file from disk or make a network request.
    Fonts come from the system through fontconfig, not through this fetcher.
    """
    import mimetypes
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    assets = TEMPLATE_DIR.resolve()

    class AssetFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" else None
            if path == assets / formfont.FILENAME and (font := formfont.font_bytes()):
                return URLFetcherResponse(url, font, {"Content-Type": "font/ttf"})
            if path is None or not path.is_relative_to(assets) or not path.is_file():
                log.warning("refused to load %s: only the print assets may be loaded", url[:80])
                raise ValueError(f"refused: {url[:80]}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return AssetFetcher(allowed_protocols=("file",), timeout=1)


def _unnamed_radio_buttons(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: the buttons of a radio group carry no field name of their own.

    WeasyPrint 70 gives each button the group's name (/T) as well, which makes every button
    a field 'name.name' of its own in some readers. The group (the /Parent) keeps the name.
    """
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Subtype") == "/Widget" and "Parent" in obj:
            obj.pop("T", None)
            obj.pop("TU", None)


# Height of one write-in line; a PDF whose sheets run over a page gets tighter lines when
# that saves a page.
def _long_sheets(document: Any) -> frozenset[str]:
    """Anchors of the worksheets and homework sheets that run over more than one page.

    Such a sheet starts a page; it ends where the next anchored item starts on a new page, or
    at the document's end.
    """
    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            first_page.setdefault(anchor, number)
    item_pages = sorted(set(first_page.values()))
    long: set[str] = set()
    for anchor, page in first_page.items():
        if not anchor.startswith(("ws-", "hjemmeopgave-")):  # worksheets and homework
            continue
        after = bisect.bisect_right(item_pages, page)  # not a scan: linear in the pages
        end = item_pages[after] if after < len(item_pages) else len(document.pages)
        if end - page > 1:
            long.add(anchor)
    return frozenset(long)


PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfResult:
    """What rendering one PDF produced: pages, and the warnings to show the author."""

    pages: int
    warnings: tuple[str, ...] = ()


def html_to_pdf(
    document_html: str, target: Path, forms: bool, compact_html: str | None = None
) -> PdfResult:
    """Render a complete HTML document (from render_html) to `target`.

    Pure: the result depends only on the arguments, the print assets in templates/pdf/,
    the system fonts and the WeasyPrint version (the PDF cache key in handbook/cache.py
    hashes exactly these), and nothing here needs the Handbook, so worker processes can
    run it. Tagged PDF/UA-1 with title and language (from <title> and <html lang="da">);
    `forms` adds fillable form fields (the worksheet PDFs). When a worksheet or homework
    sheet runs over a page and `compact_html` (the tighter variant) needs fewer pages, the
    tighter one is written: a form that nearly fits one page then fits it. The warnings
    (the PDF/UA fallback, refused assets) are returned, not logged, so a parent process
    can print them.
    """
    from weasyprint import DEFAULT_OPTIONS, HTML

    target.parent.mkdir(parents=True, exist_ok=True)

    def layout(source: str, options: dict[str, Any]) -> Any:
        return HTML(string=source, base_url=f"{TEMPLATE_DIR}/", url_fetcher=asset_fetcher()).render(
            **options
        )

    def write(options: dict[str, Any]) -> Any:
        rendered = layout(document_html, options)
        if compact_html is not None and _long_sheets(rendered):
            tight = layout(compact_html, options)
            if len(tight.pages) < len(rendered.pages):
                rendered = tight
        rendered.write_pdf(target, finisher=_unnamed_radio_buttons, **options)
        return rendered

    with _collect_warnings() as warnings:
        try:
            rendered = write({**DEFAULT_OPTIONS, "pdf_variant": PDF_VARIANT, "pdf_forms": forms})
        except Exception as exc:  # noqa: BLE001 - any WeasyPrint failure in the UA variant
            # Fallback: should WeasyPrint fail to write PDF/UA-1 for some content, write a
            # plain tagged PDF instead (same structure tree and metadata, no UA claim).
            log.warning("%s: PDF/UA-1 failed (%s); writing a tagged PDF", target.name, exc)
            rendered = write({**DEFAULT_OPTIONS, "pdf_tags": True, "pdf_forms": forms})
    return PdfResult(len(rendered.pages), tuple(warnings))


@contextmanager
def _collect_warnings() -> Iterator[list[str]]:
    """Warnings this module logs while the block runs, gathered instead of printed."""
    gathered: list[str] = []

    class Gather(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            gathered.append(record.getMessage())

    handler = Gather(logging.WARNING)
    propagate = log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        yield gathered
    finally:
        log.removeHandler(handler)
        log.propagate = propagate
