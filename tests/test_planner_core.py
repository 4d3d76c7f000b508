"""The planner's core (docs/javascripts/planner-core.js) agrees with the Python side.

The same cases go through both: a fixed table (slugs, durations, clock times, Danish dates)
and plans generated from the real planner data (tests/planner_cases.py). For each plan the
core's run file is read by the Python run loader and check (handbook/runs.py), and the clock
times, the day budget, the problems and the calendar file are compared with what Python
makes of the same run (handbook/render/ics.py). The link (#p=…) is read back by the core.

Python reports every problem of a run file at once, as the core does: a bad field (a
date, a clock time, a venue) does not hide the days' checks against the handbook (date
order, blocks, the time budget), so the two sets of problems are compared whole.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar

from handbook.content import run_calendar, timeplan
from handbook.content import runs as py_runs
from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.content.timeplan import minutes as py_duration
from handbook.errors import Problem
from handbook.render import ics
from handbook.render.export import planner_json
from handbook.text import slugify, to_plain
from tests.planner_cases import CLOCKS, DATES, DURATIONS, SLUG_TEXTS, TITLES, generate_plans

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "docs" / "javascripts" / "planner-core.js"
VENDOR = ROOT / "docs" / "javascripts" / "vendor"
JS_YAML = VENDOR / "js-yaml" / "js-yaml.min.js"
# The planner's vendored libraries (scripts/vendor-js.sh): file → (version, sha256).
VENDORED = {
    "js-yaml/js-yaml.min.js": (
        "4.1.0",
        "45dc3dd03dc07a06705a2c2989b8c7f709013f04bd5386e3279d4e447f07ebd7",
    ),
    "pdf-lib/pdf-lib.min.js": (
        "1.17.1",
        "0f9a5cad07941f0826586c94e089d89b918c46e5c17cf2d5a3c6f666e3bc694f",
    ),
}
PLANS = 60
NOW = "2027-01-01T12:00:00Z"  # the calendar's DTSTAMP, fixed for both sides

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")

HARNESS = r"""
const C = require(process.argv[1]);
const YAML = require(process.argv[2]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const data = C.indexData(input.data);
const hydrate = (p) => Object.assign(C.emptyPlan(), p, { messages: [],
  days: p.days.map((d) => Object.assign({}, d, { items: d.items.map((it) => Object.assign({ uid: C.uid() }, it)) })) });
const out = {
  slugs: input.table.slugs.map(C.slug),
  durations: input.table.durations.map(C.duration),
  clocks: input.table.clocks.map(C.clock),
  dates: input.table.dates.map((d) => [C.longDate(d), C.shiftDate(d, 7)]),
  clockChanges: input.table.clockChanges.map(([d, t]) => C.clockChange(d, t)),
  dstPlans: input.table.dstPlans.map((p) => C.problems(data, hydrate(p), true).map((x) => [x.level, x.code, x.day])),
  dstYaml: input.table.dstPlans.map((p) => C.runYaml(data, hydrate(p))),
  plans: input.plans.map((raw) => {
    const plan = hydrate(raw);
    const code = C.encode(data, plan);
    const back = C.decode(data, code);
    return {
      rows: plan.days.map((d) => C.schedule(data, d).filter((r) => !r.skip).map((r) => [C.clock(r.from), C.clock(r.to), r.title])),
      budgets: plan.days.map((d) => C.budget(data, d)),
      problems: C.problems(data, plan, true).map((p) => ({ level: p.level, code: p.code, day: p.day, minutes: p.minutes === undefined ? null : p.minutes })),
      yaml: C.runYaml(data, plan),
      reread: (() => { const back = C.readRunFile(data, YAML.load(C.runYaml(data, plan), { schema: YAML.JSON_SCHEMA }), plan.id + ".yml");
        return { yaml: C.runYaml(data, back), messages: back.messages }; })(),
      ics: C.icsFile(data, plan, new Date(input.now)),
      link: { same: C.encode(data, back) === code, messages: back.messages,
        rows: back.days.map((d) => C.schedule(data, d).filter((r) => !r.skip).map((r) => [C.clock(r.from), C.clock(r.to), r.title])) },
    };
  }),
};
process.stdout.write(JSON.stringify(out));
"""

# Clock times around both daylight-saving changes (2027 and 2040, the last Sundays of March
# and October) and on ordinary days, for the core's clockChange against run_calendar.
CLOCK_CHANGES = [
    (date, time)
    for date in ("2027-03-28", "2027-10-31", "2040-03-25", "2040-10-28", "2027-03-21", "2027-11-07")
    for time in ("01:59", "02:00", "02:30", "02:59", "03:00", "09:00")
]
# Own days (one block of 30 minutes) with a clock-change time or a year outside the limit.
DST_DAYS = [
    ("2027-03-28", "02:30", "03:00"),
    ("2027-10-31", "02:30", "03:00"),
    ("2099-06-01", "09:00", "09:30"),
    ("2100-06-01", "09:00", "09:30"),
]


def _own_day_plan(date: str, start: str, end: str) -> dict[str, Any]:
    return {
        "id": f"dst-{date}",
        "title": "Tidstest",
        "orgs": "Jobcenter Test",
        "venue": "Lokale 1",
        "days": [
            {
                "ref": None,
                "date": date,
                "start": start,
                "end": end,
                "title": "Egen dag",
                "items": [
                    {"own": True, "kind": "oplæg", "title": "Oplæg", "minutes": 30, "tools": []}
                ],
            }
        ],
    }


# Python's run problems by field and message → the core's problem codes.


def _code(problem: Problem) -> tuple[str, int | None, int | None]:
    day = re.match(r"days\[(\d+)\]", problem.field)
    n = int(day.group(1)) + 1 if day else None
    field, message = problem.field, problem.message
    if m := re.search(r"går (\d+) minutter over det bookede sluttidspunkt", message):
        return "overrun", n, int(m.group(1))
    if m := re.search(r"slutter (\d+) minutter før det bookede sluttidspunkt", message):
        return "early-end", n, int(m.group(1))
    if "findes ikke" in message and "urene stilles frem" in message:
        return "no-such-time", n, None
    if "findes to gange" in message:
        return "time-twice", n, None
    if "skal ligge i årene" in message:
        return "bad-year", n, None
    if "skal ligge efter dagen før" in message:
        return "date-order", n, None
    if "er sprunget over" in message and field.endswith("changes"):
        return "no-blocks", n, None
    if "skal ligge efter starttidspunktet" in message:
        return "end-before-start", n, None
    for suffix, code in ((".date", "no-date"), (".start", "bad-start"), (".end", "bad-end")):
        if field.endswith(suffix):
            return code, n, None
    if field.endswith(".blocks"):  # an own day without blocks
        return "no-blocks", n, None
    if field.startswith("cohort.organisations"):
        return "no-orgs", None, None
    if field.startswith("venue.name"):
        return "no-venue", None, None
    raise AssertionError(f"a run problem the planner has no word for: {problem}")


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return json.loads(planner_json(load(ROOT / "content")))


@pytest.fixture(scope="module")
def agreement(data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The core's answers for the table and the generated plans, and the Python side's
    book with every generated run file loaded (problems and warnings by run id)."""
    plans = generate_plans(data, PLANS)
    table = {"slugs": SLUG_TEXTS + TITLES, "durations": DURATIONS, "clocks": CLOCKS}
    table["dates"] = DATES
    table["clockChanges"] = CLOCK_CHANGES
    table["dstPlans"] = [_own_day_plan(date, start, end) for date, start, end in DST_DAYS]
    payload = {"data": data, "plans": plans, "table": table, "now": NOW}
    run = subprocess.run(
        ["node", "-e", HARNESS, str(CORE), str(JS_YAML)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    js = json.loads(run.stdout)
    folder = tmp_path_factory.mktemp("planner-core")
    (folder / "runs").mkdir()
    book = load(ROOT / "content", runs_dir=folder / "runs")
    paths = []
    for plan, got in zip(plans, js["plans"], strict=True):
        path = folder / "runs" / f"{plan['id']}.yml"
        path.write_text(got["yaml"], encoding="utf-8")
        paths.append(path)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    py_runs.load_runs(book, paths, problems, warnings, set())
    found: dict[str, list[Problem]] = {p["id"]: [] for p in plans}
    for p in problems + warnings:
        found[Path(p.file).stem].append(p)
    return {"plans": plans, "js": js, "book": book, "found": found, "table": table}


def test_enough_plans_of_every_kind(agreement: dict[str, Any]) -> None:
    plans, book = agreement["plans"], agreement["book"]
    assert len(plans) >= 50
    built = [p for p in plans if p["id"] in book.runs]
    assert len(built) >= 35  # most plans are valid runs, so times and calendars are compared
    items = [it for p in plans for d in p["days"] for it in d["items"]]
    assert any(it.get("own") for it in items) and any(it.get("skip") for it in items)
    assert any(it.get("minutes") and not it.get("own") for it in items)
    assert any(it.get("title") and not it.get("own") for it in items)
    assert any(d["ref"] is None for p in plans for d in p["days"])
    assert {p["fault"] for p in plans} >= {"date-order", "overrun", "bad-start", "no-date"}
    warned = [
        p for p in plans if any(_code(w)[0] == "early-end" for w in agreement["found"][p["id"]])
    ]
    assert warned, "no generated plan ends early"


def test_table_slug_duration_clock_and_dates(agreement: dict[str, Any]) -> None:
    js, table = agreement["js"], agreement["table"]
    assert js["slugs"] == [slugify(t) for t in table["slugs"]]
    assert slugify("crème") == "creme" and js["slugs"][0] == "creme"
    assert js["durations"] == [py_duration(n) for n in table["durations"]]
    assert js["clocks"] == [timeplan.clock(n) for n in table["clocks"]]
    expected = []
    for text in table["dates"]:
        date = dt.date.fromisoformat(text)
        expected.append([timeplan.date_long(date), (date + dt.timedelta(days=7)).isoformat()])
    assert js["dates"] == expected


def test_run_file_is_yaml_the_loader_reads(agreement: dict[str, Any]) -> None:
    for plan, got in zip(agreement["plans"], agreement["js"]["plans"], strict=True):
        parsed = yaml.safe_load(got["yaml"])
        assert len(parsed["days"]) == len(plan["days"]), plan["id"]
        assert parsed["venue"]["name"] == re.sub(r"([\\`*_\[\]<>&])", r"\\\1", plan["venue"])


def test_problems_agree(agreement: dict[str, Any]) -> None:
    for plan, got in zip(agreement["plans"], agreement["js"]["plans"], strict=True):
        python = {_code(p) for p in agreement["found"][plan["id"]]}
        js = {(p["code"], p["day"], p["minutes"]) for p in got["problems"]}

        # Every problem at once on both sides: a bad field no longer hides the days' budgets.
        assert js == python, (plan["id"], plan["fault"], got["yaml"])
        levels = {(p["code"], p["day"]): p["level"] for p in got["problems"]}
        for p in agreement["found"][plan["id"]]:
            code, day, _ = _code(p)
            if (code, day) in levels:
                warning = p.message.startswith("advarsel: ")
                assert levels[(code, day)] == ("warning" if warning else "error"), p
        assert (plan["id"] in agreement["book"].runs) == (
            not any(p["level"] == "error" for p in got["problems"])
        ), plan["id"]
        if plan["fault"] is not None:
            fault = {"empty-own-day": "no-blocks"}.get(plan["fault"], plan["fault"])
            assert any(p["code"] == fault for p in got["problems"]), plan["id"]


def test_clock_times_and_budget_agree(agreement: dict[str, Any]) -> None:
    book: Handbook = agreement["book"]
    compared = 0
    for plan, got in zip(agreement["plans"], agreement["js"]["plans"], strict=True):
        if plan["id"] not in book.runs:
            continue
        views = py_runs.run_days(book, book.runs[plan["id"]])
        python = [
            [[s, e, to_plain(block.title)] for s, e, block in view.schedule] for view in views
        ]
        assert got["rows"] == python, plan["id"]
        for view, b in zip(views, got["budgets"], strict=True):
            assert (b["start"], b["total"], b["finish"]) == (view.start, view.total, view.finish)
            assert b["left"] == view.end - view.finish
        compared += 1
    assert compared >= 35


def _events(text: bytes) -> tuple[str, str, list[Any], list[dict[str, Any]]]:
    cal = Calendar.from_ical(text)
    events = [
        {
            "UID": str(e["UID"]),
            "SUMMARY": str(e["SUMMARY"]),
            "SEQUENCE": int(e["SEQUENCE"]),
            "LOCATION": str(e.get("LOCATION", "")),
            "DTSTART": e.decoded("DTSTART"),
            "DTEND": e.decoded("DTEND"),
            "TZ": e.decoded("DTSTART").tzinfo.key,
            "DESCRIPTION": str(e["DESCRIPTION"]),
        }
        for e in cal.walk("VEVENT")
    ]
    zone = cal.walk("VTIMEZONE")[0]
    rules = [
        (str(part["TZNAME"]), part["RRULE"].to_ical().decode(), part.decoded("DTSTART"))
        for part in zone.subcomponents
    ]
    return str(cal["X-WR-CALNAME"]), str(cal["METHOD"]), rules, events


def test_calendar_files_agree(agreement: dict[str, Any]) -> None:
    book: Handbook = agreement["book"]
    compared = ampersands = 0
    for plan, got in zip(agreement["plans"], agreement["js"]["plans"], strict=True):
        if plan["id"] not in book.runs:
            continue
        js = _events(got["ics"].encode())
        python = _events(ics.calendar(book, plan["id"]))
        assert js == python, plan["id"]
        # Text typed in the page reaches the build's calendar as typed: "A & B", not "A \& B".
        built = ics.calendar(book, plan["id"]).decode()
        assert "\\&" not in built and "\\*" not in built, plan["id"]
        typed = " ".join(e["SUMMARY"] + e["DESCRIPTION"] for e in js[3])
        ampersands += "&" in typed
        assert all(len(line.encode()) <= 75 for line in got["ics"].split("\r\n")), plan["id"]
        compared += 1
    assert compared >= 35
    assert ampersands, "no typed '&' reached a calendar"


def test_link_reads_back_the_same_plan(agreement: dict[str, Any]) -> None:
    """A link holds the whole plan; only a clock time the page could not have made (an empty
    field) is read as the day's default."""
    for plan, got in zip(agreement["plans"], agreement["js"]["plans"], strict=True):
        if plan["fault"] in ("bad-start", "bad-end"):
            assert not got["link"]["same"], plan["id"]
            continue
        assert got["link"]["same"], plan["id"]
        assert got["link"]["messages"] == [], plan["id"]
        assert got["link"]["rows"] == got["rows"], plan["id"]


def test_plan_file_reads_back_to_the_same_file(agreement: dict[str, Any]) -> None:
    """Export → open (js-yaml, then the core's reader) → export gives the same text, with
    nothing reported; only a clock time the page could not have made is not kept."""
    compared = 0
    for plan, got in zip(agreement["plans"], agreement["js"]["plans"], strict=True):
        if plan["fault"] in ("bad-start", "bad-end"):
            continue
        messages = got["reread"]["messages"]
        if plan["fault"] == "no-date":  # a day without a date is said, as the run check does
            assert messages and all(
                m.endswith("skriv den som år-måned-dag, fx 2027-03-02.") for m in messages
            )
        else:
            assert messages == [], plan["id"]
        assert got["reread"]["yaml"] == got["yaml"], plan["id"]
        compared += 1
    assert compared >= 45


def test_vendored_libraries_are_the_pinned_releases() -> None:
    """js-yaml and pdf-lib are committed as npm released them, with their licences."""
    import hashlib

    script = (ROOT / "scripts" / "vendor-js.sh").read_text(encoding="utf-8")
    for name, (version, digest) in VENDORED.items():
        path = VENDOR / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, "run scripts/vendor-js.sh"
        assert version in path.read_text(encoding="utf-8")[:400] or version in script, name
        assert (
            (path.parent / "LICENSE")
            .read_text(encoding="utf-8")
            .startswith(("MIT License", "(The MIT License)"))
        ), name
    assert "JS_YAML_VERSION=4.1.0" in script and "PDF_LIB_VERSION=1.17.1" in script


# --- a module edited after the link was made ----------------------------------------------

DECODE_HARNESS = r"""
const C = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const before = C.indexData(input.before), after = C.indexData(input.after);
const plan = Object.assign(C.emptyPlan(), { id: "edit", venue: "Lokale 1", orgs: "Jobcenter" });
const day = C.dayFromRef(before, input.ref, "2027-03-02", "08:30");
plan.days.push(day);
const item = (key) => day.items.find((it) => it.key === key);
item(input.shorten).minutes = 30;
item(input.skip).skip = true;
item(input.removed).minutes = 5;
day.items.splice(1, 0, { uid: C.uid(), own: true, kind: "pause", title: "Egen pause", minutes: 10, tools: [] });
const v1 = C.b64(JSON.stringify({ v: 1, i: "old", d: [{ r: input.ref, t: "2027-03-02", s: "08:30", e: "15:00", b: [0, 1, { i: 2, m: 30 }, { i: 3, x: 1 }] }] }));
const shown = (p, data) => p.days[0].items.map((it) => ({ key: it.own ? null : it.key, title: C.view(data, p.days[0], it).title, minutes: it.minutes, skip: !!it.skip }));
const opened = C.decode(after, C.encode(before, plan));
const old = C.decode(after, v1);
process.stdout.write(JSON.stringify({
  opened: shown(opened, after), messages: opened.messages, yaml: C.runYaml(after, opened),
  old: shown(old, after), oldMessages: old.messages,
}));
"""


def edited_day(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], str]:
    """planner-data with one block inserted into a day and another one removed (a module
    edit after a link was made): (before, after, day ref)."""
    after = json.loads(json.dumps(data))
    module = next(m for m in after["modules"] if any(len(d["blocks"]) >= 6 for d in m["days"]))
    day = next(d for d in module["days"] if len(d["blocks"]) >= 6)
    new = dict(day["blocks"][1], key="ny-oevelse", title="Ny øvelse", minutes=20, tools=[])
    day["blocks"].insert(2, new)
    del day["blocks"][4]  # the module's fourth block of old
    return data, after, day["ref"]


def test_an_edited_module_day_never_moves_a_change_onto_another_block(
    data: dict[str, Any],
) -> None:
    before, after, ref = edited_day(data)
    old_keys = [
        b["key"]
        for b in next(d for m in before["modules"] for d in m["days"] if d["ref"] == ref)["blocks"]
    ]
    new_day = next(d for m in after["modules"] for d in m["days"] if d["ref"] == ref)
    removed = old_keys[3]
    case = {"before": before, "after": after, "ref": ref, "removed": removed}
    case |= {"shorten": old_keys[5], "skip": old_keys[1]}
    run = subprocess.run(
        ["node", "-e", DECODE_HARNESS, str(CORE)],
        input=json.dumps(case),
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(run.stdout)
    by_key = {row["key"]: row for row in got["opened"]}
    # The changes stay on their blocks, by key.
    assert by_key[old_keys[5]]["minutes"] == 30
    assert by_key[old_keys[1]]["skip"] is True
    changed = {k for k, row in by_key.items() if k and (row["minutes"] or row["skip"])}
    assert changed == {old_keys[5], old_keys[1]}
    # The removed block's change is said, not applied; the new block is in, where the module has it.
    assert removed not in by_key
    assert got["messages"] == [
        f"Dag 1: Blokken «{removed}» findes ikke længere i dagen; din ændring er ikke brugt.",
        "Dag 1: Blokken «Ny øvelse» er ny i dagen og er sat ind.",
    ]
    keys = [row["key"] for row in got["opened"]]
    assert keys.index("ny-oevelse") == keys.index(new_day["blocks"][1]["key"]) + 1
    assert got["opened"][1] == {"key": None, "title": "Egen pause", "minutes": 10, "skip": False}
    assert sorted(k for k in keys if k) == sorted(b["key"] for b in new_day["blocks"])
    assert f": {removed}\n" not in got["yaml"] and ": ny-oevelse\n" not in got["yaml"]
    # An old link (blocks by position) has its block changes refused out loud: the day as
    # the module has it now, nothing moved, nothing shortened, nothing skipped.
    assert [row["key"] for row in got["old"]] == [b["key"] for b in new_day["blocks"]]
    assert not any(row["minutes"] or row["skip"] for row in got["old"])
    assert len(got["oldMessages"]) == 1
    assert "ældre udgave af planlæggeren" in got["oldMessages"][0]
    assert "ikke brugt" in got["oldMessages"][0]


def test_clock_changes_and_years_agree(agreement: dict[str, Any], tmp_path: Path) -> None:
    """Which clock times the clocks skip or pass twice, and which years a run may use: the
    core as handbook/run_calendar.py, also in 2040; a day with one says so (error or
    warning, as `check` does)."""
    js, table = agreement["js"], agreement["table"]
    expected = []
    for date, time in table["clockChanges"]:
        found = run_calendar.time_problem(dt.date.fromisoformat(date), py_runs.clock_minutes(time))
        expected.append(
            None if found is None else {"error": "no-such-time", "warning": "time-twice"}[found[0]]
        )
    assert js["clockChanges"] == expected
    assert expected.count("no-such-time") == 6 and expected.count("time-twice") == 6
    assert js["dstPlans"] == [
        [["error", "no-such-time", 1]],
        [["warning", "time-twice", 1]],
        [],
        [["error", "bad-year", 1]],
    ]
    # The same plans' run files, checked by Python: the same problems at the same levels.
    folder = tmp_path / "runs"
    folder.mkdir()
    paths = []
    for plan, text in zip(table["dstPlans"], js["dstYaml"], strict=True):
        paths.append(folder / f"{plan['id']}.yml")
        paths[-1].write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    warnings: list[Problem] = []
    py_runs.load_runs(agreement["book"], paths, problems, warnings, set())
    python: list[list[list[Any]]] = [[] for _ in paths]
    for p in problems + warnings:
        code, day, _ = _code(p)
        level = "warning" if p.message.startswith("advarsel: ") else "error"
        python[[path.name for path in paths].index(Path(p.file).name)].append([level, code, day])
    assert python == js["dstPlans"]


# --- the plan file read back: who leads, own blocks' texts, what cannot be shown ------------

READ_HARNESS = r"""
const C = require(process.argv[1]);
const YAML = require(process.argv[2]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const data = C.indexData(input.data);
const plan = Object.assign(C.emptyPlan(), { id: "hvem-leder", title: "A & B", orgs: "Jobcenter", size: "12",
  venue: "Lokale 2", trainers: "Anne Underviser, Bo Andersen" });
const day = C.dayFromRef(data, input.ref, "2027-03-02", "08:30");
day.end = "16:00";
day.items[1].trainer = "Bo Andersen";
day.items[2].trainer = "Ikke Med";  // not one of the plan's trainers: never written
const first = day.items.shift();    // the first block moved last: nothing stays in place before it
day.items.push(first);
first.title = "Velkomst, flyttet";
day.items.splice(1, 0, C.ownItem("øvelse", "Egen øvelse", 15, { trainer: "Anne Underviser", tools: [input.tool],
  description: "Første linje\nanden linje\n\nNyt afsnit med <b> & *", notes: "Husk _kopier_" }));
plan.days.push(day);
const own = C.emptyDay("2027-03-09");
own.items.push(C.ownItem("oplæg", "Oplæg", 60, { trainer: "Bo Andersen" }));
plan.days.push(own);
const yaml = C.runYaml(data, plan);
const back = C.readRunFile(data, YAML.load(yaml, { schema: YAML.JSON_SCHEMA }), "hvem-leder.yml");
const hand = C.readRunFile(data, YAML.load(input.hand, { schema: YAML.JSON_SCHEMA }), "haand.yml");
process.stdout.write(JSON.stringify({ yaml, again: C.runYaml(data, back), messages: back.messages,
  hand: { messages: hand.messages, days: hand.days.length, trainers: hand.trainers,
    items: hand.days.map((d) => d.items.map((it) => [it.own ? null : it.key, it.skip, it.trainer, it.tools])) } }));
"""

HAND_WRITTEN = """
title: Skrevet i hånden
cohort: {{organisations: [Jobcenter], size: 10}}
venue: {{name: Lokale 1}}
trainers: [Anne]
rooms: 2
days:
  - day: {ref}
    date: 2. marts 2027
    start: "08:30"
    end: "15:00"
    changes:
      - skip: constructor
      - block: {first}
        trainer: Carl
        swap_tool: {{from: x, to: {tool}}}
      - insert_after: {first}
        block: {{title: Spørgsmål, kind: drøftelse, minutes: 20, questions: [Hvad nu?], tools: [__proto__]}}
  - day: toString
    date: 2027-03-09
    end: "12:00"
"""


def test_plan_file_keeps_trainers_and_own_texts_and_says_what_it_cannot_show(
    data: dict[str, Any], tmp_path: Path
) -> None:
    ref = next(d["ref"] for m in data["modules"] for d in m["days"] if len(d["blocks"]) >= 5)
    first = next(d for m in data["modules"] for d in m["days"] if d["ref"] == ref)["blocks"][0]
    tool = sorted(data["tools"])[0]
    hand = HAND_WRITTEN.format(ref=ref, first=first["key"], tool=tool)
    case = {"data": data, "ref": ref, "tool": tool, "hand": hand}
    run = subprocess.run(
        ["node", "-e", READ_HARNESS, str(CORE), str(JS_YAML)],
        input=json.dumps(case),
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(run.stdout)
    assert got["again"] == got["yaml"] and got["messages"] == []
    assert "Ikke Med" not in got["yaml"]
    # The run loader reads it: who leads each block reaches the resolved days (the run sheet).
    runs = tmp_path / "runs"
    runs.mkdir()
    (runs / "hvem-leder.yml").write_text(got["yaml"], encoding="utf-8")
    book = load(ROOT / "content", runs_dir=runs)
    problems: list[Problem] = []
    py_runs.load_runs(book, [runs / "hvem-leder.yml"], problems, [], set())
    assert [p for p in problems if p.file.endswith("hvem-leder.yml")] == []
    views = py_runs.run_days(book, book.runs["hvem-leder"])
    leads = {b.title: getattr(b, "trainer", None) for v in views for _, _, b in v.schedule}
    assert leads["Egen øvelse"] == "Anne Underviser" and leads["Oplæg"] == "Bo Andersen"
    assert leads["Velkomst, flyttet"] is None
    second = next(d for m in data["modules"] for d in m["days"] if d["ref"] == ref)["blocks"][1]
    assert leads[second["title"]] == "Bo Andersen"
    own = next(b for v in views for _, _, b in v.schedule if b.title == "Egen øvelse")
    assert own.description == "Første linje\nanden linje\n\nNyt afsnit med \\<b\\> \\& \\*"
    assert own.trainer_notes == "Husk \\_kopier\\_"
    # A hand-written file: what the page cannot show is said in Danish, never dropped
    # silently; names that are JavaScript object keys are unknown ids like any other.
    hand_got = got["hand"]
    assert hand_got["days"] == 1 and hand_got["trainers"] == "Anne, Carl"
    assert hand_got["messages"] == [
        "Planen: feltet «rooms» kan planlæggeren ikke vise, og det kommer ikke med, når planen "
        "hentes igen.",
        "Dag 1, ændring 1: dagen har ingen blok «constructor»; ændringen er ikke brugt.",
        f"Dag 1, ændring 2: at bytte redskabet «x» ud kan planlæggeren ikke vise; «{tool}» er "
        "tilføjet, og det gamle er stadig med.",
        "Dag 1, ændring 2: underviseren «Carl» stod ikke blandt planens undervisere og er "
        "tilføjet.",
        "Dag 1, ændring 3: blokkens spørgsmål til drøftelse (questions) kan planlæggeren ikke "
        "vise, og de kommer ikke med, når planen hentes igen.",
        "Dag 1, ændring 3: redskabet «__proto__» findes ikke i håndbogen og er ikke med.",
        "Dag 1: datoen «2. marts 2027» kan ikke læses; skriv den som år-måned-dag, fx 2027-03-02.",
        "Dag 2: dagen «toString» findes ikke i håndbogen, så dagen er ikke med.",
    ]
    items = hand_got["items"][0]
    assert items[0][0] == first["key"] and items[0][2] == "Carl"
    assert items[1][0] is None and items[1][3] == []


def test_a_trainer_not_among_the_runs_trainers_is_a_problem(tmp_path: Path) -> None:
    """`trainer:` names one of the run's `trainers`, wherever it is written."""
    book = load(ROOT / "content", runs_dir=tmp_path)
    module = next(m for m in book.modules.values() if m.days)
    day = module.days[0]
    key = day.block_keys()[0]
    path = tmp_path / "hvem.yml"
    path.write_text(
        "title: Hvem\ncohort: {organisations: [Jobcenter]}\nvenue: {name: Lokale}\n"
        "trainers: [Anne]\ndays:\n"
        f"  - day: {module.id}/{day.id}\n    date: 2027-03-02\n    end: '23:00'\n"
        f"    changes:\n      - block: {key}\n        trainer: Bo\n"
        f"      - insert_after: {key}\n        block: {{title: Ny, kind: oplæg, minutes: 5, trainer: Anne}}\n"
        "  - date: 2027-03-09\n    end: '12:00'\n    title: Egen\n"
        "    blocks: [{title: Par, kind: øvelse, minutes: 60, trainer: Carl}]\n",
        encoding="utf-8",
    )
    problems: list[Problem] = []
    py_runs.load_runs(book, [path], problems, [], set())
    found = [(p.field, p.message) for p in problems]
    assert found == [
        (
            "days[0].changes[0].trainer",
            "«Bo» står ikke under trainers; skriv navnet dér, eller brug et af navnene "
            "(trainers: Anne)",
        ),
        (
            "days[1].blocks[0].trainer",
            "«Carl» står ikke under trainers; skriv navnet dér, eller brug et af navnene "
            "(trainers: Anne)",
        ),
    ]
