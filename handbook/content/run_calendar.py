"""Time zone, years and event versions of a run's calendar (handbook/render/ics.py).

- **Years.** A run's dates lie in 2000–2099 (`check` says so otherwise): the VTIMEZONE
  below states the EU rule (summer time from the last Sunday of March 02.00 to the last
  Sunday of October 03.00, in force since 1996) as yearly RRULEs, which hold for every
  one of those years, where a list of explicit transitions stops somewhere (icalendar's
  stopped at 2037). The planner's calendar writes the same component
  (docs/javascripts/planner-core.js).
- **Clock times on a change day.** 02.30 on the last Sunday of March does not exist in
  Copenhagen (an error), 02.30 on the last Sunday of October exists twice (a warning: the
  calendar means the first, summer time, as RFC 5545 says of such a local time).
- **SEQUENCE.** A calendar program updates an event it has only when the new copy has a
  higher SEQUENCE. The build keeps, per event UID, the digest of what the event says and
  its sequence in the run's manifest.json; the sequence rises by one whenever the digest
  differs from the last build's (also when a day returns to an earlier content, which a
  count of distinct digests would miss), and stays when nothing changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from .timeplan import clock, date_long

TZID = "Europe/Copenhagen"
TZ = ZoneInfo(TZID)
FIRST_YEAR, LAST_YEAR = 2000, 2099


def year_problem(date: dt.date) -> str | None:
    if FIRST_YEAR <= date.year <= LAST_YEAR:
        return None
    return (
        f"{date.isoformat()}: et forløbs datoer skal ligge i årene {FIRST_YEAR}–{LAST_YEAR} "
        "(kalenderens tidszoneregler gælder for dem)"
    )


def _exists(date: dt.date, minutes: int) -> bool:
    local = dt.datetime.combine(date, dt.time(minutes // 60, minutes % 60), tzinfo=TZ)
    back = local.astimezone(dt.UTC).astimezone(TZ)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def _ambiguous(date: dt.date, minutes: int) -> bool:
    local = dt.datetime.combine(date, dt.time(minutes // 60, minutes % 60), tzinfo=TZ)
    return local.utcoffset() != local.replace(fold=1).utcoffset()


def time_problem(date: dt.date, minutes: int) -> tuple[str, str] | None:
    """('error' | 'warning', Danish message) for a clock time that does not exist or exists
    twice on `date` in Copenhagen; None for an ordinary time."""
    if not _exists(date, minutes):
        first = next(m for m in range(minutes, -1, -1) if _exists(date, m)) + 1
        after = next(m for m in range(minutes, 24 * 60) if _exists(date, m))
        return (
            "error",
            f"klokken {clock(minutes)} findes ikke {date_long(date)}: urene stilles frem fra "
            f"{clock(first)} til {clock(after)} (sommertid begynder). Vælg et klokkeslæt "
            f"før {clock(first)} eller fra {clock(after)}",
        )
    if _ambiguous(date, minutes):
        return (
            "warning",
            f"klokken {clock(minutes)} findes to gange {date_long(date)}: urene stilles "
            "tilbage (vintertid begynder), og kalenderen bruger den første (sommertid)",
        )
    return None


def vtimezone() -> Timezone:
    """Europe/Copenhagen as yearly rules (the same lines as the planner's calendar)."""
    tz = Timezone()
    tz.add("tzid", TZID)
    # (component, hours from, hours to, name, first local change time, month): the change
    # is on the month's last Sunday (BYDAY=-1SU), DTSTART only anchors the rule.
    for part, before, after, name, start, month in (
        (TimezoneDaylight(), 1, 2, "CEST", dt.datetime(1970, 3, 29, 2, 0), 3),
        (TimezoneStandard(), 2, 1, "CET", dt.datetime(1970, 10, 25, 3, 0), 10),
    ):
        part.add("tzoffsetfrom", dt.timedelta(hours=before))
        part.add("tzoffsetto", dt.timedelta(hours=after))
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(part)
    return tz


def digest(fields: dict[str, Any]) -> str:
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def event_versions(
    digests: dict[str, str], previous: dict[str, Any] | None
) -> dict[str, dict[str, Any]]:
    """{uid: {'digest', 'sequence'}} for this build, from last build's (manifest 'events')."""
    out: dict[str, dict[str, Any]] = {}
    for uid, now in digests.items():
        was = (previous or {}).get(uid)
        sequence = 0
        if isinstance(was, dict) and isinstance(was.get("sequence"), int):
            sequence = was["sequence"] + (was.get("digest") != now)
        out[uid] = {"digest": now, "sequence": max(sequence, 0)}
    return out
