"""Course runs (runs/<id>.yml): load, check against the handbook, resolve each day.

A run is one cohort's concrete course: module days (or own days) with dates, clock times,
a venue and local changes. A trainer's pack (content/packs/) is the same thing without
dates, and a course a pack of all its modules' days: all three are resolved here by one
function (`_resolve`) into a `Plan` (plan.py), so the homework rules (a follow-up only of
homework the cohort got, "after the course" on the last day) hold for each, and no
renderer applies a change or computes a clock time itself.

A run is resolved while it is checked: what `check` accepts is exactly what the outputs
show, and the run is not resolved a second time for them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..text import slugify
from . import run_calendar
from . import run_messages as msg
from .book import Handbook
from .files import content_files
from .loader import Document, YamlProblem, parse
from .model import (
    Block,
    Course,
    Day,
    Module,
    Pack,
    Run,
    RunBlock,
    RunChange,
    block_keys,
    clock_minutes,
)
from .plan import HomeworkInRun, Plan, PlanKind, RunDayView
from .problems import Report, at, check_text, rel
from .timeplan import DAY_START, clock, date_long, minutes

EARLY_WARNING_MINUTES = 30
# Limits of one run file. The longest course in the handbook has four days and a real day
# about a dozen blocks; 60 days is more than a year of weekly sessions, and 40 blocks fill
# a ten-hour day in 15-minute steps. Beyond that a file is a mistake or an attack (a
# 10,000-day run would take hours to build and give a pack nobody prints): split it.
MAX_RUN_DAYS = 60
MAX_DAY_BLOCKS = 40


# --- local changes ----------------------------------------------------------------------


def _day_name(module: Module, day: Day) -> str:
    return msg.day_name(module.id or "", day.id)


def _apply_changes(
    module: Module,
    day: Day,
    changes: list[RunChange | None],
    report: Report,
    known_tool: Callable[[str], bool],
    tool_ids: Callable[[], Any] = tuple,
) -> tuple[list[tuple[str, Block]], set[str], set[str], list[str]]:
    """Apply a run day's changes in order to the module day's blocks.

    Returns the (key, block) pairs, the keys changed or inserted locally, the keys
    inserted, and a Danish line per change for the run sheet. Problems go to `report(loc, message)` with loc relative
    to the run day, in Danish for the trainer (handbook/run_messages.py); a change that
    cannot apply is skipped, and so is one that did not validate (None: said already).
    """
    rows: list[tuple[str, Block]] = list(zip(day.block_keys(), day.blocks, strict=True))
    local: set[str] = set()
    inserted: set[str] = set()
    notes: list[str] = []

    def find(key: str, loc: tuple[Any, ...]) -> int | None:
        for i, (k, _) in enumerate(rows):
            if k == key:
                return i
        keys = [k for k, _ in rows]
        titles = [b.title for _, b in rows]
        report(loc, msg.unknown_block(module.id or "", day.id, key, keys, titles))
        return None

    for c, change in enumerate(changes):
        at = ("changes", c)
        if change is None:
            continue
        if change.kind == "skip":
            i = find(change.skip or "", (*at, "skip"))
            if i is not None:
                _, block = rows.pop(i)
                local.discard(change.skip or "")
                notes.append(f"«{block.title}» ({block.minutes} min) er sprunget over.")
        elif change.kind == "insert":
            new = change.block
            assert isinstance(new, Block)
            where = "insert_after" if change.insert_after is not None else "insert_before"
            anchor = change.insert_after or change.insert_before or ""
            i = find(anchor, (*at, where))
            key = new.id or slugify(new.title)
            for t, tid in enumerate(new.tools):
                if not known_tool(tid):
                    report((*at, "block", "tools", t), msg.unknown_tool(tid, tool_ids()))
            if any(k == key for k, _ in rows):
                report(
                    (*at, "block"),
                    f"{_day_name(module, day)} har allerede en blok med nøglen '{key}': giv "
                    "den nye blok sit eget 'id'",
                )
                continue
            if i is None:
                continue
            pos = i + 1 if where == "insert_after" else i
            rows.insert(pos, (key, new.model_copy(update={"id": key})))
            local.add(key)
            inserted.add(key)
            side = "efter" if where == "insert_after" else "før"
            notes.append(
                f"Lokal blok «{new.title}» ({new.minutes} min) er sat ind {side} "
                f"«{rows[i if where == 'insert_after' else i + 1][1].title}»."
            )
        else:
            key = str(change.block)
            i = find(key, (*at, "block"))
            if i is None:
                continue
            block = rows[i][1]
            update: dict[str, Any] = {}
            if change.minutes is not None and change.minutes != block.minutes:
                update["minutes"] = change.minutes
                notes.append(
                    f"«{block.title}»: {change.minutes} min i stedet for {block.minutes} min."
                )
            tools = list(block.tools)
            if change.swap_tool is not None:
                old, new_id = change.swap_tool.from_, change.swap_tool.to
                if old not in tools:
                    report(
                        (*at, "swap_tool", "from"),
                        f"blokken '{key}' i {_day_name(module, day)} bruger ikke redskabet "
                        f"'{old}' (den bruger: {', '.join(tools) or 'ingen redskaber'})",
                    )
                elif not known_tool(new_id):
                    report((*at, "swap_tool", "to"), msg.unknown_tool(new_id, tool_ids()))
                else:
                    tools = [new_id if t == old else t for t in tools]
                    tools = list(dict.fromkeys(tools))
                    notes.append(f"«{block.title}»: redskabet {new_id} i stedet for {old}.")
            added = []
            for t, tid in enumerate(change.add_tools):
                if not known_tool(tid):
                    report((*at, "add_tools", t), msg.unknown_tool(tid, tool_ids()))
                elif tid not in tools:
                    tools.append(tid)
                    added.append(tid)
            if added:
                notes.append(f"«{block.title}»: også redskab {', '.join(added)}.")
            if tools != block.tools:
                update["tools"] = tools
            if change.trainer is not None and change.trainer != getattr(block, "trainer", None):
                notes.append(f"«{block.title}»: {change.trainer} leder blokken.")
                # Who leads a block is a run's field, not a module's: the block becomes a RunBlock.
                block = RunBlock.model_validate({**block.model_dump(), "trainer": change.trainer})
                rows[i] = (key, block)
            if update:
                rows[i] = (key, block.model_copy(update=update))
                local.add(key)
    if not rows:
        report(("changes",), f"alle blokke i {_day_name(module, day)} er sprunget over")
    return rows, local, inserted, notes


# --- resolving --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """What one day of a course, pack or run says, before resolving."""

    ref: str | None
    date: dt.date | None
    start: int
    end: int | None
    title: str | None
    changes: list[RunChange]
    blocks: list[Block]


def _raise(loc: tuple[Any, ...], message: str) -> None:
    raise ValueError(f"{loc}: {message} (the run was not checked)")


# How often each (kind, id) was resolved in this process: a trace for the tests, which
# hold that a build resolves every course, pack and run once.
resolutions: Counter[tuple[str, str]] = Counter()


def _resolve(
    book: Handbook,
    kind: PlanKind,
    plan_id: str,
    source: object,
    entries: list[_Entry],
    report: Report = _raise,
    known_tool: Callable[[str], bool] | None = None,
) -> Plan:
    """The one way a course, pack or run becomes planned days. `report(loc, message)` gets
    what cannot be applied, with loc relative to the run file."""
    resolutions[(kind, plan_id)] += 1
    known = known_tool or (lambda t: t in book.tools)
    views: list[RunDayView] = []
    for n, e in enumerate(entries, 1):
        if e.ref is not None:
            module, base = book.day(e.ref)

            def day_report(loc: tuple[Any, ...], message: str, n: int = n) -> None:
                report(("days", n - 1, *loc), message)

            rows, local, inserted, notes = _apply_changes(
                module, base, e.changes, day_report, known
            )
            day = base.model_copy(
                update={
                    "title": e.title or base.title,
                    "blocks": [b.model_copy(update={"id": k}) for k, b in rows],
                }
            )
            keys = tuple(k for k, _ in rows)
            place = next(i for i, d in enumerate(module.days, 1) if d.id == base.id)
        else:
            module, local, inserted, notes, place = None, set(), set(), [], 0
            keys = tuple(block_keys(e.blocks))
            day = Day.model_construct(
                id=f"egen-dag-{n}",
                title=e.title or f"Dag {n}",
                purpose="",
                blocks=[
                    b.model_copy(update={"id": k}) for k, b in zip(keys, e.blocks, strict=True)
                ],
                homework_out=[],
                homework_followup=[],
                trainer_notes=None,
                notes=None,
            )
        views.append(
            RunDayView(
                n,
                module,
                day,
                e.date,
                e.start,
                e.end,
                keys,
                frozenset(local),
                tuple(notes),
                frozenset(inserted),
                kind=kind,
                number_in_module=place,
            )
        )
    return Plan(kind, plan_id, tuple(_with_homework(book, kind, views)), source)


def _homework_callout(kind: PlanKind, item: HomeworkInRun, views: list[RunDayView]) -> str:
    """What the handing-out day says about a homework: when it is brought back."""
    if kind == "course":
        return "Hjemmeopgave til næste gang"
    if item.followup:
        f = views[item.followup - 1]
        if f.date:
            return f"Hjemmeopgave – tag den med {date_long(f.date)}"
        return f"Hjemmeopgave til {f.day.title}"
    if item.after_course:
        return "Hjemmeopgave efter forløbet"
    if item.homework.followup_note:
        return "Hjemmeopgave"
    return "Hjemmeopgave (samles ikke op på holdet i dette forløb)"


def _with_homework(book: Handbook, kind: PlanKind, views: list[RunDayView]) -> list[RunDayView]:
    """Close the homework loops inside the plan: a follow-up only of homework handed out on
    an earlier day of it; homework given on the last day of a pack or run is for after the
    course."""
    last = len(views)
    given: dict[tuple[str, str], int] = {}
    for v in views:
        if v.module is None:
            continue
        for hid in v.day.homework_out:
            given.setdefault((v.module.id or "", hid), v.number)
    items: dict[tuple[str, str], HomeworkInRun] = {}
    for (mid, hid), n in given.items():
        module = book.modules[mid]
        followup = next(
            (
                v.number
                for v in views[n:]
                if v.module is not None and v.module.id == mid and hid in v.day.homework_followup
            ),
            None,
        )
        item = HomeworkInRun(
            module,
            book.homework(module, hid),
            n,
            followup,
            after_course=n == last and kind != "course",
        )
        items[(mid, hid)] = replace(item, callout=_homework_callout(kind, item, views))
    out = []
    for v in views:
        if v.module is None:
            out.append(v)
            continue
        mid = v.module.id or ""
        handed = tuple(
            items[(mid, h)] for h in v.day.homework_out if items[(mid, h)].given == v.number
        )
        followed = tuple(
            items[(mid, h)]
            for h in v.day.homework_followup
            if (mid, h) in items and items[(mid, h)].followup == v.number
        )
        dropped = [
            f"Hjemmeopgaven «{book.homework(v.module, h).title}» følges ikke op: holdet har "
            "ikke fået den i dette forløb."
            for h in v.day.homework_followup
            if not any(f.homework.id == h for f in followed)
        ]
        day = v.day.model_copy(
            update={
                "homework_out": [h.homework.id for h in handed],
                "homework_followup": [h.homework.id for h in followed],
            }
        )
        out.append(
            replace(
                v,
                day=day,
                deviations=(*v.deviations, *dropped),
                homework_out=handed,
                homework_followup=followed,
            )
        )
    return out


def _run_entries(run: Run) -> list[_Entry]:
    return [
        _Entry(
            d.day,
            d.date,
            clock_minutes(d.start),
            clock_minutes(d.end),
            d.title,
            d.changes,
            d.blocks,
        )
        for d in run.days
    ]


def _day_entries(refs: list[str]) -> list[_Entry]:
    """Module days without dates or changes, from 09.00 (a course or a pack)."""
    return [_Entry(ref, None, DAY_START, None, None, [], []) for ref in refs]


def course_refs(book: Handbook, course: Course) -> list[str]:
    """Every day of a course's modules, in teaching order, as '<module>/<day>'."""
    return [f"{m}/{d.id}" for m in course.modules for d in book.modules[m].days]


def resolve_all(book: Handbook) -> None:
    """Resolve every course and pack of a checked Handbook once, into `book.plans` (runs
    are resolved while they are checked, load_runs)."""
    for cid, course in book.courses.items():
        book.plans[("course", cid)] = _resolve(
            book, "course", cid, course, _day_entries(course_refs(book, course))
        )
    for pid, pack in book.packs.items():
        book.plans[("pack", pid)] = _resolve(book, "pack", pid, pack, _day_entries(pack.days))


def _plan(book: Handbook, kind: PlanKind, item_id: str, source: object) -> Plan | None:
    """The plan made at load, if it is still the plan of `source` (an item replaced since
    then, as a test does, is resolved again)."""
    found = book.plans.get((kind, item_id))
    return found if found is not None and found.source is source else None


def course_plan(book: Handbook, course: Course) -> Plan:
    cid = course.id or ""
    found = _plan(book, "course", cid, course)
    if found is None:
        found = _resolve(book, "course", cid, course, _day_entries(course_refs(book, course)))
        book.plans[("course", cid)] = found
    return found


def pack_plan(book: Handbook, pack: Pack) -> Plan:
    pid = pack.id or ""
    found = _plan(book, "pack", pid, pack)
    if found is None:
        found = _resolve(book, "pack", pid, pack, _day_entries(pack.days))
        book.plans[("pack", pid)] = found
    return found


def run_plan(book: Handbook, run: Run) -> Plan:
    rid = run.id or ""
    found = _plan(book, "run", rid, run)
    if found is None:
        found = _resolve(book, "run", rid, run, _run_entries(run))
        book.plans[("run", rid)] = found
    return found


def run_days(book: Handbook, run: Run) -> list[RunDayView]:
    """Every day of a checked run, resolved: changes applied, clock times from its start."""
    return list(run_plan(book, run).days)


def pack_days(book: Handbook, pack: Pack) -> list[RunDayView]:
    """A pack's days resolved like a run without dates (from 09.00, no changes)."""
    return list(pack_plan(book, pack).days)


# --- loading and checking ---------------------------------------------------------------


def run_files(runs_dir: Path, problems: list[Problem]) -> list[Path]:
    """The run files in `runs_dir`: <id>.yml regular files. A symbolic link must stay inside
    runs/ itself (not merely inside the project: a link into .git/ is refused)."""
    return content_files(runs_dir, "", problems, where=f"{runs_dir.name}/")


def load_runs(
    book: Handbook,
    paths: list[Path],
    problems: list[Problem],
    warnings: list[Problem],
    broken: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Parse, validate, check and resolve run files; valid ones go into book.runs (and
    their resolved days into book.plans).

    Every problem of a file is reported at once, in Danish (run_messages.py): the days and
    fields that validate are checked against the handbook even when others do not, so a
    trainer does not fix one mistake only to meet the next."""
    for path in paths:
        try:
            doc = parse(path)
        except YamlProblem as exc:
            problems.append(Problem(rel(path), exc.line, "", msg.file_message(exc.message)))
            continue

        def report(loc: tuple[Any, ...], message: str, doc: Document = doc) -> None:
            problems.append(at(doc, loc, message))

        def warn(loc: tuple[Any, ...], message: str, doc: Document = doc) -> None:
            warnings.append(at(doc, loc, f"advarsel: {message}"))

        def text_report(loc: tuple[Any, ...], message: str, report: Report = report) -> None:
            report(loc, msg.file_message(message))

        before = len(problems)
        run, partial = msg.validate_run(doc.data, report, _block_hint(book, doc.data))
        if run is None:
            if partial is not None and check_limits(partial, report):
                check_text(partial, (), text_report)
                check_one_line(partial, report)
                check_run(book, partial, report, warn, broken)
            continue
        run_id = path.stem
        if run.id not in (None, run_id):
            report(("id",), f"'{run.id}' er ikke filens navn '{run_id}': ret det, eller slet 'id'")
        run.id = run_id
        plan = None
        if check_limits(run, report):
            check_text(run, (), text_report)
            check_one_line(run, report)
            plan = check_run(book, run, report, warn, broken)
        if len(problems) == before and plan is not None:
            book.runs[run_id] = run
            book.run_files[run_id] = path
            book.plans[("run", run_id)] = plan


def _one_line_fields(run: Run) -> list[tuple[tuple[Any, ...], str | None]]:
    """(location, text) of every field of a run that is printed as one line: the title is
    the calendar's name, day titles are event titles, the venue is the event's place. A
    partial run (run_messages.validate_run) has None where a part did not validate."""
    found: list[tuple[tuple[Any, ...], str | None]] = [(("title",), run.title)]
    if run.venue is not None:
        found += [(("venue", "name"), run.venue.name), (("venue", "address"), run.venue.address)]
    found += [(("trainers", i), name) for i, name in enumerate(run.trainers or [])]
    if run.cohort is not None:
        orgs = run.cohort.organisations or []
        found += [(("cohort", "organisations", i), o) for i, o in enumerate(orgs)]
    for i, d in enumerate(run.days or []):
        if d is None:
            continue
        found.append((("days", i, "title"), d.title))
        found += [(("days", i, "blocks", b, "title"), x.title) for b, x in enumerate(d.blocks)]
        found += [
            (("days", i, "changes", c, "block", "title"), change.block.title)
            for c, change in enumerate(d.changes)
            if change is not None and isinstance(change.block, Block)
        ]
    return found


def _block_hint(book: Handbook, data: Any) -> Callable[[int, str], str | None]:
    """For a change's block key that is not even a key (a title such as 'Frokost'): the
    Danish message that knows the day's blocks, or None."""

    def hint(index: int, value: str) -> str | None:
        days = data.get("days") if isinstance(data, dict) else None
        raw = days[index] if isinstance(days, list) and index < len(days) else None
        ref = raw.get("day") if isinstance(raw, dict) else None
        if not isinstance(ref, str) or "/" not in ref:
            return None
        module_id, day_id = ref.split("/", 1)
        module = book.modules.get(module_id)
        base = next((d for d in module.days if d.id == day_id), None) if module else None
        if base is None:
            return None
        titles = [b.title for b in base.blocks]
        return msg.unknown_block(module_id, day_id, value, base.block_keys(), titles)

    return hint


def check_one_line(run: Run, report: Report) -> None:
    """A line break in a one-line field would split a calendar property, a heading or a
    table cell: refused here, so a checked run always builds (the calendar also escapes)."""
    for loc, value in _one_line_fields(run):
        if isinstance(value, str) and ("\n" in value or "\r" in value):
            report(
                loc,
                "skal stå på én linje (teksten bliver et kalendernavn, en begivenhedstitel "
                "eller en overskrift): fjern linjeskiftet",
            )


def check_limits(run: Run, report: Report) -> bool:
    """At most MAX_RUN_DAYS days and MAX_DAY_BLOCKS blocks a day. Returns whether the run
    is within them (the other checks are skipped for a run that is not)."""
    within = True
    days = run.days or []
    if len(days) > MAX_RUN_DAYS:
        report(
            ("days",),
            f"et forløb har højst {MAX_RUN_DAYS} dage, dette har {len(days)}: "
            "del det op i flere forløbsfiler",
        )
        within = False
    for i, d in enumerate(days):
        if d is None:
            continue
        count = len(d.blocks) + sum(1 for c in d.changes if c is not None and c.kind == "insert")
        if count > MAX_DAY_BLOCKS:
            report(
                ("days", i, "blocks" if d.blocks else "changes"),
                f"en dag har højst {MAX_DAY_BLOCKS} blokke, dag {i + 1} har {count}: "
                "del den op i flere dage",
            )
            within = False
    return within


def _check_trainers(run: Run, report: Report) -> None:
    """Who leads a block (`trainer:`) is one of the run's `trainers` (the planner offers only
    those). Said in Danish: trainers read it."""
    trainers = run.trainers or []
    names = ", ".join(trainers) or "ingen endnu"

    def check(loc: tuple[Any, ...], name: str | None) -> None:
        if name is not None and name not in trainers:
            report(
                loc,
                f"«{name}» står ikke under trainers; skriv navnet dér, eller brug et af "
                f"navnene (trainers: {names})",
            )

    for i, d in enumerate(run.days or []):
        if d is None:
            continue
        for c, change in enumerate(d.changes):
            if change is None:
                continue
            check(("days", i, "changes", c, "trainer"), change.trainer)
            if isinstance(change.block, RunBlock):
                check(("days", i, "changes", c, "block", "trainer"), change.block.trainer)
        for b, block in enumerate(d.blocks):
            check(("days", i, "blocks", b, "trainer"), getattr(block, "trainer", None))


def check_run(
    book: Handbook, run: Run, report: Report, warn: Report, broken: set[str]
) -> Plan | None:
    """Every reference, date, clock time and time budget of a run, in Danish; the run's
    plan, resolved once, when it has no problem (None otherwise).

    `run` may be partial (run_messages.validate_run): a day or a field that did not validate
    is None, and only what can be checked without it is."""
    found_before = [0]

    def counted(loc: tuple[Any, ...], message: str) -> None:
        found_before[0] += 1
        report(loc, message)

    _check_trainers(run, counted)
    if run.course is not None and run.course not in book.courses and run.course not in broken:
        counted(("course",), msg.unknown_course(run.course, book.courses))

    def known_tool(tid: str) -> bool:
        return tid in book.tools or tid in broken

    def tool_ids() -> Any:
        return book.tools

    previous: dt.date | None = None
    for i, d in enumerate(run.days):
        at = ("days", i)
        if d is None:
            found_before[0] += 1  # said by the model
            continue
        if d.date is not None:
            if previous is not None and d.date <= previous:
                counted(
                    (*at, "date"),
                    f"{d.date.isoformat()} skal ligge efter dagen før ({previous.isoformat()})",
                )
            if year := run_calendar.year_problem(d.date):
                counted((*at, "date"), year)
            previous = d.date
            for field in ("start", "end"):  # a time the clocks skip or pass twice that day
                value = getattr(d, field)
                found = run_calendar.time_problem(d.date, clock_minutes(value)) if value else None
                if found:
                    (counted if found[0] == "error" else warn)((*at, field), found[1])
        blocks: list[Block]
        if d.day is not None:
            module_id, day_id = d.day.split("/", 1)
            module = book.modules.get(module_id)
            if module is None:
                if module_id not in broken:
                    counted((*at, "day"), msg.unknown_module(module_id, book.modules))
                else:
                    found_before[0] += 1
                continue
            base = next((x for x in module.days if x.id == day_id), None)
            if base is None:
                day_ids = [x.id for x in module.days]
                counted((*at, "day"), msg.unknown_day(module_id, day_id, day_ids))
                continue
            problems_before: list[str] = []

            def day_report(
                loc: tuple[Any, ...], message: str, at: tuple = at, found: list = problems_before
            ) -> None:
                found.append(message)
                counted((*at, *loc), message)

            rows, _, _, _ = _apply_changes(
                module, base, d.changes, day_report, known_tool, tool_ids
            )
            blocks = [b for _, b in rows]
            title = d.title or base.title
            if problems_before or None in d.changes:
                found_before[0] += 1
                continue  # the time budget of a day whose changes failed means little
        else:
            blocks = d.blocks
            title = d.title or ""
            for b, block in enumerate(d.blocks):
                for t, tid in enumerate(block.tools):
                    if not known_tool(tid):
                        counted((*at, "blocks", b, "tools", t), msg.unknown_tool(tid, tool_ids()))
            keys = block_keys(d.blocks)
            for b, block in enumerate(d.blocks):
                if block.id is not None and keys[b] != block.id:
                    counted((*at, "blocks", b, "id"), f"blok-id'et '{block.id}' er brugt to gange")
        if d.start is None or d.end is None:
            found_before[0] += 1
            continue
        start, end = clock_minutes(d.start), clock_minutes(d.end)
        if end <= start or not blocks:
            found_before[0] += 1
            continue  # said by the model
        total = sum(b.minutes for b in blocks)
        name = f"dag {i + 1} ({d.date.isoformat() if d.date else 'uden dato'}, '{title}')"
        span = f"blokkene varer {minutes(total)} fra {clock(start)} (til {clock(start + total)})"
        over = start + total - end
        if over > 0:
            counted(
                (*at, "end"),
                f"{name} går {over} minutter over det bookede sluttidspunkt {clock(end)}: "
                f"{span}. Forkort eller spring blokke over, eller ret 'end'",
            )
        elif -over > EARLY_WARNING_MINUTES:
            warn(
                (*at, "end"),
                f"{name} slutter {-over} minutter før det bookede sluttidspunkt {clock(end)}: "
                f"{span}",
            )
    if found_before[0]:
        return None
    # Checked: resolved once, here; every output of the run reads this plan (book.plans).
    return _resolve(book, "run", run.id or "", run, _run_entries(run), report, known_tool)
