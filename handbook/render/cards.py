"""Tool cards on their own: one A4 PDF per card, and the A6 card deck with QR codes.

The deck ("Redskabskort – kortsæt") puts every tool card on an A6 card: the front says what
the tool is and what it brings, the back how to do it, with a QR code to the card's short
address (`r/<id>/`, a redirect page the site writes, see short_pages). Three print forms:

- office: A4, four cards a page, cut along the dashed centre lines; the backs follow on the
  next page with the columns mirrored, for long-edge duplex;
- fold: A4, two cards a page, front and back side by side, cut across and fold down the middle;
- print shop: one face per A6 page with 3 mm bleed and crop marks.

Every face has the same text area (FACE_W × FACE_H mm) in all three forms, and a face never
clips or overflows: `check` estimates each field's lines (fit_problems, limits calibrated
against the rendered faces) and tests/test_cards.py renders every face on a page of its text
area and fails on a face that needs a second page. A card whose text is too long gets short
forms under `card:` in its YAML.
"""

from __future__ import annotations

import datetime
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..catalog import Handbook
from ..errors import Problem
from ..model import Tool
from ..paths import ROOT, public_url
from .outputs import PdfOutput

if TYPE_CHECKING:
    import jinja2

# --- the short address ---------------------------------------------------------------


def short_path(tool_id: str) -> str:
    """The card's short, stable address on the site: it never changes with the card's title
    or section, so a printed QR code keeps working."""
    return f"r/{tool_id}/"


def short_url(tool_id: str) -> str:
    return public_url(short_path(tool_id))


def printed_address(url: str) -> str:
    """The address as printed beside the QR code: without the scheme, which browsers add."""
    return re.sub(r"^https?://", "", url)


def qr_svg(data: str, size_mm: float) -> Markup:
    """A QR code as inline vector SVG (one path of the dark modules, 2-module quiet zone).

    Made here from segno's matrix, so the renderer fetches nothing: no image file and no
    data: URL (the print asset fetcher refuses both)."""
    import segno

    code = segno.make(data, error="m", micro=False)
    border = 2
    matrix = code.matrix
    n = len(matrix) + 2 * border
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start + border} {y + border}h{x - start}v1h{start - x}z")
            else:
                x += 1
    label = escape(f"QR-kode til {data}")
    return Markup(
        f'<svg class="qr" role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {n} {n}" width="{size_mm}mm" height="{size_mm}mm" '
        f'shape-rendering="crispEdges"><title>{label}</title>'
        f'<rect width="{n}" height="{n}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )


# --- what goes on a card's two faces ---------------------------------------------------


@dataclass(frozen=True)
class Faces:
    """The text of one card in the deck, short forms applied."""

    tool: Tool
    number: int  # 1-based position in the deck
    what: str
    why: list[str]
    how: list[str]
    how_heading: str
    facts: list[tuple[str, str]]
    # which YAML field each face text comes from (for check's messages)
    what_field: str
    why_field: str
    how_field: str
    band: str = ""  # the front's top line: kind, and the model it is part of or its area

    @property
    def anchor(self) -> str:
        return f"kort-{self.tool.id}"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]


def step_forms(tool: Tool) -> list[list[str]]:
    """The steps from long to short: title and text; title and the text's first sentence;
    the titles alone. The deck prints the longest that fits the back."""
    steps = tool.execution.steps

    def item(title: str | None, text: str) -> str:
        return f"**{title}:** {text}" if title else text

    forms = [
        [item(s.title, s.text) for s in steps],
        [item(s.title, first_sentence(s.text)) for s in steps],
    ]
    if all(s.title for s in steps):
        forms.append([s.title or "" for s in steps])
    return forms


def band(tool: Tool, parent: Tool | None) -> str:
    from .common import LABELS

    kind = LABELS["tool_kind"][tool.kind]
    if parent is not None:
        return f"{kind} i {parent.title}"
    return f"{kind} · {LABELS['area'][tool.tags.area[0]]}"


def faces(tool: Tool, number: int = 0, parent: Tool | None = None) -> Faces:
    card = tool.card
    what, what_field = tool.summary, "summary"
    if card and card.summary:
        what, what_field = card.summary, "card.summary"
    why, why_field = list(tool.value), "value"
    if card and card.value:
        why, why_field = list(card.value), "card.value"
    how_heading = "Sådan gør I"
    facts = []
    if card and card.duration:
        facts.append(("Varighed", card.duration))
    if card and card.group_size:
        facts.append(("Gruppe", card.group_size))
    forms: list[list[str]]
    if card and card.steps:
        forms, how_field = [list(card.steps)], "card.steps"
    elif tool.execution.steps:
        forms, how_field = step_forms(tool), "execution.steps"
    elif tool.execution.question_groups:
        group = tool.execution.question_groups[0]
        forms, how_field = [list(group.questions)], "execution.question_groups[0].questions"
        how_heading = group.heading
    else:
        forms, how_field = [[tool.execution.intro or ""]], "execution.intro"
    top = band(tool, parent)
    made = [
        Faces(
            tool, number, what, why, how, how_heading, facts, what_field, why_field, how_field, top
        )
        for how in forms
    ]
    return next((f for f in made if back_mm(f) <= BACK_BODY), made[-1])


def deck_tools(book: Handbook) -> list[Tool]:
    """Every card in the order of the collected card PDF: each model with its parts, then
    the stand-alone tools."""
    families = [book.with_parts([root.id or ""]) for root in book.root_tools()]
    grouped = [t for members in families if len(members) > 1 for t in members]
    singles = [members[0] for members in families if len(members) == 1]
    return grouped + singles


def deck_faces(book: Handbook) -> list[Faces]:
    return [
        faces(t, i, book.tools.get(t.part_of) if t.part_of else None)
        for i, t in enumerate(deck_tools(book), start=1)
    ]


# --- sizes (mm); deck.css.j2 uses the same numbers -------------------------------------------

FACE_W = 87.0  # the text area of a face, the same in every print form
FACE_H = 130.0
FRONT_FOOT = 7.0  # the front's foot line
BACK_FOOT = 23.0  # the back's foot: QR code, short address, edition
QR_MM = 20.0
FRONT_BODY = FACE_H - FRONT_FOOT
BACK_BODY = FACE_H - BACK_FOOT

# --- the fit estimate for `check` ----------------------------------------------------------
# Calibrated against the rendered faces (tests/test_cards.py: test_fit_estimate_is_safe
# renders every face and checks that no face the estimate accepts needs a second page).
# Body text 9.5 pt Liberation Sans on 87 mm: about 52 characters a line; list items lose
# the indent. Heights in mm: one body line 4.35, the title 6.6 a line (14 pt, 27 characters).
CHARS_PER_LINE = 55
CHARS_PER_ITEM_LINE = 50
TITLE_CHARS_PER_LINE = 25
LINE_MM = 4.25
TITLE_LINE_MM = 6.6
HEADING_MM = 7.0  # a face's h3 with its space
KICKER_MM = 9.0
BAND_CHARS_PER_LINE = 46  # 9 pt bold in the band  # the coloured band at the top of each face
ITEM_GAP_MM = 0.9
FACTS_MM = 4.5  # the rule and space above the facts (one line each)

_MARKUP = re.compile(r"\*\*|\*|\[([^\]]*)\]\([^)]*\)")


def _chars(text: str) -> int:
    return len(_MARKUP.sub(lambda m: m.group(1) or "", " ".join(text.split())))


def _lines(text: str, per_line: int) -> int:
    return max(1, math.ceil(_chars(text) / per_line))


def _title_mm(f: Faces) -> float:
    title = (f"{f.tool.label}. " if f.tool.label else "") + f.tool.title
    return _lines(title, TITLE_CHARS_PER_LINE) * TITLE_LINE_MM + 2.0


def _items_mm(items: list[str]) -> float:
    return sum(_lines(x, CHARS_PER_ITEM_LINE) * LINE_MM + ITEM_GAP_MM for x in items)


def _facts_mm(f: Faces) -> float:
    if not f.facts:
        return 0.0
    lines = sum(_lines(f"{label}: {value}", CHARS_PER_LINE) for label, value in f.facts)
    return FACTS_MM + lines * LINE_MM


def front_mm(f: Faces) -> tuple[float, float]:
    """Estimated heights (what, why) of the front's two texts, headings included."""
    fixed = (
        KICKER_MM
        + (_lines(f.band, BAND_CHARS_PER_LINE) - 1) * LINE_MM
        + _title_mm(f)
        + _facts_mm(f)
    )
    what = HEADING_MM + _lines(f.what, CHARS_PER_LINE) * LINE_MM + 1.5
    return fixed + what, HEADING_MM + _items_mm(f.why)


def back_mm(f: Faces) -> float:
    return KICKER_MM + _title_mm(f) + HEADING_MM + _items_mm(f.how)


def fit_problems(book: Handbook, docs: dict) -> list[Problem]:
    """A card whose text would not fit its A6 face: name the card (file) and the field."""
    problems: list[Problem] = []
    for f in deck_faces(book):
        doc = docs.get(("tools", f.tool.id))
        if doc is None:
            continue
        file = str(doc.path.relative_to(ROOT)) if doc.path.is_relative_to(ROOT) else str(doc.path)
        head, why = front_mm(f)
        over: list[tuple[str, str, float, float]] = []
        if head + why > FRONT_BODY:
            # The longer of the two texts is the one to shorten first.
            field = f.why_field if why >= head - KICKER_MM - _title_mm(f) else f.what_field
            over.append((field, "front", head + why, FRONT_BODY))
        if (back := back_mm(f)) > BACK_BODY:
            over.append((f.how_field, "back", back, BACK_BODY))
        for field, face, need, room in over:
            short = "card." + field.split(".")[-1] if not field.startswith("card.") else field
            short = {"card.questions": "card.steps", "card.intro": "card.steps"}.get(short, short)
            hint = (
                f"shorten '{field}'"
                if field.startswith("card.")
                else f"give a short form under '{short}'"
            )
            loc: tuple[str | int, ...] = tuple(
                int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", field) if p
            )
            problems.append(
                Problem(
                    file,
                    doc.line_of(loc),
                    field,
                    f"the card's text does not fit the {face} of its A6 deck card "
                    f"(about {need:.0f} of {room:.0f} mm): {hint}",
                )
            )
    return problems


# --- edition ----------------------------------------------------------------------------


def edition() -> str:
    """The deck's edition printed on every card: the month of the build (SOURCE_DATE_EPOCH,
    the last commit's time), so two builds of one commit print the same."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
        if epoch and epoch.isdigit()
        else datetime.datetime.now(tz=datetime.UTC)
    )
    return f"Udgave {when:%Y-%m}"


# --- outputs ---------------------------------------------------------------------------

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


def single_card_context(book: Handbook, out: PdfOutput) -> dict[str, Any]:
    """A tool card's own A4 PDF: the card as in the collected cards, without cover or
    contents; its worksheets are named with the address of their fillable PDF."""
    from .pdf import Contents

    tool = book.tools[out.tool_id or ""]
    return {
        "template": "toolcard.html.j2",
        "parts": Contents(tools=[tool], with_sheets=False),
        "tool": tool,
        "card_url": short_url(tool.id or ""),
        "cover": False,
    }


# --- the deck's HTML -----------------------------------------------------------------


def _sheets(items: list[Faces], per_page: int) -> list[list[Faces]]:
    return [items[i : i + per_page] for i in range(0, len(items), per_page)]


def mirrored(page: list[Faces | None]) -> list[Faces | None]:
    """The backs of an office page for long-edge duplex: the columns swap (a page turned
    over its long edge puts the left card's back on the right)."""
    page = page + [None] * (4 - len(page))
    return [page[1], page[0], page[3], page[2]]


def render_deck(book: Handbook, output: PdfOutput, env: jinja2.Environment) -> str:
    items = deck_faces(book)
    return env.get_template("deck.html.j2").render(
        output=output,
        form=output.deck_form,
        faces=items,
        office_pages=[(page, mirrored(list(page))) for page in _sheets(items, 4)],
        fold_pages=_sheets(items, 2),
        **deck_globals(),
    )


def deck_globals() -> dict[str, Any]:
    return {
        "qr": lambda tool_id: qr_svg(short_url(tool_id), QR_MM),
        "short_address": lambda tool_id: printed_address(short_url(tool_id)),
        "edition": edition(),
        "total": None,
    }


def render_fit_test(book: Handbook, env: jinja2.Environment, items: list[Faces]) -> str:
    """Every face's body on a page of exactly its room: a face that does not fit needs a
    second page (tests/test_cards.py)."""
    return env.get_template("deck-fit.html.j2").render(
        output=PdfOutput(kind="deck", filename="fit.pdf", title="Kortsæt: prøve", description=""),
        faces=items,
        **deck_globals(),
    )


RENDERERS: dict[str, Callable[[Handbook, PdfOutput, Any], str]] = {"deck": render_deck}


# --- short addresses on the site ----------------------------------------------------------

_REDIRECT = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{canonical}">
</head>
<body>
<p>Du sendes videre til redskabskortet «{title}». Sker det ikke, så følg linket:
<a href="{target}">{target_text}</a></p>
<p><a href="{statement}">Tilgængelighedserklæring</a></p>
</body>
</html>
"""


def short_pages(book: Handbook, offline: bool = False) -> dict[str, str]:
    """docs/r/<id>/index.html for every tool: a static redirect to the card's current page
    (meta refresh, canonical link and a visible link: works on any static host). The
    target is relative, so the site works from any base address; the offline bundle's
    pages are files (use_directory_urls off), so there the target names the .html file."""
    from html import escape as esc

    from .site import tool_page

    pages: dict[str, str] = {}
    for tool in book.tools.values():
        page = tool_page(tool.id or "").removesuffix(".md")
        target = f"../../{page}.html" if offline else f"../../{page}/"
        statement = "../../tilgaengelighed.html" if offline else "../../tilgaengelighed/"
        pages[f"{short_path(tool.id or '')}index.html"] = _REDIRECT.format(
            title=esc(tool.title),
            target=esc(target),
            target_text=esc(printed_address(public_url(page + "/"))),
            canonical=esc(public_url(page + "/")),
            statement=statement,
        )
    return pages
