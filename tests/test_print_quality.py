"""Print quality of the real PDFs, as readers meet it: page fill, forms, file size, type size.

The PDFs come from the full build that the site tests share (conftest.site_dir).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdftext import near_empty_pages, page_char_counts
from pypdf import PdfReader

from handbook.render import engine

MIN_PT = 9.0  # nothing a reader needs is set smaller
MAX_KIB_PER_WORKSHEET_PAGE = 100
MIN_LAST_PAGE_FILL = 0.25  # a form's last page holds at least a quarter page of fields

# The text area of a worksheet page (print.css: @page sheet margins 16 mm top, 20 mm bottom).
_SHEET_TOP = (297 - 16) / 25.4 * 72
_SHEET_BOTTOM = 20 / 25.4 * 72


@pytest.fixture(scope="module")
def pdf_dir(site_dir: Path) -> Path:
    return site_dir / "pdf"


def _worksheets(pdf_dir: Path) -> list[Path]:
    sheets = sorted((pdf_dir / "skemaer").glob("*.pdf"))
    assert len(sheets) > 30
    return sheets


def _sizes(reader: PdfReader) -> set[float]:
    """Type sizes in pt of all text in a PDF."""
    sizes: set[float] = set()

    def visit(text, cm, tm, font, size) -> None:  # noqa: ANN001 - pypdf's visitor signature
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.add(round(size * scale, 2))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def _fill(page) -> float:  # noqa: ANN001 - a pypdf PageObject
    """How far down a worksheet page its text and form fields reach (0–1)."""
    lows: list[float] = []

    def visit(text, cm, tm, font, size) -> None:  # noqa: ANN001
        if text.strip():
            lows.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    for annot in page.get("/Annots") or []:
        widget = annot.get_object()
        if widget.get("/Subtype") == "/Widget":
            lows.append(float(widget["/Rect"][1]))
    lows = [y for y in lows if y > _SHEET_BOTTOM]  # the footer sits below the text area
    return (_SHEET_TOP - min(lows)) / (_SHEET_TOP - _SHEET_BOTTOM) if lows else 0.0


def test_hardly_any_near_empty_pages(pdf_dir: Path) -> None:
    pages = 0
    empty: list[str] = []
    for path in sorted(pdf_dir.rglob("*.pdf")):
        count = len(PdfReader(path).pages)
        assert len(page_char_counts(path)) == count, path.name  # poppler read every page
        pages += count
        empty += [f"{path.name} p. {n}" for n in near_empty_pages(path)]
    assert pages > 500  # every PDF was read
    assert len(empty) < 0.01 * pages, empty


def test_worksheets_are_small(pdf_dir: Path) -> None:
    """The form fields' font is a subset (handbook/render/formfont.py), not all of DejaVu."""
    for path in _worksheets(pdf_dir):
        per_page = path.stat().st_size / 1024 / len(PdfReader(path).pages)
        assert per_page < MAX_KIB_PER_WORKSHEET_PAGE, (path.name, round(per_page))


def test_forms_do_not_spill_onto_an_almost_empty_page(pdf_dir: Path) -> None:
    for path in _worksheets(pdf_dir):
        reader = PdfReader(path)
        if len(reader.pages) > 1:
            fill = _fill(reader.pages[-1])
            assert fill >= MIN_LAST_PAGE_FILL, (path.name, len(reader.pages), round(fill, 2))


def test_no_text_under_9pt_in_the_pdfs(pdf_dir: Path) -> None:
    paths = [*_worksheets(pdf_dir)[:3], pdf_dir / "deltagermappe-samtalen.pdf"]
    for path in paths:
        sizes = _sizes(PdfReader(path))
        assert sizes and min(sizes) >= MIN_PT, (path.name, sorted(sizes)[:3])


def test_no_font_size_under_9pt_in_print_css() -> None:
    css = (engine.TEMPLATE_DIR / "print.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    sizes = re.findall(
        r"font(?:-size)?:\s*(?:(?:bold|italic|normal)\s+)*([\d.]+)(pt|em|rem|%|px)", css
    )
    assert len(sizes) > 30
    for value, unit in sizes:
        number = float(value)
        if unit == "pt":
            assert number >= MIN_PT, f"{value}{unit}"
        elif unit == "px":
            assert number * 0.75 >= MIN_PT, f"{value}{unit}"
        else:  # relative sizes may not shrink text
            assert number >= (100 if unit == "%" else 1), f"{value}{unit}"


def test_glossary_words_are_not_broken_onto_a_line_of_their_own(pdf_dir: Path) -> None:
    """A word hyphenated onto a line of its own (as 'jobmulighe-' once was) reads as a glitch."""
    for name in ("deltagermappe-samtalen.pdf", "deltagermappe-forloeb-2015.pdf"):
        reader = PdfReader(pdf_dir / name)
        start = next(
            reader.get_destination_page_number(o)
            for o in reader.outline
            if not isinstance(o, list) and o.title == "Ordliste"
        )
        for page in reader.pages[start:]:
            lines = (page.extract_text() or "").splitlines()
            alone = [line for line in lines if re.fullmatch(r"\s*\w+[-\u2010\u00ad]\s*", line)]
            assert not alone, (name, alone)


def _form_tails(book) -> list[tuple[str, str, str]]:  # noqa: ANN001 - a Handbook
    """(last row's text, last section's heading, title) of every worksheet: a page that
    holds only a form's tail ends with the last row and lacks the section's heading."""
    sheets = [ws for t in book.tools.values() for ws in t.worksheets]
    sheets += [ws for c in book.cookbook.values() for ws in c.worksheets]
    tails = []
    for ws in sheets:
        last = ws.sections[-1].fields[-1]
        hint = "dd.mm.åååå" if last.kind == "date" else ""
        row = " ".join([last.label, *last.options, hint])
        tails.append((" ".join(row.split()), ws.sections[-1].heading, ws.title))
    return tails


_FOOTER = re.compile(r"^(Metodehåndbogen)?\s*(Side \d+ af \d+)?$")


_RUNNING_TEXT_ALLOWANCE = 600  # characters a running header and footer may hold, generously


def _body_text(reader: PdfReader, page) -> str:  # noqa: ANN001 - a pypdf PageObject
    """A page's text without the running header (it ends with the document's title) and
    footer, whitespace collapsed."""
    title = str((reader.metadata or {}).get("/Title") or "")
    lines = [
        line.strip()
        for line in (page.extract_text() or "").splitlines()
        if not _FOOTER.match(line.strip()) and not (title and line.strip().endswith(title))
    ]
    return " ".join(" ".join(lines).split())


def find_form_tails(path: Path, tails: list[tuple[str, str, str]]) -> list[str]:
    """Pages (after the cover) whose only content is the last rows of a form: short, ending
    with a form's last row, without the heading of the section that row belongs to."""
    reader = PdfReader(path)
    found = []
    # A page with far more text than a form's tail (poppler's fast count, header and
    # footer included: at most a few hundred characters) is real content: not read again.
    counts = page_char_counts(path)
    for number, page in enumerate(reader.pages, start=1):
        if counts[number - 1] > 200 + _RUNNING_TEXT_ALLOWANCE:
            continue
        body = _body_text(reader, page)
        if number == 1 or len(body.replace(" ", "")) > 200:
            continue  # the cover or the first page of a form; a page with real content
        bare = body.replace("Vælg én", "").replace(" ", "")
        ending = [(h, t) for row, h, t in tails if bare.endswith(row.replace(" ", ""))]
        # Forms may share a last row ("Næste samtale"): a tail only if none of them has
        # its last section's heading or its title on the page.
        if ending and not any(h in body or t in body for h, t in ending):
            found.append(f"{path.name} p. {number}: {body[:80]}")
    return found


def test_no_page_holds_only_a_forms_last_rows(book, pdf_dir: Path) -> None:  # noqa: ANN001
    """redskaber-mod-langtidsledighed.pdf once had a page with "Næste samtale ____
    dd.mm.åååå" and nothing else: a form's last lines stay with the rest (print.css)."""
    tails = _form_tails(book)
    found = [t for path in sorted(pdf_dir.rglob("*.pdf")) for t in find_form_tails(path, tails)]
    assert not found, found


def test_the_form_tail_finder_finds_a_tail(book, tmp_path: Path) -> None:  # noqa: ANN001
    """The finder is real: a page with a form's last row alone is found, the same row with
    its section's heading is not."""
    from weasyprint import HTML

    row, heading, _ = next(t for t in _form_tails(book) if t[0] == "Næste samtale dd.mm.åååå")
    page = '<section style="break-before: page">{}</section>'
    html = (
        '<html lang="da"><head><title>Prøve</title></head><body>'
        + "<p>"
        + "Forside " * 60
        + "</p>"
        + page.format("<p>Næste samtale</p><p>dd.mm.åååå</p>")
        + page.format(f"<h3>{heading}</h3><p>Næste samtale</p><p>dd.mm.åååå</p>")
        + "</body></html>"
    )
    target = tmp_path / "tail.pdf"
    HTML(string=html).write_pdf(target)
    found = find_form_tails(target, _form_tails(book))
    assert [f.split(":")[0] for f in found] == ["tail.pdf p. 2"]
