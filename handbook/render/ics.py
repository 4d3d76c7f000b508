"""Calendar file (.ics, RFC 5545) of a course run, written with the icalendar library.

One VEVENT per run day, in Europe/Copenhagen with a VTIMEZONE. The UID is
'<run-id>-<n>@metodehaandbogen' with n the day's number, so importing a changed run (new
date, time or programme) updates the events instead of duplicating them. The description
holds the day's programme (clock time and block title), never trainer notes.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..content.book import Handbook
from ..content.runs import run_days

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


def calendar(book: Handbook, run_id: str) -> bytes:
    run = book.runs[run_id]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", run.title)
    location = run.venue.name + (f", {run.venue.address}" if run.venue.address else "")
    stamp = _stamp()
    for view in run_days(book, run):
        assert view.date is not None and view.end is not None
        day = dt.datetime.combine(view.date, dt.time(0, 0), tzinfo=TZ)
        event = Event()
        event.add("uid", uid(run_id, view.number))
        event.add("dtstamp", stamp)
        event.add("dtstart", day + dt.timedelta(minutes=view.start))
        event.add("dtend", day + dt.timedelta(minutes=view.end))
        event.add("summary", view.day.title)
        event.add("location", location)
        lines = [run.title, ""]
        lines += [f"{start} {block.title}" for start, _, block in view.schedule]
        lines.append(f"{view.schedule[-1][1]} Slut")
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
