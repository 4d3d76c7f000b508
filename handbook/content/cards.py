"""Tool cards on their own, as content decisions: the card outputs (one A4 PDF per card,
the A6 deck in three print forms), the short address of each card, what goes on each face of
a deck card, and whether it fits (a `check` problem when not). Rendered by render/cards.py.

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
from dataclasses import dataclass

from ..errors import Problem
from ..paths import public_url, site_is_public
from .book import Handbook
from .model import AREA_LABELS, TOOL_KIND_LABELS, Tool
from .problems import rel

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


def printed_short_address(tool_id: str) -> str:
    """The short address as printed on a card: the public address without its scheme, or,
    in a build without a public address, the handbook's name and the path (a local address
    leads nowhere on paper; paths.print_address)."""
    if site_is_public():
        return printed_address(short_url(tool_id))
    return f"Metodehåndbogen › {short_path(tool_id)}"


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
    kind = TOOL_KIND_LABELS[tool.kind]
    if parent is not None:
        return f"{kind} i {parent.title}"
    return f"{kind} · {AREA_LABELS[tool.tags.area[0]]}"


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
            path, line = doc.where(loc)
            problems.append(
                Problem(
                    rel(path),
                    line,
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
