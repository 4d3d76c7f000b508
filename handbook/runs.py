"""Course runs (runs/<id>.yml): load, check against the handbook, resolve each day.

A run is one cohort's concrete course: module days (or own days) with dates, clock times,
a venue and local changes. A trainer's pack (content/packs/) is the same thing without
dates: both are resolved here by one function, so the homework rules (a follow-up only of
homework the cohort got, "after the course" on the last day) hold for both, and no
renderer applies a change or computes a clock time itself.

Checking and resolving share `_apply_changes`, so what `check` accepts is exactly what
the outputs show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import Problem
from .loader import Document, YamlProblem, parse
from .model import Block, Day, Homework, Module, Pack, Run, RunBlock, RunChange, clock_minutes
from .text import slugify

EARLY_WARNING_MINUTES = 30

Report = Callable[[tuple[Any, ...], str], None]

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def date_long(date: dt.date) -> str:
    """'tirsdag 3. marts 2027'."""
    return f"{WEEKDAYS[date.weekday()]} {date.day}. {MONTHS[date.month - 1]} {date.year}"


def date_short(date: dt.date) -> str:
    """'3. marts'."""
    return f"{date.day}. {MONTHS[date.month - 1]}"


def clock(total: int) -> str:
    """510 → '08.30' (the Danish way of writing a clock time)."""
    return f"{total // 60:02d}.{total % 60:02d}"


# --- the resolved view ------------------------------------------------------------------


@dataclass(frozen=True)
class HomeworkInRun:
    """A homework handed out in a run or pack, and where its loop closes."""

    module: Module
    homework: Homework
    given: int  # number (1-based) of the day that hands it out
    followup: int | None  # number of a later day that follows it up, if any
    after_course: bool  # handed out on the last day: to do after the course


@dataclass(frozen=True)
class RunDayView:
    """One day of a run or pack with its changes applied: `day` is a resolved Day copy."""

    number: int  # 1-based
    module: Module | None  # None for an own day
    day: Day
    date: dt.date | None  # None in a pack
    start: int  # minutes after midnight
    end: int | None  # booked end; None in a pack
    keys: tuple[str, ...]  # stable key of each block, in order
    local: frozenset[str]  # keys of blocks inserted or changed in the run
    deviations: tuple[str, ...]  # what differs from the module's plan, in Danish
    inserted: frozenset[str] = frozenset()  # keys of the blocks the run inserted
    homework_out: tuple[HomeworkInRun, ...] = ()
    homework_followup: tuple[HomeworkInRun, ...] = ()

    @property
    def schedule(self) -> list[tuple[str, str, Block]]:
        from .render.common import day_schedule

        return day_schedule(self.day, self.start)

    @property
    def total(self) -> int:
        return sum(b.minutes for b in self.day.blocks)

    @property
    def finish(self) -> int:
        """When the blocks end."""
        return self.start + self.total

    @property
    def anchor(self) -> str:
        return f"dag-{self.number}"

    @property
    def label(self) -> str:
        """'Kursusdag 2 · tirsdag 3. marts 2027' (or 'Kursusdag 2' in a pack): numbered in
        the run, so it is not mistaken for a module's own 'Dag 1', 'Dag 2' in day titles."""
        return f"Kursusdag {self.number}" + (f" · {date_long(self.date)}" if self.date else "")


# --- local changes ----------------------------------------------------------------------


def _day_name(module: Module, day: Day) -> str:
    return f"day '{day.id}' of module '{module.id}'"


def _apply_changes(
    module: Module,
    day: Day,
    changes: list[RunChange],
    report: Report,
    known_tool: Callable[[str], bool],
) -> tuple[list[tuple[str, Block]], set[str], set[str], list[str]]:
    """Apply a run day's changes in order to the module day's blocks.

    Returns the (key, block) pairs, the keys changed or inserted locally, the keys
    inserted, and a Danish line per change for the run sheet. Problems go to `report(loc, message)` with loc relative
    to the run day; a change that cannot apply is skipped.
    """
    rows: list[tuple[str, Block]] = list(zip(day.block_keys(), day.blocks, strict=True))
    local: set[str] = set()
    inserted: set[str] = set()
    notes: list[str] = []

    def find(key: str, loc: tuple[Any, ...]) -> int | None:
        for i, (k, _) in enumerate(rows):
            if k == key:
                return i
        report(loc, f"{_day_name(module, day)} has no block '{key}'")
        return None

    for c, change in enumerate(changes):
        at = ("changes", c)
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
                    report((*at, "block", "tools", t), f"unknown tool '{tid}'")
            if any(k == key for k, _ in rows):
                report(
                    (*at, "block"),
                    f"{_day_name(module, day)} already has a block '{key}': give the new "
                    "block its own 'id'",
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
                        f"block '{key}' of {_day_name(module, day)} does not use the tool "
                        f"'{old}' (it uses: {', '.join(tools) or 'no tools'})",
                    )
                elif not known_tool(new_id):
                    report((*at, "swap_tool", "to"), f"unknown tool '{new_id}'")
                else:
                    tools = [new_id if t == old else t for t in tools]
                    tools = list(dict.fromkeys(tools))
                    notes.append(f"«{block.title}»: redskabet {new_id} i stedet for {old}.")
            added = []
            for t, tid in enumerate(change.add_tools):
                if not known_tool(tid):
                    report((*at, "add_tools", t), f"unknown tool '{tid}'")
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
        report(("changes",), f"every block of {_day_name(module, day)} is skipped")
    return rows, local, inserted, notes


# --- resolving --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """What one day of a run or pack says, before resolving."""

    ref: str | None
    date: dt.date | None
    start: int
    end: int | None
    title: str | None
    changes: list[RunChange]
    blocks: list[Block]


def _raise(loc: tuple[Any, ...], message: str) -> None:
    raise ValueError(f"{loc}: {message} (the run was not checked)")


def _resolve(book: Any, entries: list[_Entry]) -> list[RunDayView]:
    views: list[RunDayView] = []
    for n, e in enumerate(entries, 1):
        if e.ref is not None:
            module, base = book.day(e.ref)
            rows, local, inserted, notes = _apply_changes(
                module, base, e.changes, _raise, lambda t: t in book.tools
            )
            day = base.model_copy(
                update={
                    "title": e.title or base.title,
                    "blocks": [b.model_copy(update={"id": k}) for k, b in rows],
                }
            )
            keys = tuple(k for k, _ in rows)
        else:
            module, local, inserted, notes = None, set(), set(), []
            keys = tuple(_own_keys(e.blocks))
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
            )
        )
    return _with_homework(book, views)


def _own_keys(blocks: list[Block]) -> list[str]:
    from .model import block_keys

    return block_keys(blocks)


def _with_homework(book: Any, views: list[RunDayView]) -> list[RunDayView]:
    """Close the homework loops inside the run: a follow-up only of homework handed out on
    an earlier day of the run; homework given on the last day is for after the course."""
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
        items[(mid, hid)] = HomeworkInRun(
            module, book.homework(module, hid), n, followup, after_course=n == last
        )
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


def run_days(book: Any, run: Run) -> list[RunDayView]:
    """Every day of a checked run, resolved: changes applied, clock times from its start."""
    return _resolve(
        book,
        [
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
        ],
    )


def pack_days(book: Any, pack: Pack) -> list[RunDayView]:
    """A pack's days resolved like a run without dates (from 09.00, no changes)."""
    return _resolve(book, [_Entry(ref, None, 9 * 60, None, None, [], []) for ref in pack.days])


def run_homework(views: list[RunDayView]) -> list[HomeworkInRun]:
    """Every homework the run hands out, in order."""
    return [h for v in views for h in v.homework_out]


def run_tool_ids(views: list[RunDayView]) -> list[str]:
    """Tools of the run's days (own and changed blocks included) and of its homework."""
    ids: list[str] = []
    for v in views:
        for b in v.day.blocks:
            ids.extend(b.tools)
        for h in v.homework_out:
            ids.extend(h.homework.tools)
    return list(dict.fromkeys(ids))


# --- loading and checking ---------------------------------------------------------------


def load_runs(
    book: Any,
    paths: list[Path],
    problems: list[Problem],
    warnings: list[Problem],
    broken: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Parse, validate and check run files; valid ones go into book.runs."""
    from .catalog import _field, _validate, rel

    for path in paths:
        try:
            doc = parse(path)
        except YamlProblem as exc:
            problems.append(Problem(rel(path), exc.line, "", exc.message))
            continue
        run = _validate(doc, Run, problems)
        if run is None:
            continue
        run_id = path.stem
        if run.id not in (None, run_id):
            problems.append(
                Problem(
                    rel(path),
                    doc.line_of(("id",)),
                    "id",
                    f"'{run.id}' differs from the file name '{run_id}'",
                )
            )
        run.id = run_id

        def report(loc: tuple[Any, ...], message: str, doc: Document = doc) -> None:
            problems.append(Problem(rel(doc.path), doc.line_of(loc), _field(loc), message))

        def warn(loc: tuple[Any, ...], message: str, doc: Document = doc) -> None:
            warnings.append(
                Problem(rel(doc.path), doc.line_of(loc), _field(loc), f"warning: {message}")
            )

        from .catalog import _check_text

        before = len(problems)
        _check_text(run, (), report)
        check_run(book, run, report, warn, broken)
        if len(problems) == before:
            book.runs[run_id] = run
            book.run_files[run_id] = path


def _check_trainers(run: Run, report: Report) -> None:
    """Who leads a block (`trainer:`) is one of the run's `trainers` (the planner offers only
    those). Said in Danish: trainers read it."""
    names = ", ".join(run.trainers) or "ingen endnu"

    def check(loc: tuple[Any, ...], name: str | None) -> None:
        if name is not None and name not in run.trainers:
            report(
                loc,
                f"«{name}» står ikke under trainers; skriv navnet dér, eller brug et af "
                f"navnene (trainers: {names})",
            )

    for i, d in enumerate(run.days):
        for c, change in enumerate(d.changes):
            check(("days", i, "changes", c, "trainer"), change.trainer)
            if isinstance(change.block, RunBlock):
                check(("days", i, "changes", c, "block", "trainer"), change.block.trainer)
        for b, block in enumerate(d.blocks):
            check(("days", i, "blocks", b, "trainer"), block.trainer)


def check_run(book: Any, run: Run, report: Report, warn: Report, broken: set[str]) -> None:
    """Every reference, date, clock time and time budget of a run."""
    from .render.common import minutes

    _check_trainers(run, report)

    if run.course is not None and run.course not in book.courses and run.course not in broken:
        report(("course",), f"unknown course '{run.course}'")

    def known_tool(tid: str) -> bool:
        return tid in book.tools or tid in broken

    for i, d in enumerate(run.days):
        at = ("days", i)
        if i and d.date <= run.days[i - 1].date:
            report(
                (*at, "date"),
                f"{d.date.isoformat()} must come after the previous day's date "
                f"{run.days[i - 1].date.isoformat()}",
            )
        blocks: list[Block]
        if d.day is not None:
            module_id, day_id = d.day.split("/", 1)
            module = book.modules.get(module_id)
            if module is None:
                if module_id not in broken:
                    report((*at, "day"), f"unknown module '{module_id}'")
                continue
            base = next((x for x in module.days if x.id == day_id), None)
            if base is None:
                report((*at, "day"), f"module '{module_id}' has no day '{day_id}'")
                continue
            problems_before: list[str] = []

            def day_report(
                loc: tuple[Any, ...], message: str, at: tuple = at, found: list = problems_before
            ) -> None:
                found.append(message)
                report((*at, *loc), message)

            rows, _, _, _ = _apply_changes(module, base, d.changes, day_report, known_tool)
            blocks = [b for _, b in rows]
            title = d.title or base.title
            if problems_before:
                continue  # the time budget of a day whose changes failed means little
        else:
            blocks = d.blocks
            title = d.title or ""
            for b, block in enumerate(d.blocks):
                for t, tid in enumerate(block.tools):
                    if not known_tool(tid):
                        report((*at, "blocks", b, "tools", t), f"unknown tool '{tid}'")
            keys = _own_keys(d.blocks)
            for b, block in enumerate(d.blocks):
                if block.id is not None and keys[b] != block.id:
                    report((*at, "blocks", b, "id"), f"duplicate block id '{block.id}'")
        start, end = clock_minutes(d.start), clock_minutes(d.end)
        total = sum(b.minutes for b in blocks)
        name = f"day {i + 1} ({d.date.isoformat()}, '{title}')"
        over = start + total - end
        if over > 0:
            report(
                (*at, "end"),
                f"{name} overruns its booked end {d.end} by {over} minutes: its blocks take "
                f"{minutes(total)} from {d.start} (until {clock(start + total)})",
            )
        elif -over > EARLY_WARNING_MINUTES:
            warn(
                (*at, "end"),
                f"{name} ends {-over} minutes before its booked end {d.end}: its blocks take "
                f"{minutes(total)} from {d.start} (until {clock(start + total)})",
            )
