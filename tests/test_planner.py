"""The planner page (/planlaeg/) and its data: the JSON export, and a trainer planning a day
in a real browser (Chromium, Playwright) – clock times, budget, skip, tools, the page's own
link, print, the .ics file, and the run file that `build.py check` and `build.py run` accept
with the same clock times.

Builds the site without PDFs (fast) and serves it; the browser tests are skipped where no
Chromium is installed.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml
from playwright.sync_api import expect

from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.content.model import Day, Module
from handbook.content.pages import PLANNER_DATA
from handbook.content.runs import run_days
from handbook.content.timeplan import clock
from handbook.content.timeplan import minutes as duration
from handbook.render.export import planner_json
from handbook.text import to_html
from tests.browserkit import CHROMIUM, serve

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
browser_only = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def _a_day(book: Handbook) -> tuple[Module, Day]:
    """A module day long enough to plan with: five blocks or more, one of them with tools."""
    for module in book.modules.values():
        for day in module.days:
            if len(day.blocks) >= 5 and any(b.tools for b in day.blocks[3:]):
                return module, day
    raise AssertionError("no module day with five blocks")


# --- the JSON export ----------------------------------------------------------------------


def test_export_is_stable_and_matches_the_committed_schema(book: Handbook) -> None:
    text = planner_json(book)
    assert text == planner_json(load(ROOT / "content"))  # byte-identical across builds
    schema = json.loads((ROOT / "schemas" / "planner-data.schema.json").read_text())
    data = json.loads(text)
    jsonschema.validate(data, schema)
    assert data["schema_version"] == 1


def test_export_has_every_day_with_its_block_keys(book: Handbook) -> None:
    data = json.loads(planner_json(book))
    days = {d["ref"]: d for m in data["modules"] for d in m["days"]}
    for module in book.modules.values():
        for day in module.days:
            exported = days[f"{module.id}/{day.id}"]
            assert [b["key"] for b in exported["blocks"]] == day.block_keys()
            assert [b["minutes"] for b in exported["blocks"]] == [b.minutes for b in day.blocks]
    assert set(data["tools"]) == set(book.tools)
    assert all(t["page"] == f"redskaber/{tid}/" for tid, t in data["tools"].items())


def test_export_publishes_no_course_run_data(book: Handbook) -> None:
    """Runs (cohort, venue, trainers) are never published; the export is an allowlist."""
    text = planner_json(book)
    assert book.runs, "the project's example runs should be loaded"
    for run in book.runs.values():
        for value in [run.title, run.venue.name, *run.trainers, *run.cohort.organisations]:
            assert value not in text, value
    schema = json.loads((ROOT / "schemas" / "planner-data.schema.json").read_text())
    block = schema["$defs"]["PlannerBlock"]
    assert block["additionalProperties"] is False
    assert set(block["properties"]) == {
        "key",
        "title",
        "kind",
        "minutes",
        "description",
        "trainer_notes",
        "tools",
        "source",
    }


# --- the built site -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def planner_site(book: Handbook, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from handbook.build import build

    site = tmp_path_factory.mktemp("planner") / "site"
    assert build(book, with_pdfs=False, quiet=True, site_dir=site) == 0
    yield site
    shutil.rmtree(site, ignore_errors=True)


def test_generated_data_files_are_swept_like_pages(tmp_path: Path) -> None:
    """write_generated_docs handles data files too: a stale one is removed, a current one
    left untouched (same text, same file)."""
    from handbook.build import write_generated_docs

    docs = tmp_path / "docs"
    (docs / "planlaeg").mkdir(parents=True)
    (docs / "planlaeg" / "old-data.json").write_text("{}", encoding="utf-8")
    (docs / "om.md").write_text("hand-written", encoding="utf-8")
    files = {PLANNER_DATA: '{"a":1}\n', "planlaeg/index.md": "# Planlæg\n"}
    assert write_generated_docs(files, None, docs=docs) == 3
    assert not (docs / "planlaeg" / "old-data.json").exists()
    assert (docs / PLANNER_DATA).read_text(encoding="utf-8") == '{"a":1}\n'
    assert (docs / "om.md").exists()
    assert write_generated_docs(files, None, docs=docs) == 0


def test_built_data_file_validates_against_the_committed_schema(
    book: Handbook, planner_site: Path
) -> None:
    written = (planner_site / PLANNER_DATA).read_text(encoding="utf-8")
    schema = json.loads((ROOT / "schemas" / "planner-data.schema.json").read_text())
    jsonschema.validate(json.loads(written), schema)
    assert written == planner_json(book)


def test_planner_is_linked_from_front_page_nav_course_module_and_day_pages(
    book: Handbook, planner_site: Path
) -> None:
    module, day = _a_day(book)
    pages = {
        "index.html": 'href="planlaeg/"',
        f"moduler/{module.id}/{day.id}/index.html": f"planlaeg/?dag={module.id}/{day.id}",
        f"moduler/{module.id}/index.html": f"planlaeg/?modul={module.id}",
    }
    course = next(iter(book.courses.values()))
    pages[f"forloeb/{course.id}/index.html"] = f"planlaeg/?forloeb={course.id}"
    for path, link in pages.items():
        assert link in (planner_site / path).read_text(encoding="utf-8"), path
    nav = (planner_site / "redskaber" / "index.html").read_text(encoding="utf-8")
    assert 'href="../planlaeg/"' in nav
    assert "/docs/planlaeg/" in (ROOT / ".gitignore").read_text()  # generated, never committed


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(planner_site: Path) -> Iterator[str]:
    with serve(planner_site) as url:
        yield url


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def _open_day(page, base_url: str, module: Module, day: Day) -> None:
    page.goto(f"{base_url}planlaeg/?dag={module.id}/{day.id}")
    page.wait_for_selector(".mh-day .mh-block")


def _plan(page) -> list[tuple[str, str]]:
    """(clock times, title) of every block on the page, in order."""
    times = page.locator(".mh-block .mh-time").all_inner_texts()
    titles = page.locator(".mh-block .mh-block-title").evaluate_all("els => els.map(e => e.value)")
    return list(zip(times, titles, strict=True))


def _settled(page) -> None:
    """Wait until the address holds the plan (it follows a moment after the last change)."""
    page.wait_for_function(
        "() => location.hash === '#p=' + localStorage.getItem('mh-planner-plan')"
        " && document.querySelector('#mh-share').value === location.href"
    )


def _budget(page, n: int = 0) -> str:
    return page.locator(".mh-budget").nth(n).inner_text()


def _download(page, button: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.click(button)
    info.value.save_as(target)
    return target


def _fill_plan_fields(page) -> None:
    page.fill("#mh-title", "Samtaledag i Holbæk")
    page.fill("#mh-orgs", "Jobcenter Holbæk, A-kassen <Nord> *lokal*")
    page.fill("#mh-size", "16")
    page.fill("#mh-venue", "Mødelokale 2")
    page.fill("#mh-address", "Eksempelvej 1, 4300 Holbæk")
    page.fill("#mh-trainers", "Anne Underviser")


def _project_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of content/ with an empty runs/ folder next to it, for `build.py` to read."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    runs = tmp_path / "runs"
    runs.mkdir()
    return content, runs


def _build_py(args: list[str], content: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HANDBOOK_CONTENT": str(content)}
    return subprocess.run(
        [sys.executable, "build.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _run_schedule(content: Path, runs: Path, run_id: str) -> list[list[tuple[str, str, str]]]:
    book = load(content, runs_dir=runs)
    return [
        [(start, end, block.title) for start, end, block in view.schedule]
        for view in run_days(book, book.runs[run_id])
    ]


@browser_only
def test_plan_a_day_export_and_build_it(
    page, base_url: str, book: Handbook, tmp_path: Path
) -> None:
    module, day = _a_day(book)
    _open_day(page, base_url, module, day)
    minutes = [b.minutes for b in day.blocks]
    total = sum(minutes)
    first = _plan(page)
    assert first[0] == (f"09.00–{clock(540 + minutes[0])}", day.blocks[0].title)
    assert len(first) == len(day.blocks)
    assert "passer præcist" in _budget(page)  # booked end starts at the day's own end

    # An earlier start moves every clock time and leaves 30 minutes in the budget.
    page.fill("#mh-day-0-start", "08:30")
    assert _plan(page)[0][0] == f"08.30–{clock(510 + minutes[0])}"
    assert _budget(page).endswith("30 min tilbage.")
    # A longer block: 15 minutes more, the next block starts later.
    page.locator(".mh-block").nth(1).locator("input[type=number]").fill(str(minutes[1] + 15))
    assert _plan(page)[2][0].startswith(clock(510 + minutes[0] + minutes[1] + 15))
    assert _budget(page).endswith("15 min tilbage.")
    # Skip a block: no clock time, and its minutes come back to the budget.
    page.locator(".mh-block").nth(2).get_by_role("button", name="Spring").click()
    assert _plan(page)[2][0] == "Springes over"
    assert _budget(page).endswith(f"{duration(15 + minutes[2])} tilbage.")
    status = page.locator("[role=status][aria-live=polite]")
    expect(status).to_contain_text("springes over")  # said in words, for screen readers
    expect(status).to_contain_text(f"{duration(15 + minutes[2])} tilbage")
    # Add a tool from the library to block 4.
    tool = next(t for t in book.tools.values() if t.id not in day.blocks[3].tools)
    block = page.locator(".mh-block").nth(3)
    block.get_by_role("button", name="Tilføj redskab").click()
    found = block.locator(".mh-picker p[role=status]")
    assert found.inner_text().startswith(f"{len(book.tools)} redskaber")
    page.get_by_label("Emne").select_option(f"area:{tool.tags.area[0]}")  # filter by tag
    tagged = [t for t in book.tools.values() if tool.tags.area[0] in t.tags.area]
    assert found.inner_text().startswith(f"{len(tagged)} redskaber")
    assert len(tagged) < len(book.tools)
    page.get_by_label("Søg efter navn").focus()
    page.keyboard.type(tool.title)
    page.get_by_role("button", name=f"Tilføj {tool.title} til").click()
    link = page.locator(".mh-block").nth(3).get_by_role("link", name=tool.title, exact=False)
    assert link.get_attribute("href") == f"../redskaber/{tool.id}/"
    href = page.evaluate("(a) => a.href", link.element_handle())
    assert page.request.get(href).status == 200

    page.fill("#mh-day-0-date", "2027-03-03")
    page.fill("#mh-day-0-end", "16:00")
    _fill_plan_fields(page)
    planned = _plan(page)
    budget = _budget(page)

    # The page's own link opens the same plan in a browser that has never seen it.
    _settled(page)
    link = page.input_value("#mh-share")
    assert "#p=" in link and len(link) < 2000
    other = page.context.browser.new_context()
    fresh = other.new_page()
    fresh.goto(link)
    fresh.wait_for_selector(".mh-day .mh-block")
    assert _plan(fresh) == planned
    assert _budget(fresh) == budget
    assert fresh.input_value("#mh-venue") == "Mødelokale 2"
    assert fresh.input_value("#mh-day-0-date") == "2027-03-03"
    other.close()
    # … and so does a reload (the plan is kept in the address and in localStorage), also
    # straight after a change, before the address has caught up.
    page.fill("#mh-title", "Samtaledag i Holbæk, forår")
    address = page.evaluate("location.hash")  # the change restarted the address's delay
    # A moment for Chromium to hand the localStorage write to its browser process (a reload
    # in the same millisecond can outrun it); well inside the address's 250 ms delay.
    page.wait_for_timeout(60)
    assert page.evaluate("location.hash") == address  # the address has not caught up yet
    page.reload()
    page.wait_for_selector(".mh-day .mh-block")
    assert _plan(page) == planned
    assert page.input_value("#mh-title") == "Samtaledag i Holbæk, forår"

    run_id = page.get_attribute(".mh-planner", "data-plan-id")
    # Calendar: one event, Copenhagen time, stable UID, the programme without trainer notes.
    from icalendar import Calendar

    ics = _download(page, "#mh-ics", tmp_path / "plan.ics")
    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == f"{run_id}-1@metodehaandbogen"
    cph = ZoneInfo("Europe/Copenhagen")
    assert event.decoded("DTSTART") == dt.datetime(2027, 3, 3, 8, 30, tzinfo=cph)
    assert event.decoded("DTSTART").tzinfo.key == "Europe/Copenhagen"
    assert event.decoded("DTEND") == dt.datetime(2027, 3, 3, 16, 0, tzinfo=cph)
    assert str(event["LOCATION"]) == "Mødelokale 2, Eksempelvej 1, 4300 Holbæk"
    assert str(event["SUMMARY"]) == f"{day.title} · {module.title}"  # the day and its module
    assert str(cal["METHOD"]) == "PUBLISH"
    assert list(cal.walk("VTIMEZONE"))[0]["TZID"] == "Europe/Copenhagen"
    description = str(event["DESCRIPTION"])
    shown = [f"{t.split('–')[0]} {title}" for t, title in planned if t != "Springes over"]
    assert description.splitlines()[2:-1] == shown
    for block in day.blocks:
        if block.trainer_notes:
            assert block.trainer_notes[:40] not in description

    # Plan file: `build.py check` and `build.py run` accept it, with the page's clock times.
    content, runs = _project_copy(tmp_path)
    plan_file = _download(page, "#mh-yaml", runs / f"{run_id}.yml")
    checked = _build_py(["check"], content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 course runs" in checked.stdout
    schedule = _run_schedule(content, runs, run_id)
    assert [(f"{s}–{e}", title) for s, e, title in schedule[0]] == [
        (t, title) for t, title in planned if t != "Springes over"
    ]
    out = ROOT / "build" / "runs" / run_id
    try:
        built = _build_py(["run", str(plan_file)], content)
        assert built.returncode == 0, built.stdout + built.stderr
        assert (out / f"drejebog-{run_id}.pdf").exists()
        assert (out / f"deltagermappe-{run_id}.pdf").exists()
        built_cal = Calendar.from_ical((out / f"{run_id}.ics").read_bytes())
        built_event = next(iter(built_cal.walk("VEVENT")))
        for key in ("UID", "SUMMARY", "LOCATION"):
            assert str(built_event[key]) == str(event[key]), key
        for key in ("DTSTART", "DTEND"):
            assert built_event.decoded(key) == event.decoded(key), key
        assert str(built_event["DESCRIPTION"]).splitlines()[2:] == description.splitlines()[2:]
    finally:
        shutil.rmtree(out, ignore_errors=True)
    assert total  # the day had blocks to plan with
    assert page.errors == []


@browser_only
def test_moved_renamed_and_own_blocks_round_trip(
    page, base_url: str, book: Handbook, tmp_path: Path
) -> None:
    """Changes the run format has no word for (moving, renaming) become skip + insert of a
    copy under the same key; own blocks and an own day are written out in full. Typed text
    keeps its characters: '<', '*', '&' reach the run sheet as text."""
    module, day = _a_day(book)
    _open_day(page, base_url, module, day)
    page.fill("#mh-day-0-date", "2027-09-07")
    _fill_plan_fields(page)
    # The last block to the top, the first one renamed, an own block two places up.
    title = day.blocks[-1].title
    for _ in range(len(day.blocks) - 1):
        page.get_by_role("button", name=f"Flyt op: «{title}»").click()
    assert _plan(page)[0][1] == title
    page.locator(".mh-block").nth(1).locator(".mh-block-title").fill("Velkomst & *kaffe*")
    own = "Lokal <rutine> [intern]"
    page.fill("#mh-day-0-own-title", own)
    page.fill("#mh-day-0-own-min", "25")
    page.click("#mh-day-0-own-add")
    page.get_by_role("button", name=f"Flyt op: «{own}»").click()
    page.get_by_role("button", name=f"Flyt op: «{own}»").click()
    # A second day of the trainer's own, a week later.
    page.click("#mh-add-empty-btn")
    assert page.input_value("#mh-day-1-date") == "2027-09-14"
    page.fill("#mh-day-1-title", "Egen temadag")
    for name, mins in (("Velkomst", "15"), ("Træning i par", "90"), ("Opsamling", "30")):
        page.fill("#mh-day-1-own-title", name)
        page.fill("#mh-day-1-own-min", mins)
        page.click("#mh-day-1-own-add")
    page.fill("#mh-day-1-end", "11:15")
    assert "passer præcist" in _budget(page, 1)
    page.fill("#mh-day-0-end", "18:00")
    planned = _plan(page)

    run_id = page.get_attribute(".mh-planner", "data-plan-id")
    content, runs = _project_copy(tmp_path)
    _download(page, "#mh-yaml", runs / f"{run_id}.yml")
    checked = _build_py(["check"], content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    schedule = _run_schedule(content, runs, run_id)
    assert [len(rows) for rows in schedule] == [len(planned) - 3, 3]
    from_file = [(f"{s}–{e}", t) for rows in schedule for s, e, t in rows]
    assert [t for t, _ in from_file] == [t for t, _ in planned]
    # What the run sheet shows (the content text format, rendered) is what was typed.
    shown = [html.unescape(str(to_html(t, inline=True))) for _, t in from_file]
    assert shown == [t for _, t in planned]
    assert page.errors == []


@browser_only
def test_keyboard_only(page, base_url: str, book: Handbook) -> None:
    """Reorder, change minutes and add a tool without a mouse; focus follows the block."""
    module, day = _a_day(book)
    page.goto(f"{base_url}moduler/{module.id}/{day.id}/")
    link = page.get_by_role("link", name="Planlæg denne dag")
    link.focus()
    page.keyboard.press("Enter")  # Material's instant navigation
    page.wait_for_selector(".mh-day .mh-block")
    first, second = day.blocks[0].title, day.blocks[1].title
    page.focus(f"#mh-{page.locator('.mh-block').first.get_attribute('data-uid')}-title")
    # Tab from the first block's title to its "move down" button, then press Enter.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            f"Flyt ned: «{first}»"
        ):
            break
    page.keyboard.press("Enter")
    assert [t for _, t in _plan(page)[:2]] == [second, first]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        f"Flyt ned: «{first}»"
    )
    # Minutes typed by keyboard: shift+tab back to the block's minutes field.
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.type") == "number":
            break
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    row = _plan(page)[1]
    assert row[0].startswith(clock(540 + day.blocks[1].minutes))
    assert row[0].endswith(clock(540 + day.blocks[1].minutes + 5))
    # Open the tool picker with the keyboard, search, add, close with Escape.
    uid = page.locator(".mh-block").nth(1).get_attribute("data-uid")
    page.focus(f"#mh-{uid}-tool")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.type") == "search"
    tool = next(t for t in book.tools.values() if t.id not in day.blocks[0].tools)
    page.keyboard.type(tool.title)
    for _ in range(6):
        page.keyboard.press("Tab")
        if (page.evaluate("document.activeElement.getAttribute('aria-label')") or "").startswith(
            f"Tilføj {tool.title} til"
        ):
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"mh-{uid}-tool"
    assert tool.title in page.locator(".mh-block").nth(1).inner_text()
    page.keyboard.press("Enter")
    assert page.locator(".mh-picker").count() == 1
    page.keyboard.press("Escape")
    assert page.locator(".mh-picker").count() == 0
    assert page.evaluate("document.activeElement.id") == f"mh-{uid}-tool"
    assert page.errors == []


@browser_only
def test_print_run_sheet_and_participant_programme(page, base_url: str, book: Handbook) -> None:
    module, day = _a_day(book)
    _open_day(page, base_url, module, day)
    page.locator(".mh-block").nth(2).get_by_role("button", name="Spring").click()
    page.emulate_media(media="print")
    assert not page.locator(".mh-plan-screen").is_visible()
    assert not page.locator("h1").is_visible()
    sheet = page.locator(".mh-print-day")
    assert sheet.count() == 1
    assert sheet.locator("tbody tr").count() == len(day.blocks) - 1
    assert sheet.locator("th.mh-notes").is_visible()
    with_notes = [b for b in day.blocks if b.trainer_notes and b is not day.blocks[2]]
    if with_notes:
        assert with_notes[0].trainer_notes[:30] in sheet.inner_text()
    page.evaluate("document.querySelector('.mh-planner').classList.add('mh-print-participant')")
    assert not sheet.locator("th.mh-notes").is_visible()
    if with_notes:
        assert with_notes[0].trainer_notes[:30] not in sheet.inner_text()


@browser_only
def test_axe_finds_no_wcag_a_or_aa_violations(browser, base_url: str, book: Handbook) -> None:
    """The planner itself, with a picker open and a block skipped, in both colour schemes
    (Material picks the scheme from the system setting when the page loads)."""
    if not AXE.exists():
        pytest.skip("axe-core is not vendored yet (tests/vendor/axe-core, from the a11y work)")
    module, day = _a_day(book)
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        _open_day(page, base_url, module, day)
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        page.locator(".mh-block").nth(1).get_by_role("button", name="Tilføj redskab").click()
        page.locator(".mh-block").nth(2).get_by_role("button", name="Spring").click()
        page.click("#mh-yaml")  # no venue yet: the error list is shown
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "axe.run('.mh-planner', {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
        ]
        context.close()
        assert violations == [], scheme


def _link(base_url: str, plan: dict) -> str:
    code = base64.urlsafe_b64encode(json.dumps(plan).encode()).decode().rstrip("=")
    return f"{base_url}planlaeg/#p={code}"


@browser_only
@pytest.mark.parametrize("shape", ["reversed", "nothing-in-place", "own-block-first"])
def test_hand_made_plans_round_trip(
    page, base_url: str, book: Handbook, tmp_path: Path, shape: str
) -> None:
    """Plans whose changes are hard to express by block key still give a run file with the
    page's clock times: every block moved, no module block left in place (all renamed or
    skipped), an own block before every module block."""
    module, day = _a_day(book)
    keys = day.block_keys()
    if shape == "reversed":
        items: list = list(reversed(keys))
    elif shape == "nothing-in-place":
        items = [{"k": keys[0], "n": "Omdøbt velkomst"}, *({"k": k, "x": 1} for k in keys[1:-1])]
        items += [{"f": "øvelse", "n": "Egen øvelse", "m": 40}, {"k": keys[-1], "n": "Sidste"}]
    else:
        items = [{"f": "velkomst", "n": "Kaffe", "m": 15}, *keys]
    plan = {
        "v": 2,
        "i": f"test-{shape}",
        "o": "Jobcenter Holbæk",
        "l": "Lokale 1",
        "d": [
            {
                "r": f"{module.id}/{day.id}",
                "t": "2027-05-05",
                "s": "08:00",
                "e": "18:00",
                "b": items,
            }
        ],
    }
    page.goto(_link(base_url, plan))
    page.wait_for_selector(".mh-day .mh-block")
    planned = [(t, title) for t, title in _plan(page) if t != "Springes over"]
    content, runs = _project_copy(tmp_path)
    _download(page, "#mh-yaml", runs / f"test-{shape}.yml")
    schedule = _run_schedule(content, runs, f"test-{shape}")
    assert [(f"{s}–{e}", t) for s, e, t in schedule[0]] == planned
    assert page.errors == []


@browser_only
def test_a_hostile_link_is_read_as_data(page, base_url: str, book: Handbook) -> None:
    """A plan link comes from anyone: unknown days, tools and indexes are dropped, text is
    shown as text, and the page still works."""
    module, day = _a_day(book)
    plan = {
        "v": 1,
        "i": "<img src=x onerror=alert(1)>",
        "t": "<script>window.pwned = 1</script>",
        "z": "9999",
        "c": "no-such-course",
        "d": [
            {"r": "no/such-day", "s": "25:99", "e": "x", "b": [{"k": "<b>", "n": "x"}]},
            {
                "r": f"{module.id}/{day.id}",
                "t": "2027-02-30",
                "s": "09:00",
                "e": "15:00",
                "n": "<img src=x onerror=window.pwned=2>",
                "b": [0, 0, 999, -1, {"i": 1, "m": 100000, "o": ["no-such-tool", 7]}, "x"],
            },
        ],
    }
    page.goto(_link(base_url, plan))
    page.wait_for_selector(".mh-day .mh-block")
    assert page.evaluate("window.pwned") is None
    assert page.locator(".mh-planner img, .mh-planner script").count() == 0
    assert page.input_value("#mh-title") == "<script>window.pwned = 1</script>"
    assert page.locator(".mh-day h2").nth(1).inner_text() == "<img src=x onerror=window.pwned=2>"
    assert page.input_value("#mh-size") == ""
    assert page.input_value("#mh-course") == ""
    assert page.input_value("#mh-day-0-start") == "09:00"
    assert page.get_attribute(".mh-planner", "data-plan-id").startswith("plan-")
    # An old link (blocks by position): the module day as it is now, its block changes
    # (minutes out of range or not) refused, and said so.
    blocks = page.locator(".mh-day").nth(1).locator(".mh-block")
    assert blocks.count() == len(day.blocks)
    assert blocks.nth(1).locator("input[type=number]").input_value() == str(day.blocks[1].minutes)
    assert page.locator(".mh-day").nth(0).locator(".mh-block").count() == 0
    expect(page.locator("#mh-link-problems")).to_contain_text("ældre udgave af planlæggeren")
    # The same in today's format (blocks by key): unknown keys are said as text, never used.
    keys = day.block_keys()
    blocks_by_key = [keys[0], keys[0], "<img src=x onerror=window.pwned=3>"]
    blocks_by_key += [{"k": keys[1], "m": 100000, "o": ["no-such-tool", 7]}, 5, {"k": {"x": 1}}]
    blocks_by_key.append({"f": "<b>", "n": "x"})
    plan = {"v": 2, "d": [{"r": f"{module.id}/{day.id}", "t": "2027-03-30", "b": blocks_by_key}]}
    page.goto("about:blank")  # a new page load, not a change of the address alone
    page.goto(_link(base_url, plan))
    page.wait_for_selector(".mh-day .mh-block")
    blocks = page.locator(".mh-day").nth(0).locator(".mh-block")
    assert blocks.count() == len(day.blocks)
    assert blocks.nth(1).locator("input[type=number]").input_value() == str(day.blocks[1].minutes)
    expect(page.locator("#mh-link-problems")).to_contain_text(
        "Blokken «<img src=x onerror=window.pwned=3>» findes ikke længere i dagen"
    )
    assert page.evaluate("window.pwned") is None
    assert page.locator(".mh-planner img, .mh-planner script").count() == 0
    assert page.errors == []


@browser_only
def test_works_offline_once_loaded_and_keeps_the_previous_plan(
    page, base_url: str, book: Handbook, tmp_path: Path
) -> None:
    """Once the page has loaded, nothing needs the network; starting a new plan from a day
    page keeps the previous one to restore."""
    module, day = _a_day(book)
    _open_day(page, base_url, module, day)
    page.fill("#mh-venue", "Første plan")
    _settled(page)
    page.context.set_offline(True)
    other = next(f"{m.id}/{d.id}" for m in book.modules.values() for d in m.days if d.id != day.id)
    page.select_option("#mh-add-day", other)
    page.click("#mh-add-day-btn")
    assert page.locator(".mh-day").count() == 2
    page.fill("#mh-day-0-date", "2027-01-06")
    assert page.input_value("#mh-day-1-date") == ""
    page.fill("#mh-day-1-date", "2027-01-13")
    ics = _download(page, "#mh-ics", tmp_path / "offline.ics")
    assert ics.read_bytes().count(b"BEGIN:VEVENT") == 2
    page.context.set_offline(False)
    # A day page's link starts a new plan; the old one can be restored.
    page.goto(f"{base_url}planlaeg/?dag={module.id}/{day.id}")
    page.wait_for_selector(".mh-day .mh-block")
    assert page.locator(".mh-day").count() == 1
    assert page.input_value("#mh-venue") == ""
    page.get_by_role("button", name="Gendan den forrige plan").click()
    assert page.locator(".mh-day").count() == 2
    assert page.input_value("#mh-venue") == "Første plan"
    assert page.errors == []


def _edit_module(content: Path, module: Module, day: Day, after: str, remove: str) -> str:
    """Insert a block into the day (after block `after`) and remove block `remove`, in the
    content copy: a module edited after a planner link was made. Returns the new block's key."""
    path = content / "modules" / f"{module.id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw = next(d for d in data["days"] if d["id"] == day.id)
    keys = day.block_keys()
    new = {"id": "ny-oevelse", "title": "Ny øvelse i par", "kind": "øvelse", "minutes": 20}
    raw["blocks"].insert(keys.index(after) + 1, new)
    del raw["blocks"][keys.index(remove) + (keys.index(remove) > keys.index(after))]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return "ny-oevelse"


@browser_only
def test_a_saved_link_after_a_module_edit_changes_only_its_own_blocks(
    page, base_url: str, book: Handbook, tmp_path: Path
) -> None:
    """The issue's trainer: a plan saved as a link (lunch shortened, an exercise skipped, a
    block lengthened, a block with a change that the module then loses), then a block is
    inserted into the module day. The link still changes only its own blocks, by key, says
    what it could not use, shows the new block, and its plan file builds."""
    module, day = _a_day(book)
    keys = day.block_keys()
    titles = dict(zip(keys, (b.title for b in day.blocks), strict=True))
    minutes = dict(zip(keys, (b.minutes for b in day.blocks), strict=True))
    lunch = next(k for k, b in zip(keys, day.blocks, strict=True) if b.kind == "frokost")
    exercise = next(
        k for k, b in zip(keys, day.blocks, strict=True) if b.kind in ("case", "øvelse")
    )
    longer, lost = keys[2], keys[-2]
    assert len({lunch, exercise, longer, lost, keys[1]}) == 5

    _open_day(page, base_url, module, day)
    page.fill("#mh-day-0-date", "2027-03-02")
    page.fill("#mh-day-0-start", "08:30")
    page.fill("#mh-day-0-end", "17:00")
    _fill_plan_fields(page)

    def block(key: str):
        return page.locator(".mh-block").nth(keys.index(key))

    block(lunch).locator("input[type=number]").fill("30")
    block(longer).locator("input[type=number]").fill(str(minutes[longer] + 30))
    block(lost).locator("input[type=number]").fill(str(minutes[lost] + 5))
    block(exercise).get_by_role("button", name="Spring").click()
    _settled(page)
    link = page.input_value("#mh-share")

    # The module is edited: a block inserted after the second one, the changed one removed.
    content, runs = _project_copy(tmp_path)
    new_key = _edit_module(content, module, day, keys[1], lost)
    edited = load(content, runs_dir=runs)
    data = planner_json(edited)
    new_keys = edited.modules[module.id].days[[d.id for d in module.days].index(day.id)]
    new_keys = new_keys.block_keys()
    assert new_key in new_keys and lost not in new_keys

    other = page.context.browser.new_context(accept_downloads=True)
    other.route(
        "**/planlaeg/planner-data.json",
        lambda route: route.fulfill(body=data, content_type="application/json"),
    )
    fresh = other.new_page()
    errors: list[str] = []
    fresh.on("pageerror", lambda e: errors.append(str(e)))
    fresh.goto(link)
    fresh.wait_for_selector(".mh-day .mh-block")
    problems = fresh.locator("#mh-link-problems")
    expect(problems).to_contain_text(
        f"Blokken «{lost}» findes ikke længere i dagen; din ændring er ikke brugt"
    )
    expect(problems).to_contain_text("Blokken «Ny øvelse i par» er ny i dagen og er sat ind")
    rows = fresh.locator(".mh-block")
    assert rows.count() == len(new_keys)
    shown = []
    for i in range(rows.count()):
        row = rows.nth(i)
        shown.append(
            (
                row.locator(".mh-block-title").input_value(),
                int(row.locator("input[type=number]").input_value()),
                row.locator(".mh-time").inner_text() == "Springes over",
            )
        )
    changed = {lunch: 30, longer: minutes[longer] + 30}
    expected = [
        (titles[k], changed.get(k, minutes[k]), k == exercise)
        if k != new_key
        else ("Ny øvelse i par", 20, False)
        for k in new_keys
    ]
    assert shown == expected  # no change on another block, nothing else skipped
    planned = [(t, title) for t, title in _plan(fresh) if t != "Springes over"]

    # The plan file from the opened link: `build.py check` accepts it against the edited
    # module, with the changes that still match and the page's clock times.
    run_id = fresh.get_attribute(".mh-planner", "data-plan-id")
    plan_file = _download(fresh, "#mh-yaml", runs / f"{run_id}.yml")
    other.close()
    text = plan_file.read_text(encoding="utf-8")
    assert f"- block: {lunch}\n" in text and f"- skip: {exercise}\n" in text
    assert f": {lost}\n" not in text
    checked = _build_py(["check"], content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    schedule = _run_schedule(content, runs, run_id)
    assert [(f"{s}–{e}", t) for s, e, t in schedule[0]] == planned
    assert errors == [] and page.errors == []


@browser_only
def test_an_old_position_link_is_refused_out_loud_after_a_module_edit(
    page, base_url: str, book: Handbook, tmp_path: Path
) -> None:
    """A link from before blocks had keys (`"b":[0,1,{"i":6,"m":30},…]`) cannot say which
    block a change was for once the day has changed: its block changes are not used, the
    page says so, and the day is the module's own."""
    module, day = _a_day(book)
    n = len(day.blocks)
    items = [0, 1, {"i": 2, "m": 30}, {"i": 3, "x": 1}, *range(4, n)]
    plan = {"v": 1, "i": "gammelt-link", "o": "Jobcenter Holbæk", "l": "Lokale 1"}
    plan["d"] = [{"r": f"{module.id}/{day.id}", "t": "2027-05-05", "s": "08:30", "e": "16:00"}]
    plan["d"][0]["b"] = items
    content, runs = _project_copy(tmp_path)
    keys = day.block_keys()
    _edit_module(content, module, day, keys[0], keys[-1])
    data = planner_json(load(content, runs_dir=runs))
    page.route(
        "**/planlaeg/planner-data.json",
        lambda route: route.fulfill(body=data, content_type="application/json"),
    )
    page.goto(_link(base_url, plan))
    page.wait_for_selector(".mh-day .mh-block")
    expect(page.locator("#mh-link-problems")).to_contain_text("ikke brugt")
    assert page.locator(".mh-block").count() == n  # one in, one out
    assert page.locator(".mh-skipped").count() == 0
    assert page.input_value("#mh-day-0-start") == "08:30"  # the day's own fields are kept
    mins = page.locator(".mh-block input[type=number]").evaluate_all(
        "els => els.map(e => +e.value)"
    )
    assert mins[0] == day.blocks[0].minutes and mins[1] == 20  # the new block, as the module has it
    assert mins[2:4] == [b.minutes for b in day.blocks[1:3]]  # no 30-minute change anywhere
    assert page.errors == []


# --- plans that live on, plan files, dates, who leads, materials, contrast (issue 19) --------


def _saved(page) -> list[str]:
    """Names of the saved plans, as the page lists them."""
    return page.locator(".mh-saved .mh-saved-name").all_inner_texts()


def _a_day_with_worksheets(book: Handbook) -> tuple[Module, Day]:
    """A module day whose blocks use at least two tools with worksheets."""
    for module in book.modules.values():
        for day in module.days:
            tools = {t for b in day.blocks for t in b.tools if book.tools[t].worksheets}
            if len(tools) >= 2:
                return module, day
    raise AssertionError("no module day with two tools that have worksheets")


@browser_only
def test_two_shared_links_in_a_row_keep_the_saved_plans_and_ask(
    page, base_url: str, book: Handbook
) -> None:
    module, day = _a_day(book)
    _open_day(page, base_url, module, day)
    page.fill("#mh-title", "Min egen plan")
    _settled(page)
    assert _saved(page) == ["Min egen plan"]
    ref = f"{module.id}/{day.id}"
    for n, title in enumerate(["Kollegaens plan", "Endnu en plan"]):
        link = {"v": 2, "i": f"plan-delt{n}", "t": title, "d": [{"r": ref, "t": "2027-03-02"}]}
        page.goto("about:blank")
        page.goto(_link(base_url, link))
        page.wait_for_selector("#mh-ask")
        # The link's plan is shown, the saved plans are untouched, and the page asks.
        assert page.input_value("#mh-title") == title
        assert _saved(page) == ["Min egen plan"]
        expect(page.locator("#mh-ask")).to_contain_text("er ikke gemt endnu")
        expect(page.get_by_role("button", name="Gem som ny plan")).to_be_visible()
        expect(page.get_by_role("button", name="Erstat")).to_be_visible()
    page.get_by_role("button", name="Gem som ny plan").click()
    _settled(page)
    assert _saved(page) == ["Min egen plan", "Endnu en plan"]
    # Open, rename, copy and delete.
    page.get_by_role("button", name="Åbn «Min egen plan»").click()
    assert page.input_value("#mh-title") == "Min egen plan"
    page.get_by_role("button", name="Omdøb «Endnu en plan»").click()
    page.locator(".mh-saved input").fill("Holbæk, forår")
    page.get_by_role("button", name="Gem navnet").click()
    page.get_by_role("button", name="Lav en kopi af «Holbæk, forår»").click()
    assert _saved(page) == ["Min egen plan", "Holbæk, forår", "Kopi af Holbæk, forår"]
    page.get_by_role("button", name="Slet «Kopi af Holbæk, forår»").click()
    page.get_by_role("button", name="Ja, slet planen").click()
    assert _saved(page) == ["Min egen plan", "Holbæk, forår"]
    # A third link, replacing the open plan when asked to.
    link = {"v": 2, "i": "plan-tredje", "t": "Tredje", "d": [{"r": ref, "t": "2027-04-06"}]}
    page.goto("about:blank")
    page.goto(_link(base_url, link))
    page.wait_for_selector("#mh-ask")
    expect(page.locator("#mh-ask")).to_contain_text("erstatte «Min egen plan»")
    page.get_by_role("button", name="Erstat").click()
    _settled(page)
    assert _saved(page) == ["Tredje", "Holbæk, forår"]
    # The page after a reload: the same saved plans, nothing asked.
    page.reload()
    page.wait_for_selector(".mh-saved")
    assert _saved(page) == ["Tredje", "Holbæk, forår"]
    assert page.locator("#mh-ask").count() == 0
    assert page.errors == []


@browser_only
def test_the_one_stored_plan_of_before_becomes_a_saved_plan(
    page, base_url: str, book: Handbook
) -> None:
    module, day = _a_day(book)
    _open_day(page, base_url, module, day)
    page.fill("#mh-title", "Fra før")
    _settled(page)
    page.evaluate("localStorage.removeItem('mh-planner-plans')")  # as the page stored it before
    page.goto(f"{base_url}planlaeg/")
    page.wait_for_selector(".mh-saved")
    assert _saved(page) == ["Fra før"]
    assert page.errors == []


@browser_only
def test_a_plan_file_opens_and_exports_again_unchanged(
    page, base_url: str, book: Handbook, tmp_path: Path
) -> None:
    module, day = _a_day(book)
    _open_day(page, base_url, module, day)
    _fill_plan_fields(page)
    page.fill("#mh-trainers", "Anne Underviser, Bo Andersen")
    page.locator("#mh-trainers").dispatch_event("change")
    page.fill("#mh-day-0-date", "2027-03-02")
    page.fill("#mh-day-0-end", "17:00")
    second = page.locator(".mh-block").nth(1)
    second.locator("select").select_option("Bo Andersen")
    page.locator(".mh-block").nth(2).get_by_role("button", name="Spring").click()
    page.locator(".mh-block").nth(3).get_by_role("button", name="Flyt op").click()
    page.fill("#mh-day-0-own-title", "Vores egen runde")
    page.fill("#mh-day-0-own-desc", "Hver deltager fortæller om en samtale.\n\nSå taler vi sammen.")
    page.fill("#mh-day-0-own-notes", "Hold tiden <stramt>")
    tool = sorted(book.tools)[0]
    page.select_option("#mh-day-0-own-tools", [tool])
    page.select_option("#mh-day-0-own-trainer", "Anne Underviser")
    page.click("#mh-day-0-own-add")
    _settled(page)
    plan_id = page.get_attribute(".mh-planner", "data-plan-id")
    # Saved as the page says (runs/<id>.yml): a run's id is its file name.
    first = _download(page, "#mh-yaml", tmp_path / f"{plan_id}.yml")
    text = first.read_text(encoding="utf-8")
    assert 'trainer: "Bo Andersen"' in text and 'trainer: "Anne Underviser"' in text
    assert '"Hold tiden \\\\<stramt\\\\>"' in text
    # A new, empty plan; then the file opens in the page and exports the same text again.
    page.click("#mh-new")
    page.set_input_files("#mh-open-file", str(first))
    page.wait_for_selector("#mh-ask")
    expect(page.locator("#mh-notice")).to_contain_text(f"Planfilen «{plan_id}.yml» er åbnet")
    assert page.locator("#mh-link-problems").count() == 0
    again = _download(page, "#mh-yaml", tmp_path / "igen.yml")
    assert again.read_text(encoding="utf-8") == text
    assert page.input_value("#mh-trainers") == "Anne Underviser, Bo Andersen"
    # A hand-written file: what the page cannot show is listed, in Danish.
    hand = tmp_path / "haand.yml"
    hand.write_text(
        "title: I hånden\ncohort: {organisations: [Jobcenter]}\nvenue: {name: Lokale}\n"
        f"days:\n  - day: {module.id}/{day.id}\n    date: 2. marts 2027\n    end: '15:00'\n"
        "    changes:\n      - skip: constructor\n",
        encoding="utf-8",
    )
    page.set_input_files("#mh-open-file", str(hand))
    expect(page.locator("#mh-link-problems")).to_contain_text(
        "Dag 1, ændring 1: dagen har ingen blok «constructor»; ændringen er ikke brugt."
    )
    expect(page.locator("#mh-link-problems")).to_contain_text(
        "Dag 1: datoen «2. marts 2027» kan ikke læses; skriv den som år-måned-dag, fx 2027-03-02."
    )
    bad = tmp_path / "ikke-yaml.yml"
    bad.write_text("title: [ikke lukket\n", encoding="utf-8")
    page.set_input_files("#mh-open-file", str(bad))
    expect(page.locator("#mh-notice")).to_contain_text("er ikke gyldig YAML (linje")
    assert page.errors == []


@browser_only
def test_weekly_fill_and_a_wrong_date_order_at_the_field(
    page, base_url: str, book: Handbook
) -> None:
    course = next(
        c for c in book.courses.values() if sum(len(book.modules[m].days) for m in c.modules) >= 3
    )
    page.goto(f"{base_url}planlaeg/?forloeb={course.id}")
    page.wait_for_selector(".mh-day .mh-block")
    count = page.locator(".mh-day").count()
    page.fill("#mh-day-0-date", "2027-03-02")  # a Tuesday
    page.fill("#mh-day-1-date", "2027-03-01")
    date = page.locator("#mh-day-1-date")
    expect(date).to_have_attribute("aria-invalid", "true")
    expect(date).to_have_attribute("aria-describedby", "mh-day-1-date-error")
    expect(page.locator("#mh-day-1-date-error")).to_have_text(
        "Dag 2: datoen skal ligge efter dagen før (tirsdag 2. marts 2027)."
    )
    # The budget stays in view while a long day is edited (it sticks below the header).
    assert (
        page.locator("#mh-day-0-budget").evaluate("el => getComputedStyle(el).position") == "sticky"
    )
    page.locator(".mh-day").nth(0).locator(".mh-block").last.scroll_into_view_if_needed()
    assert page.locator("#mh-day-0-budget").is_visible()
    top = page.locator("#mh-day-0-budget").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 200
    page.get_by_role("button", name="Samme ugedag hver uge").click()
    start = dt.date(2027, 3, 2)
    for n in range(count):
        expected = (start + dt.timedelta(days=7 * n)).isoformat()
        assert page.input_value(f"#mh-day-{n}-date") == expected
    assert page.get_attribute("#mh-day-1-date", "aria-invalid") is None
    assert page.inner_text("#mh-day-1-date-error") == ""
    assert page.errors == []


@browser_only
def test_a_trainer_per_block_appears_in_the_run_sheet(
    page, base_url: str, book: Handbook, tmp_path: Path
) -> None:
    module, day = _a_day(book)
    _open_day(page, base_url, module, day)
    _fill_plan_fields(page)
    page.fill("#mh-trainers", "Anne Underviser, Bo Andersen")
    page.locator("#mh-trainers").dispatch_event("change")
    page.fill("#mh-day-0-date", "2027-03-02")
    page.fill("#mh-day-0-end", "17:00")
    page.locator(".mh-block").nth(1).locator("select").select_option("Bo Andersen")
    page.emulate_media(media="print")
    sheet = page.locator(".mh-print-day")
    row = sheet.locator("tbody tr").nth(1)
    expect(row).to_contain_text("Leder: Bo Andersen")
    assert sheet.locator("text=Leder:").count() == 1
    # The print is the whole run sheet: cohort and trainers, the checklist with copies for
    # the cohort and the trainers; the participants' programme has dates and no checklist.
    overview = page.locator(".mh-print-overview")
    expect(overview).to_contain_text("Jobcenter Holbæk")
    expect(overview).to_contain_text("16 deltagere")
    expect(overview).to_contain_text("Anne Underviser, Bo Andersen")
    expect(overview).to_contain_text("tirsdag 2. marts 2027")
    checklist = sheet.locator(".mh-print-checklist")
    expect(checklist).to_contain_text("Tjekliste til dagen før (mandag 1. marts 2027)")
    sheets = [s for b in day.blocks for t in b.tools for s in book.tools[t].worksheets]
    if sheets:
        expect(checklist).to_contain_text(f"Skemaet «{sheets[0].title}»")
        expect(checklist).to_contain_text("18 kopier (16 til deltagerne, 2 til underviserne)")
    page.evaluate("document.querySelector('.mh-planner').classList.add('mh-print-participant')")
    assert not checklist.is_visible()
    assert not row.locator(".mh-print-lead").is_visible()
    # The plan file carries it; the build's run sheet shows it.
    page.emulate_media(media="screen")
    plan_file = _download(page, "#mh-yaml", tmp_path / "leder.yml")
    runs = tmp_path / "runs"
    runs.mkdir()
    run_id = plan_file.read_text(encoding="utf-8").split("runs/", 1)[1].split(".yml", 1)[0]
    shutil.copy(plan_file, runs / f"{run_id}.yml")
    from handbook.content import outputs
    from handbook.render.pdf import render_html

    run_book = load(ROOT / "content", runs_dir=runs)
    out = next(o for o in outputs.run_outputs(run_book, run_id) if o.kind == "runsheet")
    assert "Leder: Bo Andersen" in render_html(run_book, out)
    assert page.errors == []


@browser_only
def test_materials_pdf_has_exactly_the_plans_cards_and_worksheets(
    page, base_url: str, book: Handbook, planner_site: Path, tmp_path: Path
) -> None:
    """The page merges the PDFs the build published (the site here has none: small stand-ins
    are written where the planner data says the build puts them, each page its own width)."""
    from pypdf import PdfReader, PdfWriter

    data = json.loads((planner_site / PLANNER_DATA).read_text(encoding="utf-8"))
    module, day = _a_day_with_worksheets(book)
    used = list(dict.fromkeys(t for b in day.blocks for t in b.tools))
    with_card = next(t for t in used if book.tools[t].worksheets)
    width = iter(range(200, 400))
    written: list[Path] = []
    widths: dict[str, list[int]] = {}

    def stand_in(path: str, pages: int) -> None:
        target = planner_site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        writer = PdfWriter()
        widths[path] = [next(width) for _ in range(pages)]
        for w in widths[path]:
            writer.add_blank_page(width=w, height=500)
        with target.open("wb") as f:
            writer.write(f)
        written.append(target)

    try:
        for tid in used:
            for n, sheet in enumerate(data["tools"][tid]["worksheets"]):
                stand_in(sheet["pdf"], 1 + n % 2)
        stand_in(data["tools"][with_card]["card_pdf"], 1)
        others = [t for t in data["tools"] if t not in used and data["tools"][t]["worksheets"]]
        stand_in(data["tools"][others[0]]["worksheets"][0]["pdf"], 1)  # not in the plan
        expected = []
        for tid in used:
            if tid == with_card:
                expected += widths[data["tools"][tid]["card_pdf"]]
            for sheet in data["tools"][tid]["worksheets"]:
                expected += widths[sheet["pdf"]]
        _open_day(page, base_url, module, day)
        merged = _download(page, "#mh-materials", tmp_path / "materialer.pdf")
        got = [round(float(p.mediabox.width)) for p in PdfReader(merged).pages]
        assert got == expected
        status = page.locator("#mh-materials-status")
        expect(status).to_contain_text(f"{len(expected)} sider i én PDF")
        # The cards the site does not have yet are named, in Danish.
        missing = [t for t in used if t != with_card]
        if missing:
            expect(status).to_contain_text("findes ikke som PDF på webstedet endnu")
            expect(status).to_contain_text(f"Redskabskortet «{book.tools[missing[0]].title}»")
    finally:
        for path in written:
            path.unlink(missing_ok=True)
    assert page.errors == []


def _contrast(fg: str, bg: str) -> float:
    """WCAG contrast of two computed colours ('rgb(…)' / 'rgba(…)'; alpha over white)."""

    def rgb(text: str, under: tuple[float, ...] = (255, 255, 255)) -> tuple[float, ...]:
        parts = [float(x) for x in text[text.index("(") + 1 : -1].split(",")]
        alpha = parts[3] if len(parts) == 4 else 1.0
        return tuple(c * alpha + u * (1 - alpha) for c, u in zip(parts[:3], under, strict=True))

    def luminance(c: tuple[float, ...]) -> float:
        lin = [
            (v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4
            for v in c
        ]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    back = rgb(bg)
    lum = sorted([luminance(rgb(fg, back)), luminance(back)], reverse=True)
    return (lum[0] + 0.05) / (lum[1] + 0.05)


@browser_only
def test_button_hover_and_focus_colours_have_contrast(
    browser, base_url: str, book: Handbook
) -> None:
    module, day = _a_day(book)
    buttons = ["#mh-print", "#mh-yaml", "#mh-add-day-btn"]
    small = "#mh-saved-h ~ ul button, .mh-block-actions .mh-small"
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        _open_day(page, base_url, module, day)
        page.fill("#mh-title", "Kontrast")
        _settled(page)
        targets = [*buttons, small]
        for selector in targets:
            button = page.locator(selector).first
            for state in ("hover", "focus"):
                page.mouse.move(0, 0)
                page.evaluate("document.activeElement && document.activeElement.blur()")
                if state == "hover":
                    button.hover()
                else:
                    button.focus()
                fg, bg = button.evaluate(
                    """el => {
                      const s = getComputedStyle(el);
                      let bg = s.backgroundColor, n = el;
                      while (/rgba\\(.*, 0\\)$|transparent/.test(bg) && n.parentElement) {
                        n = n.parentElement; bg = getComputedStyle(n).backgroundColor;
                      }
                      return [s.color, bg];
                    }"""
                )
                ratio = _contrast(fg, bg)
                assert ratio >= 4.5, (scheme, selector, state, fg, bg, round(ratio, 2))
        context.close()


@browser_only
def test_object_key_names_are_unknown_ids(page, base_url: str) -> None:
    for query, text in [
        ("dag=constructor", "Dagen «constructor» findes ikke i håndbogen."),
        ("dag=__proto__", "Dagen «__proto__» findes ikke i håndbogen."),
        ("modul=toString", "Modulet «toString» findes ikke i håndbogen."),
        ("forloeb=hasOwnProperty", "Forløbet «hasOwnProperty» findes ikke i håndbogen."),
    ]:
        page.goto(f"{base_url}planlaeg/?{query}")
        page.wait_for_selector("#mh-notice")
        expect(page.locator("#mh-notice")).to_contain_text(text)
        assert page.locator(".mh-day").count() == 0
    link = {"v": 2, "d": [{"r": "constructor", "b": [{"f": "toString", "n": "x"}, "__proto__"]}]}
    page.goto("about:blank")
    page.goto(_link(base_url, link))
    page.wait_for_selector(".mh-day")
    assert page.locator(".mh-day .mh-block").count() == 0
    assert page.errors == []
