"""Calendar file (.ics, RFC 5545) of a course run, written with the icalendar library.

One VEVENT per run day, in Europe/Copenhagen with a VTIMEZONE of yearly rules
(content/run_calendar.py), METHOD:PUBLISH, and a SEQUENCE that rises when the event's
content changes (kept in the run's manifest.json). The SUMMARY is the day's title and what
it belongs to: the run's course, else the day's module, else (an own day) the run. The UID is
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
from typing import Any

from icalendar import Calendar, Event, vDDDTypes, vInt, vText

from ..content.book import Handbook
from ..content.run_calendar import TZ, digest, vtimezone
from ..content.runs import run_days
from ..text import to_plain

PRODID = "-//Metodehåndbogen//Kursusforløb//DA"


def uid(run_id: str, number: int) -> str:
    return f"{run_id}-{number}@metodehaandbogen"


def _stamp() -> dt.datetime:
    """DTSTAMP: the build time (SOURCE_DATE_EPOCH when set, for reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def events(book: Handbook, run_id: str) -> list[dict[str, Any]]:
    """What each day's event says (without DTSTAMP and SEQUENCE), in order."""
    run = book.runs[run_id]
    course = book.courses.get(run.course) if run.course else None
    location = to_plain(run.venue.name) + (
        f", {to_plain(run.venue.address)}" if run.venue.address else ""
    )
    out = []
    for view in run_days(book, run):
        if view.date is None or view.end is None:  # not an assert: -O would drop it
            raise ValueError(f"run '{run_id}' day {view.number} has no date or end")
        # Wall-clock times of the day: a day on a daylight-saving change day is written as
        # local time with its TZID, and the reader's calendar places it by the rules.
        day = dt.datetime.combine(view.date, dt.time(0, 0), tzinfo=TZ)
        belongs = course.title if course else view.module.title if view.module else run.title
        title, of = to_plain(view.day.title), to_plain(belongs)
        lines = [to_plain(run.title), ""]
        lines += [f"{start} {to_plain(block.title)}" for start, _, block in view.schedule]
        lines.append(f"{view.schedule[-1][1]} Slut")
        out.append(
            {
                "uid": uid(run_id, view.number),
                "start": day + dt.timedelta(minutes=view.start),
                "end": day + dt.timedelta(minutes=view.end),
                "summary": title if of in ("", title) else f"{title} · {of}",
                "location": location,
                "description": "\n".join(lines),
            }
        )
    return out


def event_digests(book: Handbook, run_id: str) -> dict[str, str]:
    """A digest of what each event says, by UID (for its SEQUENCE)."""
    return {
        e["uid"]: digest({k: v for k, v in e.items() if k != "uid"}) for e in events(book, run_id)
    }


def calendar_object(
    book: Handbook, run_id: str, sequences: dict[str, int] | None = None
) -> Calendar:
    """The run's calendar as icalendar objects, every property a typed value; `sequences`
    by UID from the manifest (content/run_calendar.py), 0 for an event without one."""
    run = book.runs[run_id]
    cal = Calendar()
    cal.add("prodid", vText(PRODID))
    cal.add("version", vText("2.0"))
    cal.add("calscale", vText("GREGORIAN"))
    cal.add("method", vText("PUBLISH"))
    # An X- property is TEXT (RFC 5545 3.8.8.2), but icalendar writes a plain str as it is:
    # vText escapes "\\", "," and ";" as the SUMMARY is (and as the planner's file does).
    cal.add("x-wr-calname", vText(to_plain(run.title)))
    cal.add_component(vtimezone())
    stamp = _stamp()
    for fields in events(book, run_id):
        event = Event()
        event.add("uid", vText(fields["uid"]))
        event.add("dtstamp", vDDDTypes(stamp))
        event.add("sequence", vInt((sequences or {}).get(fields["uid"], 0)))
        event.add("dtstart", vDDDTypes(fields["start"]))
        event.add("dtend", vDDDTypes(fields["end"]))
        event.add("summary", vText(fields["summary"]))
        event.add("location", vText(fields["location"]))
        event.add("description", vText(fields["description"]))
        cal.add_component(event)
    return cal


def calendar(book: Handbook, run_id: str, sequences: dict[str, int] | None = None) -> bytes:
    """The run's .ics file."""
    return calendar_object(book, run_id, sequences).to_ical()
