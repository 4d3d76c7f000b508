"""Trust, third round (issue 24): the calendar, the shared PDF cache, the preview server,
the printed addresses, run files and the leftovers of killed builds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from test_runs import TWO_DAYS, line_of, problems, write_run

from handbook.catalog import load

ROOT = Path(__file__).resolve().parent.parent

# A run title that, written unescaped, ends the calendar and starts the author's own.
CALENDAR_PAYLOAD = (
    "Kursus\nEND:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:evil@x\n"
    "ATTACH:http://evil.example/x\nEND:VEVENT"
)


# --- the calendar -------------------------------------------------------------------------


def test_a_run_title_with_line_breaks_is_a_check_problem(mini: Path) -> None:
    path = write_run(mini, TWO_DAYS)
    text = path.read_text(encoding="utf-8").replace(
        "title: Testhold", f"title: {CALENDAR_PAYLOAD!r}".replace("'", '"')
    )
    path.write_text(text, encoding="utf-8")
    found = problems(mini)
    assert found == [
        f"{path}:1: title: must be one line (it becomes a calendar name, an event title or a "
        "heading): remove the line break"
    ]


def test_one_line_fields_of_a_run_refuse_line_breaks(mini: Path) -> None:
    days = TWO_DAYS + '  - date: 2027-03-17\n    end: "10:00"\n    title: "Egen\\ndag"\n'
    days += '    blocks: [{title: "To\\nlinjer", kind: øvelse, minutes: 30}]\n'
    path = write_run(mini, days)
    found = problems(mini)
    line = line_of(path, 'title: "Egen')
    assert [p.split(": must be one line")[0] for p in found] == [
        f"{path}:{line}: days[2].title",
        f"{path}:{line + 1}: days[2].blocks[0].title",
    ]


def _unescape(value: str) -> str:
    """RFC 5545 TEXT unescaping (icalendar parses an X- property back as raw text)."""
    return re.sub(r"\\([nN\\,;])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def test_calendar_escapes_every_property_even_under_python_O(mini: Path) -> None:
    """With the check bypassed (the model changed after loading), `python -O` (asserts
    off) still writes one calendar with one event per day and the title as typed."""
    write_run(mini, TWO_DAYS)
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from icalendar import Calendar, vText
        from handbook.catalog import load
        from handbook.render import ics
        try:
            assert False
        except AssertionError:
            sys.exit("asserts are on: run this with python -O")
        book = load(Path({str(mini)!r}))
        payload = {CALENDAR_PAYLOAD!r}
        run = book.runs["hold"]
        run.title = payload
        run.days[0].title = payload
        run.venue.name = payload
        sys.stdout.buffer.write(ics.calendar(book, "hold"))
        """
    )
    result = subprocess.run(
        [sys.executable, "-O", "-c", script], cwd=ROOT, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    data = result.stdout
    lines = data.split(b"\r\n")  # a content line; folded continuations start with a space
    assert lines.count(b"BEGIN:VCALENDAR") == 1 and lines.count(b"END:VCALENDAR") == 1
    assert lines.count(b"BEGIN:VEVENT") == 2  # one per day, none of the author's
    assert not [line for line in lines if line.startswith((b"UID:evil", b"ATTACH"))]
    from icalendar import Calendar

    cal = Calendar.from_ical(data)
    assert _unescape(cal["X-WR-CALNAME"].to_ical().decode()) == CALENDAR_PAYLOAD
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["hold-1@metodehaandbogen", "hold-2@metodehaandbogen"]
    assert str(events[0]["SUMMARY"]) == CALENDAR_PAYLOAD
    assert str(events[0]["LOCATION"]).startswith(CALENDAR_PAYLOAD)


def test_every_calendar_property_is_typed(book) -> None:
    from icalendar.prop import vUnknown

    from handbook.render import ics

    for run_id in book.runs:
        cal = ics.calendar_object(book, run_id)
        for component in cal.walk():
            for name, value in component.items():
                assert not isinstance(value, vUnknown), (run_id, component.name, name)


def test_green_check_means_the_run_builds(mini: Path, tmp_path: Path) -> None:
    write_run(mini, TWO_DAYS)
    env = {**os.environ, "HANDBOOK_CONTENT": str(mini), "HANDBOOK_CACHE": str(tmp_path / "c")}
    check = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    book = load(mini)
    from handbook.build import write_run as build_run

    folder = build_run(book, "hold", tmp_path / "runs")
    assert sorted(p.name for p in folder.iterdir()) == [
        "deltagermappe-hold.pdf",
        "drejebog-hold.pdf",
        "hold.ics",
    ]
