"""The resolved model of planned days: what every output of a course, pack or run reads.

A course, a trainer's pack and a course run are resolved by one function (runs.py): a
course is a pack of all its modules' days, a pack a run without dates. The result, a
`Plan`, is made once per load and kept on the Handbook (`book.plans`), so the participant
pack, the trainer's manual, the run sheet and the calendar show the same days, clock times
and homework, and no output applies a change or computes a clock time itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .model import Block, Day, Homework, Module
from .timeplan import clock, date_long, day_schedule

PlanKind = Literal["course", "pack", "run"]


@dataclass(frozen=True)
class HomeworkInRun:
    """A homework handed out in a course, pack or run, and where its loop closes."""

    module: Module
    homework: Homework
    given: int  # number (1-based) of the day that hands it out
    followup: int | None  # number of a later day that follows it up, if any
    # Handed out on the last day of a pack or run: to do after the course. A course prints
    # its modules' own follow-up notes instead.
    after_course: bool
    callout: str = ""  # what the handing-out day says about it, e.g. "Hjemmeopgave til …"


@dataclass(frozen=True)
class RunDayView:
    """One day of a course, pack or run with its changes applied: `day` is a resolved copy."""

    number: int  # 1-based
    module: Module | None  # None for an own day
    day: Day
    date: dt.date | None  # None in a course or pack
    start: int  # minutes after midnight
    end: int | None  # booked end; None in a course or pack
    keys: tuple[str, ...]  # stable key of each block, in order
    local: frozenset[str]  # keys of blocks inserted or changed in the run
    deviations: tuple[str, ...]  # what differs from the module's plan, in Danish
    inserted: frozenset[str] = frozenset()  # keys of the blocks the run inserted
    homework_out: tuple[HomeworkInRun, ...] = ()
    homework_followup: tuple[HomeworkInRun, ...] = ()
    kind: PlanKind = "run"
    number_in_module: int = 0  # 1-based place of the day in its module (0: own day)

    @property
    def schedule(self) -> list[tuple[str, str, Block]]:
        return day_schedule(self.day, self.start)

    @property
    def total(self) -> int:
        return sum(b.minutes for b in self.day.blocks)

    @property
    def finish(self) -> int:
        """When the blocks end."""
        return self.start + self.total

    @property
    def hours(self) -> str:
        """The day's time as the participants are told it, e.g. '08.30–15.00': the booked
        time in a run, the blocks' time in a course or pack."""
        return f"{clock(self.start)}–{clock(self.end if self.end is not None else self.finish)}"

    @property
    def early_end(self) -> str:
        """'programmet slutter 14.45' when a run's blocks end before its booked end (said
        with the booked time, so the participants see one day and why the plan ends
        sooner), else ''."""
        if self.end is None or self.finish >= self.end:
            return ""
        return f"programmet slutter {clock(self.finish)}"

    @property
    def anchor(self) -> str:
        if self.kind == "course" and self.module is not None:
            return f"dag-{self.module.id}-{self.day.id}"
        return f"dag-{self.number}"

    @property
    def label(self) -> str:
        """'Kursusdag 2 · tirsdag 3. marts 2027' (or 'Kursusdag 2' in a pack): numbered in
        the run, so it is not mistaken for a module's own 'Dag 1', 'Dag 2' in day titles."""
        return f"Kursusdag {self.number}" + (f" · {date_long(self.date)}" if self.date else "")

    @property
    def kicker(self) -> str:
        """The line above the day's heading in print."""
        if self.kind == "course" and self.module is not None:
            return f"Modul {self.module.number} · Dag {self.number_in_module}"
        return self.label + (f" · Modul {self.module.number}" if self.module else "")


@dataclass(frozen=True)
class Plan:
    """A resolved course, pack or run: its days in order."""

    kind: PlanKind
    id: str
    days: tuple[RunDayView, ...]
    source: object  # the Course, Pack or Run it was resolved from (a changed item re-resolves)

    def homework(self) -> list[HomeworkInRun]:
        """Every homework the plan hands out, in order."""
        return [h for v in self.days for h in v.homework_out]

    def tool_ids(self) -> list[str]:
        """Tools of the days (own and changed blocks included) and of the homework."""
        ids: list[str] = []
        for v in self.days:
            for b in v.day.blocks:
                ids.extend(b.tools)
            for h in v.homework_out:
                ids.extend(h.homework.tools)
        return list(dict.fromkeys(ids))

    def groups(self) -> list[tuple[Module | None, list[RunDayView]]]:
        """Consecutive days of one module together; an own day stands alone."""
        groups: list[tuple[Module | None, list[RunDayView]]] = []
        for v in self.days:
            if v.module is not None and groups and groups[-1][0] is v.module:
                groups[-1][1].append(v)
            else:
                groups.append((v.module, [v]))
        return groups
