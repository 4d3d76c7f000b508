"""Cards on the table: one PDF per tool card, the A6 deck with QR codes, short addresses.

The fit tests render every face of the deck (no full build needed); the PDF, QR and site
tests read the full build the other site and PDF tests share (conftest.site_dir).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pdftext import clean_text
from pypdf import PdfReader

from handbook.content import cards, outputs
from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.errors import ContentError
from handbook.paths import public_url
from handbook.render import cards as card_render
from handbook.render import engine, pdf

MM = 72 / 25.4  # PDF points per millimetre


def _mm(value: float) -> float:
    return round(float(value) / MM, 1)


# --- the plan and the model ----------------------------------------------------------------


def test_every_tool_has_its_own_pdf_and_the_deck_three_forms(book: Handbook) -> None:
    plan = outputs.plan(book)
    singles = {p.tool_id: p.filename for p in plan if p.kind == "toolcard"}
    assert singles == {t: f"redskaber/{t}.pdf" for t in book.tools}
    forms = {p.deck_form: p.filename for p in plan if p.kind == "deck"}
    assert set(forms) == {"office", "fold", "print"}
    assert len(set(forms.values())) == 3


def test_deck_has_every_tool_once(book: Handbook) -> None:
    faces = cards.deck_faces(book)
    assert sorted(f.tool.id for f in faces) == sorted(book.tools)
    assert [f.number for f in faces] == list(range(1, len(faces) + 1))


def test_office_backs_are_mirrored_for_long_edge_duplex() -> None:
    a, b, c, d = "abcd"
    assert card_render.mirrored([a, b, c, d]) == [b, a, d, c]
    assert card_render.mirrored([a, b, c]) == [b, a, None, c]  # a short last page keeps its places


def test_the_qr_code_is_the_short_address_vector_only(book: Handbook) -> None:
    """The embedded SVG path, read back into a module matrix, is segno's matrix for the URL."""
    import segno

    url = cards.short_url("abc-jobstrategi")
    assert url.endswith("/r/abc-jobstrategi/")
    svg = str(card_render.qr_svg(url, 20))
    assert "<image" not in svg and "data:" not in svg and "href" not in svg
    expected = segno.make(url, error="m", micro=False).matrix
    size = len(expected)
    found = [[0] * size for _ in range(size)]
    for x, y, run in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        for i in range(int(run)):
            found[int(y) - 2][int(x) - 2 + i] = 1
    assert found == [list(row) for row in expected]


def test_a_card_too_long_for_its_face_is_a_check_problem(mini: Path) -> None:
    path = mini / "tools" / "detektiv.yml"
    text = path.read_text(encoding="utf-8")
    long_value = "[" + ", ".join(["Et langt punkt om hvad redskabet giver i samtalen"] * 30) + "]"
    path.write_text(text.replace("value: [Indsigt]", f"value: {long_value}"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(mini)
    found = [str(p) for p in info.value.problems]
    assert any(
        re.search(r"detektiv\.yml:8: value: .*front of its A6 deck card.*'card\.value'", p)
        for p in found
    ), found
    # the short form the message asks for makes the card fit
    path.write_text(
        path.read_text(encoding="utf-8")
        + "card:\n  value: [Indsigt i situationen, Et fælles billede]\n",
        encoding="utf-8",
    )
    assert load(mini).tools["detektiv"].card is not None


# --- every face fits (the real render) -------------------------------------------------------


@pytest.fixture(scope="module")
def fit_document(book: Handbook):  # noqa: ANN201 - a WeasyPrint Document
    """Every face's body alone on a page of exactly its room (render/cards.py)."""
    from weasyprint import HTML

    html = card_render.render_fit_test(book, pdf._environment(book), cards.deck_faces(book))
    return HTML(
        string=html, base_url=f"{engine.TEMPLATE_DIR}/", url_fetcher=engine.asset_fetcher()
    ).render()


def test_no_card_overflows_its_face(book: Handbook, fit_document) -> None:  # noqa: ANN001
    """A face that needs a second page does not fit its card: with the check green (the
    estimate in cards.fit_problems), no face may spill."""
    first: dict[str, int] = {}
    for number, page in enumerate(fit_document.pages):
        for anchor in page.anchors:
            if anchor.startswith("kort-"):
                first.setdefault(anchor, number)
    faces = cards.deck_faces(book)
    assert len(first) == 2 * len(faces)
    starts = sorted(first.values())
    spilled = [
        anchor
        for anchor, n in first.items()
        if (starts[starts.index(n) + 1] if n != starts[-1] else len(fit_document.pages)) - n > 1
    ]
    assert not spilled, f"faces that do not fit their card: {spilled}"
    assert len(fit_document.pages) == 2 * len(faces)


def test_fit_estimate_is_never_below_the_rendered_height(
    book: Handbook,
    fit_document,  # noqa: ANN001
) -> None:
    """The check's estimate (characters and lines per field) is calibrated to be safe: for
    every face it is at least the height the text really takes."""

    def lines(box):  # noqa: ANN001, ANN202
        if type(box).__name__ == "LineBox":
            yield box.position_y + box.height
        for child in getattr(box, "children", []):
            yield from lines(child)

    pages = {}
    for number, page in enumerate(fit_document.pages):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    px_to_mm = 25.4 / 96
    for f in cards.deck_faces(book):
        front = max(lines(fit_document.pages[pages[f.anchor]]._page_box)) * px_to_mm
        back = max(lines(fit_document.pages[pages[f.anchor + "-bag"]]._page_box)) * px_to_mm
        assert sum(cards.front_mm(f)) >= front, (f.tool.id, "front", front)
        assert cards.back_mm(f) >= back, (f.tool.id, "back", back)


# --- the built PDFs ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_dir(site_dir: Path) -> Path:
    return site_dir / "pdf"


def _deck(pdf_dir: Path, form: str) -> PdfReader:
    return PdfReader(pdf_dir / outputs.DECK_FORMS[form][0])


def test_every_tool_card_pdf(book: Handbook, pdf_dir: Path) -> None:
    """One A4 PDF per card: the card's title and steps, its worksheets named, no editors'
    notes; a card without worksheets takes at most two pages."""
    for tool in book.tools.values():
        reader = PdfReader(pdf_dir / outputs.card_pdf(tool.id or ""))
        box = reader.pages[0].mediabox
        assert (_mm(box.width), _mm(box.height)) == (210.0, 297.0), tool.id
        text = clean_text("\n".join(p.extract_text() or "" for p in reader.pages))
        assert tool.title in text, tool.id
        assert "Udførelse" in text and "Definition" in text, tool.id
        for sheet in tool.worksheets:
            assert sheet.title in text, (tool.id, sheet.title)
        if tool.provenance.notes:
            note = " ".join(tool.provenance.notes.split())[:60]
            assert note not in text, f"{tool.id}: editors' note printed"
        if not tool.worksheets:
            assert len(reader.pages) <= 2, (tool.id, len(reader.pages))


def test_office_deck_is_a4_with_four_cards_a_page(book: Handbook, pdf_dir: Path) -> None:
    reader = _deck(pdf_dir, "office")
    count = len(book.tools)
    sheets = -(-count // 4)
    assert len(reader.pages) == 2 * sheets
    for number, page in enumerate(reader.pages):
        assert (_mm(page.mediabox.width), _mm(page.mediabox.height)) == (210.0, 297.0)
        text = page.extract_text() or ""
        on_page = min(4, count - 4 * (number // 2))
        if number % 2 == 0:  # fronts: every card's foot line
            assert text.count("Metodehåndbogen · Redskabskort") == on_page, number
        else:  # backs: every card's short address
            assert text.count("Hele kortet, skemaer og erfaringer") == on_page, number


def test_fold_deck_is_a4_with_two_cards_front_and_back(book: Handbook, pdf_dir: Path) -> None:
    reader = _deck(pdf_dir, "fold")
    assert len(reader.pages) == -(-len(book.tools) // 2)
    first = reader.pages[0]
    assert (_mm(first.mediabox.width), _mm(first.mediabox.height)) == (210.0, 297.0)
    text = first.extract_text() or ""
    assert text.count("Metodehåndbogen · Redskabskort") == 2
    assert text.count("Hele kortet, skemaer og erfaringer") == 2


def test_print_shop_deck_is_a6_with_bleed(book: Handbook, pdf_dir: Path) -> None:
    """One face per page: A6 plus 3 mm bleed on every side; the trim box is the A6 card."""
    reader = _deck(pdf_dir, "print")
    assert len(reader.pages) == 2 * len(book.tools)
    for page in reader.pages[:4]:
        media, trim = page.mediabox, page.trimbox
        assert abs(_mm(trim.width) - 105) <= 0.2 and abs(_mm(trim.height) - 148) <= 0.2
        assert _mm(media.width) >= 105 + 2 * 3 - 0.2
        assert _mm(media.height) >= 148 + 2 * 3 - 0.2
        bleed = page.bleedbox
        assert abs(_mm(bleed.width) - 111) <= 0.2 and abs(_mm(bleed.height) - 154) <= 0.2


def _decode(pdf_path: Path, number: int) -> set[str]:
    """The QR codes zbarimg reads on page `number` (1-based) of a PDF, rendered by pdftoppm."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile"]
            + ["-f", str(number), "-l", str(number), str(pdf_path), f"{tmp}/page"],
            check=True,
        )
        done = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{tmp}/page.png"],
            capture_output=True,
            text=True,
        )
        return set(done.stdout.split())


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools is not installed")
def test_every_qr_code_decodes_to_its_cards_short_address(book: Handbook, pdf_dir: Path) -> None:
    """Read from the printed backs of the office deck (every card's back, four a page)."""
    faces = cards.deck_faces(book)
    path = pdf_dir / outputs.DECK_FORMS["office"][0]
    pages = len(PdfReader(path).pages)
    found: set[str] = set()
    for number in range(2, pages + 1, 2):  # the backs
        codes = _decode(path, number)
        sheet = faces[(number // 2 - 1) * 4 : number // 2 * 4]
        assert codes == {cards.short_url(f.tool.id or "") for f in sheet}, number
        found |= codes
    assert found == {cards.short_url(t) for t in book.tools}


# --- the site -------------------------------------------------------------------------------


def test_short_addresses_resolve_on_the_built_site(book: Handbook, site_dir: Path) -> None:
    for tool_id in book.tools:
        page = site_dir / "r" / tool_id / "index.html"
        html = page.read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        assert target, tool_id
        resolved = (page.parent / target.group(1)).resolve() / "index.html"
        assert resolved == (site_dir / "redskaber" / tool_id / "index.html").resolve()
        assert resolved.is_file(), tool_id
        assert f'href="{target.group(1)}"' in html  # a visible link for browsers that wait
        assert f'rel="canonical" href="{public_url(f"redskaber/{tool_id}/")}"' in html


def test_tool_pages_link_their_card_pdf_and_short_address(site_dir: Path) -> None:
    html = (site_dir / "redskaber" / "abc-jobstrategi" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/redskaber/abc-jobstrategi.pdf"' in html
    assert 'href="../../r/abc-jobstrategi/"' in html


def test_downloads_page_gives_every_pdfs_size_and_pages(book: Handbook, site_dir: Path) -> None:
    html = (site_dir / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "Redskabskort og kortsæt" in html
    for out in outputs.plan(book):
        reader = PdfReader(site_dir / "pdf" / out.filename)
        pages = len(reader.pages)
        words = f"{pages} side" if pages == 1 else f"{pages} sider"
        row = re.search(rf'href="\.\./pdf/{re.escape(out.filename)}".*?</tr>', html, re.DOTALL)
        assert row, out.filename
        assert f"{words}, " in row.group(0), (out.filename, words)
