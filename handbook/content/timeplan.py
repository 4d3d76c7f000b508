"""Clock times, durations and Danish dates: how a planned day's times are written.

One module for every output (site, print, run sheet, calendar) and the run check, so a
day's times are computed and written the same way everywhere.
"""

from __future__ import annotations

import datetime as dt

from .model import Block, Day

DAY_START = 9 * 60  # a module day's suggested start, 09.00

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


def clock(total: int) -> str:
    """510 → '08.30' (the Danish way of writing a clock time)."""
    return f"{total // 60:02d}.{total % 60:02d}"


def minutes(total: int) -> str:
    """95 → '1 t 35 min'."""
    hours, mins = divmod(total, 60)
    if hours and mins:
        return f"{hours} t {mins} min"
    return f"{hours} t" if hours else f"{mins} min"


def day_schedule(day: Day, start: int = DAY_START) -> list[tuple[str, str, Block]]:
    """The day's blocks with their clock times ('09.00', '09.30', block), from `start`."""
    rows = []
    t = start
    for block in day.blocks:
        rows.append((clock(t), clock(t + block.minutes), block))
        t += block.minutes
    return rows


def date_long(date: dt.date) -> str:
    """'tirsdag 3. marts 2027'."""
    return f"{WEEKDAYS[date.weekday()]} {date.day}. {MONTHS[date.month - 1]} {date.year}"


def date_short(date: dt.date) -> str:
    """'3. marts'."""
    return f"{date.day}. {MONTHS[date.month - 1]}"
