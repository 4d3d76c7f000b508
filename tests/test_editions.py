"""Local editions (handbook/content/editions.py): the example edition merged with the
national handbook, its site and PDFs, the upstream-changed report, and every bad
edition.yml as one `file:line: field: message`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.content.catalog import load
from handbook.content.editions import EDITIONS, digest
from handbook.content.loader import parse
from handbook.content.outputs import plan
from handbook.errors import ContentError
from handbook.paths import site_address
from handbook.render import pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = EDITIONS / "eksempelby"
NATIONAL_URL = "https://metodehaandbogen.example/"


@pytest.fixture(scope="module")
def edition_book():
    return load(ROOT / "content", edition=EXAMPLE)


def test_example_edition_merges_as_written(edition_book) -> None:
    book = edition_book
    assert "jobcafeen" in book.tools
    assert "flip-moenten" not in book.tools and "livshjulet" not in book.tools
    assert book.tools["abc-jobstrategi"].execution.steps[-1].title.startswith("Lokalt i Eksempelby")
    # The edition's own value reached the patched text and the national placeholder.
    assert (
        "virksomhedsservices fælles postkasse"
        in book.tools["abc-jobstrategi"].execution.steps[-1].text
    )
    minimum = book.tools["joblog-og-selvbooking-minimumskrav"]
    assert 'bookingportalen "Min tid"' in minimum.execution.intro
    assert "[lokal:" not in json.dumps(minimum.model_dump(mode="json"), ensure_ascii=False)
    decisions = book.cookbook["08-digitale-vaerktoejer"].sections[-1]
    assert decisions.heading == "Vores lokale beslutninger – Jobcenter Eksempelby"
    assert len(decisions.items) == 4
    assert book.release is not None and book.release.edition == "Jobcenter Eksempelby"
    assert list(book.runs) == ["samtaledage-eksempelby-foraar-2027"]
    # Every reference to a hidden tool is gone, and each was reported where it was.
    for module in book.modules.values():
        for day in module.days:
            for block in day.blocks:
                assert not {"flip-moenten", "livshjulet"} & set(block.tools)
    reported = [w for w in book.warnings if "hidden by the edition" in w.message]
    assert any(
        w.file == "content/tools/pejlemaerke-1-fokuser.yml" and w.field.startswith("related[")
        for w in reported
    )
    assert all("editions/eksempelby/edition.yml:1" in w.message for w in reported)


def test_national_load_is_untouched_by_editions(book) -> None:
    assert book.edition is None and book.national is None
    assert {"flip-moenten", "livshjulet"} <= set(book.tools) and "jobcafeen" not in book.tools
    minimum = book.tools["joblog-og-selvbooking-minimumskrav"]
    # The national handbook prints the default of the placeholder (content/values.yml).
    assert "ansvaret for bookingsystemet." in " ".join(minimum.execution.intro.split())


def test_unchanged_pdfs_are_the_national_ones(edition_book) -> None:
    """A PDF the edition does not change renders to the national HTML (so the national
    cache serves it); a changed one carries the edition's name, stamp and address."""
    national = edition_book.national
    by_name = {out.filename: out for out in plan(edition_book)}
    national_by_name = {out.filename: out for out in plan(national)}
    assert "jobcafeen" in " ".join(by_name) and not any("flip-moenten" in n for n in by_name)
    untouched = next(n for n in by_name if "mirakelspoergsmaal" in n)
    with site_address("https://metodehaandbog.eksempelby.dk/"):
        # Built for the edition's address, the untouched card is still the national one.
        edition_html = pdf.render_html(edition_book, by_name[untouched])
    assert edition_html == pdf.render_html(national, national_by_name[untouched])
    assert "Eksempelby" not in edition_html
    with site_address(NATIONAL_URL), site_address("https://metodehaandbog.eksempelby.dk/"):
        html = pdf.render_html(edition_book, by_name["redskaber/abc-jobstrategi.pdf"])
        assert "Metodehåndbogen – Jobcenter Eksempelby" in html
        assert "Jobcenter Eksempelby · version" in html
        assert "Lokalt i Eksempelby" in html
        cookbook = next(o for o in by_name.values() if o.kind == "cookbook")
        text = pdf.render_html(edition_book, cookbook)
        assert "Vores lokale beslutninger – Jobcenter Eksempelby" in text
        assert "Hver jobkonsulent har mindst otte bookbare tider" in text


def _edition(tmp_path: Path, text: str, name: str = "testby") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    head = (
        "title: Metodehåndbogen – Testby\norganisation: Jobcenter Testby\n"
        "site_url: https://testby.example/\naccessibility_contact: web@testby.example\n"
    )
    (folder / "edition.yml").write_text(head + text, encoding="utf-8")
    return folder


def _problems(folder: Path, strict: bool = False, content: Path = ROOT / "content") -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(content, edition=folder, strict=strict)
    return [str(p).replace(str(folder), "E") for p in caught.value.problems]


ABC = digest(parse(ROOT / "content" / "tools" / "abc-jobstrategi.yml").data)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "hide: [samtalen-1-viden-og-samarbejde/dag-1]\n",
            "E/edition.yml:5: hide[0]: 'dag-1' is the only day of 'samtalen-1-viden-og-samarbejde': "
            "hide the module instead",
        ),
        (
            "hide: [ingen-saadan]\n",
            "E/edition.yml:5: hide[0]: unknown national item 'ingen-saadan'",
        ),
        (
            "patch:\n  ingen-saadan:\n    base: 0123456789\n",
            "E/edition.yml:6: patch.ingen-saadan: unknown national item 'ingen-saadan'",
        ),
        (
            f"patch:\n  abc-jobstrategi:\n    base: {ABC}\n    set:\n"
            "      definition: Noget andet\n",
            "E/edition.yml:9: patch.abc-jobstrategi.set.definition: 'definition' is national "
            "only: an edition cannot change it",
        ),
        (
            f"patch:\n  abc-jobstrategi:\n    base: {ABC}\n    set:\n"
            "      provenance.practice_based: true\n",
            "E/edition.yml:9: patch.abc-jobstrategi.set.provenance.practice_based: "
            "'provenance' is national only: an edition cannot change it",
        ),
        (
            "patch:\n  abc-jobstrategi:\n    set:\n      summary: Kort.\n",
            "E/edition.yml:6: patch.abc-jobstrategi.base: required field is missing",
        ),
        (
            f"patch:\n  abc-jobstrategi:\n    base: {ABC}\n    set:\n"
            "      summary: Ring via [lokal:hotline].\n",
            "E/edition.yml:9: summary: unknown local value '[lokal:hotline]'",
        ),
        (
            "values:\n  bookingsystem: portalen\n  hotline: 12 34 56 78\n",
            "E/edition.yml:7: values.hotline: no text uses '[lokal:hotline]'",
        ),
        (
            f"patch:\n  abc-jobstrategi:\n    base: {ABC}\n    set:\n"
            "      execution.steps[40].text: Ny tekst.\n",
            "E/edition.yml:9: patch.abc-jobstrategi.set.execution.steps[40].text: the national "
            "item has no field 'execution.steps[40]'",
        ),
        (
            f"patch:\n  abc-jobstrategi:\n    base: {ABC}\n    set:\n      summary: 42\n",
            "E/edition.yml:9: summary: Input should be a valid string",
        ),
        (
            "decisions:\n  08-digitale-vaerktoejer:\n    answers:\n"
            "      - {question: Hvad spiser vi?, answer: Frokost.}\n",
            "E/edition.yml:8: decisions.08-digitale-vaerktoejer.answers[0].question: not a "
            "question of the worksheets",
        ),
    ],
    ids=[
        "only-day",
        "unknown-hide",
        "unknown-patch",
        "locked-definition",
        "locked-provenance",
        "missing-base",
        "undefined-value",
        "unused-value",
        "no-such-field",
        "wrong-type-in-edition",
        "unknown-question",
    ],
)
def test_bad_edition_file_gives_one_message(tmp_path: Path, body: str, expected: str) -> None:
    problems = _problems(_edition(tmp_path, body))
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems


def test_upstream_change_names_item_field_and_line(tmp_path: Path) -> None:
    """A national item patched by the edition changes: the report names the item, the
    national field that changed, what the edition sets, and the line of the patch's base;
    a warning, and an error under --strict."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    shutil.copytree(EXAMPLE, repo / "editions" / "eksempelby")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "national"], check=True)
    tool = repo / "content" / "tools" / "abc-jobstrategi.yml"
    text = tool.read_text(encoding="utf-8")
    tool.write_text(text.replace("title: ABC-jobstrategi", "title: ABC-jobstrategien", 1))
    assert tool.read_text(encoding="utf-8") != text
    subprocess.run([*git, "commit", "-qam", "national change"], check=True)

    edition = repo / "editions" / "eksempelby"
    book = load(repo / "content", edition=edition)
    changed = [w for w in book.warnings if "changed upstream" in w.message]
    assert len(changed) == 1
    warning = changed[0]
    base_line = next(
        n
        for n, line in enumerate((edition / "edition.yml").read_text().splitlines(), 1)
        if "base: 551361445a" in line or (line.strip().startswith("base:") and n > 20)
    )
    assert warning.file.endswith("editions/eksempelby/edition.yml")
    assert warning.line == base_line
    assert warning.field == "patch.abc-jobstrategi.base"
    assert "national 'tools/abc-jobstrategi'" in warning.message
    assert "changed nationally: title ('ABC-jobstrategi' → 'ABC-jobstrategien')" in warning.message
    assert "the edition sets: execution.steps (append)" in warning.message
    problems = _problems(edition, strict=True, content=repo / "content")
    assert any("changed upstream" in p for p in problems)


def test_status_and_show_commands() -> None:
    status = subprocess.run(
        [sys.executable, "build.py", "edition", "status", "eksempelby"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert status.returncode == 0, status.stdout + status.stderr
    lines = status.stdout.splitlines()
    assert any(line.startswith("hidden") and "tools/flip-moenten" in line for line in lines)
    assert any(line.startswith("patched") and "tools/abc-jobstrategi" in line for line in lines)
    assert any(line.startswith("added") and "tools/jobcafeen" in line for line in lines)
    assert all("unchanged" in line for line in lines if line.startswith(("hidden", "patched")))
    show = subprocess.run(
        [sys.executable, "build.py", "edition", "show", "eksempelby", "abc-jobstrategi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert show.returncode == 0
    assert "Lokalt i Eksempelby – del planen med virksomhedsservice" in show.stdout


def _project_copy(target: Path, with_editions: bool) -> Path:
    """What git tracks (a fresh clone's files), with or without editions/."""
    files = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, files):
        if name.startswith(("tests/", "bench/", "schemas/")):
            continue
        if name.startswith("editions/") and not with_editions:
            continue
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_national_site_is_byte_identical_with_and_without_editions(tmp_path: Path) -> None:
    """The editions/ folder changes nothing in the national build: the same site, byte for
    byte, from two copies of the project that differ only in it."""
    env = {
        **os.environ,
        "HANDBOOK_CACHE": "off",
        "SOURCE_DATE_EPOCH": "1796000000",
    }
    env.pop("HANDBOOK_CONTENT", None)
    sites = []
    for with_editions in (True, False):
        project = _project_copy(tmp_path / f"p{int(with_editions)}", with_editions)
        assert (project / "editions").exists() == with_editions
        done = subprocess.run(
            [sys.executable, "build.py", "site", "--quiet"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        sites.append(project / "site")
    files = [
        sorted(p.relative_to(s).as_posix() for p in s.rglob("*") if p.is_file()) for s in sites
    ]
    assert files[0] == files[1] and len(files[0]) > 200
    different = [
        name
        for name in files[0]
        if (sites[0] / name).read_bytes() != (sites[1] / name).read_bytes()
    ]
    assert different == []


def test_example_edition_site_and_pdfs(tmp_path: Path, edition_book) -> None:
    """The edition's site shows its own tool and patches, lacks the hidden tools in pages,
    search and planner data, carries its name and address; its own PDFs carry its stamp."""
    from pypdf import PdfReader

    from handbook.build import build

    site = tmp_path / "site"
    with site_address(edition_book.edition.settings.site_url):
        assert build(edition_book, with_pdfs=False, quiet=True, site_dir=site) == 0
        by_name = {out.filename: out for out in plan(edition_book)}
        card = pdf.write_pdf(edition_book, by_name["redskaber/jobcafeen.pdf"], tmp_path)
    page = (site / "redskaber" / "jobcafeen" / "index.html").read_text(encoding="utf-8")
    assert "<title>Jobcaféen - Metodehåndbogen – Jobcenter Eksempelby</title>" in page
    assert "Jobcenter Eksempelby · version" in page
    assert 'href="https://metodehaandbog.eksempelby.dk/redskaber/jobcafeen/"' in page
    for hidden in ("flip-moenten", "livshjulet"):
        assert not (site / "redskaber" / hidden).exists()
        for path in site.rglob("*"):
            if path.suffix in (".html", ".json", ".xml") and path.is_file():
                assert f"/{hidden}/" not in path.read_text(encoding="utf-8"), path
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("redskaber/jobcafeen/") for doc in search["docs"])
    planner = json.loads((site / "planlaeg" / "planner-data.json").read_text(encoding="utf-8"))
    assert "jobcafeen" in json.dumps(planner) and "flip-moenten" not in json.dumps(planner)
    abc = (site / "redskaber" / "abc-jobstrategi" / "index.html").read_text(encoding="utf-8")
    assert "Lokalt i Eksempelby – del planen med virksomhedsservice" in abc
    cookbook = (site / "ledere" / "08-digitale-vaerktoejer" / "index.html").read_text("utf-8")
    assert "Vores lokale beslutninger – Jobcenter Eksempelby" in cookbook
    statement = (site / "tilgaengelighed" / "index.html").read_text(encoding="utf-8")
    assert "digitalisering@eksempelby.dk" in statement
    text = " ".join((p.extract_text() or "") for p in PdfReader(card).pages)
    assert "Jobcaféen" in text and "Jobcenter Eksempelby · version" in " ".join(text.split())


def test_a_value_is_text_never_markup(tmp_path: Path) -> None:
    """A local value with HTML or a template in it is refused at its own line."""
    folder = _edition(tmp_path, "values:\n  bookingsystem: <script>alert(1)</script>\n")
    problems = _problems(folder)
    assert problems and all(
        p.startswith("E/edition.yml:6: values.bookingsystem:") for p in problems
    )


def test_cost_follows_what_the_edition_changes(tmp_path: Path) -> None:
    """An edition that only answers the cookbook's decisions changes one PDF: the cookbook.
    Every other PDF is the national one (same HTML, so the national cache serves it)."""
    folder = _edition(
        tmp_path,
        "decisions:\n  08-digitale-vaerktoejer:\n    answers:\n"
        "      - question: Hvordan ombooker borgeren?\n        answer: Via portalen.\n",
    )
    book = load(ROOT / "content", edition=folder)
    national = {out.filename: out for out in plan(book.national)}
    changed = [
        out.filename
        for out in plan(book)
        if pdf.render_html(book, out) != pdf.render_html(book.national, national[out.filename])
    ]
    assert changed == ["implementeringskogebog.pdf"]


def test_hiding_a_day_does_not_make_a_patch_of_its_module_look_changed(tmp_path: Path) -> None:
    module = "samtalen-2-samtalerne"
    data = parse(ROOT / "content" / "modules" / f"{module}.yml").data
    day = data["days"][-1]["id"]
    folder = _edition(
        tmp_path,
        f"hide: [{module}/{day}]\npatch:\n  {module}:\n    base: {digest(data)}\n"
        "    set:\n      purpose: Lokalt formål.\n",
    )
    book = load(ROOT / "content", edition=folder)
    assert day not in [d.id for d in book.modules[module].days]
    assert book.modules[module].purpose == "Lokalt formål."
    assert not [w for w in book.warnings if "changed upstream" in w.message]
    # The day's homework is gone with it, and a homework it followed up says so.
    handed_out = set(data["days"][-1].get("homework_out") or [])
    assert not handed_out & {h.id for h in book.modules[module].homework}
    left = [w.message for w in book.warnings if w.file.endswith("edition.yml")]
    assert any("is handed out on this day" in m or "followed up on this day" in m for m in left)


def test_hiding_a_parent_tool_names_its_parts(tmp_path: Path) -> None:
    """A tool that is part of a hidden one cannot stand alone: the error says which."""
    problems = _problems(_edition(tmp_path, "hide: [telefonisk-virksomhedskontakt]\n"))
    assert problems
    assert all(
        p.startswith("content/tools/")
        and ": part_of: the tool 'telefonisk-virksomhedskontakt' "
        "is hidden by the edition (E/edition.yml:5): hide '"
        in p
        for p in problems
    ), problems


def test_an_own_item_may_replace_a_hidden_national_one(tmp_path: Path) -> None:
    folder = _edition(tmp_path, "hide: [mit-cv]\n")
    (folder / "content" / "tools").mkdir(parents=True)
    text = (ROOT / "content" / "tools" / "mit-cv.yml").read_text(encoding="utf-8")
    (folder / "content" / "tools" / "mit-cv.yml").write_text(
        text.replace("title: Mit CV", "title: Mit CV i Testby", 1), encoding="utf-8"
    )
    book = load(ROOT / "content", edition=folder)
    assert book.tools["mit-cv"].title == "Mit CV i Testby"
    assert book.source_files["tools/mit-cv"] == folder / "content" / "tools" / "mit-cv.yml"
    # Nothing that names it loses it: it is replaced, not gone.
    assert not [w for w in book.warnings if "'mit-cv' is hidden" in w.message]
    assert any("mit-cv" in t.related for t in book.tools.values())
    # Without the hide, the same file is refused at its own path.
    (folder / "edition.yml").write_text(
        (folder / "edition.yml").read_text(encoding="utf-8").replace("hide: [mit-cv]\n", "")
    )
    problems = _problems(folder)
    assert problems == [
        "E/content/tools/mit-cv.yml:1: (file): the national item 'tools/mit-cv' has this id: "
        "hide it in E/edition.yml, or patch it instead"
    ]


def test_a_pack_with_everything_hidden_says_to_hide_it(tmp_path: Path) -> None:
    pack = parse(ROOT / "content" / "packs" / "samtaleteknik-introduktion.yml").data
    hidden = sorted({ref.split("/")[0] for ref in pack["days"]} | set(pack["tools"]))
    problems = _problems(_edition(tmp_path, f"hide: [{', '.join(hidden)}]\n"))
    assert (
        "content/packs/samtaleteknik-introduktion.yml:4: (file): everything in this pack is "
        "hidden by the edition: hide the pack 'samtaleteknik-introduktion' too (E/edition.yml)"
    ) in problems
