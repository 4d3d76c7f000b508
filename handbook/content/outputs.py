"""The list of PDFs the handbook publishes, decided from the model alone.

Both the site (downloads page, links on tool pages) and the PDF writer read this list,
so a link on the site always names a PDF the build writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from weakref import WeakKeyDictionary

from ..errors import Problem
from ..text import slugify
from .book import Handbook
from .problems import at

# The whole site with every PDF, for use without network (handbook/offline.py), next to the
# PDFs in pdf/. Written by the full build only, like the PDFs.
OFFLINE_BUNDLE = "metodehaandbogen-offline.zip"

PdfKind = Literal[
    "course",
    "trainer",
    "pack",
    "guide",
    "cookbook",
    "worksheet",
    "toolcards",
    "run",
    "runsheet",
    "toolcard",  # one tool card's own PDF (render/cards.py)
    "deck",  # the A6 card deck in one print form (render/cards.py)
]


@dataclass(frozen=True)
class PdfOutput:
    kind: PdfKind
    filename: str  # relative to the pdf/ folder, e.g. "deltagermappe-samtalen.pdf"
    title: str
    description: str
    course_id: str | None = None
    pack_id: str | None = None
    tool_id: str | None = None  # worksheet PDFs: the tool the worksheet belongs to
    chapter_id: str | None = None  # worksheet PDFs: or the cookbook chapter
    worksheet_index: int = 0
    run_id: str | None = None  # course runs: never in plan(), never on the site
    deck_form: str | None = None  # the deck: "office", "fold" or "print" (render/cards.py)
    tags: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PdfFacts:
    """What the downloads page says about a written PDF."""

    size: int  # bytes
    pages: int

    @property
    def size_text(self) -> str:
        """'340 kB', '1,2 MB' (Danish decimal comma)."""
        if self.size < 1_000_000:
            return f"{max(1, round(self.size / 1000))} kB"
        return f"{self.size / 1_000_000:.1f} MB".replace(".", ",")

    @property
    def pages_text(self) -> str:
        return f"{self.pages} side" if self.pages == 1 else f"{self.pages} sider"


_planned: WeakKeyDictionary[Handbook, list[PdfOutput]] = WeakKeyDictionary()


def plan(book: Handbook) -> list[PdfOutput]:
    """Every PDF the handbook publishes, worked out once per Handbook (the site, each PDF
    and the check all read the same list; treat it as read-only)."""
    found = _planned.get(book)
    if found is None:
        found = _planned[book] = _plan(book)
    return found


def forget_plan(book: Handbook) -> None:
    """Drop the remembered list (the items changed in place)."""
    _planned.pop(book, None)


def _plan(book: Handbook) -> list[PdfOutput]:
    out: list[PdfOutput] = []
    for course in book.courses.values():
        out.append(
            PdfOutput(
                kind="course",
                filename=f"deltagermappe-{course.id}.pdf",
                title=f"Deltagermappe: {course.title}",
                description="Program, dagsplaner, hjemmeopgaver med skriveplads, redskabskort "
                "og ordliste til deltagerne.",
                course_id=course.id,
            )
        )
        out.append(
            PdfOutput(
                kind="trainer",
                filename=f"undervisermanual-{course.id}.pdf",
                title=f"Undervisermanual: {course.title}",
                description="Kun til underviseren: dagsplaner med tider og underviserens noter "
                "til hver blok, forløbets dele og hjemmeopgaverne.",
                course_id=course.id,
            )
        )
    for pack in book.packs.values():
        out.append(
            PdfOutput(
                kind="pack",
                filename=f"{pack.id}.pdf",
                title=pack.title,
                description=pack.subtitle or "Deltagermappe sammensat af underviseren.",
                pack_id=pack.id,
            )
        )
    if book.guide:
        out.append(
            PdfOutput(
                kind="guide",
                filename="redskaber-mod-langtidsledighed.pdf",
                title="Redskaber mod langtidsledighed",
                description="Guidens redskaber, skemaer, organiseringsmodeller og cases.",
            )
        )
    if book.cookbook:
        out.append(
            PdfOutput(
                kind="cookbook",
                filename="implementeringskogebog.pdf",
                title="Implementeringskogebog for ledere",
                description="Kapitler med beslutninger, trin, tjeklister og planlægningsskemaer.",
            )
        )
    out.append(
        PdfOutput(
            kind="toolcards",
            filename="redskabskort.pdf",
            title="Alle redskabskort",
            description="Hvert redskab på sit eget kort, samlet i én fil.",
        )
    )
    for tool in sorted(book.tools.values(), key=lambda t: t.title.lower()):
        for i, sheet in enumerate(tool.worksheets):
            out.append(
                PdfOutput(
                    kind="worksheet",
                    filename=f"skemaer/{tool.id}-{slugify(sheet.title)}.pdf",
                    title=sheet.title,
                    description=f"Udfyldeligt skema til {tool.title}.",
                    tool_id=tool.id,
                    worksheet_index=i,
                )
            )
    out.extend(card_outputs(book))
    for chapter in sorted(book.cookbook.values(), key=lambda c: c.order):
        for i, sheet in enumerate(chapter.worksheets):
            out.append(
                PdfOutput(
                    kind="worksheet",
                    filename=f"skemaer/{chapter.id}-{slugify(sheet.title)}.pdf",
                    title=sheet.title,
                    description=f"Planlægningsskema til kapitlet «{chapter.title}».",
                    chapter_id=chapter.id,
                    worksheet_index=i,
                )
            )
    return out


def run_outputs(book: Handbook, run_id: str) -> list[PdfOutput]:
    """The two PDFs of a course run (build/runs/<id>/), next to its calendar <id>.ics.

    Not part of plan(): a cohort's dates, venue and trainers are never published."""
    run = book.runs[run_id]
    return [
        PdfOutput(
            kind="run",
            filename=f"deltagermappe-{run_id}.pdf",
            title=f"Deltagermappe: {run.title}",
            description="Program med datoer og tider, dagsplaner, hjemmeopgaver og "
            "redskabskort til holdets deltagere.",
            run_id=run_id,
        ),
        PdfOutput(
            kind="runsheet",
            filename=f"drejebog-{run_id}.pdf",
            title=f"Drejebog: {run.title}",
            description="Kun til underviseren: hver dag minut for minut med noter, "
            "materialer og en tjekliste til dagen før.",
            run_id=run_id,
        ),
    ]


def _owner(out: PdfOutput) -> tuple[tuple[str, str], tuple[str | int, ...]]:
    """The content item (and field) that decides an output's file name."""
    if out.pack_id:
        return ("packs", out.pack_id), ()
    if out.tool_id and out.kind == "toolcard":
        return ("tools", out.tool_id), ()
    if out.tool_id:
        return ("tools", out.tool_id), ("worksheets", out.worksheet_index, "title")
    if out.chapter_id:
        return ("cookbook", out.chapter_id), ("worksheets", out.worksheet_index, "title")
    if out.course_id:
        return ("courses", out.course_id), ()
    return ("", ""), ()


def plan_problems(book: Handbook, docs: dict) -> list[Problem]:
    """Two outputs with one file name would overwrite each other: name both."""
    problems: list[Problem] = []
    first: dict[str, PdfOutput] = {}
    for out in plan(book):
        if out.filename not in first:
            first[out.filename] = out
            continue
        other = first[out.filename]
        key, loc = _owner(out)
        doc = docs.get(key)
        if doc is None:  # a built-in output (all tool cards …) comes second: name the first
            key, loc = _owner(other)
            doc = docs.get(key)
            other = out
        message = (
            f"gives the PDF file name '{out.filename}', which '{other.title}' has already: "
            "choose another id or title"
        )
        if doc is None:  # both built-in outputs: a programming error, still reported
            problems.append(Problem("(build)", 1, "", message))
        else:
            problems.append(at(doc, loc, message))
    return problems


# --- the tool cards on their own (content/cards.py says what is on them) ---------------------------------------------------------------------------

DECK_FORMS: dict[str, tuple[str, str, str]] = {
    # form: (file name, title, description)
    "office": (
        "redskabskort-kortsaet-kontorprinter.pdf",
        "Redskabskort – kortsæt (kontorprinter)",
        "Alle redskaber som kort i A6: fire kort på hver A4-side, bagsiderne på næste side. "
        "Udskriv tosidet med vending på den lange kant, og klip langs de stiplede linjer.",
    ),
    "fold": (
        "redskabskort-kortsaet-foldet.pdf",
        "Redskabskort – kortsæt (til at folde)",
        "Alle redskaber som kort i A6 med for- og bagside ved siden af hinanden: to kort på "
        "hver A4-side. Udskriv enkeltsidet, klip på tværs, og fold på midten.",
    ),
    "print": (
        "redskabskort-kortsaet-trykkeri.pdf",
        "Redskabskort – kortsæt (til trykkeriet)",
        "Alle redskaber som kort i A6, én side pr. kortside, med 3 mm til beskæring og "
        "skæremærker. Til et trykkeri.",
    ),
}


def card_pdf(tool_id: str) -> str:
    """The file name (under pdf/) of a tool card's own PDF."""
    return f"redskaber/{tool_id}.pdf"


def card_outputs(book: Handbook) -> list[PdfOutput]:
    """One A4 PDF per tool card, then the deck in its three print forms."""
    out = [
        PdfOutput(
            kind="toolcard",
            filename=card_pdf(tool.id or ""),
            title=f"Redskabskort: {tool.title}",
            description=f"Kortet om {tool.title} til print"
            + (", med henvisning til skemaerne." if tool.worksheets else "."),
            tool_id=tool.id,
        )
        for tool in sorted(book.tools.values(), key=lambda t: t.title.lower())
    ]
    for form, (filename, title, description) in DECK_FORMS.items():
        out.append(
            PdfOutput(
                kind="deck", filename=filename, title=title, description=description, deck_form=form
            )
        )
    return out
