"""Print output: structure, text, bookmarks, tagging and forms, checked with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdftext import clean_text
from pypdf import PdfReader

from handbook.content import outputs
from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.render import pdf

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


def _outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def mini_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    book = load(MINI)
    target = tmp_path_factory.mktemp("pdf")
    return {
        out.kind + ("" if out.kind != "worksheet" else ":" + out.filename): PdfReader(
            pdf.write_pdf(book, out, target)
        )
        for out in outputs.plan(book)
    }


def test_course_pack_has_structure_and_page_numbers(mini_pdfs: dict[str, PdfReader]) -> None:
    reader = mini_pdfs["course"]
    assert len(reader.pages) >= 8
    text = _text(reader)
    for expected in (
        "Deltagermappe: Testkursus",
        "Indhold",
        "Program",
        "Dag 1 – Spørgsmål",
        "Prøv detektivspørgsmål",
        "Detektivspørgsmål",
        "Ordliste",
        "Side 3 af",
    ):
        assert expected in text, expected
    assert "09.30–10.30" in text  # suggested clock times in the day plan


def test_only_the_trainer_manual_contains_trainer_notes(mini_pdfs: dict[str, PdfReader]) -> None:
    for kind, reader in mini_pdfs.items():
        assert ("HEMMELIG-TRÆNERNOTE" in _text(reader)) == (kind == "trainer"), kind


def test_course_pack_bookmarks_follow_the_content(mini_pdfs: dict[str, PdfReader]) -> None:
    titles = _outline_titles(mini_pdfs["course"])
    assert titles[:4] == [
        "Program",
        "Modul 1: Samtalen i praksis",
        "Dag 1 – Spørgsmål",
        "Dag 2 – Øvelse",
    ]
    assert "1. Detektivspørgsmål" in titles and "Ordliste" in titles


def test_pdfs_are_tagged_danish_and_titled(mini_pdfs: dict[str, PdfReader]) -> None:
    for name, reader in mini_pdfs.items():
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "da", name
        assert root["/MarkInfo"]["/Marked"], name
        assert "/StructTreeRoot" in root, name
        assert reader.metadata.title, name


def test_fonts_are_embedded(mini_pdfs: dict[str, PdfReader]) -> None:
    reader = mini_pdfs["course"]
    for page in reader.pages[:4]:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_internal_links_point_into_the_document(mini_pdfs: dict[str, PdfReader]) -> None:
    reader = mini_pdfs["course"]
    toc_page = reader.pages[1]
    links = [
        a.get_object() for a in toc_page.get("/Annots", []) if a.get_object()["/Subtype"] == "/Link"
    ]
    assert len(links) >= 5
    for link in links:
        assert "/Dest" in link or ("/A" in link and link["/A"]["/S"] == "/GoTo"), link


def test_worksheet_pdf_is_a_fillable_form(mini_pdfs: dict[str, PdfReader]) -> None:
    reader = mini_pdfs["worksheet:skemaer/detektiv-mit-skema.pdf"]
    fields = reader.get_fields()
    # The scale is one radio group: one answer, one field.
    assert set(fields) == {"ws-detektiv-0-0-0", "ws-detektiv-0-0-1"}
    assert int(fields["ws-detektiv-0-0-1"]["/Ff"]) & (1 << 15)  # radio
    assert len(reader.pages) == 1
    text = _text(reader)
    assert "Mit skema" in text and "Hvor enig er du?" in text


def test_pack_contains_only_chosen_days(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "packs").mkdir(exist_ok=True)  # git does not keep the fixture's empty folder
    (content / "packs" / "min-mappe.yml").write_text(
        "title: Min mappe\ndays: [modul-a/dag-2]\ntools: [detektiv]\ninclude_glossary: false\n",
        encoding="utf-8",
    )
    book: Handbook = load(content)
    out = next(o for o in outputs.plan(book) if o.pack_id == "min-mappe")
    text = _text(PdfReader(pdf.write_pdf(book, out, tmp_path)))
    assert "Dag 2 – Øvelse" in text and "Dag 1 – Spørgsmål" not in text
    assert "Detektivspørgsmål" in text and "Testmodellen" in text  # extra tool + day's tool
    assert "Ordliste" not in text


def test_real_course_packs(book: Handbook, site_dir: Path) -> None:
    """The real participant packs: every day and tool card of the course, no trainer notes."""
    for course in book.courses.values():
        reader = PdfReader(site_dir / "pdf" / f"deltagermappe-{course.id}.pdf")
        text = _text(reader)
        titles = _outline_titles(reader)
        for module_id in course.modules:
            module = book.modules[module_id]
            for day in module.days:
                assert day.title in titles, day.title
                for block in day.blocks:
                    if block.trainer_notes:
                        snippet = " ".join(block.trainer_notes.split()[:6])
                        assert snippet not in " ".join(text.split()), snippet
        for tool in book.course_tools(course):
            label = f"{tool.label}. {tool.title}" if tool.label else tool.title
            assert label in titles, label


def test_real_trainer_manuals_carry_every_trainer_note(book: Handbook, site_dir: Path) -> None:
    for course in book.courses.values():
        reader = PdfReader(site_dir / "pdf" / f"undervisermanual-{course.id}.pdf")
        text = clean_text(_text(reader))
        for module_id in course.modules:
            for day in book.modules[module_id].days:
                for block in day.blocks:
                    if block.trainer_notes:
                        # a few words from the middle of the note: line breaks hyphenate its ends
                        words = block.trainer_notes.replace("*", "").split()
                        assert " ".join(words[1:4]) in text, (day.id, block.title)


def test_real_cookbook_pdf(book: Handbook, site_dir: Path) -> None:
    reader = PdfReader(site_dir / "pdf" / "implementeringskogebog.pdf")
    titles = _outline_titles(reader)
    for chapter in book.cookbook.values():
        assert f"{chapter.order}. {chapter.title}" in " ".join(titles) or chapter.title in titles
    assert len(reader.pages) >= 2 * len(book.cookbook)
    text = _text(reader)
    assert "Side 2 af" in text and "Tjekliste" in text


def test_real_worksheets_are_fillable_forms(book: Handbook, site_dir: Path) -> None:
    """Every worksheet of the handbook is its own PDF with one form field per write-in place."""
    sheets = [o for o in outputs.plan(book) if o.kind == "worksheet"]
    assert len(sheets) >= 10
    for out in sheets:
        owner = book.tools[out.tool_id] if out.tool_id else book.cookbook[out.chapter_id]
        sheet = owner.worksheets[out.worksheet_index]
        expected = sum(
            len(f.options) if f.kind == "checkbox" else 1  # choice, scale: one radio group
            for s in sheet.sections
            for f in s.fields
        )
        reader = PdfReader(site_dir / "pdf" / out.filename)
        fields = reader.get_fields() or {}
        assert len(fields) == expected, out.filename
        assert all(name.startswith(f"ws-{owner.id}-{out.worksheet_index}-") for name in fields)
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
