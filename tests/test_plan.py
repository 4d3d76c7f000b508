"""One resolved model: every course, pack and run is resolved once per load, and every
output of it (participant pack, trainer's manual, run sheet, calendar, site) reads that
one resolution."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pdftext import clean_text
from pypdf import PdfReader

from handbook.content import outputs, runs
from handbook.content.catalog import load
from handbook.errors import ContentError
from handbook.render import ics, pdf, site

ROOT = Path(__file__).resolve().parent.parent


def test_every_course_pack_and_run_is_resolved_once_per_build() -> None:
    runs.resolutions.clear()
    book = load(ROOT / "content")
    expected = {
        *(("course", c) for c in book.courses),
        *(("pack", p) for p in book.packs),
        *(("run", r) for r in book.runs),
    }
    assert set(runs.resolutions) == expected
    assert all(n == 1 for n in runs.resolutions.values()), runs.resolutions
    # Everything the build writes from them: the site's pages, every course, pack and run
    # PDF (with the tighter second layout), the run sheets and the calendars.
    plan = outputs.plan(book)
    site.generated_docs(book, plan)
    printed = [o for o in plan if o.kind in ("course", "trainer", "pack")]
    for run_id in book.runs:
        printed += outputs.run_outputs(book, run_id)
        ics.calendar(book, run_id)
    for out in printed:
        document = pdf.render_html(book, out)
        pdf.compact_variant(book, out, document)
    assert set(runs.resolutions) == expected
    assert all(n == 1 for n in runs.resolutions.values()), runs.resolutions
    assert outputs.plan(book) is plan  # the list of outputs is worked out once too


def test_a_course_is_resolved_as_a_pack_of_all_its_days() -> None:
    book = load(ROOT / "content")
    for course in book.courses.values():
        plan = runs.course_plan(book, course)
        assert [f"{v.module.id}/{v.day.id}" for v in plan.days if v.module] == runs.course_refs(
            book, course
        )
        assert all(v.date is None and v.schedule[0][0] == "09.00" for v in plan.days)


# --- times said once ----------------------------------------------------------------------

HEAD = "title: Testhold\ncohort: {organisations: [Jobcenter Test], size: 4}\n"
HEAD += "venue: {name: Lokale 1, address: Testvej 1}\ndays:\n"


def _write_run(content: Path, name: str, days: str) -> Path:
    folder = content.parent / "runs"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(HEAD + days, encoding="utf-8")
    return path


def test_a_day_text_that_states_clock_times_is_refused(mini: Path) -> None:
    module = mini / "modules" / "modul-a.yml"
    text = module.read_text(encoding="utf-8")
    module.write_text(
        text.replace(
            "    purpose: At lære detektivspørgsmål.\n",
            "    purpose: At lære detektivspørgsmål.\n    notes: Dagen er lagt til 9.00–15.30.\n",
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load(mini)
    line = next(i for i, x in enumerate(module.read_text().splitlines(), 1) if "9.00–15.30" in x)
    assert [str(p) for p in info.value.problems] == [
        f"{module}:{line}: days[0].notes: states a clock time ('9.00–15.30'): the day plan "
        "shows the day's times from its blocks (from 09.00, or a run's own start and end), "
        "so leave them out of the text"
    ]


def test_participant_pack_of_a_run_shows_one_set_of_times(mini: Path, tmp_path: Path) -> None:
    # dag-1 takes 135 min: from 08.30 the blocks end 10.45, the room is booked until 11.00.
    _write_run(
        mini,
        "hold",
        '  - day: modul-a/dag-1\n    date: 2027-03-03\n    start: "08:30"\n    end: "11:00"\n',
    )
    book = load(mini)
    pack = next(o for o in outputs.run_outputs(book, "hold") if o.kind == "run")
    text = clean_text(
        "\n".join(p.extract_text() for p in PdfReader(pdf.write_pdf(book, pack, tmp_path)).pages)
    )
    rows = {"08.30–09.00", "09.00–10.00", "10.00–10.45"}  # the day plan's blocks
    spans = set(re.findall(r"\b\d{1,2}\.\d{2}\s*–\s*\d{1,2}\.\d{2}\b", text))
    assert spans - rows == {"08.30–11.00"}, spans  # programme and day header: the booked time
    assert text.count("08.30–11.00") >= 2  # said in the programme and over the day plan
    assert "programmet slutter 10.45" in text  # the plan's earlier end, labelled


# --- a broken run file stops nothing else -------------------------------------------------

VALID_DAY = '  - day: modul-a/dag-1\n    date: 2027-03-03\n    start: "08:30"\n    end: "10:45"\n'
STALE_DAY = VALID_DAY + "    changes:\n      - skip: findes-ikke-mere\n"


def test_a_stale_run_file_never_stops_another_run(mini: Path) -> None:
    stale = _write_run(mini, "testhold-foraeldet", STALE_DAY)
    valid = _write_run(mini, "testhold-gyldig", VALID_DAY)
    line = next(i for i, x in enumerate(stale.read_text().splitlines(), 1) if "findes-ikke" in x)
    expected = (
        f"{stale}:{line}: days[0].changes[0].skip: dag 'dag-1' i modul 'modul-a' har ingen "
        "blok med nøglen 'findes-ikke-mere'. Dagens nøgler: velkomst, detektivspoergsmaal, frokost"
    )
    with pytest.raises(ContentError) as info:  # `check` still fails on it
        load(mini)
    assert [str(p) for p in info.value.problems] == [expected]
    book = load(mini, skip_broken_runs=True)  # what the build reads
    assert set(book.runs) == {"testhold-gyldig"}
    assert [str(p) for p in book.run_problems] == [expected]

    env = {**os.environ, "HANDBOOK_CONTENT": str(mini)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "build.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    checked = cli("check")
    assert checked.returncode == 1 and expected in checked.stdout
    refused = cli("run", str(stale))
    assert refused.returncode == 1 and expected in refused.stdout and "not built" in refused.stdout
    target = ROOT / "build" / "runs" / "testhold-gyldig"
    try:
        built = cli("run", str(valid))
        assert built.returncode == 0, built.stdout + built.stderr
        assert expected in built.stdout  # the other run's problem is still reported
        assert sorted(p.name for p in target.iterdir()) == [
            "deltagermappe-testhold-gyldig.pdf",
            "drejebog-testhold-gyldig.pdf",
            "manifest.json",  # what the run was built from (content/run_changes.py)
            "testhold-gyldig.ics",
        ]
    finally:
        shutil.rmtree(target, ignore_errors=True)


def test_the_navigation_is_worked_out_once_per_handbook(monkeypatch: pytest.MonkeyPatch) -> None:
    """The site, the offline bundle, the site key and mkdocs.nav.yml read one navigation."""
    calls: list[object] = []
    real = site._nav
    monkeypatch.setattr(site, "_nav", lambda book: calls.append(book) or real(book))
    book = load()
    first = site.nav(book)
    first.append("changed by a caller")
    assert site.nav(book) != first  # each caller gets its own copy
    site.titled_nav(site.nav(book), site.render_pages(book, outputs.plan(book)))
    assert calls == [book]
    site.nav(load())  # another loaded state of the content has its own navigation
    assert len(calls) == 2
