"""Course runs (runs/<id>.yml): checks with the run file's line, resolved days, homework
loops, and the three outputs (participant pack, run sheet, calendar) of both examples."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from icalendar import Calendar
from pdftext import clean_text
from pypdf import PdfReader

from handbook.content import outputs
from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.content.loader import parse
from handbook.content.runs import pack_days, run_days
from handbook.errors import ContentError
from handbook.render import ics, pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "runs").glob("*.yml"))
WHOLE = "samtalen-holbaek-foraar-2027"  # Samtalen modules 1–2, four days
PICKED = "samtaledage-efteraar-2027"  # two modules' days with local changes, an own day

HEAD = "title: Testhold\ncohort: {organisations: [Jobcenter Test], size: 4}\n"
HEAD += "venue: {name: Lokale 1, address: Testvej 1}\ndays:\n"


def write_run(content: Path, days: str, name: str = "hold") -> Path:
    """A run file next to the (mini) content, in its runs/ folder."""
    folder = content.parent / "runs"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(HEAD + days, encoding="utf-8")
    return path


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(content)
    return [str(p) for p in info.value.problems]


def line_of(path: Path, text: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if i > after and text in line)


# mini: dag-1 = Velkomst 30, Detektivspørgsmål 60 (tool detektiv), Frokost 45 = 135 min,
# hands out hw-1; dag-2 = Opsamling på hjemmeopgaven 45, follows hw-1 up.
TWO_DAYS = """\
  - day: modul-a/dag-1
    date: 2027-03-03
    start: "08:30"
    end: "10:45"
  - day: modul-a/dag-2
    date: 2027-03-10
    end: "09:45"
"""


# --- checks ------------------------------------------------------------------------------


def test_examples_check_clean_and_match_the_schema(book: Handbook) -> None:
    assert set(book.runs) == {WHOLE, PICKED}
    assert not [w for w in book.warnings if w.file.startswith("runs/")]
    schema = json.loads((ROOT / "schemas" / "run.schema.json").read_text(encoding="utf-8"))

    def plain(value: object) -> object:  # YAML dates → the ISO text an editor sees
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    for path in EXAMPLES:
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schemas/run.schema.json\n"
        )
        jsonschema.validate(plain(parse(path).data), schema)


def test_valid_run_resolves_with_clock_times_from_its_start(mini: Path) -> None:
    write_run(mini, TWO_DAYS)
    book = load(mini)
    views = run_days(book, book.runs["hold"])
    assert [(s, e, b.title) for s, e, b in views[0].schedule] == [
        ("08.30", "09.00", "Velkomst"),
        ("09.00", "10.00", "Detektivspørgsmål"),
        ("10.00", "10.45", "Frokost"),
    ]
    assert views[1].schedule[0][:2] == ("09.00", "09.45")  # start defaults to 09:00
    assert views[0].day.block_keys() == ["velkomst", "detektivspoergsmaal", "frokost"]


def test_overrunning_day_fails_check_with_the_run_files_line(mini: Path) -> None:
    path = write_run(mini, TWO_DAYS.replace('end: "10:45"', 'end: "10:30"'))
    found = problems(mini)
    line = line_of(path, 'end: "10:30"')
    assert found == [
        f"{path}:{line}: days[0].end: dag 1 (2027-03-03, 'Dag 1 – Spørgsmål') går 15 minutter "
        "over det bookede sluttidspunkt 10.30: blokkene varer 2 t 15 min fra 08.30 (til 10.45)."
        " Forkort eller spring blokke over, eller ret 'end'"
    ]


def test_overrun_through_the_command_line(mini: Path) -> None:
    path = write_run(mini, TWO_DAYS.replace('end: "10:45"', 'end: "10:00"'))
    env = {**os.environ, "HANDBOOK_CONTENT": str(mini)}
    result = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    line = line_of(path, 'end: "10:00"')
    assert f"{path}:{line}: days[0].end: dag 1 " in result.stdout
    assert "går 45 minutter over det bookede sluttidspunkt 10.00" in result.stdout


def test_ending_early_is_a_warning_not_a_failure(mini: Path) -> None:
    path = write_run(mini, TWO_DAYS.replace('end: "09:45"', 'end: "10:30"'))
    book = load(mini)  # no ContentError
    line = line_of(path, 'end: "10:30"')
    assert [str(w) for w in book.warnings] == [
        f"{path}:{line}: days[1].end: advarsel: dag 2 (2027-03-10, "
        "'Dag 2 – Øvelse') slutter 45 minutter før det bookede sluttidspunkt 10.30: blokkene "
        "varer 45 min fra 09.00 (til 09.45)"
    ]
    env = {**os.environ, "HANDBOOK_CONTENT": str(mini)}
    result = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0 and "advarsel: dag 2" in result.stdout
    # Exactly 30 minutes early is fine.
    write_run(mini, TWO_DAYS.replace('end: "09:45"', 'end: "10:15"'))
    assert load(mini).warnings == []


def test_change_naming_an_unknown_block_is_an_error(mini: Path) -> None:
    days = TWO_DAYS.replace(
        'end: "10:45"\n', 'end: "10:45"\n    changes:\n      - skip: cv-sparring\n', 1
    )
    path = write_run(mini, days)
    assert problems(mini) == [
        f"{path}:{line_of(path, 'skip: cv-sparring')}: days[0].changes[0].skip: dag 'dag-1' "
        "i modul 'modul-a' har ingen blok med nøglen 'cv-sparring'. Dagens nøgler: velkomst, "
        "detektivspoergsmaal, frokost"
    ]


def test_bad_references_times_and_dates(mini: Path) -> None:
    path = write_run(
        mini,
        """\
  - day: modul-a/dag-1
    date: 2027-03-03
    end: 15:00
    changes:
      - block: velkomst
        add_tools: [findes-ikke]
      - insert_after: frokost
        block: {title: Frokost, kind: oplæg, minutes: 10}
      - block: detektivspoergsmaal
        swap_tool: {from: model, to: detektiv}
  - day: modul-a/dag-9
    date: 2027-03-01
    end: "12:00"
  - date: 2027-03-05
    start: "13:00"
    end: "12:00"
    title: Egen dag
    blocks: [{title: Oplæg, kind: oplæg, minutes: 30, tools: [ukendt]}]
""",
    )
    found = problems(mini)
    # Every problem at once: the fields' and, for what validated, the handbook's.
    assert found == [
        f'{path}:7: days[0].end: skriv klokkeslættet i anførselstegn: "15:00" (uden '
        "anførselstegn læser YAML det som tallet 900)",
        f"{path}:10: days[0].changes[0].add_tools[0]: ukendt redskab 'findes-ikke'",
        f"{path}:12: days[0].changes[1].block: dag 'dag-1' i modul 'modul-a' har allerede en "
        "blok med nøglen 'frokost': giv den nye blok sit eget 'id'",
        f"{path}:14: days[0].changes[2].swap_tool.from: blokken 'detektivspoergsmaal' i dag "
        "'dag-1' i modul 'modul-a' bruger ikke redskabet 'model' (den bruger: detektiv)",
        f"{path}:15: days[1].day: modul 'modul-a' har ingen dag 'dag-9'. Modulets dage: "
        "dag-1, dag-2",
        f"{path}:16: days[1].date: 2027-03-01 skal ligge efter dagen før (2027-03-03)",
        f"{path}:18: days[2]: det bookede sluttidspunkt 12.00 skal ligge efter "
        "starttidspunktet 13.00",
        f"{path}:22: days[2].blocks[0].tools[0]: ukendt redskab 'ukendt'",
    ]
    text = path.read_text(encoding="utf-8").replace("end: 15:00", 'end: "15:00"')
    path.write_text(text.replace('start: "13:00"', 'start: "11:00"'), encoding="utf-8")
    found = problems(mini)
    assert found == [
        f"{path}:10: days[0].changes[0].add_tools[0]: ukendt redskab 'findes-ikke'",
        f"{path}:12: days[0].changes[1].block: dag 'dag-1' i modul 'modul-a' har allerede en "
        "blok med nøglen 'frokost': giv den nye blok sit eget 'id'",
        f"{path}:14: days[0].changes[2].swap_tool.from: blokken 'detektivspoergsmaal' i dag "
        "'dag-1' i modul 'modul-a' bruger ikke redskabet 'model' (den bruger: detektiv)",
        f"{path}:15: days[1].day: modul 'modul-a' har ingen dag 'dag-9'. Modulets dage: "
        "dag-1, dag-2",
        f"{path}:16: days[1].date: 2027-03-01 skal ligge efter dagen før (2027-03-03)",
        f"{path}:22: days[2].blocks[0].tools[0]: ukendt redskab 'ukendt'",
    ]


def test_local_changes_apply_in_order(mini: Path) -> None:
    days = TWO_DAYS.replace(
        'end: "10:45"\n',
        """end: "10:45"
    changes:
      - skip: velkomst
      - block: detektivspoergsmaal
        minutes: 45
        add_tools: [model]
      - insert_before: frokost
        block:
          id: lokal-blok
          title: Vores egen rutine
          kind: oplæg
          minutes: 30
          tools: [detektiv]
          trainer_notes: LOKAL-NOTE
""",
        1,
    )
    write_run(mini, days)
    book = load(mini)
    first = run_days(book, book.runs["hold"])[0]
    assert [(s, e, b.id) for s, e, b in first.schedule] == [
        ("08.30", "09.15", "detektivspoergsmaal"),
        ("09.15", "09.45", "lokal-blok"),
        ("09.45", "10.30", "frokost"),
    ]
    assert first.day.blocks[0].tools == ["detektiv", "model"]
    assert first.local == {"detektivspoergsmaal", "lokal-blok"} and first.inserted == {"lokal-blok"}
    assert book.modules["modul-a"].days[0].blocks[1].minutes == 60  # the module is untouched
    assert any("Velkomst" in d and "sprunget over" in d for d in first.deviations)


# --- homework in runs and packs ----------------------------------------------------------


def _html(book: Handbook, out: outputs.PdfOutput) -> str:
    return pdf.render_html(book, out)


def test_homework_loop_closes_inside_the_run(mini: Path) -> None:
    write_run(mini, TWO_DAYS)
    book = load(mini)
    views = run_days(book, book.runs["hold"])
    assert [(h.homework.id, h.given, h.followup) for h in views[0].homework_out] == [("hw-1", 1, 2)]
    assert views[1].day.homework_followup == ["hw-1"]
    html = _html(book, outputs.run_outputs(book, "hold")[0])
    assert "Hjemmeopgave – tag den med onsdag 10. marts 2027" in html
    assert "Tag den med onsdag 10. marts 2027" in html  # on the homework sheet
    assert "Hjemmeopgave til næste gang" not in html


def test_followup_of_homework_the_run_never_handed_out_is_dropped(mini: Path) -> None:
    write_run(mini, TWO_DAYS.split("  - day: modul-a/dag-2")[0].replace("dag-1", "dag-2"))
    book = load(mini)
    (view,) = run_days(book, book.runs["hold"])
    assert view.day.homework_followup == []
    assert any("Prøv detektivspørgsmål" in d for d in view.deviations)  # told on the run sheet
    pack, sheet = (_html(book, o) for o in outputs.run_outputs(book, "hold"))
    assert "samle op på hjemmeopgaven" not in pack
    assert "hjemmeopgave-modul-a-hw-1" not in pack  # no broken reference
    assert "Prøv detektivspørgsmål" not in pack


def test_homework_on_the_last_day_is_for_after_the_course(mini: Path) -> None:
    write_run(mini, TWO_DAYS.split("  - day: modul-a/dag-2")[0])
    book = load(mini)
    (view,) = run_days(book, book.runs["hold"])
    assert view.homework_out[0].after_course
    html = _html(book, outputs.run_outputs(book, "hold")[0])
    assert "Hjemmeopgave efter forløbet" in html
    assert "Hjemmeopgave til næste gang" not in html


def test_pack_is_a_run_without_dates(mini: Path) -> None:
    (mini / "packs").mkdir(exist_ok=True)
    (mini / "packs" / "kun-dag-2.yml").write_text("title: A\ndays: [modul-a/dag-2]\n", "utf-8")
    (mini / "packs" / "kun-dag-1.yml").write_text("title: B\ndays: [modul-a/dag-1]\n", "utf-8")
    book = load(mini)
    plan = {o.pack_id: o for o in outputs.plan(book) if o.pack_id}
    only_two = _html(book, plan["kun-dag-2"])
    assert "samle op på hjemmeopgaven" not in only_two
    assert "Prøv detektivspørgsmål" not in only_two
    only_one = _html(book, plan["kun-dag-1"])
    assert "Hjemmeopgave efter forløbet" in only_one
    assert "Hjemmeopgave til næste gang" not in only_one
    (view,) = pack_days(book, book.packs["kun-dag-1"])
    assert view.date is None and view.schedule[0][0] == "09.00"


def test_real_pack_prints_no_broken_homework(book: Handbook) -> None:
    for out in outputs.plan(book):
        if out.kind == "pack":
            html = _html(book, out)
            assert "Hjemmeopgave til næste gang" not in html, out.filename


# --- outputs of the two examples -----------------------------------------------------------


@pytest.fixture(scope="module")
def built(book: Handbook, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both example runs built once, as `python build.py run` writes them."""
    from handbook.build import write_run as build_run

    target = tmp_path_factory.mktemp("runs")
    return {run_id: build_run(book, run_id, target) for run_id in (WHOLE, PICKED)}


def _pdf_text(path: Path) -> str:
    return clean_text("\n".join(page.extract_text() for page in PdfReader(path).pages))


def test_both_examples_build_three_files(built: dict[str, Path]) -> None:
    for run_id, folder in built.items():
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [
                f"{run_id}.ics",
                f"deltagermappe-{run_id}.pdf",
                f"drejebog-{run_id}.pdf",
                "manifest.json",  # what the run was built from (handbook/run_changes.py)
            ]
        )
        assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no temp


def test_calendar_events_in_copenhagen_time(book: Handbook, built: dict[str, Path]) -> None:
    tz = ZoneInfo("Europe/Copenhagen")
    for run_id, folder in built.items():
        run = book.runs[run_id]
        cal = Calendar.from_ical((folder / f"{run_id}.ics").read_bytes())
        assert str(cal["PRODID"]) == "-//Metodehåndbogen//Kursusforløb//DA"
        assert str(cal["METHOD"]) == "PUBLISH"
        assert [str(tz_["TZID"]) for tz_ in cal.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
        events = cal.walk("VEVENT")
        assert len(events) == len(run.days)
        for n, (event, day) in enumerate(zip(events, run.days, strict=True), 1):
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert str(event["UID"]) == f"{run_id}-{n}@metodehaandbogen"
            assert str(start.tzinfo) == "Europe/Copenhagen"
            assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
            h, m = map(int, day.start.split(":"))
            assert start == dt.datetime.combine(day.date, dt.time(h, m), tzinfo=tz)
            h, m = map(int, day.end.split(":"))
            assert end == dt.datetime.combine(day.date, dt.time(h, m), tzinfo=tz)
            assert str(event["LOCATION"]) == f"{run.venue.name}, {run.venue.address}"
            # The day and what it belongs to: the run's course, else the module, else the run.
            module, base = book.day(day.day) if day.day else (None, None)
            belongs = (
                book.courses[run.course].title
                if run.course
                else module.title
                if module
                else run.title
            )
            title = day.title or (base.title if base else "")
            assert str(event["SUMMARY"]) == f"{title} · {belongs}"
            assert int(event["SEQUENCE"]) == 0  # the first build of the run
    # 2027-03-24 is winter time (UTC+1): 08:30 local is 07:30 UTC.
    cal = Calendar.from_ical((built[WHOLE] / f"{WHOLE}.ics").read_bytes())
    last = cal.walk("VEVENT")[-1].decoded("DTSTART")
    assert last.astimezone(dt.UTC).hour == 7


def test_calendar_uids_are_stable_and_hold_no_trainer_notes(book: Handbook) -> None:
    def events(data: bytes) -> list:
        return Calendar.from_ical(data).walk("VEVENT")

    first = events(ics.calendar(book, PICKED))
    again = events(ics.calendar(book, PICKED))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in again]
    # Moving a day to another date updates its event instead of adding one.
    run = book.runs[PICKED]
    moved = run.model_copy(
        update={
            "days": [run.days[0].model_copy(update={"date": dt.date(2027, 9, 8)}), *run.days[1:]]
        }
    )
    book.runs[PICKED] = moved
    try:
        changed = events(ics.calendar(book, PICKED))
    finally:
        book.runs[PICKED] = run
    assert [str(e["UID"]) for e in changed] == [str(e["UID"]) for e in first]
    assert changed[0].decoded("DTSTART").date() == dt.date(2027, 9, 8)
    description = "\n".join(str(e["DESCRIPTION"]) for e in first)
    assert "12.10 Kommunens egen joblog-rutine" in description  # the local block, clock time
    assert "Teamlederen" not in description  # its trainer note is not
    assert "CV-sparring efter modtageren" not in description  # skipped


def test_whole_course_pack_shows_dates_clock_times_and_homework_dates(
    built: dict[str, Path],
) -> None:
    text = _pdf_text(built[WHOLE] / f"deltagermappe-{WHOLE}.pdf")
    for expected in (
        "Jobcenter Holbæk",  # cover: cohort, venue, dates
        "Jobcentrets mødelokale 2, Eksempelvej 1, 4300 Holbæk",
        "24. februar, 3. marts, 10. marts, 24. marts 2027",
        "onsdag 3. marts 2027 08.30–15.00",  # programme
        "KURSUSDAG 2 · ONSDAG 3. MARTS 2027",  # the day plan's kicker (upper case)
        "08.30–08.50",  # its first block
        "Tag den med onsdag 10. marts 2027",  # homework with the date to bring it on
        "Hjemmeopgave efter forløbet",  # handed out on the last day
    ):
        assert expected in text, expected
    assert "Hjemmeopgave til næste gang" not in text


def test_local_changes_in_pack_and_run_sheet(built: dict[str, Path]) -> None:
    pack = _pdf_text(built[PICKED] / f"deltagermappe-{PICKED}.pdf")
    sheet = _pdf_text(built[PICKED] / f"drejebog-{PICKED}.pdf")
    skipped = "Øvelse: CV-sparring efter modtageren"
    assert skipped not in pack and "CV-sparring efter modtageren» (25 min) er sprunget" in sheet
    assert "Drøftelse: ekspert og myndighed" not in pack
    # The inserted block after lunch (11.25–12.10 in the module) with its tool and clock time.
    assert "12.10–12.35 Kommunens egen joblog-rutine" in pack
    assert "Redskaber: Jobloggen" in pack and "Jobloggen i den jobrettede samtale" in pack
    assert "Redskaber: Jobloggen" in pack  # the own day's block, linked to the card
    assert "Minimumskrav til joblog og selvbooking" in pack  # the added tool's card
    # Trainer notes only in the run sheet.
    note = "Teamlederen fortæller om rutinen"
    assert note not in pack and note in sheet
    assert "Bed deltagerne tage to anonymiserede" in sheet
    assert "Bed deltagerne tage to anonymiserede" not in pack


def test_run_sheet_has_times_notes_materials_and_checklist(
    book: Handbook, built: dict[str, Path]
) -> None:
    sheet = _pdf_text(built[WHOLE] / f"drejebog-{WHOLE}.pdf")
    views = run_days(book, book.runs[WHOLE])
    for v in views:
        assert v.label.upper() in sheet  # the day's kicker: KURSUSDAG 1 · ONSDAG 24. …
        start, end, block = v.schedule[0]
        assert f"{start}–{end}" in sheet
    for heading in ("Tid", "Blok", "Min.", "Hvad der skal ske", "Underviserens noter"):
        assert heading in sheet
    assert "Redskaber og materialer" in sheet
    assert "Tjekliste til dagen før (tirsdag 2. marts 2027)" in sheet
    # Worksheets of the day's tools × cohort size (18).
    assert "Skemaet «ABC-jobplan» (ABC-jobstrategi): 18 kopier." in sheet
    assert "Navneskilte og deltagerliste (18 deltagere)." in sheet
    # A trainer note of the module (velkomst, Samtalen modul 2 dag 1).
    module_note = book.day("samtalen-2-samtalerne/dag-1")[1].blocks[0].trainer_notes or ""
    assert clean_text(module_note)[:40] in sheet


def test_runs_are_not_published(book: Handbook) -> None:
    assert not [o for o in outputs.plan(book) if o.kind in ("run", "runsheet")]


def test_a_date_must_be_a_date(mini: Path) -> None:
    path = write_run(mini, TWO_DAYS.replace("date: 2027-03-10", "date: 20270310"))
    assert problems(mini) == [
        f"{path}:{line_of(path, 'date: 20270310')}: days[1].date: 20270310 er et tal, ikke en "
        "dato: skriv datoen som ÅÅÅÅ-MM-DD: 2027-03-10"
    ]
