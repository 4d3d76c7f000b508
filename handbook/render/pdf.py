"""Print renderer: Handbook → HTML (Jinja) → PDF (WeasyPrint).

Participant material never contains trainer notes or editorial notes: the print templates
do not reference those fields at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Handbook, module_tool_ids
from ..model import Day, Homework, Module, Tool
from ..paths import TEMPLATES
from .common import environment
from .outputs import PdfOutput


@dataclass
class TocEntry:
    title: str
    anchor: str
    level: int = 1


@dataclass
class Doc:
    title: str
    subtitle: str | None = None
    audience: str | None = None
    cover: bool = True
    toc: list[TocEntry] = field(default_factory=list)


def _family_order(book: Handbook) -> list[Tool]:
    """Every tool, each family's root followed by its descendants."""
    ordered: list[Tool] = []

    def walk(tool: Tool) -> None:
        ordered.append(tool)
        for child in book.children(tool.id):
            walk(child)

    for root in book.root_tools():
        walk(root)
    return ordered


def _participant_ctx(
    book: Handbook, programme: list[tuple[Module, list[Day]]], extra_tools: list[str], full: bool
) -> dict[str, Any]:
    """Days, homework and tools for a participant pack (a whole course or chosen days)."""
    homework: list[tuple[Module, Homework]] = []
    tool_ids: list[str] = []
    for module, days in programme:
        if full:
            tool_ids.extend(module_tool_ids(module))
        for day in days:
            tool_ids.extend(t for b in day.blocks for t in b.tools)
            for hw_id in day.homework_out:
                hw = book.homework(module, hw_id)
                homework.append((module, hw))
                tool_ids.extend(hw.tools)
        if full:
            homework.extend((module, hw) for hw in module.homework if (module, hw) not in homework)
    tool_ids.extend(extra_tools)
    tools = [book.tools[t] for t in dict.fromkeys(tool_ids)]
    return {"programme": programme, "homework": homework, "tools": tools}


def _participant_toc(ctx: dict[str, Any], with_glossary: bool) -> list[TocEntry]:
    toc = [TocEntry("Program", "program")]
    for module, days in ctx["programme"]:
        toc.append(TocEntry(f"Modul {module.number}: {module.title}", f"module-{module.id}"))
        toc.extend(TocEntry(d.title, f"day-{module.id}-{d.id}", 2) for d in days)
    if ctx["homework"]:
        first = ctx["homework"][0][1]
        toc.append(TocEntry("Hjemmeopgaver", f"hw-{first.id}"))
        toc.extend(TocEntry(hw.title, f"hw-{hw.id}", 2) for _, hw in ctx["homework"])
    if ctx["tools"]:
        toc.append(TocEntry("Redskabskort", "redskaber"))
        toc.extend(TocEntry(t.title, f"tool-{t.id}", 2) for t in ctx["tools"])
        sheets = [(t, i, ws) for t in ctx["tools"] for i, ws in enumerate(t.worksheets)]
        if sheets:
            t, i, _ = sheets[0]
            toc.append(TocEntry("Skemaer", f"ws-{t.id}-{i}"))
            toc.extend(TocEntry(ws.title, f"ws-{t.id}-{i}", 2) for t, i, ws in sheets)
    if with_glossary:
        toc.append(TocEntry("Ordliste", "ordliste"))
    return toc


def _context(book: Handbook, out: PdfOutput) -> tuple[str, dict[str, Any]]:
    """Template name and context for one output."""
    if out.kind == "course":
        course = book.courses[out.course_id]
        programme = [(book.modules[m], book.modules[m].days) for m in course.modules]
        ctx = _participant_ctx(book, programme, [], full=True)
        with_glossary = book.glossary is not None
        doc = Doc(out.title, course.subtitle or course.purpose,
                  toc=_participant_toc(ctx, with_glossary))
        return "participant.html.j2", {**ctx, "doc": doc, "course": course,
                                       "with_glossary": with_glossary}
    if out.kind == "pack":
        pack = book.packs[out.pack_id]
        programme: list[tuple[Module, list[Day]]] = []
        for ref in pack.days:
            module, day = book.day(ref)
            if programme and programme[-1][0] is module:
                programme[-1][1].append(day)
            else:
                programme.append((module, [day]))
        ctx = _participant_ctx(book, programme, pack.tools, full=False)
        with_glossary = pack.include_glossary and book.glossary is not None
        doc = Doc(pack.title, pack.subtitle, toc=_participant_toc(ctx, with_glossary))
        return "participant.html.j2", {**ctx, "doc": doc, "course": None,
                                       "with_glossary": with_glossary}
    if out.kind == "guide":
        from .site import guide_tools

        articles = sorted(book.guide.values(), key=lambda a: (
            ["oversigt", "definition", "organisering", "case"].index(a.kind), a.order, a.title))
        overview = [a for a in articles if a.kind == "oversigt"]
        rest = [a for a in articles if a.kind != "oversigt"]
        tools = guide_tools(book)
        toc = [TocEntry(a.title, f"article-{a.id}") for a in overview]
        toc.append(TocEntry("Guidens redskaber", "redskaber"))
        toc += [TocEntry(t.title, f"tool-{t.id}", 2) for t in tools]
        toc += [TocEntry(a.title, f"article-{a.id}") for a in rest]
        doc = Doc(out.title, "Organisering, implementering og redskaber i indsatsen for borgere "
                  "i risiko for langtidsledighed.", toc=toc)
        return "guide.html.j2", {"doc": doc, "overview": overview, "rest": rest, "tools": tools}
    if out.kind == "cookbook":
        chapters = sorted(book.cookbook.values(), key=lambda c: c.order)
        toc = [TocEntry("Om kogebogen", "om-kogebogen")]
        toc += [TocEntry(f"{c.order}. {c.title}", f"chapter-{c.id}") for c in chapters]
        sheets = [(c, i, ws) for c in chapters for i, ws in enumerate(c.worksheets)]
        if sheets:
            toc.append(TocEntry("Skemaer", f"ws-{sheets[0][0].id}-{sheets[0][1]}"))
            toc += [TocEntry(ws.title, f"ws-{c.id}-{i}", 2) for c, i, ws in sheets]
        doc = Doc(out.title, "Sådan planlægger og gennemfører I implementeringen af metoderne "
                  "i jobcenter og a-kasse.", audience="Til ledere og projektledere", toc=toc)
        return "cookbook.html.j2", {"doc": doc, "chapters": chapters}
    if out.kind == "toolcards":
        tools = _family_order(book)
        toc = [TocEntry(t.title, f"tool-{t.id}", 1 if t.part_of is None else 2) for t in tools]
        doc = Doc(out.title, "Alle redskaber, modeller og teknikker i Metodehåndbogen.", toc=toc)
        return "toolcards.html.j2", {"doc": doc, "tools": tools}
    if out.kind == "worksheet":
        if out.tool_id:
            owner = book.tools[out.tool_id]
            sheet = owner.worksheets[out.worksheet_index]
        else:
            owner = book.cookbook[out.chapter_id]
            sheet = owner.worksheets[out.worksheet_index]
        anchor = f"ws-{owner.id}-{out.worksheet_index}"
        doc = Doc(sheet.title, cover=False)
        return "worksheet.html.j2", {"doc": doc, "sheet": sheet, "anchor": anchor,
                                     "owner_title": owner.title}
    raise ValueError(f"unknown PDF kind {out.kind!r}")


def render_html(book: Handbook, out: PdfOutput) -> str:
    template, ctx = _context(book, out)
    env = environment("pdf", autoescape=True)
    in_doc = {t.id for t in ctx.get("tools", [])}
    return env.get_template(template).render(book=book, in_doc=in_doc, **ctx)


def write_pdf(book: Handbook, out: PdfOutput, target_dir: Path) -> Path:
    """Render one output to target_dir/out.filename and return the path."""
    from weasyprint import HTML

    html = render_html(book, out)
    path = target_dir / out.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    document = HTML(string=html, base_url=str(TEMPLATES / "pdf"))
    document.write_pdf(
        path,
        pdf_variant="pdf/ua-1",  # tagged PDF with document language and title
        pdf_forms=out.kind == "worksheet" or None,
        custom_metadata=True,
    )
    return path
