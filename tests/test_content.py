"""The real content: structure of the courses, guide and cookbook as the issues define them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from handbook.content.book import Handbook, module_tool_ids

SAMTALEN_MODULES = [
    "samtalen-1-viden-og-samarbejde",
    "samtalen-2-samtalerne",
    "samtalen-3-supervision",
    "samtalen-4-opfoelgningsforloeb",
    "samtalen-5-implementeringsforloeb",
    "samtalen-6-lederforloeb",
    "samtalen-7-analysemodul",
]
FORLOEB_2015_MODULES = [
    "forloeb-2015-1-samarbejdet",
    "forloeb-2015-2-progression-og-empowerment",
    "forloeb-2015-3-virksomhedssamarbejdet",
    "forloeb-2015-4-supervision-paa-tvaers",
]


def test_courses_have_their_modules_in_order(book: Handbook) -> None:
    assert book.courses["samtalen"].modules == SAMTALEN_MODULES
    assert book.courses["forloeb-2015"].modules == FORLOEB_2015_MODULES


def test_days_per_module(book: Handbook) -> None:
    days = {mid: len(book.modules[mid].days) for mid in SAMTALEN_MODULES + FORLOEB_2015_MODULES}
    assert days["samtalen-1-viden-og-samarbejde"] == 1
    assert days["samtalen-2-samtalerne"] == 3
    assert days["samtalen-6-lederforloeb"] == 3
    assert days["forloeb-2015-1-samarbejdet"] == 1
    assert days["forloeb-2015-2-progression-og-empowerment"] == 3
    assert days["forloeb-2015-3-virksomhedssamarbejdet"] == 1
    for mid in (
        "samtalen-3-supervision",
        "samtalen-5-implementeringsforloeb",
        "samtalen-7-analysemodul",
        "forloeb-2015-4-supervision-paa-tvaers",
    ):
        assert book.modules[mid].activities, f"{mid} describes its parts as activities"


def test_every_day_is_a_realistic_teaching_day(book: Handbook) -> None:
    for module in book.modules.values():
        for day in module.days:
            total = sum(b.minutes for b in day.blocks)
            kinds = {b.kind for b in day.blocks}
            assert 180 <= total <= 480, f"{module.id}/{day.id}: {total} min"
            if total >= 300:
                assert kinds & {"pause", "frokost"}, f"{module.id}/{day.id} has no breaks"
            assert day.notes, f"{module.id}/{day.id}: notes should say the minutes are suggestions"


def test_homework_loop_closes_in_multi_day_modules(book: Handbook) -> None:
    for module in book.modules.values():
        for i, day in enumerate(module.days[:-1]):
            assert day.homework_out, f"{module.id}/{day.id} hands out no homework"
            nxt = module.days[i + 1]
            for hw in day.homework_out:
                assert hw in nxt.homework_followup, f"{hw} not followed up on {nxt.id}"
        for hw in module.homework:
            assert hw.followed_up_in or hw.followup_note, hw.id


def test_every_referenced_tool_exists_and_links_back(book: Handbook) -> None:
    for module in book.modules.values():
        for tool_id in module_tool_ids(module):
            assert tool_id in book.tools
            assert any(u.module is module for u in book.tool_usage[tool_id]), (module.id, tool_id)


def test_every_tool_card_has_all_three_parts(book: Handbook) -> None:
    for tool in book.tools.values():
        assert tool.definition and tool.value and tool.execution, tool.id
        assert tool.execution.steps or tool.execution.question_groups or tool.execution.intro


def test_samtalens_pejlemaerker_model_is_complete(book: Handbook) -> None:
    model = book.children("samtalens-pejlemaerker")
    assert [t.label for t in model] == ["A", "B", "1", "2", "3", "4"]
    expected = {
        "pejlemaerke-a-anerkendende-aktiv-lytning": {
            "noegleord",
            "spejling",
            "aabne-hjaelpespoergsmaal",
        },
        "pejlemaerke-1-fokuser": {"kontrakt", "livshjulet", "detektivspoergsmaal", "flip-moenten"},
        "pejlemaerke-2-motiver": {"motivationsskalaen", "vaerdiloop", "ressourcespotting"},
        "pejlemaerke-3-forebyg": {
            "forhindringsloeb",
            "undtagelsesspoergsmaal",
            "perspektivskift",
            "mirakelspoergsmaal",
        },
        "pejlemaerke-4-bevaeg": {
            "kaptajnspoergsmaal",
            "smart-modellen",
            "borgerens-plan",
            "tilbudsviften",
            "afslutning",
        },
    }
    for parent, techniques in expected.items():
        assert techniques <= {t.id for t in book.children(parent)}, parent
    assert "ugu-modellen" in {t.id for t in book.children("game-mastery")}


def test_named_only_techniques_are_marked_practice_based(book: Handbook) -> None:
    for tool_id in ("livshjulet", "mirakelspoergsmaal", "motivationsskalaen", "smart-modellen"):
        tool = book.tools[tool_id]
        assert tool.provenance.practice_based or tool.provenance.sources, tool_id
    assert book.tools["mirakelspoergsmaal"].provenance.practice_based


def test_laeringskontrakten_has_three_worksheets(book: Handbook) -> None:
    assert len(book.tools["laeringskontrakten"].worksheets) == 3


def test_guide_tools_and_articles(book: Handbook) -> None:
    for tool_id in (
        "arketyper",
        "abc-jobstrategi",
        "samtaleguide",
        "indsatsplan",
        "bestillingsseddel",
        "brancheredskab",
        "maalstyring-i-virksomhedsteamet",
        "ressourceberegner",
        "laeringsmoeder",
    ):
        assert tool_id in book.tools, tool_id
    for tool_id in ("arketyper", "abc-jobstrategi", "samtaleguide", "indsatsplan"):
        assert book.tools[tool_id].worksheets, f"{tool_id} needs its form"
    assert book.tools["ressourceberegner"].calculator == "ressourceberegner"
    kinds = {a.kind for a in book.guide.values()}
    assert {"oversigt", "definition", "organisering", "case"} <= kinds
    cases = {a.id for a in book.guide.values() if a.kind == "case"}
    assert {"case-broendby", "case-koege", "case-lyngby-taarbaek", "case-hedensted"} <= cases
    for article in book.guide.values():
        if article.kind == "organisering":
            assert article.strengths and article.weaknesses, article.id


def test_no_worksheet_collects_identification_numbers(book: Handbook) -> None:
    sheets = [w for t in book.tools.values() for w in t.worksheets]
    sheets += [w for c in book.cookbook.values() for w in c.worksheets]
    for sheet in sheets:
        for section in sheet.sections:
            for field in section.fields:
                label = field.label.lower()
                assert "cpr" not in label and "personnummer" not in label, (
                    sheet.title,
                    field.label,
                )


def test_cookbook_chapters(book: Handbook) -> None:
    chapters = sorted(book.cookbook.values(), key=lambda c: c.order)
    titles = " | ".join(c.title.lower() for c in chapters)
    for topic in (
        "ledelsens rolle",
        "projektledelse",
        "organisering",
        "videndeling",
        "markedsføring",
        "kultur",
        "kompetenceudvikling",
        "digitale",
    ):
        assert topic in titles, topic
    for chapter in chapters:
        assert len(chapter.checklist) >= 3 and chapter.steps and chapter.pitfalls, chapter.id
        assert chapter.tools or chapter.modules, f"{chapter.id} links to nothing"
    sheets = " | ".join(w.title.lower() for c in chapters for w in c.worksheets)
    for aid in ("4r", "implementeringsplan", "læringsmøde", "logbog"):
        assert aid in sheets, aid


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "provenance" for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_tender_leftovers_in_text(book: Handbook) -> None:
    """Customer-specific leftovers must not appear as general method (notes may explain them)."""
    items = [
        *book.courses.values(),
        *book.modules.values(),
        *book.tools.values(),
        *book.guide.values(),
        *book.cookbook.values(),
    ]
    for item in items:
        text = " ".join(_strings(item.model_dump())).lower()
        for leftover in (
            "det fynske samarbejde",
            "jobcenter haderslev",
            "jobcenter albertslund",
            "marselisborg tilbyder",
            "rambøll",
            "@",
        ):
            assert leftover not in text, f"{item.id}: {leftover}"


def _reader_texts(obj: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text a reader sees: all text fields except editorial notes and trainer notes."""
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name not in ("provenance", "trainer_notes"):
                yield from _reader_texts(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _reader_texts(item, f"{path}[{i}]")
    elif isinstance(obj, str):
        yield path, obj


def test_no_editorial_remarks_or_loose_terms_in_reader_text(book: Handbook) -> None:
    """Readers meet the handbook's own voice: no talk of 'the source(s)', one word per
    thing ('jobloggen', 'spørgeskemaundersøgelse', 'det fælles system')."""
    unwanted = re.compile(
        r"\bkild(en|erne) (angiver|giver|nævner|beskriver|siger)\b|\bi kilden\b|\bkildens\b"
        r"|\bsurvey|\bjoblogen\b|\bJobKon\b|angiver ingen tider",
        re.IGNORECASE,
    )
    items = [
        (f"{kind}/{key}", item)
        for kind in ("tools", "modules", "courses", "guide", "cookbook", "packs")
        for key, item in getattr(book, kind).items()
    ]
    found = [
        (where + path, text[:80])
        for where, item in [*items, ("glossary", book.glossary)]
        for path, text in _reader_texts(item)
        if unwanted.search(text)
    ]
    assert not found
