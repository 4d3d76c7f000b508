"""One resolved model: every course, pack and run is resolved once per load, and every
output of it (participant pack, trainer's manual, run sheet, calendar, site) reads that
one resolution."""

from __future__ import annotations

from pathlib import Path

from handbook.content import outputs, runs
from handbook.content.catalog import load
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
