"""A run's calendar (.ics): read back with icalendar across both daylight-saving changes
of 2027 and in 2040, the time-zone rules themselves, clock times the clocks skip or pass
twice, the year limit, METHOD, SUMMARY, text as typed, and a SEQUENCE that rises only when
an event's content changed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from handbook.content.catalog import load
from handbook.errors import ContentError
from handbook.render import ics

UTC = dt.UTC
CPH = ZoneInfo("Europe/Copenhagen")
HEAD = "title: Testhold\ncohort: {organisations: [Jobcenter Test], size: 4}\n"
HEAD += "venue: {name: Lokale 1, address: Testvej 1}\n"


def write_run(content: Path, days: str, head: str = HEAD) -> Path:
    folder = content.parent / "runs"
    folder.mkdir(exist_ok=True)
    path = folder / "hold.yml"
    path.write_text(head + "days:\n" + days, encoding="utf-8")
    return path


def day(date: str, start: str = "09:00", end: str = "11:15", ref: str = "modul-a/dag-1") -> str:
    # mini's dag-1 takes 2 t 15 min
    return f'  - day: {ref}\n    date: {date}\n    start: "{start}"\n    end: "{end}"\n'


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def test_events_around_both_2027_changes_and_in_2040(mini: Path) -> None:
    dates = ["2027-03-26", "2027-03-29", "2027-10-29", "2027-11-01", "2040-03-23", "2040-03-26"]
    write_run(mini, "".join(day(d) for d in dates))
    book = load(mini)
    data = ics.calendar(book, "hold")
    # 09.00 Copenhagen: winter time is UTC+1, summer time UTC+2.
    expected_utc = [8, 7, 7, 8, 8, 7]
    for event, date, hour in zip(events(data), dates, expected_utc, strict=True):
        start = event.decoded("DTSTART")
        assert start.date().isoformat() == date
        assert start.astimezone(UTC).hour == hour, date
        assert event["DTSTART"].to_ical() == date.replace("-", "").encode() + b"T090000"
        assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    # The VTIMEZONE the file carries holds by itself (a calendar program that knows no
    # zone names reads it): its rules give the right offsets in 2027, 2040 and 2099.
    zone = Calendar.from_ical(data).walk("VTIMEZONE")[0].to_tz()
    for when, hours in (
        (dt.datetime(2027, 3, 29, 9), 2),
        (dt.datetime(2027, 11, 1, 9), 1),
        (dt.datetime(2040, 3, 24, 9), 1),
        (dt.datetime(2040, 3, 26, 9), 2),
        (dt.datetime(2040, 10, 27, 9), 2),
        (dt.datetime(2040, 10, 29, 9), 1),
        (dt.datetime(2099, 7, 1, 9), 2),
        (dt.datetime(2099, 12, 1, 9), 1),
    ):
        assert when.replace(tzinfo=zone).utcoffset() == dt.timedelta(hours=hours), when
        assert when.replace(tzinfo=CPH).utcoffset() == dt.timedelta(hours=hours), when
    text = data.decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    assert "RDATE" not in text  # rules, not a list of transitions that stops somewhere


def test_a_day_on_the_change_day_is_timed_by_the_clock(mini: Path) -> None:
    """01.30–04.00 on 28 March 2027: the clocks skip an hour, so it lasts 1 t 30 min."""
    own = (
        '  - date: 2027-03-28\n    start: "01:30"\n    end: "04:00"\n    title: Nattevagt\n'
        "    blocks: [{title: Oplæg, kind: oplæg, minutes: 150}]\n"
        '  - date: 2027-10-31\n    start: "01:30"\n    end: "04:00"\n    title: Nattevagt\n'
        "    blocks: [{title: Oplæg, kind: oplæg, minutes: 150}]\n"
    )
    write_run(mini, own)
    book = load(mini)
    spring, autumn = events(ics.calendar(book, "hold"))
    start, end = spring.decoded("DTSTART"), spring.decoded("DTEND")
    assert start.astimezone(UTC) == dt.datetime(2027, 3, 28, 0, 30, tzinfo=UTC)
    assert end.astimezone(UTC) == dt.datetime(2027, 3, 28, 2, 0, tzinfo=UTC)
    start, end = autumn.decoded("DTSTART"), autumn.decoded("DTEND")
    assert end.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=3, minutes=30)


def test_times_the_clocks_skip_or_pass_twice(mini: Path) -> None:
    path = write_run(mini, day("2027-03-28", "02:30", "04:45"))
    with pytest.raises(ContentError) as info:
        load(mini)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:7: days[0].start: klokken 02.30 findes ikke søndag 28. marts 2027: urene "
        "stilles frem fra 02.00 til 03.00 (sommertid begynder). Vælg et klokkeslæt før 02.00 "
        "eller fra 03.00"
    ]
    path = write_run(mini, day("2027-10-31", "00:15", "02:30"))
    book = load(mini)  # a warning only
    assert [str(w) for w in book.warnings] == [
        f"{path}:8: days[0].end: advarsel: klokken 02.30 findes to gange søndag 31. oktober "
        "2027: urene stilles tilbage (vintertid begynder), og kalenderen bruger den første "
        "(sommertid)"
    ]
    (event,) = events(ics.calendar(book, "hold"))
    assert event.decoded("DTEND").astimezone(UTC).hour == 0  # 02.30 summer time = 00.30 UTC


def test_years_outside_2000_to_2099_are_refused(mini: Path) -> None:
    path = write_run(mini, day("1999-12-01") + day("2100-01-04"))
    with pytest.raises(ContentError) as info:
        load(mini)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:6: days[0].date: 1999-12-01: et forløbs datoer skal ligge i årene 2000–2099 "
        "(kalenderens tidszoneregler gælder for dem)",
        f"{path}:10: days[1].date: 2100-01-04: et forløbs datoer skal ligge i årene 2000–2099 "
        "(kalenderens tidszoneregler gælder for dem)",
    ]
    write_run(mini, day("2099-12-28"))
    assert "hold" in load(mini).runs


def test_method_summary_and_text_as_typed(mini: Path) -> None:
    own = (
        "  - date: 2027-03-10\n    end: \"10:00\"\n    title: 'Kaffe \\& kage'\n"
        "    blocks: [{title: 'A \\& B', kind: oplæg, minutes: 60}]\n"
    )
    write_run(mini, day("2027-03-03") + own, head=HEAD.replace("Testhold", "'Hold \\& co'"))
    book = load(mini)
    data = ics.calendar(book, "hold")
    cal = Calendar.from_ical(data)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Hold & co"
    module_day, own_day = cal.walk("VEVENT")
    assert str(module_day["SUMMARY"]) == "Dag 1 – Spørgsmål · Samtalen i praksis"  # the module
    assert str(own_day["SUMMARY"]) == "Kaffe & kage · Hold & co"  # an own day: the run
    assert "09.00 A & B" in str(own_day["DESCRIPTION"])
    assert b"\\&" not in data and b"Kaffe & kage" in data
    # With a course, the course names the day.
    write_run(mini, day("2027-03-03"), head=HEAD + "course: kursus\n")
    (event,) = events(ics.calendar(load(mini), "hold"))
    assert str(event["SUMMARY"]) == "Dag 1 – Spørgsmål · Testkursus"


def test_sequence_rises_when_an_event_changes(mini: Path, tmp_path: Path) -> None:
    from handbook.build import write_run as build_run

    target = tmp_path / "built"
    two = day("2027-03-03") + day("2027-03-10", end="09:45", ref="modul-a/dag-2")

    def build() -> list[int]:
        folder = build_run(load(mini), "hold", target)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        found = [int(e["SEQUENCE"]) for e in events((folder / "hold.ics").read_bytes())]
        assert found == [
            manifest["events"][f"hold-{n}@metodehaandbogen"]["sequence"] for n in (1, 2)
        ]
        return found

    write_run(mini, two)
    assert build() == [0, 0]
    assert build() == [0, 0]  # nothing changed: the same versions
    write_run(mini, two.replace('end: "11:15"', 'end: "11:30"'))  # day 1 booked longer
    assert build() == [1, 0]
    assert build() == [1, 0]
    write_run(mini, two)  # back as it was: still a new version for calendar programs
    assert build() == [2, 0]
