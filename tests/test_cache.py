"""The PDF cache and the parallel PDF phase: cached, parallel and serial output are the same
bytes, and the key changes exactly when something that decides the bytes changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import cache
from handbook.build import (
    PdfPool,
    Progress,
    _site_marker,
    build,
    site_key,
    write_pdfs,
)
from handbook.content import outputs
from handbook.content.catalog import load
from handbook.content.release import source_date_epoch
from handbook.render import engine, pdf, site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pdf_content"
# One PDF with form fields and one without: both code paths of the renderer.
SAMPLE = ("intro-pakke.pdf", "skemaer/detektiv-forberedelse-af-samtalen.pdf")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.pdf")}


def test_cached_parallel_and_serial_pdfs_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    book = load(FIXTURE)
    plan = [o for o in outputs.plan(book) if o.filename in SAMPLE]
    assert len(plan) == len(SAMPLE)
    quiet = Progress(quiet=True)

    uncached = write_pdfs(book, plan, tmp_path / "a", quiet, jobs=1, use_cache=False)
    first = write_pdfs(book, plan, tmp_path / "b", quiet, jobs=2)  # two worker processes
    second = write_pdfs(book, plan, tmp_path / "c", quiet, jobs=2)

    assert (uncached.hits, uncached.misses) == (0, 2)
    assert (first.hits, first.misses) == (0, 2)
    assert (second.hits, second.misses) == (2, 0)
    assert uncached.pages == first.pages == second.pages > 2
    a, b, c = (_files(tmp_path / d) for d in "abc")
    assert sorted(a) == sorted(SAMPLE)
    assert a == b == c
    assert first.keys == second.keys == uncached.keys


def test_one_pool_for_several_folders_writes_the_same_bytes(tmp_path: Path) -> None:
    """The full build queues the site's PDFs and the course runs' in one pool: finishing the
    first group leaves the workers on the next, and every PDF is the bytes a pool of its
    own (or one process, uncached) writes."""
    book = load(FIXTURE)
    plan = [o for o in outputs.plan(book) if o.filename in SAMPLE]
    quiet = Progress(quiet=True)
    alone = write_pdfs(book, plan, tmp_path / "alone", quiet, jobs=1, use_cache=False)
    with PdfPool(jobs=2, use_cache=False) as pool:
        first = pool.add(book, plan[:1], tmp_path / "one", quiet)
        second = pool.add(book, plan[1:], tmp_path / "two", quiet)
        assert pool.finish(first).misses == 1
        assert pool.finish(second).misses == 1
    together = {**_files(tmp_path / "one"), **_files(tmp_path / "two")}
    assert together == _files(tmp_path / "alone")
    assert {**first.stats.keys, **second.stats.keys} == alone.keys


def test_the_same_document_rendered_twice_is_the_same_bytes(tmp_path: Path) -> None:
    """WeasyPrint writes no creation date and derives the /ID from the content: without
    that, no cached PDF could equal a fresh one."""
    book = load(FIXTURE)
    out = next(o for o in outputs.plan(book) if o.filename == SAMPLE[1])
    document = pdf.render_html(book, out)
    engine.html_to_pdf(document, tmp_path / "1.pdf", forms=True)
    engine.html_to_pdf(document, tmp_path / "2.pdf", forms=True)
    data = (tmp_path / "1.pdf").read_bytes()
    assert data == (tmp_path / "2.pdf").read_bytes()
    assert b"/CreationDate" not in data


def test_editing_one_card_changes_the_key_of_only_the_pdfs_that_print_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    before = load(content)
    card = content / "tools" / "detektiv.yml"
    text = card.read_text(encoding="utf-8")
    summary = before.tools["detektiv"].summary
    card.write_text(text.replace(summary, summary + " Nyt ord."), encoding="utf-8")
    after = load(content)

    def keys(book):
        return {
            o.filename: cache.pdf_key(pdf.render_html(book, o), o.kind == "worksheet", "v")
            for o in outputs.plan(book)
        }

    old, new = keys(before), keys(after)
    changed = {name for name in old if old[name] != new[name]}
    holding = {o.filename for o in outputs.plan(after) if "Nyt ord." in pdf.render_html(after, o)}
    assert changed == holding
    assert changed and changed != set(old)  # some PDFs print the card, some do not


def test_key_covers_variant_forms_assets_and_fonts(tmp_path: Path) -> None:
    assert cache.pdf_key("<p>x</p>", False, "pdf/ua-1") != cache.pdf_key(
        "<p>x</p>", True, "pdf/ua-1"
    )
    assert cache.pdf_key("<p>x</p>", False, "pdf/ua-1") != cache.pdf_key(
        "<p>y</p>", False, "pdf/ua-1"
    )
    assets = tmp_path / "pdf"
    shutil.copytree(engine.TEMPLATE_DIR, assets)
    before = cache.pdf_environment(assets)
    (assets / "document.html.j2").write_text("changed template", encoding="utf-8")
    assert cache.pdf_environment.__wrapped__(assets) == before  # templates act via the HTML
    css = assets / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { color: red; }", encoding="utf-8")
    assert cache.pdf_environment.__wrapped__(assets) != before
    families = cache.css_font_families('body { font-family: "Liberation Serif", serif; }')
    assert families[:2] == ["Liberation Serif", "serif"]
    assert "sans-serif" in families  # generic fallbacks are always hashed


def test_cache_off_and_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", "off")
    assert cache.pdf_store() is None
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "c"))
    store = cache.pdf_store()
    assert store is not None
    source = tmp_path / "x.pdf"
    source.write_bytes(b"%PDF-fake")
    store.put("ab" * 32, source, cache.Entry(3, ("a warning",)))
    entry = store.get("ab" * 32, tmp_path / "out" / "y.pdf")
    assert entry == cache.Entry(3, ("a warning",))
    assert (tmp_path / "out" / "y.pdf").read_bytes() == b"%PDF-fake"
    assert store.get("cd" * 32, tmp_path / "z.pdf") is None
    assert cache.clean() == tmp_path / "c"
    assert not (tmp_path / "c").exists()


def test_after_the_full_build_every_pdf_is_a_hit_and_the_site_key_matches(
    book, site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Right after the session's full build nothing changed: every PDF comes from the cache
    (same bytes as in the built site), and the site key equals the one the build stored,
    so a rebuild would skip MkDocs (without touching the shared site folder here)."""
    if cache.cache_root() is None:
        pytest.skip("the cache is off (HANDBOOK_CACHE=off)")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", source_date_epoch())  # as the build set it
    plan = outputs.plan(book)
    stats = write_pdfs(book, plan, tmp_path, Progress(quiet=True))
    assert (stats.hits, stats.misses) == (len(plan), 0)
    assert _files(tmp_path) == _files(site_dir / "pdf")
    marker = _site_marker(site_dir)
    assert marker is not None and marker.is_file()
    # as the build makes them after the PDF phase (the downloads page gives sizes and pages)
    pages = site.generated_docs(book, plan, facts=stats.facts(tmp_path))
    assert site_key(book, pages, stats.keys) == marker.read_text(encoding="utf-8")


def test_site_phase_is_skipped_when_nothing_changed(
    book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build_lock
) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    site_dir = tmp_path / "site"
    with build_lock():  # builds write docs/: one at a time across the workers
        first: dict = {}
        assert build(book, with_pdfs=False, quiet=True, site_dir=site_dir, report=first) == 0
        stamp = (site_dir / "index.html").stat().st_mtime_ns
        again: dict = {}
        assert build(book, with_pdfs=False, quiet=True, site_dir=site_dir, report=again) == 0
    assert first["mkdocs"] and not again["mkdocs"]
    assert (site_dir / "index.html").stat().st_mtime_ns == stamp


def test_site_key_follows_pages_and_pdfs(book) -> None:
    pages = site.render_pages(book, None)
    key = site_key(book, pages, None)
    assert site_key(book, dict(pages), None) == key
    changed = {**pages, "ordliste.md": pages["ordliste.md"] + "\nNy linje.\n"}
    assert site_key(book, changed, None) != key
    assert site_key(book, pages, {"a.pdf": "1"}) != site_key(book, pages, {"a.pdf": "2"})


def test_cli_jobs_and_clean_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from handbook.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["build", "--jobs", "0"])
    assert exit_.value.code == 2
    assert "expected a number of processes ≥ 1, got '0'" in capsys.readouterr().err
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "c"))
    (tmp_path / "c" / "pdf").mkdir(parents=True)
    assert main(["clean-cache"]) == 0
    assert not (tmp_path / "c").exists()
    assert capsys.readouterr().out.strip() == f"removed {tmp_path / 'c'}"
