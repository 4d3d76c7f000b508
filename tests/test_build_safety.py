"""The build is all or nothing, cleans up after a killed run, and is reproducible."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from handbook import build as build_mod
from handbook.content.catalog import load

ROOT = Path(__file__).resolve().parent.parent

# The hand-written front page links real tools, so these builds use the real content.
CONTENT = ROOT / "content"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_two_builds_of_the_same_input_are_identical(tmp_path: Path) -> None:
    book = load(CONTENT)
    assert build_mod.build(book, with_pdfs=False, quiet=True, site_dir=tmp_path / "a") == 0
    assert build_mod.build(book, with_pdfs=False, quiet=True, site_dir=tmp_path / "b") == 0
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert "sitemap.xml" in a and "sitemap.xml.gz" in a
    assert b"<urlset" in a["sitemap.xml"]
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_failed_site_phase_leaves_docs_and_site_untouched_and_stale_work_is_removed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    build_lock,
) -> None:
    with build_lock():  # no other test worker's build may change docs/ meanwhile
        _failed_site_phase(tmp_path, monkeypatch, capsys)


def _failed_site_phase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load(CONTENT)
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the last good site", encoding="utf-8")
    stale = ROOT / ".build-killed-earlier"  # as a build killed during the PDFs leaves it
    stale.mkdir(exist_ok=True)
    (stale / "half.pdf").write_bytes(b"%PDF-1.7 half")
    docs_before = _files(ROOT / "docs")
    site_before = _files(site_dir)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("MkDocs stopped")

    monkeypatch.setattr(build_mod, "run_mkdocs", broken)
    book.tools[next(iter(book.tools))].title = "En ny titel, der ikke må nå docs/"
    assert build_mod.build(book, with_pdfs=False, quiet=True, site_dir=site_dir) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["build failed: RuntimeError: MkDocs stopped", "site/ was left as it was."]
    assert _files(ROOT / "docs") == docs_before
    assert _files(site_dir) == site_before
    assert not stale.exists()
    assert not list(ROOT.glob(".build-*"))


def test_unwritable_project_root_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(build_mod.tempfile, "mkdtemp", refuse)
    assert build_mod.build(load(CONTENT), with_pdfs=False, quiet=True, site_dir=tmp_path) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("build failed: cannot write in") and "Permission denied" in line


def test_unwritable_pack_target_is_one_line_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "build.py", "pack", "samtaleteknik-introduktion", "-o", "/dev/null/x.pdf"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    # One line for the error; the only other line is the note on local addresses (trust).
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("cannot write /dev/null/x.pdf")
    assert all(line.startswith("note: the site address is local") for line in lines[:-1])
