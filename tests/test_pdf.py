"""Print renderer: build every PDF of a small fixture handbook once and read them back.

The fixture (tests/fixtures/pdf_content) has one course with one module of two days, a
homework loop, activities, two tools (one with a worksheet using every field kind), a
glossary, guide articles of every kind, a cookbook chapter with a worksheet and a pack.
Trainer notes and provenance notes in it carry the markers below; no PDF may show them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdftext import clean_text
from pypdf import PdfReader

from handbook.content import outputs
from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.paths import public_url
from handbook.render import engine, pdf

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pdf_content"
SECRETS = ("HEMMELIG-TRÆNERNOTE", "HEMMELIG-KILDENOTE")

COURSE = "deltagermappe-samtalekursus.pdf"
TRAINER = "undervisermanual-samtalekursus.pdf"
PACK = "intro-pakke.pdf"
GUIDE = "redskaber-mod-langtidsledighed.pdf"
COOKBOOK = "implementeringskogebog.pdf"
TOOLCARDS = "redskabskort.pdf"
TOOL_SHEET = "skemaer/detektiv-forberedelse-af-samtalen.pdf"
CHAPTER_SHEET = "skemaer/forankring-plan-for-forankring.pdf"


@dataclass
class Built:
    output: outputs.PdfOutput
    path: Path
    reader: PdfReader
    pages: list[str]  # text per page, hyphenation undone and whitespace collapsed
    html: str

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, page number from 1) of every bookmark, in order."""
        items: list[tuple[int, str, int]] = []

        def walk(nodes: list, level: int) -> None:
            for node in nodes:
                if isinstance(node, list):
                    walk(node, level + 1)
                else:
                    page = self.reader.get_destination_page_number(node) + 1
                    items.append((level, node.title, page))

        walk(self.reader.outline, 1)
        return items


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def fixture_book() -> Handbook:
    return load(FIXTURE)


@pytest.fixture(scope="module")
def weasy_warnings() -> _Collect:
    return _Collect()


@pytest.fixture(scope="module", autouse=True)
def public_site_address() -> Iterator[str]:
    """This module's PDFs are built as for publishing, with a public site address (a local
    build prints page paths instead of addresses: tests/test_trust.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_SITE_URL", "https://metodehaandbogen.example/")
        yield "https://metodehaandbogen.example/"


@pytest.fixture(scope="module")
def built(
    fixture_book: Handbook, tmp_path_factory: pytest.TempPathFactory, weasy_warnings: _Collect
) -> dict[str, Built]:
    """Every PDF of the fixture's plan, written once for all tests in this module."""
    target = tmp_path_factory.mktemp("pdf")
    logger = logging.getLogger("weasyprint")
    logger.addHandler(weasy_warnings)
    try:
        result = {}
        for out in outputs.plan(fixture_book):
            path = pdf.write_pdf(fixture_book, out, target)
            reader = PdfReader(path)
            result[out.filename] = Built(
                out,
                path,
                reader,
                [clean_text(p.extract_text()) for p in reader.pages],
                pdf.render_html(fixture_book, out),
            )
    finally:
        logger.removeHandler(weasy_warnings)
    return result


def test_plan_covers_every_kind(built: dict[str, Built], fixture_book: Handbook) -> None:
    kinds = {b.output.kind for b in built.values()}
    assert kinds == {
        "course",
        "trainer",
        "pack",
        "guide",
        "cookbook",
        "toolcards",
        "worksheet",
        "toolcard",  # one card's own PDF
        "deck",  # the A6 card deck (render/cards.py)
    }
    assert set(built) == {
        COURSE,
        TRAINER,
        PACK,
        GUIDE,
        COOKBOOK,
        TOOLCARDS,
        TOOL_SHEET,
        CHAPTER_SHEET,
        # every tool card's own PDF and the deck's three forms (render/cards.py)
        *(outputs.card_pdf(t) for t in fixture_book.tools),
        *(filename for filename, _, _ in outputs.DECK_FORMS.values()),
    }


def test_written_where_the_plan_says(built: dict[str, Built]) -> None:
    for name, b in built.items():
        assert b.path.as_posix().endswith("/" + name)
        assert b.path.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("name", [COURSE, PACK, GUIDE, COOKBOOK, TOOLCARDS, TOOL_SHEET])
def test_no_trainer_or_editorial_notes(built: dict[str, Built], name: str) -> None:
    b = built[name]
    for secret in SECRETS:
        assert secret not in b.text
        assert secret not in b.html  # nor hidden in the markup


def test_trainer_manual_has_the_trainer_notes_but_no_editorial_notes(
    built: dict[str, Built],
) -> None:
    b = built[TRAINER]
    # block, day and activity notes, each in the trainer's box
    assert b.text.count("HEMMELIG-TRÆNERNOTE") == 3
    assert b.html.count('class="trainer-note"') == 3
    assert "HEMMELIG-KILDENOTE" not in b.text and "HEMMELIG-KILDENOTE" not in b.html
    assert "Til underviseren" in b.text
    titles = [t for _, t, _ in b.outline()]
    assert "Spørgeteknikdagen" in titles and "Redskabskort" not in titles


def test_fixture_really_has_the_secret_notes(fixture_book: Handbook) -> None:
    """Guard: the test above means something only if the fixture holds the notes."""
    module = fixture_book.modules["samtalemodul"]
    assert "HEMMELIG-TRÆNERNOTE" in (module.days[0].blocks[1].trainer_notes or "")
    assert "HEMMELIG-TRÆNERNOTE" in (module.days[0].trainer_notes or "")
    assert "HEMMELIG-TRÆNERNOTE" in (module.activities[0].trainer_notes or "")
    assert "HEMMELIG-KILDENOTE" in (fixture_book.tools["detektiv"].provenance.notes or "")


@pytest.mark.parametrize("name", [COURSE, PACK, GUIDE, COOKBOOK, TOOLCARDS, TOOL_SHEET])
def test_metadata_language_and_tagging(built: dict[str, Built], name: str) -> None:
    b = built[name]
    root = b.reader.trailer["/Root"]
    assert b.reader.metadata.title == b.output.title
    assert root["/Lang"] == "da"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    xmp = b.reader.xmp_metadata.stream.get_data()
    assert b'pdfuaid:part="1"' in xmp  # PDF/UA-1 identification
    assert '<html lang="da">' in b.html


def test_page_numbers_in_footer_not_on_cover(built: dict[str, Built]) -> None:
    b = built[COURSE]
    total = len(b.pages)
    assert "Side" not in b.pages[0]
    assert b.output.title in b.pages[0] and "Metodehåndbogen" in b.pages[0]
    for number in range(2, total + 1):
        assert f"Side {number} af {total}" in b.pages[number - 1]
    sheet = built[TOOL_SHEET]
    assert len(sheet.pages) == 1
    assert "Side 1 af 1" in sheet.pages[0]


def test_running_header_names_document_and_section(built: dict[str, Built]) -> None:
    b = built[COURSE]
    day_page = next(p for p in b.pages if "Velkomst og forventninger" in p)
    assert b.output.title in day_page
    assert "Modul 1: Samtalen i praksis" in day_page
    glossary_page = b.pages[-1]
    assert glossary_page.count("Ordliste") >= 2  # running header and heading


def test_course_pack_content(built: dict[str, Built]) -> None:
    b = built[COURSE]
    assert len(b.pages) > 8
    text = b.text
    for expected in (
        "Program",
        "Deltagerne lærer at føre motiverende samtaler",  # purpose
        "Deltagerne kan bruge detektivspørgsmål.",  # goal
        "2 undervisningsdage og et opfølgningsmøde",  # module format in the overview
        "Spørgeteknikdagen",
        "Samtalemodellen i brug",
        "09.00–09.30",  # suggested clock times
        "09.30–10.30",
        "Detektivspørgsmål i praksis",
        "Oplæg",
        "Hvad gør du, når borgeren svarer kort?",  # discussion question
        "Opfølgningsmøde",  # activity of the module
        "Prøv detektivspørgsmål",  # homework sheet
        "Hvad vil du gøre anderledes næste gang?",
        "Følges op på Samtalemodellen i brug",
        "Detektivspørgsmål",
        "Samtalemodellen",
        "Definition",
        "Værdi",
        "Udførelse",
        "Forberedelse af samtalen",  # the tool's worksheet
        "Ordliste",
        "Styrelsen for Arbejdsmarked og Rekruttering",
    ):
        assert expected in text, expected
    # Homework, cards and worksheets each start on their own page.
    hw_page = next(i for i, p in enumerate(b.pages) if "Hvad virkede godt?" in p)
    card_pages = [i for i, p in enumerate(b.pages) if "Definition" in p]
    assert len(card_pages) == 2 and hw_page < card_pages[0]


def test_course_outline_and_contents(built: dict[str, Built]) -> None:
    b = built[COURSE]
    outline = b.outline()
    titles = [t for _, t, _ in outline]
    top = [t for level, t, _ in outline if level == 1]
    assert top == [
        "Program",
        "Modul 1: Samtalen i praksis",
        "Hjemmeopgaver",
        "Redskabskort",
        "Skemaer",
        "Ordliste",
    ]
    for expected in ("Spørgeteknikdagen", "1. Detektivspørgsmål", "Samtalemodellen"):
        assert expected in titles
    assert "Indhold" not in titles and b.output.title not in titles  # no cover/TOC bookmarks
    # Each bookmark lands on the page with its heading; the contents page says so too.
    toc = b.pages[1]
    assert toc.startswith("Indhold")
    for _, title, page in outline:
        heading = re.sub(r"^[0-9A-Z]+\. ", "", title)  # the label is a badge on the card
        assert heading in b.pages[page - 1], title
        assert re.search(re.escape(title) + r"[ .]*" + str(page) + r"\b", toc), title


def test_internal_links_resolve(built: dict[str, Built], weasy_warnings: _Collect) -> None:
    assert not [m for m in weasy_warnings.messages if "anchor" in m.lower()]
    for b in built.values():
        names = set(b.reader.named_destinations)
        links = [
            a.get_object()
            for page in b.reader.pages
            for a in page.get("/Annots", [])
            if a.get_object().get("/Subtype") == "/Link"
            and "/URI" not in a.get_object().get("/A", {})  # web addresses: next test
        ]
        for link in links:
            assert link["/Dest"] in names, (b.output.filename, link["/Dest"])
        if b.output.kind not in ("worksheet", "toolcard", "deck"):  # these have no contents
            contents_links = {
                a.get_object()["/Dest"]
                for a in b.reader.pages[1].get("/Annots", [])
                if a.get_object().get("/Subtype") == "/Link"
            }
            assert len(contents_links) == len(b.outline()), b.output.filename
    day_links = built[COURSE].html.count('href="#redskab-detektiv"')
    assert day_links >= 3  # day plan, homework and the model's card link to the card


def test_pack_has_only_the_chosen_days(built: dict[str, Built]) -> None:
    b = built[PACK]
    titles = [t for _, t, _ in b.outline()]
    assert "Spørgeteknikdagen" in titles
    assert "Samtalemodellen i brug" not in titles
    assert "Rollespil med samtalemodellen" not in b.text  # a block of the other day
    assert "Opfølgningsmøde" not in b.text  # activities belong to whole courses
    for expected in ("Prøv detektivspørgsmål", "1. Detektivspørgsmål", "Samtalemodellen"):
        assert expected in titles
    assert "Ordliste" in titles  # include_glossary defaults to true


def test_guide_order_and_parts(built: dict[str, Built]) -> None:
    b = built[GUIDE]
    outline = b.outline()
    top = [t for level, t, _ in outline if level == 1]
    assert top == [
        "Sådan bruger du guiden",
        "Redskaber",
        "Organiseringsmodeller",
        "Cases fra kommuner",
        "Definitioner",
    ]
    titles = [t for _, t, _ in outline]
    assert "Samtalemodellen" in titles  # a guide tool (linked from the overview)
    assert "1. Detektivspørgsmål" not in titles  # not a guide tool
    for expected in ("Styrker", "Svagheder", "Kort vej mellem fagligheder", "Kræver tid til"):
        assert expected in b.text
    assert "Kommunen halverede antallet" in b.text


def test_cookbook(built: dict[str, Built]) -> None:
    b = built[COOKBOOK]
    text = b.text
    for expected in (
        "1. Forankring i hverdagen",
        "Hvorfor",
        "Det skal I beslutte",
        "Sådan gør I",
        "Tjekliste",
        "☐ Ansvarlig er udpeget",
        "Faldgruber",
        "Gode råd",
        "redskaber/samtalemodel/",
        "moduler/samtalemodul/",
        "Plan for forankring",
        "Ansvarlig leder",
    ):
        assert expected in text, expected
    assert b.reader.get_fields() is None  # printed forms only; fillable in the sheet PDFs
    # The chapter's tools are printed at the back and linked to; not every part of a model.
    titles = [t for _, t, _ in b.outline()]
    for expected in ("Redskaber til ledelsen", "Samtalemodellen"):
        assert expected in titles, expected
    assert "1. Detektivspørgsmål" not in titles
    assert 'href="#redskab-samtalemodel"' in b.html


def test_web_addresses_are_full_and_clickable(built: dict[str, Built]) -> None:
    """Print names a page on the website by its full address, as a working link."""
    expected = {
        COOKBOOK: [public_url("redskaber/samtalemodel/"), public_url("moduler/samtalemodul/")],
        TOOLCARDS: [public_url("pdf/skemaer/detektiv-forberedelse-af-samtalen.pdf")],
    }
    for name, urls in expected.items():
        b = built[name]
        links = {
            a.get_object()["/A"]["/URI"]
            for page in b.reader.pages
            for a in page.get("/Annots") or []
            if "/URI" in a.get_object().get("/A", {})
        }
        # Lines joined as they are: a break inside an address adds no hyphen.
        printed = "".join(p.extract_text().replace("\n", "") for p in b.reader.pages)
        for url in urls:
            assert url.startswith(("http://", "https://"))
            assert url in printed, url  # printed in full
            assert url in links, url


def test_toolcards_grouped_by_family(built: dict[str, Built]) -> None:
    b = built[TOOLCARDS]
    outline = b.outline()
    assert outline[0][:2] == (1, "Samtalemodellen med tilhørende redskaber")
    assert [t for level, t, _ in outline if level == 2] == [
        "Samtalemodellen",
        "1. Detektivspørgsmål",
    ]
    assert outline[1][2] < outline[2][2]  # each card on its own page


def test_worksheet_is_a_fillable_form(built: dict[str, Built]) -> None:
    b = built[TOOL_SHEET]
    fields = b.reader.get_fields()
    # ws-<tool>-<sheet>-<section>-<field>[-<option>], all 0-based
    text_fields = {
        "ws-detektiv-0-0-0": "Borgerens fornavn",
        "ws-detektiv-0-0-1": "Dato for samtalen",
        "ws-detektiv-0-0-2": "Antal tidligere samtaler",
        "ws-detektiv-0-1-0": "Hvad vil du opnå?",
    }
    boxes = {
        f"ws-detektiv-0-1-1-{i}": f"Hvilke spørgsmål vil du bruge?: {o}"
        for i, o in enumerate(["Handling", "Tid", "Sted", "Personer"])
    }
    # A scale and a choice allow one answer: one radio group each, a button per option.
    radios = {
        "ws-detektiv-0-1-2": ("Hvor sikker føler du dig?", ["1", "2", "3", "4", "5"]),
        "ws-detektiv-0-1-3": (
            "Hvor holdes samtalen?",
            ["I jobcentret", "I a-kassen", "Over telefon"],
        ),
    }
    assert set(fields) == set(text_fields) | set(boxes) | set(radios)
    for name, label in text_fields.items():
        assert fields[name]["/FT"] == "/Tx"
        assert fields[name]["/TU"] == label  # the accessible name is the printed label
    for name, label in boxes.items():
        assert fields[name]["/FT"] == "/Btn"
        assert fields[name]["/TU"] == label
        assert not int(fields[name].get("/Ff", 0)) & (1 << 15)  # independent boxes
    for name, (label, options) in radios.items():
        group = fields[name].indirect_reference.get_object()
        assert group["/FT"] == "/Btn" and group["/TU"] == label
        assert int(group["/Ff"]) & (1 << 15)  # radio: choosing one clears the others
        assert [str(o) for o in group["/Opt"]] == options
        kids = [k.get_object() for k in group["/Kids"]]
        assert len(kids) == len(options)
        assert all("/T" not in k for k in kids)  # the buttons belong to the group's field
    assert int(fields["ws-detektiv-0-1-0"]["/Ff"]) & (1 << 12)  # 'lines' is multiline
    for expected in ("skema til detektivspørgsmål", "forberedelse af samtalen", "om samtalen"):
        assert expected in b.text.lower()  # the header line is set in capitals
    chapter = built[CHAPTER_SHEET]
    assert set(chapter.reader.get_fields()) == {"ws-forankring-0-0-0", "ws-forankring-0-0-1"}
    assert "skema til forankring i hverdagen" in chapter.text.lower()


def test_only_worksheet_pdfs_have_form_fields(built: dict[str, Built]) -> None:
    for b in built.values():
        if b.output.kind != "worksheet":
            assert b.reader.get_fields() is None, b.output.filename
    assert "Forberedelse af samtalen" in built[COURSE].text  # printed there on paper


def test_print_css_essentials() -> None:
    css = (engine.TEMPLATE_DIR / "print.css").read_text(encoding="utf-8")
    assert "hyphens: auto" in css
    assert "size: A4" in css
    assert 'counter(page) " af " counter(pages)' in css
    assert "target-counter(attr(href), page)" in css


def test_falls_back_to_tagged_pdf(
    fixture_book: Handbook,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from weasyprint.document import Document

    original = Document.write_pdf

    def fail_ua(self, target=None, zoom=1, finisher=None, **options):
        if options.get("pdf_variant"):
            raise ValueError("simulated PDF/UA failure")
        return original(self, target, zoom, finisher, **options)

    monkeypatch.setattr(Document, "write_pdf", fail_ua)
    out = next(o for o in outputs.plan(fixture_book) if o.filename == TOOL_SHEET)
    with caplog.at_level(logging.WARNING, logger=pdf.log.name):
        reader = PdfReader(pdf.write_pdf(fixture_book, out, tmp_path))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.get_fields()
    assert any("PDF/UA-1 failed (simulated PDF/UA failure)" in m for m in caplog.messages)
