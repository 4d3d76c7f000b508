"""Print renderer: Handbook → HTML (Jinja templates in templates/pdf/) → PDF (WeasyPrint).

For each output kind a context function gathers what goes into the PDF; the kind's
template renders the body; the table of contents is read back from the body's headings
(so it lists exactly the headings that are there, with working links); document.html.j2
wraps it all with metadata, cover and contents.

Participant material never shows trainer notes or editorial provenance notes: the print
templates never print `trainer_notes` or `provenance.notes` (tests/test_pdf.py checks the
PDFs). The leaders' cookbook follows the same rule.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..catalog import Handbook
from ..model import Article, Chapter, Day, Homework, Module, Provenance, Term, Tool, Worksheet
from ..paths import TEMPLATES
from . import site
from .common import SOURCE_NAMES, danish_key, environment, labels
from .outputs import PdfOutput, plan

log = logging.getLogger(__name__)

TEMPLATE_DIR = TEMPLATES / "pdf"

# --- anchors: one id scheme for links, contents and bookmarks -------------------------


def tool_anchor(tool_id: str) -> str:
    return f"redskab-{tool_id}"


def module_anchor(module_id: str) -> str:
    return f"modul-{module_id}"


def day_anchor(module_id: str, day_id: str) -> str:
    return f"dag-{module_id}-{day_id}"


def homework_anchor(module_id: str, hw_id: str) -> str:
    return f"hjemmeopgave-{module_id}-{hw_id}"


def article_anchor(article_id: str) -> str:
    return f"artikel-{article_id}"


def chapter_anchor(chapter_id: str) -> str:
    return f"kapitel-{chapter_id}"


def worksheet_prefix(owner_id: str, index: int) -> str:
    """Anchor of a worksheet and prefix of its field names: 'ws-<tool or chapter id>-<n>'."""
    return f"ws-{owner_id}-{index}"


def field_name(prefix: str, section: int, number: int) -> str:
    """Unique PDF form field name: '<prefix>-<section>-<field>', e.g. 'ws-detektiv-0-1-0'.

    All numbers are 0-based. Checkbox and scale fields get one PDF field per option: this
    name plus '-<option>'. The label goes into the field's alternate name (/TU) instead.
    """
    return f"{prefix}-{section}-{number}"


# --- what goes into one PDF ----------------------------------------------------------


@dataclass(frozen=True)
class SheetRef:
    """A worksheet placed in a PDF, with the tool or chapter it belongs to."""

    sheet: Worksheet
    owner_id: str
    owner_title: str
    index: int

    @property
    def prefix(self) -> str:
        return worksheet_prefix(self.owner_id, self.index)

    @property
    def anchor(self) -> str:
        return self.prefix


def _sheets(owner: Tool | Chapter) -> list[SheetRef]:
    return [SheetRef(ws, owner.id or "", owner.title, i) for i, ws in enumerate(owner.worksheets)]


@dataclass
class Contents:
    """What one PDF holds: templates link to a tool card only when it is in the PDF."""

    tools: list[Tool] = field(default_factory=list)
    modules: list[tuple[Module, list[Day]]] = field(default_factory=list)
    homework: list[tuple[Module, Homework]] = field(default_factory=list)
    glossary: bool = False
    with_sheets: bool = True  # False: the tools' worksheets are not printed in this PDF
    extra_sheets: list[SheetRef] = field(default_factory=list)

    @property
    def tool_ids(self) -> set[str]:
        return {t.id for t in self.tools if t.id}

    def sheets(self) -> list[SheetRef]:
        """Worksheets of the PDF's tools, in card order."""
        return [ref for t in self.tools for ref in _sheets(t)] if self.with_sheets else []

    def sheets_of(self, tool_id: str) -> list[SheetRef]:
        return [ref for ref in self.sheets() if ref.owner_id == tool_id]

    @property
    def sheet_anchors(self) -> set[str]:
        return {ref.anchor for ref in [*self.sheets(), *self.extra_sheets]}


def _tools(book: Handbook, ids: Iterable[str]) -> list[Tool]:
    return book.with_parts(list(ids))


def _group_days(book: Handbook, refs: list[str]) -> list[tuple[Module, list[Day]]]:
    """A pack's days in teaching order, consecutive days of one module grouped."""
    groups: list[tuple[Module, list[Day]]] = []
    for ref in refs:
        module, day = book.day(ref)
        if groups and groups[-1][0].id == module.id:
            groups[-1][1].append(day)
        else:
            groups.append((module, [day]))
    return groups


def _course(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    course = book.courses[out.course_id or ""]
    modules = [book.modules[m] for m in course.modules]
    parts = Contents(
        tools=book.course_tools(course),
        modules=[(m, list(m.days)) for m in modules],
        homework=[(m, hw) for m in modules for hw in m.homework],
        glossary=book.glossary is not None,
    )
    return {
        "template": "participant.html.j2",
        "parts": parts,
        "course": course,
        "pack": None,
        "with_activities": True,
        "cover_subtitle": course.subtitle,
        "cover_lead": course.purpose,
        "cover_audience": "Deltagermappe til " + _audience(course.audience),
    }


def _trainer(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    """The trainer's manual: the course pack's plan with the trainer notes, without cards."""
    ctx = _course(book, out)
    ctx["parts"] = replace(ctx["parts"], tools=[], glossary=False)
    ctx["trainer"] = True
    ctx["cover_audience"] = "Til underviseren – udleveres ikke til deltagerne"
    return ctx


def _pack(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    pack = book.packs[out.pack_id or ""]
    groups = _group_days(book, pack.days)
    ids: list[str] = []
    homework: list[tuple[Module, Homework]] = []
    for module, days in groups:
        for day in days:
            ids.extend(t for b in day.blocks for t in b.tools)
            for hw_id in day.homework_out:
                hw = book.homework(module, hw_id)
                homework.append((module, hw))
                ids.extend(hw.tools)
    parts = Contents(
        tools=_tools(book, [*ids, *pack.tools]),
        modules=groups,
        homework=homework,
        glossary=pack.include_glossary and book.glossary is not None,
    )
    return {
        "template": "participant.html.j2",
        "parts": parts,
        "course": None,
        "pack": pack,
        "with_activities": False,
        "cover_subtitle": None,
        "cover_lead": pack.subtitle,
        "cover_audience": "Deltagermappe",
    }


def _articles(book: Handbook, kind: str) -> list[Article]:
    items = [a for a in book.guide.values() if a.kind == kind]
    return sorted(items, key=lambda a: (a.order, a.title.lower()))


def _guide(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    later = [(k, _articles(book, k)) for k in ("organisering", "case", "definition")]
    return {
        "template": "guide.html.j2",
        "parts": Contents(tools=site.guide_tools(book)),
        "overview": _articles(book, "oversigt"),
        "later": [(kind, items) for kind, items in later if items],
        "cover_subtitle": "En guide til organisering, implementering og redskaber",
        "cover_lead": out.description,
        "cover_audience": "Til medarbejdere og ledere i jobcentre og a-kasser",
    }


def _cookbook(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    chapters = sorted(book.cookbook.values(), key=lambda c: c.order)
    sheets = {c.id: _sheets(c) for c in chapters}
    # The chapters' tools are printed as an appendix, so every tool link in the PDF resolves.
    # Only the tools the chapters name: leaders need the model, not every technique in it.
    tools = [book.tools[i] for i in dict.fromkeys(t for c in chapters for t in c.tools)]
    return {
        "template": "cookbook.html.j2",
        "parts": Contents(
            tools=tools,
            with_sheets=False,  # the tools' forms are separate PDFs; the card names them
            extra_sheets=[r for refs in sheets.values() for r in refs],
        ),
        "chapters": chapters,
        "chapter_sheets": sheets,
        "cover_subtitle": None,
        "cover_lead": out.description,
        "cover_audience": "Til ledere og projektledere",
    }


def _toolcards(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    families = [(root, book.with_parts([root.id or ""])) for root in book.root_tools()]
    grouped = [(root, members) for root, members in families if len(members) > 1]
    singles = [root for root, members in families if len(members) == 1]
    return {
        "template": "toolcards.html.j2",
        "parts": Contents(
            tools=[t for _, members in grouped for t in members] + singles, with_sheets=False
        ),
        "families": grouped,
        "singles": singles,
        "cover_subtitle": None,
        "cover_lead": out.description,
        "cover_audience": None,
    }


def _worksheet(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    owner: Tool | Chapter
    if out.tool_id:
        owner = book.tools[out.tool_id]
    elif out.chapter_id:
        owner = book.cookbook[out.chapter_id]
    else:
        raise ValueError(f"worksheet output {out.filename} names no tool or chapter")
    ref = _sheets(owner)[out.worksheet_index]
    return {"template": "worksheet.html.j2", "parts": Contents(), "sheet": ref}


CONTEXT: dict[str, Callable[[Handbook, PdfOutput], dict[str, Any]]] = {
    "course": _course,
    "trainer": _trainer,
    "pack": _pack,
    "guide": _guide,
    "cookbook": _cookbook,
    "toolcards": _toolcards,
    "worksheet": _worksheet,
}

# --- helpers for the templates -------------------------------------------------------


def _audience(values: list[str]) -> str:
    return labels(values, "audience").lower()


def source_names(provenance: Provenance) -> list[str]:
    """Names of the source documents (never the editorial notes)."""
    return [SOURCE_NAMES[d] for d in dict.fromkeys(s.doc for s in provenance.sources)]


def homework_days(module: Module, hw: Homework) -> tuple[Day | None, Day | None]:
    """The day that hands the homework out and the day that follows it up."""
    given = next((d for d in module.days if hw.id in d.homework_out), None)
    followup = next((d for d in module.days if d.id == hw.followed_up_in), None)
    return given, followup


def glossary_terms(book: Handbook) -> list[Term]:
    if book.glossary is None:
        return []
    return sorted(book.glossary.terms, key=lambda t: danish_key(t.term))


def _site_path(page: str) -> str:
    """'redskaber/x.md' → 'redskaber/x/' (the address on the published site)."""
    page = page.removesuffix(".md")
    return page.removesuffix("index") if page.endswith("/index") else page + "/"


# --- HTML ------------------------------------------------------------------------------

_HEADING = re.compile(r"<h([12])\b([^>]*)>(.*?)</h\1>", re.DOTALL)
_ATTR = re.compile(r'([\w-]+)(?:="([^"]*)")?')
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str


def contents_of(body: str) -> list[TocEntry]:
    """h1/h2 headings marked data-toc in the rendered body, in document order."""
    entries = []
    for level, attrs, inner in _HEADING.findall(body):
        found = {k: v for k, v in _ATTR.findall(attrs)}
        if "data-toc" not in found or not found.get("id"):
            continue
        title = found.get("data-label") or _TAG.sub(" ", inner)
        entries.append(TocEntry(int(level), found["id"], " ".join(html.unescape(title).split())))
    return entries


def _environment(book: Handbook) -> jinja2.Environment:
    env = environment("pdf")
    sheet_files = {
        (o.tool_id or o.chapter_id, o.worksheet_index): o.filename
        for o in plan(book)
        if o.kind == "worksheet"
    }
    env.globals.update(
        book=book,
        tool_anchor=tool_anchor,
        module_anchor=module_anchor,
        day_anchor=day_anchor,
        homework_anchor=homework_anchor,
        article_anchor=article_anchor,
        chapter_anchor=chapter_anchor,
        worksheet_prefix=worksheet_prefix,
        field_name=field_name,
        source_names=source_names,
        homework_days=homework_days,
        glossary_terms=glossary_terms(book),
        sheet_pdf=lambda owner_id, index: sheet_files.get((owner_id, index)),
        tool_site_path=lambda i: _site_path(site.tool_page(i)),
        module_site_path=lambda i: _site_path(site.module_page(i)),
        article_site_path=lambda i: _site_path(site.article_page(i)),
    )
    return env


def render_html(book: Handbook, output: PdfOutput) -> str:
    """The complete HTML document for one PDF output."""
    env = _environment(book)
    ctx = CONTEXT[output.kind](book, output)
    single = output.kind == "worksheet"
    ctx.setdefault("cover_subtitle", None)
    ctx.setdefault("cover_lead", None)
    ctx.setdefault("cover_audience", None)
    ctx.setdefault("trainer", False)  # only the trainer's manual prints trainer notes
    body = env.get_template(ctx.pop("template")).render(output=output, fillable=single, **ctx)
    return env.get_template("document.html.j2").render(
        output=output,
        body=Markup(body),
        toc=[] if single else contents_of(body),
        fillable=single,
        cover=not single,
        **{k: v for k, v in ctx.items() if k.startswith("cover_")},
    )


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
            if path is None or not path.is_relative_to(assets) or not path.is_file():
                log.warning("refused to load %s: only the print assets may be loaded", url[:80])
                raise ValueError(f"refused: {url[:80]}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return AssetFetcher(allowed_protocols=("file",), timeout=1)


PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfResult:
    """What rendering one PDF produced: pages, and the warnings to show the author."""

    pages: int
    warnings: tuple[str, ...] = ()


def html_to_pdf(document_html: str, target: Path, forms: bool) -> PdfResult:
    """Render a complete HTML document (from render_html) to `target`.

    Pure: the result depends only on the arguments, the print assets in templates/pdf/,
    the system fonts and the WeasyPrint version (the PDF cache key in handbook/cache.py
    hashes exactly these), and nothing here needs the Handbook, so worker processes can
    run it. Tagged PDF/UA-1 with title and language (from <title> and <html lang="da">);
    `forms` adds fillable form fields (the worksheet PDFs). The warnings (the PDF/UA
    fallback, refused assets) are returned, not logged, so a parent process can print them.
    """
    from weasyprint import DEFAULT_OPTIONS, HTML

    target.parent.mkdir(parents=True, exist_ok=True)
    with _collect_warnings() as warnings:
        document = HTML(
            string=document_html, base_url=f"{TEMPLATE_DIR}/", url_fetcher=asset_fetcher()
        )
        options = {**DEFAULT_OPTIONS, "pdf_variant": PDF_VARIANT, "pdf_forms": forms}
        try:
            rendered = document.render(**options)
            rendered.write_pdf(target, **options)
        except Exception as exc:  # noqa: BLE001 - any WeasyPrint failure in the UA variant
            # Fallback: should WeasyPrint fail to write PDF/UA-1 for some content, write a
            # plain tagged PDF instead (same structure tree and metadata, no UA claim).
            log.warning("%s: PDF/UA-1 failed (%s); writing a tagged PDF", target.name, exc)
            options = {**DEFAULT_OPTIONS, "pdf_tags": True, "pdf_forms": forms}
            rendered = document.render(**options)
            rendered.write_pdf(target, **options)
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


def write_pdf(book: Handbook, output: PdfOutput, target_dir: Path) -> Path:
    """Render one output to target_dir/output.filename and return the path."""
    target = target_dir / output.filename
    result = html_to_pdf(render_html(book, output), target, forms=output.kind == "worksheet")
    for message in result.warnings:
        log.warning("%s", message)
    return target
