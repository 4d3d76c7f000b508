"""What goes into each kind of PDF: one context function per output kind.

Each gathers from the Handbook (and, for courses, packs and runs, their one resolved
`Plan`, content/runs.py) what the kind's template in templates/pdf/ renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..content import run_changes
from ..content.book import Handbook
from ..content.cards import short_path
from ..content.checklist import day_checklist
from ..content.model import Article, Chapter, Homework, Module, Run, Term, Tool, Worksheet
from ..content.outputs import PdfOutput, run_outputs
from ..content.plan import Plan
from ..content.runs import course_plan, pack_plan, run_plan
from ..content.timeplan import date_short
from ..paths import print_address
from . import site
from .anchors import worksheet_prefix
from .common import danish_key, labels


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


def _plan_context(plan: Plan) -> dict[str, Any]:
    """What every participant pack, manual and run sheet reads of its resolved days."""
    return {
        "views": list(plan.days),
        "view_groups": plan.groups(),
        "homework_items": {(h.module.id, h.homework.id): h for h in plan.homework()},
    }


def _course(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    """A course's participant pack: the course resolved as a pack of all its days, each
    module under its own heading (with its activities, and also when it has no days)."""
    course = book.courses[out.course_id or ""]
    plan = course_plan(book, course)
    modules = [book.modules[m] for m in course.modules]
    parts = Contents(
        tools=book.course_tools(course),
        homework=[(m, hw) for m in modules for hw in m.homework],
        glossary=book.glossary is not None,
    )
    return {
        "template": "participant.html.j2",
        "parts": parts,
        "course": course,
        "pack": None,
        **_plan_context(plan),
        "view_groups": [(m, [v for v in plan.days if v.module is m]) for m in modules],
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
    """A trainer's pack: resolved like a course run without dates (content/runs.py), so a
    follow-up of homework the pack never hands out is not printed, and homework handed out
    on its last day is for after the course."""
    pack = book.packs[out.pack_id or ""]
    plan = pack_plan(book, pack)
    parts = Contents(
        tools=_tools(book, [*plan.tool_ids(), *pack.tools]),
        homework=[(h.module, h.homework) for h in plan.homework()],
        glossary=pack.include_glossary and book.glossary is not None,
    )
    return {
        "template": "participant.html.j2",
        "parts": parts,
        "course": None,
        "pack": pack,
        **_plan_context(plan),
        "with_activities": False,
        "cover_subtitle": None,
        "cover_lead": pack.subtitle,
        "cover_audience": "Deltagermappe",
    }


def _run_cover(run: Run, plan: Plan) -> list[tuple[str, str]]:
    cohort = ", ".join(run.cohort.organisations)
    if run.cohort.size:
        cohort += f" · {run.cohort.size} deltagere"
    venue = run.venue.name + (f", {run.venue.address}" if run.venue.address else "")
    dates = ", ".join(date_short(v.date) for v in plan.days if v.date)
    year = {v.date.year for v in plan.days if v.date}
    if len(year) == 1:
        dates += f" {year.pop()}"
    facts = [("Hold", cohort), ("Sted", venue), ("Datoer", dates)]
    if run.trainers:
        facts.append(("Undervisere", ", ".join(run.trainers)))
    return facts


def _run(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    """A course run's participant pack: the run's resolved days with dates and clock times."""
    run = book.runs[out.run_id or ""]
    plan = run_plan(book, run)
    parts = Contents(
        tools=_tools(book, plan.tool_ids()),
        homework=[(h.module, h.homework) for h in plan.homework()],
        glossary=book.glossary is not None,
    )
    course = book.courses.get(run.course) if run.course else None
    return {
        "template": "participant.html.j2",
        "parts": parts,
        "course": course,
        "pack": None,
        "run": run,
        **_plan_context(plan),
        "with_activities": False,
        "cover_subtitle": course.title if course else None,
        "cover_lead": None,
        "cover_facts": _run_cover(run, plan),
        "cover_audience": "Deltagermappe",
    }


def _runsheet(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    """The trainer's run sheet (drejebog): the only run PDF with trainer notes."""
    run = book.runs[out.run_id or ""]
    plan = run_plan(book, run)
    pack_file = next(o.filename for o in run_outputs(book, run.id or "") if o.kind == "run")
    return {
        "template": "runsheet.html.j2",
        "parts": Contents(),
        "run": run,
        **_plan_context(plan),
        "checklists": {v.number: day_checklist(book, run, v, pack_file) for v in plan.days},
        # Days, blocks and tool cards changed since the run was last built (run_changes.py).
        "since_last_build": run_changes.for_runsheet(run.id or ""),
        "trainer": True,
        "cover_subtitle": None,
        "cover_lead": None,
        "cover_facts": _run_cover(run, plan),
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


def _toolcard(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    """A tool card's own A4 PDF: the card as in the collected cards, without cover or
    contents; its worksheets are named with the address of their fillable PDF."""
    tool = book.tools[out.tool_id or ""]
    return {
        "template": "toolcard.html.j2",
        "parts": Contents(tools=[tool], with_sheets=False),
        "tool": tool,
        "card_url": print_address(short_path(tool.id or "")),
        "cover": False,
    }


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
    "toolcard": _toolcard,
}

# --- helpers for the templates -------------------------------------------------------


def _audience(values: list[str]) -> str:
    return labels(values, "audience").lower()


def glossary_terms(book: Handbook) -> list[Term]:
    if book.glossary is None:
        return []
    return sorted(book.glossary.terms, key=lambda t: danish_key(t.term))
