"""The content fixes from the audit in issue 22: timings the handbook adds are marked as its
own, cards name their own parts, forms ask nothing about health, the leaders' day brings
its framing questions and evidence, and readers see source titles, not ids and lines."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from handbook.content.book import Handbook
from handbook.content.model import HEALTH, WorksheetField
from handbook.render import site


def test_sparring_instruction_is_in_module_2_as_the_course_has_it(book: Handbook) -> None:
    card = book.tools["kollegial-sparring-virksomhedskontakt"]
    text = card.definition + " ".join(s.text for s in card.execution.steps)
    assert "første undervisningsdag" not in text
    assert "modul 2" in text
    module = book.modules["virksomhedsservice-2-kundedialog"]
    assert module.number == "2"
    blocks = [b for d in module.days for b in d.blocks if card.id in b.tools]
    assert any("instruktion" in b.title.lower() for b in blocks)


def test_module_5_timings_are_marked_as_the_handbooks_own(book: Handbook) -> None:
    module = book.modules["virksomhedsservice-5-opfoelgning"]
    whens = [a.when or "" for a in module.activities]
    own = " ".join(module.provenance.own_parts)
    for timing in ("nogle uger efter", "2–3 uger før"):
        assert any(timing in w for w in whens), timing
        assert timing in own, timing


@pytest.mark.parametrize(
    "tool_id",
    ["bala-modellen", "matchmodeller", "flowbeskrivelse", "personlig-tjekliste-videnskilder"],
)
def test_cards_name_their_own_parts(book: Handbook, tool_id: str) -> None:
    """Each own part names where it is on the card, not just "the steps" or "the form"."""
    parts = book.tools[tool_id].provenance.own_parts
    assert parts, tool_id
    generic = {"trinene", "trinnene", "skemaet", "spørgsmålene", "beskrivelserne"}
    assert not generic & {p.lower() for p in parts}, parts
    assert any(re.search(r"under Udførelse|«", p) for p in parts), parts


@pytest.mark.parametrize(
    "label", ["Helbredsproblemer", "Diagnose", "Sygemeldt?", "Personlige forhold", "Misbrug"]
)
def test_worksheet_fields_about_health_are_refused(label: str) -> None:
    with pytest.raises(ValidationError, match="worksheets must not ask about health"):
        WorksheetField(label=label)
    with pytest.raises(ValidationError, match="worksheets must not ask about health"):
        WorksheetField(label="Forhold", kind="checkbox", options=["Ledighed", label])


def test_a_field_may_say_what_not_to_write() -> None:
    field = WorksheetField(label="Andre forhold", help="skriv ikke helbredsoplysninger")
    assert field.help


def test_the_screening_forms_ask_only_what_the_task_needs(book: Handbook) -> None:
    for tool_id in ("arketyper", "afklaringsredskabet"):
        for ws in book.tools[tool_id].worksheets:
            for section in ws.sections:
                for f in section.fields:
                    assert not any(HEALTH.search(t) for t in (f.label, *f.options)), f.label
    # The free-text fields and the tick box say what not to write.
    screening = book.tools["afklaringsredskabet"].worksheets[0]
    assert "helbredsoplysninger" in (screening.intro or "")
    free_text = [f for s in screening.sections for f in s.fields if f.kind == "lines"]
    assert free_text and all(f.help for f in free_text[:2])
    arketyper = next(ws for ws in book.tools["arketyper"].worksheets if "Screening" in ws.title)
    ticks = next(f for s in arketyper.sections for f in s.fields if f.kind == "checkbox")
    assert "helbredsoplysninger" in (ticks.help or "")


def test_the_leaders_chapter_has_the_four_questions_and_the_evidence(book: Handbook) -> None:
    chapter = book.cookbook["01-ledelsens-rolle"]
    by_heading = {s.heading: s for s in chapter.sections}
    questions = by_heading["Fire spørgsmål, ledelsen skal kunne svare på"].items
    for q in ("Hvorfor?", "Hvad er det?", "Hvad kræver det af os?", "Hvordan griber vi det an?"):
        assert any(q in item for item in questions), q
    evidence = by_heading["Hvorfor samtalerne er værd at satse på"]
    assert "Rosholm og Svarer" in (evidence.text or "")
    assert len(evidence.items) >= 4
    assert any("fire spørgsmål" in item for item in chapter.checklist)
    lines = {(s.doc, s.lines) for s in chapter.provenance.sources}
    assert {("003", "56-62"), ("003", "72-138")} <= lines


def test_sources_box_shows_titles_and_links_not_ids_or_line_ranges(book: Handbook) -> None:
    pages = site.render_pages(book, None)
    page = pages[site.course_page("virksomhedsservice")]
    box = page[page.index("Kilder og redaktionelle noter") :]
    assert "Kursuskoncept Virksomhedsservice (2016)" in box
    assert not re.search(r"\bL\d+(-\d+)?\b|linje \d|kilde 00\d", box)
    assert "(samtalen-4-opfoelgningsforloeb" not in box
    assert "](../../moduler/samtalen-4-opfoelgningsforloeb/index.md)" in box
    for path, text in pages.items():
        if "Kilder og redaktionelle noter" in text:
            tail = text[text.index("Kilder og redaktionelle noter") :]
            assert not re.search(r"\(L\d+|\bL\d+-\d+", tail), path
