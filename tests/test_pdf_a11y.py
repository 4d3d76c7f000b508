"""Every PDF the real build writes keeps the machine-checkable PDF/UA basics.

Tagged structure, Danish as document language, the title shown in the window title bar,
a name a screen reader reads for every form field and alternative text for every figure.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from handbook.content import outputs
from handbook.content.book import Handbook


def _resolve(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _fields(nodes, path: str = "") -> list[tuple[str, DictionaryObject]]:
    """(full name, field dictionary) of every form field (widgets without /T are skipped)."""
    found = []
    for ref in nodes or []:
        node = _resolve(ref)
        name = f"{path}.{node['/T']}" if path and "/T" in node else str(node.get("/T", path))
        if "/T" in node:
            found.append((name, node))
        if "/Kids" in node:
            found += _fields(node["/Kids"], name)
    return found


def _figures(root: DictionaryObject) -> list[DictionaryObject]:
    """Every /Figure structure element below the structure tree root."""
    figures, stack, seen = [], [root.get("/K")], set()
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if hasattr(item, "idnum"):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
        item = _resolve(item)
        if isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, DictionaryObject) and item.get("/Type") in (None, "/StructElem"):
            if item.get("/S") == "/Figure":
                figures.append(item)
            stack.append(item.get("/K"))
    return figures


def problems(reader: PdfReader) -> list[str]:
    """What keeps the PDF from the PDF/UA basics; empty when it has them all."""
    found = []
    root = reader.trailer["/Root"]
    if not _resolve(root.get("/MarkInfo", {})).get("/Marked"):
        found.append("not marked as tagged (/MarkInfo /Marked true)")
    if "/StructTreeRoot" not in root:
        found.append("no structure tree (/StructTreeRoot)")
    lang = str(root.get("/Lang", ""))
    if lang.split("-")[0].lower() != "da":
        found.append(f"document language is {lang!r}, not 'da'")
    prefs = _resolve(root.get("/ViewerPreferences", {}))
    if not prefs.get("/DisplayDocTitle"):
        found.append("the window shows the file name, not the title (/DisplayDocTitle)")
    title = (reader.metadata or {}).get("/Title")
    if not title or not str(title).strip():
        found.append("no document title")
    xmp = _resolve(root.get("/Metadata"))
    if xmp is None or b'pdfuaid:part="1"' not in xmp.get_data():
        found.append("no PDF/UA-1 identification in the XMP metadata")
    form = _resolve(root.get("/AcroForm"))
    for name, field in _fields(form.get("/Fields") if form else None):
        if not str(field.get("/TU", "")).strip():
            found.append(f"form field {name} has no name for screen readers (/TU)")
    if "/StructTreeRoot" in root:
        for fig in _figures(_resolve(root["/StructTreeRoot"])):
            if not str(fig.get("/Alt", fig.get("/ActualText", ""))).strip():
                found.append("a figure without alternative text (/Alt)")
    return found


@pytest.fixture(scope="module")
def built_pdfs(book: Handbook, site_dir: Path) -> dict[str, PdfReader]:
    planned = {p.filename for p in outputs.plan(book)}
    found = {p.relative_to(site_dir / "pdf").as_posix(): p for p in site_dir.rglob("*.pdf")}
    assert planned <= set(found), f"missing: {sorted(planned - set(found))}"
    return {name: PdfReader(path) for name, path in sorted(found.items())}


def test_every_pdf_has_the_pdf_ua_basics(built_pdfs: dict[str, PdfReader]) -> None:
    failures = [f"{name}: {p}" for name, reader in built_pdfs.items() for p in problems(reader)]
    assert not failures, "\n".join(failures)


def test_fillable_pdfs_name_every_field(built_pdfs: dict[str, PdfReader]) -> None:
    """The check above is not empty-handed: the worksheets do have fields, all named."""
    counted = 0
    for reader in built_pdfs.values():
        form = _resolve(reader.trailer["/Root"].get("/AcroForm"))
        counted += len(_fields(form.get("/Fields") if form else None))
    assert counted > 0


def test_the_check_finds_what_is_missing(built_pdfs: dict[str, PdfReader]) -> None:
    """problems() reports a PDF stripped of each basic, so it cannot pass by accident."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    name = next(n for n, r in built_pdfs.items() if r.trailer["/Root"].get("/AcroForm"))
    writer = PdfWriter(clone_from=built_pdfs[name])
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject("en")
    del root[NameObject("/ViewerPreferences")]
    field = _resolve(_fields(_resolve(root["/AcroForm"])["/Fields"])[0][1])
    del field[NameObject("/TU")]
    figure = DictionaryObject(
        {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Figure")}
    )
    struct = _resolve(root["/StructTreeRoot"])
    struct[NameObject("/K")] = ArrayObject([struct["/K"], writer._add_object(figure)])
    buffer = io.BytesIO()
    writer.write(buffer)
    found = " | ".join(problems(PdfReader(buffer)))
    for expected in ("not 'da'", "/DisplayDocTitle", "/TU", "alternative text"):
        assert expected in found, (expected, found)
