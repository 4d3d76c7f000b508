"""The Virksomhedsservice course (issue 11): structure, homework loops and tool back-links.

Model-level checks plus the generated Markdown of the site; no MkDocs or PDF build needed.
"""

from __future__ import annotations

import pytest

from handbook.content import outputs
from handbook.content.book import Handbook, module_tool_ids
from handbook.content.model import Module
from handbook.content.pages import tool_page
from handbook.content.timeplan import day_schedule
from handbook.render.site import Linker, render_pages

COURSE = "virksomhedsservice"
MODULES = [
    "virksomhedsservice-1-arbejdsmarkedet",
    "virksomhedsservice-2-kundedialog",
    "virksomhedsservice-3-det-gode-match",
    "virksomhedsservice-4-traening-og-supervision",
    "virksomhedsservice-5-opfoelgning",
    "virksomhedsservice-6-implementering",
]
# Teaching days per module as modelled: module 4 is training and sparring (activities only),
# module 5 has one follow-up day (part B), module 6 the workshop and two implementation days.
DAYS = {
    "virksomhedsservice-1-arbejdsmarkedet": ["dag-1"],
    "virksomhedsservice-2-kundedialog": ["dag-1"],
    "virksomhedsservice-3-det-gode-match": ["dag-1", "dag-2", "dag-3"],
    "virksomhedsservice-4-traening-og-supervision": [],
    "virksomhedsservice-5-opfoelgning": ["dag-1"],
    "virksomhedsservice-6-implementering": [
        "udviklingsworkshop",
        "implementeringsdag-1",
        "implementeringsdag-2",
    ],
}
# Parts that are not teaching days, by a word their title must contain.
ACTIVITIES = {
    "virksomhedsservice-4-traening-og-supervision": [
        "briefing",
        "telefonmøder",
        "virksomhedsbesøg",
        "sparring",
        "makkerpar",
    ],
    "virksomhedsservice-5-opfoelgning": ["A:", "B:", "C:"],
    "virksomhedsservice-6-implementering": ["Fase 1", "Temamenuen", "Fase 3"],
}


@pytest.fixture(scope="module")
def modules(book: Handbook) -> list[Module]:
    return [book.modules[m] for m in book.courses[COURSE].modules]


@pytest.fixture(scope="module")
def pages(book: Handbook) -> dict[str, str]:
    """The site's generated Markdown pages (no MkDocs run)."""
    return render_pages(book, None)


def test_course_has_six_modules_in_order(book: Handbook) -> None:
    course = book.courses[COURSE]
    assert course.modules == MODULES
    assert {"virksomhedskonsulent", "jobkonsulent", "a-kasse", "leder"} <= set(course.audience)
    assert [book.modules[m].number for m in MODULES] == ["1", "2", "3", "4", "5", "6"]
    types = [book.modules[m].type for m in MODULES]
    assert types[:4] == ["kompetenceudvikling"] * 4
    assert types[4:] == ["forankring", "implementering"]


def test_days_and_activities_per_module(book: Handbook) -> None:
    for mid, day_ids in DAYS.items():
        assert [d.id for d in book.modules[mid].days] == day_ids, mid
    for mid, words in ACTIVITIES.items():
        titles = [a.title for a in book.modules[mid].activities]
        for word in words:
            assert any(word in t for t in titles), (mid, word, titles)
    # Module 3: one day per target group.
    titles = [d.title for d in book.modules["virksomhedsservice-3-det-gode-match"].days]
    for word, title in zip(("Jobordrer", "Håndholdt", "Fastholdelse"), titles, strict=True):
        assert word in title


def test_every_day_is_a_full_day_with_breaks(modules: list[Module]) -> None:
    for module in modules:
        for day in module.days:
            kinds = [b.kind for b in day.blocks]
            assert "frokost" in kinds and "pause" in kinds, (module.id, day.id)
            assert kinds[-1] in ("opsamling", "evaluering"), (module.id, day.id)
            last_end = day_schedule(day)[-1][1]
            assert "15.00" <= last_end <= "16.00", (module.id, day.id, last_end)
            assert day.purpose and day.notes
            taught = [b for b in day.blocks if b.kind not in ("pause", "frokost")]
            assert all(b.description for b in taught), (module.id, day.id)
            assert sum(1 for b in taught if b.questions) >= len(taught) // 2, (module.id, day.id)
            assert any(b.tools for b in taught), (module.id, day.id)


def test_long_block_titles_have_a_stable_id(modules: list[Module]) -> None:
    for module in modules:
        for day in module.days:
            for block in day.blocks:
                if len(block.title) > 30:
                    assert block.id, (module.id, day.id, block.title)


def test_homework_loops_close(modules: list[Module]) -> None:
    for module in modules:
        handed_out = [h for d in module.days for h in d.homework_out]
        assert sorted(handed_out) == sorted(h.id for h in module.homework), module.id
        for i, day in enumerate(module.days):
            assert day.homework_out, f"{module.id}/{day.id} hands out no homework"
            if i + 1 < len(module.days):
                nxt = module.days[i + 1]
                for hw in day.homework_out:
                    assert hw in nxt.homework_followup, (module.id, hw, nxt.id)
        for hw in module.homework:
            assert hw.followed_up_in or hw.followup_note, hw.id
            assert hw.steps and hw.reflection_questions and hw.tools, hw.id


def test_homework_of_a_module_is_followed_up_by_the_next(modules: list[Module]) -> None:
    """Homework that names the next module is collected up in that module's first block."""
    followed: list[str] = []
    for module, nxt in zip(modules, modules[1:], strict=False):
        for hw in module.homework:
            if not (hw.followup_note and f"modul {nxt.number}" in hw.followup_note.lower()):
                continue
            if not nxt.days:  # module 4: followed up in the training and the makkerpar
                assert nxt.activities, nxt.id
                continue
            first_block = nxt.days[0].blocks[0]
            assert first_block.kind == "opsamling", nxt.id
            assert "hjemmeopgave" in first_block.title.lower(), nxt.id
            assert set(hw.tools) & set(first_block.tools), (hw.id, nxt.id)
            followed.append(hw.id)
    # Module 1's do's and don'ts open module 2; module 2's calls open module 3.
    assert followed == ["vs1-dos-and-donts", "vs2-ring-og-juster"]


def test_every_tool_a_day_uses_links_back_to_the_day(
    book: Handbook, modules: list[Module], pages: dict[str, str]
) -> None:
    for module in modules:
        for day in module.days:
            for tool_id in dict.fromkeys(t for b in day.blocks for t in b.tools):
                assert tool_id in book.tools, tool_id
                usages = book.tool_usage[tool_id]
                assert any(u.module is module and u.day is day for u in usages), tool_id
                page = tool_page(tool_id)
                text = pages[page]
                used_in = text.split("## Bruges i", 1)[1].split("\n## ", 1)[0]
                link = f"]({Linker(page).day(module.id, day.id)})"
                assert link in used_in, (tool_id, module.id, day.id)


def test_tools_of_activities_and_homework_link_back_to_the_module(
    book: Handbook, modules: list[Module], pages: dict[str, str]
) -> None:
    for module in modules:
        for tool_id in module_tool_ids(module):
            page = tool_page(tool_id)
            used_in = pages[page].split("## Bruges i", 1)[1].split("\n## ", 1)[0]
            assert f"]({Linker(page).module(module.id)})" in used_in, (tool_id, module.id)


def test_course_page_lists_modules_and_its_packs(book: Handbook, pages: dict[str, str]) -> None:
    text = pages[f"forloeb/{COURSE}/index.md"]
    for mid in MODULES:
        assert f"moduler/{mid}/" in text, mid
    kinds = {(p.kind, p.course_id) for p in outputs.plan(book)}
    assert ("course", COURSE) in kinds and ("trainer", COURSE) in kinds


def test_glossary_has_the_course_terms(book: Handbook) -> None:
    assert book.glossary is not None
    terms = {t.term.lower() for t in book.glossary.terms}
    for term in (
        "jobordre",
        "kold kanvas",
        "substitution",
        "fastholdelse",
        "kundesegment",
        "tavlemøde",
        "serviceberedskab",
    ):
        assert term in terms, term


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_tender_leftovers_outside_the_notes(book: Handbook, modules: list[Module]) -> None:
    items = [book.courses[COURSE], *modules]
    for item in items:
        text = " ".join(_strings(item.model_dump(exclude={"provenance"}))).lower()
        for leftover in ("marselisborg", "mio. kr", "kompetenceudvalget", "hit-rate", "@"):
            assert leftover not in text, (item.id, leftover)
        assert "kilden" not in text, f"{item.id}: editorial remark outside provenance.notes"
