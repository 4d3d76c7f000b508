"""Calendar file (.ics, RFC 5545) of a course run, written with the icalendar library.

One VEVENT per run day, in Europe/Copenhagen with a VTIMEZONE. The UID is
'<run-id>-<n>@metodehaandbogen' with n the day's number, so importing a changed run (new
date, time or programme) updates the events instead of duplicating them. The description
holds the day's programme (clock time and block title), never trainer notes.

Every property is added as a typed value (vText, vDDDTypes …), never as a plain string:
icalendar writes a property it has no type for (such as X-WR-CALNAME) as "unknown", that is
unescaped, so a line break in a run title would end the calendar and start the author's own.
A typed text value escapes line breaks, commas and semicolons. `check` refuses line breaks
in a run's one-line fields anyway (runs.check_one_line); the escaping is the second wall.
Text fields are written as the reader sees them (handbook/text.py to_plain): a title typed
as 'Velkomst \\& kaffe' in a run file is 'Velkomst & kaffe' in the calendar, as in the planner's.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vDDDTypes, vText

from ..content.book import Handbook
from ..content.runs import run_days
from ..text import to_plain

TZ = ZoneInfo("Europe/Copenhagen")
PRODID = "-//Metodehåndbogen//Kursusforløb//DA"


def uid(run_id: str, number: int) -> str:
    return f"{run_id}-{number}@metodehaandbogen"


def _stamp() -> dt.datetime:
    """DTSTAMP: the build time (SOURCE_DATE_EPOCH when set, for reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def calendar_object(book: Handbook, run_id: str) -> Calendar:
    """The run's calendar as icalendar objects, every property a typed value."""
    run = book.runs[run_id]
    cal = Calendar()
    cal.add("prodid", vText(PRODID))
    cal.add("version", vText("2.0"))
    cal.add("calscale", vText("GREGORIAN"))
    cal.add("x-wr-calname", vText(to_plain(run.title)))
    location = to_plain(run.venue.name) + (
        f", {to_plain(run.venue.address)}" if run.venue.address else ""
    )
    stamp = _stamp()
    for view in run_days(book, run):
        if view.date is None or view.end is None:  # not an assert: -O would drop it
            raise ValueError(f"run '{run_id}' day {view.number} has no date or end")
        day = dt.datetime.combine(view.date, dt.time(0, 0), tzinfo=TZ)
        event = Event()
        event.add("uid", vText(uid(run_id, view.number)))
        event.add("dtstamp", vDDDTypes(stamp))
        event.add("dtstart", vDDDTypes(day + dt.timedelta(minutes=view.start)))
        event.add("dtend", vDDDTypes(day + dt.timedelta(minutes=view.end)))
        event.add("summary", vText(to_plain(view.day.title)))
        event.add("location", vText(location))
        lines = [to_plain(run.title), ""]
        lines += [f"{start} {to_plain(block.title)}" for start, _, block in view.schedule]
        lines.append(f"{view.schedule[-1][1]} Slut")
        event.add("description", vText("\n".join(lines)))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def calendar(book: Handbook, run_id: str) -> bytes:
    return calendar_object(book, run_id).to_ical()
