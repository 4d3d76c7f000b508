"""Versions, change notes, "Nyt i håndbogen" and what changed for a run, in a temporary git
repository with two tagged releases of the mini fixture: release 2026.3, then 2026.4 with
a changed card (with a note), a new card and a removed card."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook.content import outputs, release, versions
from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.render import pdf, site

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
# 4 December 2026, 12:00 UTC: the build date every test here prints.
EPOCH = "1796385600"
STAMP = "Metodehåndbogen · version 2026.4 · 4. december 2026"

OLD_CARD = """\
title: Gammelt kort
summary: Et kort, der udgår.
tags: {area: [samtalen]}
definition: Udgår.
value: [Intet]
execution: {intro: Brug det ikke.}
provenance: {practice_based: true}
"""
NEW_CARD = """\
title: Nyt kort
summary: Et nyt kort.
tags: {area: [samtalen]}
definition: Nyt.
value: [Noget nyt]
execution: {intro: Prøv det.}
provenance: {practice_based: true}
"""


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": f"@{EPOCH} +0000",
        "GIT_COMMITTER_DATE": f"@{EPOCH} +0000",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """tmp/repo/content: release 2026.3 (tag v2026.3), then 2026.4 (tag v2026.4)."""
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(MINI, content)
    (content / "release.yml").write_text('version: "2026.3"\n', encoding="utf-8")
    (content / "tools" / "gammelt-kort.yml").write_text(OLD_CARD, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Release 2026.3")
    git(repo, "tag", "v2026.3")

    (content / "release.yml").write_text('version: "2026.4"\n', encoding="utf-8")
    detektiv = content / "tools" / "detektiv.yml"
    replace_in(
        detektiv, "definition: Afklarende spørgsmål.", "definition: Åbne, afklarende spørgsmål."
    )
    replace_in(
        detektiv,
        "provenance:",
        'changes:\n  - {date: 2026-12-01, version: "2026.4", note: Definitionen er skærpet.}\n'
        "provenance:",
    )
    module = content / "modules" / "modul-a.yml"
    replace_in(
        module, "purpose: At lære detektivspørgsmål.", "purpose: At lære og øve detektivspørgsmål."
    )
    replace_in(
        module,
        "    homework_out: [hw-1]",
        "    homework_out: [hw-1]\n    changes:\n"
        '      - {date: 2026-12-02, version: "2026.4", note: Formålet nævner øvelsen.}',
    )
    (content / "tools" / "nyt-kort.yml").write_text(NEW_CARD, encoding="utf-8")
    (content / "tools" / "gammelt-kort.yml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Release 2026.4")
    git(repo, "tag", "v2026.4")
    return content


def test_version_in_one_place_and_stamp(repo: Path) -> None:
    book = load(repo)
    assert book.release is not None and book.release.version == "2026.4"
    assert release.stamp(book.release) == STAMP
    edition = release.Release(version="2026.4", edition="Udgave for Holbæk")
    assert release.stamp(edition).startswith("Metodehåndbogen · Udgave for Holbæk · version")


def test_unquoted_version_is_refused_with_its_line(mini: Path) -> None:
    from handbook.errors import ContentError

    (mini / "release.yml").write_text("# udgivelsen\nversion: 2026.4\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(mini)
    assert [str(p) for p in info.value.problems] == [
        f'{mini / "release.yml"}:2: version: write the version in quotes, e.g. "2026.4"'
    ]


def test_nyt_page_lists_new_changed_and_removed_items(repo: Path) -> None:
    book = load(repo)
    page = site.render_pages(book, None)["nyt.md"]
    body = page.split("## Version 2026.4 · 4. december 2026", 1)[1].split("## Version 2026.3")[0]
    assert "### Nyt\n\n- Redskab: [Nyt kort](redskaber/nyt-kort.md)" in body
    assert (
        "- Redskab: [Detektivspørgsmål](redskaber/detektiv.md) – Definitionen er skærpet." in body
    )
    assert (
        "- Undervisningsdag: [Dag 1 – Spørgsmål](moduler/modul-a/dag-1.md) (Samtalen i praksis) "
        "– Formålet nævner øvelsen." in body
    )
    assert "### Fjernet\n\n- Redskab: Gammelt kort\n" in body
    # Only what changed: the untouched card and day are not listed.
    assert "Testmodellen" not in body and "Dag 2" not in body
    assert "## Version 2026.3 · 4. december 2026 { #version-2026-3 }\n\nFørste version" in page
    # The next version, not tagged yet, removes the new card: its own section says so, and
    # 2026.4 still names the card, without a link to a page that is gone.
    (repo / "tools" / "nyt-kort.yml").unlink()
    replace_in(repo / "release.yml", '"2026.4"', '"2026.5"')
    page = site.render_pages(load(repo), None)["nyt.md"]
    newest, older = page.split("## Version 2026.4", 1)
    assert "## Version 2026.5 · 4. december 2026" in newest
    assert "### Fjernet\n\n- Redskab: Nyt kort\n" in newest
    assert "### Nyt\n\n- Redskab: Nyt kort\n" in older


def test_changed_card_and_day_are_marked_for_one_release(repo: Path) -> None:
    pages = site.render_pages(load(repo), None)
    mark = '<span class="mh-changed">Ændret 1. december 2026</span>'
    assert mark in pages["redskaber/detektiv.md"]
    assert mark in pages["redskaber/index.md"]
    assert "## Ændringer" in pages["redskaber/detektiv.md"]
    assert (
        "- **1. december 2026** (version 2026.4): Definitionen er skærpet."
        in pages["redskaber/detektiv.md"]
    )
    assert (
        '<span class="mh-changed">Ændret 2. december 2026</span>'
        in pages["moduler/modul-a/dag-1.md"]
    )
    assert "mh-changed" not in pages["moduler/modul-a/dag-2.md"]
    assert pages["redskaber/model.md"].count("mh-changed") == 1  # its part detektiv, listed
    # The next release: the notes stay on the page, the mark goes.
    replace_in(repo / "release.yml", '"2026.4"', '"2026.5"')
    later = site.render_pages(load(repo), None)
    assert "mh-changed" not in later["redskaber/detektiv.md"]
    assert "Definitionen er skærpet." in later["redskaber/detektiv.md"]


def test_check_reports_a_changed_card_without_a_note(repo: Path) -> None:
    book = load(repo)
    problems, summary = versions.check_change_notes(book, repo)
    assert problems == [] and "compared with release 2026.4 (tag v2026.4)" in summary
    card = repo / "tools" / "nyt-kort.yml"
    replace_in(card, "summary: Et nyt kort.", "summary: Et nyt kort med en ny tekst.")
    problems, _ = versions.check_change_notes(load(repo), repo)
    assert [(p.file, p.line, p.field) for p in problems] == [(str(card), 1, "changes")]
    assert "changed since release 2026.4 (summary)" in problems[0].message
    # A day is reported at the day's own line.
    module = repo / "modules" / "modul-a.yml"
    replace_in(module, "purpose: At øve.", "purpose: At øve sig.")
    problems, _ = versions.check_change_notes(load(repo), repo)
    day = next(p for p in problems if p.file == str(module))
    assert (day.line, day.field) == (line_of(module, "- id: dag-2"), "days[1].changes")
    # `build.py check` says so with file:line and fails.
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check"],
        env={**os.environ, "HANDBOOK_CONTENT": str(repo)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stdout
    assert f"{card}:1: changes: the text of this item changed since release 2026.4" in done.stdout
    # A note makes it pass.
    replace_in(
        card,
        "provenance:",
        'changes:\n  - {date: 2026-12-04, version: "2026.5", note: Ny tekst.}\nprovenance:',
    )
    replace_in(repo / "release.yml", '"2026.4"', '"2026.5"')
    problems, _ = versions.check_change_notes(load(repo), repo)
    assert [p.file for p in problems] == [str(module)]


def test_a_note_newer_than_the_release_is_refused(repo: Path) -> None:
    card = repo / "tools" / "nyt-kort.yml"
    replace_in(
        card,
        "provenance:",
        'changes:\n  - {date: 2026-12-04, version: "2027.1", note: Ny.}\nprovenance:',
    )
    problems, _ = versions.check_change_notes(load(repo), repo)
    assert [(p.line, p.field) for p in problems] == [(8, "changes[0].version")]


def test_without_git_the_check_is_skipped_with_one_line(mini: Path) -> None:
    (mini / "release.yml").write_text('version: "2026.4"\n', encoding="utf-8")
    env = {**os.environ, "HANDBOOK_CONTENT": str(mini), "GIT_CEILING_DIRECTORIES": str(mini.parent)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
    skipped = [line for line in done.stdout.splitlines() if line.startswith("change notes:")]
    assert skipped == [
        "change notes: not compared with the last release: the content folder is not in a git repository"
    ]
    log = versions.history(load(mini), mini)
    assert not log.from_git and [s.version for s in log.sections] == ["2026.4"]


def test_a_shallow_clone_skips_what_it_cannot_compare(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.parent}", str(clone))
    content = clone / "content"
    old_commit = git(repo.parent, "rev-parse", "v2026.3").strip()
    git(clone, "tag", "-d", "v2026.4")
    # The clone knows the tag of 2026.3 but not its commit (as after fetching tags only).
    (clone / ".git" / "refs" / "tags" / "v2026.3").write_text(old_commit + "\n")
    book = load(content)
    problems, summary = versions.check_change_notes(book, content)
    assert problems == []
    assert summary.startswith("change notes: not compared with the last release: the content of")
    assert (
        "release 2026.3 (tag v2026.3) cannot be read from git, e.g. in a shallow clone" in summary
    )
    log = versions.history(book, content)
    assert not log.from_git and [s.version for s in log.sections] == ["2026.4"]
    assert "Definitionen er skærpet." in site.render_pages(book, None)["nyt.md"]
    # Without any tag (a plain shallow clone): one line too.
    git(clone, "tag", "-d", "v2026.3")
    _, summary = versions.check_change_notes(book, content)
    assert (
        summary
        == "change notes: not compared with the last release: no release tag v<version> in git yet"
    )


def test_pdf_pages_show_the_version(repo: Path, tmp_path: Path) -> None:
    book: Handbook = load(repo)
    for out in outputs.plan(book):
        if out.kind not in ("course", "worksheet"):
            continue
        reader = PdfReader(pdf.write_pdf(book, out, tmp_path / "pdf"))
        texts = [" ".join(page.extract_text().split()) for page in reader.pages]
        for number, text in enumerate(texts, 1):
            assert STAMP in text, (out.filename, number)
        if out.kind == "course":  # the printed card and day carry the mark too
            joined = " ".join(texts).upper()  # kickers are set in capitals
            assert "I TESTMODELLEN · ÆNDRET 1. DECEMBER 2026" in joined
            assert "DAG 1 · ÆNDRET 2. DECEMBER 2026" in joined
            assert joined.count("ÆNDRET") == 2


# --- runs: what changed since the run was last built, and since a version ----------------

RUN = """\
title: Testhold
cohort: {organisations: [Jobcenter Test], size: 4}
venue: {name: Lokale 1, address: Testvej 1}
days:
  - day: modul-a/dag-1
    date: 2027-03-03
    end: "11:15"
  - day: modul-a/dag-2
    date: 2027-03-10
    end: "09:45"
"""


def _runsheet_text(folder: Path) -> str:
    reader = PdfReader(folder / "drejebog-hold.pdf")
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_run_sheet_lists_what_changed_since_the_last_build(repo: Path, tmp_path: Path) -> None:
    import json

    from handbook.build import write_run

    (repo.parent / "runs").mkdir()
    (repo.parent / "runs" / "hold.yml").write_text(RUN, encoding="utf-8")
    target = tmp_path / "built"
    folder = write_run(load(repo), "hold", target)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == "2026.4" and manifest["since"] is None
    assert set(manifest["days"]) == {"modul-a/dag-1", "modul-a/dag-2"}
    assert set(manifest["days"]["modul-a/dag-1"]["blocks"]) == {
        "velkomst",
        "detektivspoergsmaal",
        "frokost",
    }
    assert set(manifest["tools"]) == {"detektiv", "model"}
    assert "Ændret siden sidste bygning" not in _runsheet_text(folder)

    # A card edit with its note, and a block of day 2: the rebuilt run sheet lists both.
    card = repo / "tools" / "detektiv.yml"
    replace_in(card, "definition: Åbne, afklarende spørgsmål.", "definition: Åbne spørgsmål.")
    replace_in(
        card,
        "changes:\n",
        'changes:\n  - {date: 2026-12-04, version: "2026.5", note: Kortet er kortere.}\n',
    )
    replace_in(repo / "release.yml", '"2026.4"', '"2026.5"')
    replace_in(
        repo / "modules" / "modul-a.yml",
        "minutes: 45, tools: [model]",
        "minutes: 40, tools: [model]",
    )
    write_run(load(repo), "hold", target)
    text = _runsheet_text(folder)
    # The overview's list, up to the page's running header.
    listed = text.split("Ændret siden sidste bygning", 1)[1].split("Drejebog: Testhold", 1)[0]
    assert listed.startswith(" (version 2026.4, 4. december 2026)")
    assert (
        "Redskabskortet «Detektivspørgsmål» er ændret. Kortet er kortere. "
        "(4. december 2026, version 2026.5)" in listed
    )
    assert "Kursusdag 2 «Dag 2 – Øvelse»: blokken «Opsamling på hjemmeopgaven» er ændret." in listed
    assert "Testmodellen" not in listed and "Kursusdag 1 «" not in listed  # unchanged

    # Built again without a change: the same run sheet (the list stays).
    write_run(load(repo), "hold", target)
    assert "Redskabskortet «Detektivspørgsmål» er ændret." in _runsheet_text(folder)


def test_run_since_a_version_lists_the_changes(repo: Path) -> None:
    (repo.parent / "runs").mkdir()
    run_file = repo.parent / "runs" / "hold.yml"
    run_file.write_text(RUN, encoding="utf-8")

    def since(version: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "run", "--since", version, str(run_file)],
            env={**os.environ, "HANDBOOK_CONTENT": str(repo)},
            capture_output=True,
            text=True,
        )

    done = since("2026.3")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Ændringer i «Testhold» siden version 2026.3:"
    assert "- Kursusdag 1 «Dag 1 – Spørgsmål»: ændret: purpose." in lines
    assert "    Formålet nævner øvelsen. (2. december 2026, version 2026.4)" in lines
    assert "- Redskabskortet «Detektivspørgsmål»: ændret: definition." in lines
    assert not any("Dag 2" in line or "Testmodellen" in line for line in lines)
    assert not (repo.parent / "build").exists()  # listed, not built
    assert since("2026.4").stdout.splitlines()[-1] == (
        "Ingen ændringer i forløbets dage, blokke og redskabskort."
    )
    unknown = since("2025.1")
    assert unknown.returncode == 1 and "kendte: 2026.3, 2026.4" in unknown.stdout


def test_a_copy_without_git_builds_with_the_version_on_every_page(tmp_path: Path) -> None:
    """The project as a tarball would unpack it (no .git anywhere): the site builds, every
    page shows the version, and the Nyt page says that the history is missing."""
    project = tmp_path / "copy"
    project.mkdir()
    for name in ("handbook", "templates", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    generated = {"forloeb", "moduler", "redskaber", "guide", "ledere", "planlaeg", "pdf"}
    shutil.copytree(
        ROOT / "docs",
        project / "docs",
        ignore=lambda folder, names: (
            generated | {"ordliste.md", "downloads.md", "tags.md", "nyt.md"}
            if Path(folder) == ROOT / "docs"
            else set()
        ),
    )
    for name in ("build.py", "mkdocs.yml"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(MINI, project / "content")
    (project / "content" / "release.yml").write_text('version: "2026.4"\n', encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SOURCE_DATE_EPOCH", "HANDBOOK_CONTENT")
    }
    env.update(GIT_CEILING_DIRECTORIES=str(tmp_path), HANDBOOK_CACHE="off")
    done = subprocess.run(
        [sys.executable, "build.py", "site", "--quiet"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # r/<id>/ are a card's short addresses: redirect pages, not pages of the handbook.
    built = project / "site"
    pages = sorted(p for p in built.rglob("index.html") if p.relative_to(built).parts[0] != "r")
    assert len(pages) > 10
    for page in pages:
        assert 'class="md-copyright__highlight mh-release">Metodehåndbogen · version 2026.4 · ' in (
            page.read_text(encoding="utf-8")
        ), page
    news = (project / "site" / "nyt" / "index.html").read_text(encoding="utf-8")
    assert "bygget uden håndbogens historik" in news


def test_run_since_without_git_lists_the_notes(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from handbook.content.run_changes import since_report

    (mini.parent / "runs").mkdir()
    (mini.parent / "runs" / "hold.yml").write_text(RUN, encoding="utf-8")
    card = mini / "tools" / "detektiv.yml"
    replace_in(
        card,
        "provenance:",
        'changes:\n  - {date: 2026-12-01, version: "2026.4", note: Definitionen er skærpet.}\n'
        "provenance:",
    )
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(mini.parent))
    code, text = since_report(load(mini), "hold", "2026.3", mini)
    assert code == 0
    assert text.splitlines()[1:] == [
        "(Indholdet er ikke sammenlignet med version 2026.3: the content folder is not "
        "in a git repository.)",
        "- Redskabskortet «Detektivspørgsmål»:",
        "    Definitionen er skærpet. (1. december 2026, version 2026.4)",
    ]
    assert since_report(load(mini), "hold", "2026.4", mini)[1].endswith(
        "Ingen ændringsnoter siden version 2026.4."
    )
