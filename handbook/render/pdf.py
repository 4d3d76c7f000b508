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

import datetime
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
from ..model import Article, Chapter, Day, Homework, Module, Run, Term, Tool, Worksheet
from ..paths import TEMPLATES, public_url
from ..runs import (
    RunDayView,
    clock,
    date_long,
    date_short,
    pack_days,
    run_days,
    run_homework,
    run_tool_ids,
)
from . import cards, formfont, site
from .common import danish_key, environment, labels, source_names
from .outputs import PdfOutput, plan, run_outputs

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

    All numbers are 0-based. A checkbox field gets one PDF field per option: this name
    plus '-<option>'. A choice or scale field is one radio group of this name whose
    buttons export the option texts. The label goes into the field's alternate name (/TU).
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
    """A trainer's pack: resolved like a course run without dates (handbook/runs.py), so a
    follow-up of homework the pack never hands out is not printed, and homework handed out
    on its last day is for after the course."""
    pack = book.packs[out.pack_id or ""]
    views = pack_days(book, pack)
    ctx = _views_context(book, views)
    parts = Contents(
        tools=_tools(book, [*run_tool_ids(views), *pack.tools]),
        homework=ctx.pop("homework"),
        glossary=pack.include_glossary and book.glossary is not None,
    )
    return {
        "template": "participant.html.j2",
        "parts": parts,
        "course": None,
        "pack": pack,
        **ctx,
        "with_activities": False,
        "cover_subtitle": None,
        "cover_lead": pack.subtitle,
        "cover_audience": "Deltagermappe",
    }


def _view_groups(views: list[RunDayView]) -> list[tuple[Module | None, list[RunDayView]]]:
    """Consecutive days of one module together; an own day stands alone."""
    groups: list[tuple[Module | None, list[RunDayView]]] = []
    for v in views:
        if v.module is not None and groups and groups[-1][0] is v.module:
            groups[-1][1].append(v)
        else:
            groups.append((v.module, [v]))
    return groups


def _views_context(book: Handbook, views: list[RunDayView]) -> dict[str, Any]:
    homework = run_homework(views)
    return {
        "views": views,
        "view_groups": _view_groups(views),
        "homework_items": {(h.module.id, h.homework.id): h for h in homework},
        "homework": [(h.module, h.homework) for h in homework],
    }


def _run_cover(run: Run, views: list[RunDayView]) -> list[tuple[str, str]]:
    cohort = ", ".join(run.cohort.organisations)
    if run.cohort.size:
        cohort += f" · {run.cohort.size} deltagere"
    venue = run.venue.name + (f", {run.venue.address}" if run.venue.address else "")
    dates = ", ".join(date_short(v.date) for v in views if v.date)
    year = {v.date.year for v in views if v.date}
    if len(year) == 1:
        dates += f" {year.pop()}"
    facts = [("Hold", cohort), ("Sted", venue), ("Datoer", dates)]
    if run.trainers:
        facts.append(("Undervisere", ", ".join(run.trainers)))
    return facts


def _run(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    """A course run's participant pack: the run's resolved days with dates and clock times."""
    run = book.runs[out.run_id or ""]
    views = run_days(book, run)
    ctx = _views_context(book, views)
    parts = Contents(
        tools=_tools(book, run_tool_ids(views)),
        homework=ctx.pop("homework"),
        glossary=book.glossary is not None,
    )
    course = book.courses.get(run.course) if run.course else None
    return {
        "template": "participant.html.j2",
        "parts": parts,
        "course": course,
        "pack": None,
        "run": run,
        **ctx,
        "with_activities": False,
        "cover_subtitle": course.title if course else None,
        "cover_lead": None,
        "cover_facts": _run_cover(run, views),
        "cover_audience": "Deltagermappe",
    }


def _copies(run: Run) -> str:
    return f"{run.cohort.size} kopier" if run.cohort.size else "én kopi pr. deltager"


def day_checklist(
    book: Handbook, run: Run, view: RunDayView, pack_file: str
) -> tuple[list[str], list[str]]:
    """What to print (and how many copies) and how to set up the room, the day before."""
    copies = _copies(run)
    prints: list[str] = []
    if view.number == 1:
        prints.append(f"Deltagermappen ({pack_file}): {copies}, hvis den ikke er sendt ud.")
    seen: set[str] = set()
    for block in view.day.blocks:
        for tid in block.tools:
            tool = book.tools[tid]
            if tid in seen:
                continue
            seen.add(tid)
            for sheet in tool.worksheets:
                prints.append(f"Skemaet «{sheet.title}» ({tool.title}): {copies}.")
    for item in view.homework_out:
        prints.append(
            f"Hjemmeopgaven «{item.homework.title}» (står i deltagermappen): {copies} "
            "til dem, der ikke har mappen med."
        )
    if not prints:
        prints.append("Intet ud over deltagermappen.")

    kinds = {b.kind for b in view.day.blocks}
    venue = run.venue.name + (f", {run.venue.address}" if run.venue.address else "")
    end = view.end if view.end is not None else view.finish
    room = [
        f"Lokale: {venue}, booket {clock(view.start)}–{clock(end)}. Mød ind kl. "
        f"{clock(max(view.start - 30, 0))} og gør klar."
    ]
    if view.number == 1:
        size = f" ({run.cohort.size} deltagere)" if run.cohort.size else ""
        room.append(f"Navneskilte og deltagerliste{size}.")
    if kinds & {"oplæg", "velkomst"}:
        room.append("Projektor og lærred, testet med din computer og dine slides.")
    if kinds & {"øvelse", "rollespil", "case"}:
        pairs = f" ({run.cohort.size // 2} par)" if run.cohort.size else ""
        room.append(f"Borde og stole, så deltagerne kan arbejde i par og små grupper{pairs}.")
    if kinds & {"drøftelse", "opsamling", "evaluering"}:
        room.append("Flipover og tusser til drøftelser og opsamling.")
    breaks = [start for start, _, b in view.schedule if b.kind == "pause"]
    lunch = [start for start, _, b in view.schedule if b.kind == "frokost"]
    if breaks or lunch:
        food = []
        if breaks:
            food.append("kaffe, te og vand til pauserne kl. " + " og ".join(breaks))
        if lunch:
            food.append("frokost kl. " + " og ".join(lunch))
        room.append("Forplejning bestilt: " + "; ".join(food) + ".")
    if "evaluering" in kinds:
        room.append("Evalueringsskemaet eller linket til evalueringen klar.")
    for item in view.homework_followup:
        room.append(
            f"Mind holdet om at tage hjemmeopgaven «{item.homework.title}» med "
            f"(udleveret kursusdag {item.given})."
        )
    return prints, room


def _runsheet(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    """The trainer's run sheet (drejebog): the only run PDF with trainer notes."""
    run = book.runs[out.run_id or ""]
    views = run_days(book, run)
    ctx = _views_context(book, views)
    ctx.pop("homework")
    pack_file = next(o.filename for o in run_outputs(book, run.id or "") if o.kind == "run")
    return {
        "template": "runsheet.html.j2",
        "parts": Contents(),
        "run": run,
        **ctx,
        "checklists": {v.number: day_checklist(book, run, v, pack_file) for v in views},
        "trainer": True,
        "cover_subtitle": None,
        "cover_lead": None,
        "cover_facts": _run_cover(run, views),
        "cover_audience": "Til underviseren – udleveres ikke til deltagerne",
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
    "run": _run,
    "runsheet": _runsheet,
    "toolcard": cards.single_card_context,
}

# --- helpers for the templates -------------------------------------------------------


def _audience(values: list[str]) -> str:
    return labels(values, "audience").lower()


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
        date_long=date_long,
        one_day=datetime.timedelta(days=1),
        clock=clock,
        glossary_terms=glossary_terms(book),
        sheet_pdf=lambda owner_id, index: sheet_files.get((owner_id, index)),
        pdf_url=lambda filename: public_url(f"pdf/{filename}"),
        tool_url=lambda i: public_url(_site_path(site.tool_page(i))),
        module_url=lambda i: public_url(_site_path(site.module_page(i))),
        article_url=lambda i: public_url(_site_path(site.article_page(i))),
    )
    return env


def render_html(book: Handbook, output: PdfOutput, compact: frozenset[str] = frozenset()) -> str:
    """The complete HTML document for one PDF output.

    compact: anchors of the worksheets to lay out with tighter write-in space (write_pdf).
    """
    env = _environment(book)
    if output.kind in cards.RENDERERS:  # the deck has its own page layout and CSS
        return cards.RENDERERS[output.kind](book, output, env)
    ctx = CONTEXT[output.kind](book, output)
    single = output.kind == "worksheet"
    cover = ctx.pop("cover", not single)
    ctx.setdefault("cover_subtitle", None)
    ctx.setdefault("cover_lead", None)
    ctx.setdefault("cover_audience", None)
    ctx.setdefault("trainer", False)  # only the trainer's manual prints trainer notes
    for key in ("run", "cover_facts"):
        ctx.setdefault(key, None)
    ctx.setdefault("views", [])
    ctx.setdefault("homework_items", {})
    body = env.get_template(ctx.pop("template")).render(
        output=output,
        fillable=single,
        line_mm=LINE_MM,
        compact_line_mm=COMPACT_LINE_MM,
        compact_sheets=compact,
        **ctx,
    )
    return env.get_template("document.html.j2").render(
        output=output,
        body=Markup(body),
        toc=contents_of(body) if cover else [],
        fillable=single,
        form_font_css=Markup(formfont.font_face_css()) if single else "",
        cover=cover,
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
LINE_MM = 7
COMPACT_LINE_MM = 6


class _AllSheets(frozenset):
    """`compact` for render_html: every worksheet and homework sheet."""

    def __contains__(self, anchor: object) -> bool:
        return True


ALL_SHEETS = _AllSheets()


def compact_variant(book: Handbook, output: PdfOutput, document_html: str) -> str | None:
    """The same document with tighter write-in space, for PDFs that hold sheets to fill in."""
    if 'class="sheet' not in document_html and 'class="homework' not in document_html:
        return None
    return render_html(book, output, compact=ALL_SHEETS)


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
        later = [n for n in item_pages if n > page]
        end = later[0] if later else len(document.pages)
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


def write_pdf(book: Handbook, output: PdfOutput, target_dir: Path) -> Path:
    """Render one output to target_dir/output.filename and return the path."""
    target = target_dir / output.filename
    document_html = render_html(book, output)
    result = html_to_pdf(
        document_html,
        target,
        forms=output.kind == "worksheet",
        compact_html=compact_variant(book, output, document_html),
    )
    for message in result.warnings:
        log.warning("%s", message)
    return target
