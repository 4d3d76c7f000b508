"""Print renderer: Handbook → HTML (Jinja templates in templates/pdf/) → PDF (WeasyPrint).

For each output kind a context function (print_context.py) gathers what goes into the
PDF; the kind's template renders the body; the table of contents is read back from the body's headings
(so it lists exactly the headings that are there, with working links); document.html.j2
wraps it all with metadata, cover and contents. engine.py turns the HTML into the PDF (in
the build's worker processes); anchors.py names the ids the links use.

Participant material never shows trainer notes or editorial provenance notes: the print
templates never print `trainer_notes` or `provenance.notes` (tests/test_pdf.py checks the
PDFs). The leaders' cookbook follows the same rule.
"""

from __future__ import annotations

import datetime
import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..content import versions
from ..content.book import Handbook
from ..content.outputs import PdfOutput, plan
from ..content.pages import article_page, module_page, page_address, tool_page
from ..content.release import BRAND, stamp
from ..content.timeplan import clock, date_long
from ..paths import print_address, site_address
from . import cards, formfont
from .anchors import (
    article_anchor,
    chapter_anchor,
    field_name,
    homework_anchor,
    module_anchor,
    tool_anchor,
    worksheet_prefix,
)
from .common import environment, source_names
from .engine import html_to_pdf
from .print_context import CONTEXT, glossary_terms

log = logging.getLogger(__name__)

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
        homework_anchor=homework_anchor,
        article_anchor=article_anchor,
        chapter_anchor=chapter_anchor,
        worksheet_prefix=worksheet_prefix,
        field_name=field_name,
        source_names=source_names,
        date_long=date_long,
        one_day=datetime.timedelta(days=1),
        clock=clock,
        glossary_terms=glossary_terms(book),
        sheet_pdf=lambda owner_id, index: sheet_files.get((owner_id, index)),
        # A full address only when the site has a public one (paths.print_address).
        pdf_url=lambda filename: print_address(f"pdf/{filename}"),
        tool_url=lambda i: print_address(page_address(tool_page(i))),
        module_url=lambda i: print_address(page_address(module_page(i))),
        article_url=lambda i: print_address(page_address(article_page(i))),
    )
    env.globals.update(versions.site_globals(book))  # "Ændret <dato>" on changed cards, days
    return env


def render_html(book: Handbook, output: PdfOutput, compact: frozenset[str] = frozenset()) -> str:
    """The complete HTML document for one PDF output.

    compact: anchors of the worksheets to lay out with tighter write-in space (write_pdf).

    In a local edition, a PDF whose content the edition does not change is the national
    PDF, byte for byte (national title, stamp and addresses), so it comes from the cache of
    the national build; only what the edition changes carries its name and address.
    """
    if book.edition is not None and book.national is not None:
        national = _national_output(book.national, output.filename)
        if national is not None:
            with site_address(None):
                neutral = _render_html(book, output, compact, branded=False)
                if neutral == _render_html(book.national, national, compact, branded=False):
                    return neutral
    return _render_html(book, output, compact, branded=True)


def _national_output(national: Handbook, filename: str) -> PdfOutput | None:
    return next((out for out in plan(national) if out.filename == filename), None)


def _render_html(book: Handbook, output: PdfOutput, compact: frozenset[str], branded: bool) -> str:
    edition = book.edition if branded else None
    brand = edition.settings.title if edition is not None else BRAND
    # Unbranded: the stamp the national PDF prints.
    release = book.release if branded or book.national is None else book.national.release
    env = _environment(book)
    if output.kind in cards.RENDERERS:  # the deck has its own page layout and CSS
        local = edition.settings.organisation if edition is not None else None
        return cards.RENDERERS[output.kind](book, output, env, local)
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
        release_stamp=Markup(html.escape(stamp(release))),  # edition is content
        brand=brand,
        **{k: v for k, v in ctx.items() if k.startswith("cover_")},
    )


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
