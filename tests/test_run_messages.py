"""What a trainer reads about a run file: every problem at once, in Danish, at the line
of the value that is wrong, with a way out; never the validation library's own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content.catalog import load
from handbook.content.run_messages import clock_message, date_message, nearest
from handbook.errors import ContentError

HEAD = "title: Testhold\ncohort: {organisations: [Jobcenter Test], size: 4}\n"
HEAD += "venue: {name: Lokale 1, address: Testvej 1}\ndays:\n"

# The pydantic wording a trainer must never see.
RAW = ("should", "Input", "String", "pattern", "Value error", "Field required", "Extra inputs")


def write_run(content: Path, days: str, head: str = HEAD) -> Path:
    folder = content.parent / "runs"
    folder.mkdir(exist_ok=True)
    path = folder / "hold.yml"
    path.write_text(head + days, encoding="utf-8")
    return path


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(content)
    return [str(p) for p in info.value.problems]


def test_three_mistakes_three_danish_messages(mini: Path) -> None:
    # mini: dag-1 = velkomst, detektivspoergsmaal, frokost; dag-2 = opsamling-paa-hjemmeopgaven
    path = write_run(
        mini,
        """\
  - day: modul-a/dag-1
    date: 2. marts 2027
    start: "08:30"
    end: "10:45"
    changes:
      - skip: Frokost
  - day: modul-a/dag-2
    date: 2027-03-10
    end: "09:45"
    changes:
      - block: opsamling-paa-hjemmeopgave
        minutes: 40
""",
    )
    assert problems(mini) == [
        f"{path}:6: days[0].date: '2. marts 2027' er skrevet på dansk; skriv datoen som "
        "ÅÅÅÅ-MM-DD: 2027-03-02",
        f"{path}:10: days[0].changes[0].skip: 'Frokost' er blokkens titel, ikke dens nøgle: "
        "en ændring nævner blokken ved nøglen 'frokost'",
        f"{path}:15: days[1].changes[0].block: dag 'dag-2' i modul 'modul-a' har ingen blok "
        "med nøglen 'opsamling-paa-hjemmeopgave'. Mente du 'opsamling-paa-hjemmeopgaven'? "
        "Dagens nøgler: opsamling-paa-hjemmeopgaven",
    ]


def test_a_date_that_does_not_exist_points_at_its_field(mini: Path) -> None:
    # Unquoted, YAML would read 2027-02-30 as a date and fail before any field was known.
    for written in ("2027-02-30", '"2027-02-30"'):
        path = write_run(
            mini,
            f"""\
  - day: modul-a/dag-1
    date: 2027-03-03
    end: "11:15"
  - day: modul-a/dag-2
    date: {written}
    end: "09:45"
    changes:
      - skip: velkomst
""",
        )
        assert problems(mini) == [
            f"{path}:9: days[1].date: 2027-02-30 findes ikke: februar 2027 har 28 dage; skriv "
            "en dato, der findes, som ÅÅÅÅ-MM-DD, fx 2027-02-28",
            f"{path}:12: days[1].changes[0].skip: dag 'dag-2' i modul 'modul-a' har ingen blok "
            "med nøglen 'velkomst'. Dagens nøgler: opsamling-paa-hjemmeopgaven",
        ], written


def test_dates_written_other_ways() -> None:
    assert date_message("2/3-2027") == (
        "'2/3-2027' er skrevet på dansk; skriv datoen som ÅÅÅÅ-MM-DD: 2027-03-02"
    )
    assert date_message("tirsdag 2. marts 2027").endswith("ÅÅÅÅ-MM-DD: 2027-03-02")
    assert date_message("02.03.2027").endswith("ÅÅÅÅ-MM-DD: 2027-03-02")
    assert date_message("2027-3-2") == "skriv måned og dag med to cifre: 2027-03-02"
    assert date_message("31. april 2027") == (
        "'31. april 2027' findes ikke: april 2027 har 30 dage; skriv en dato, der findes, "
        "som ÅÅÅÅ-MM-DD, fx 2027-04-30"
    )
    assert date_message("2027-13-01") == (
        "2027-13-01 findes ikke: der er ingen måned 13; skriv en dato, der findes, som ÅÅÅÅ-MM-DD"
    )
    assert date_message("næste tirsdag") == (
        "'næste tirsdag' er ikke en dato: skriv datoen som ÅÅÅÅ-MM-DD, fx 2027-03-02"
    )


def test_clock_times_say_how_to_write_them() -> None:
    assert clock_message("8.30") == 'skriv klokkeslættet som "TT:MM" i anførselstegn: "08:30"'
    assert clock_message("kl. 9") == 'skriv klokkeslættet som "TT:MM" i anførselstegn: "09:00"'
    assert clock_message("25:00") == (
        "'25:00' er ikke et klokkeslæt: timer går fra 00 til 23, minutter fra 00 til 59"
    )
    assert clock_message(510) == (
        'skriv klokkeslættet i anførselstegn: "08:30" (uden anførselstegn læser YAML det som '
        "tallet 510)"
    )


def test_nearest_guesses_only_a_clear_slip() -> None:
    assert nearest("ressourceprog", ["ressourcesprog", "velkomst"]) == "ressourcesprog"
    assert nearest("dag-9", ["dag-1", "dag-2"]) is None  # as near one as the other
    assert nearest("frokost", ["velkomst", "opsamling"]) is None
    keys = ["opsamling-paa-hjemmeopgaven", "opgave-i-par"]
    assert nearest("opsamlingen", keys) == "opsamling-paa-hjemmeopgaven"  # its beginning
    assert nearest("op", keys) is None


def test_no_raw_validation_text_reaches_a_trainer(mini: Path) -> None:
    path = write_run(
        mini,
        """\
  - day: Modul A/Dag 1
    date: [2027]
    strat: "08:30"
    start: "8.30"
    end: "kl 25"
    title: ""
    changes:
      - skip: velkomst
        minutes: 10
      - block: frokost
      - insert_after: frokost
        block: {title: Ny, kind: foredrag, minutes: 0}
      - blok: frokost
  - date: 2027-03-04
    end: "12:00"
    blocks: [{title: Egen, kind: oplæg, minutes: 30}]
  - date: 2027-03-05
    end: "12:00"
    title: Egen dag
    blocks: [{title: Egen, kind: oplæg, minutes: "30"}]
""",
        head="title: 5\ncohort: {organisations: [], size: 0}\nvenue: Lokale 1\nkursus: x\ndays:\n",
    )
    found = problems(mini)
    assert len(found) >= 15
    for line in found:
        assert not any(word in line for word in RAW), line
        assert str(path) in line and ": (file):" not in line, line
    text = "\n".join(found)
    assert "days[0].strat: ukendt felt 'strat'. Mente du 'start'? Felter her: day, date, " in text
    assert ": kursus: ukendt felt 'kursus'. Mente du 'course'?" in text
    assert "days[0].changes[3].blok: ukendt felt 'blok'. Mente du 'block'?" in text
    assert "'foredrag' kan ikke bruges her. Vælg en af: velkomst, oplæg, øvelse" in text
    assert "days[0].day: 'Modul A/Dag 1' er ikke en dag: skriv '<modul>/<dag>'" in text
    assert "days[1]: en egen dag skal have en 'title'" in text
    assert "days[0].changes[0]: 'skip' står alene" in text
    assert "days[0].changes[1]: skriv hvad der ændres i 'frokost'" in text
    assert "cohort.size: skal være større end 0" in text
    assert "days[2].blocks[0].minutes: skal være et helt tal, fx 30" in text


def test_run_messages_are_danish_and_content_messages_stay_english(mini: Path) -> None:
    """Authors read English (content/), trainers Danish (runs/): one load, two audiences."""
    module = mini / "modules" / "modul-a.yml"
    module.write_text(
        module.read_text(encoding="utf-8").replace("tools: [detektiv]\n", "tools: [detektov]\n", 1),
        encoding="utf-8",
    )
    write_run(mini, "  - day: modul-a/dag-2\n    date: 2027-03-10\n    end: 9:45\n")
    found = problems(mini)
    assert any("modul-a.yml" in p and "unknown tool 'detektov'" in p for p in found)
    assert any("hold.yml" in p and "skriv klokkeslættet i anførselstegn" in p for p in found)


def test_yaml_and_text_problems_in_danish(mini: Path) -> None:
    path = write_run(mini, "  - day: modul-a/dag-2\n    date: 2027-03-10\n    date: 2027-03-11\n")
    assert problems(mini) == [f"{path}:7: (file): nøglen 'date' står to gange"]
    path = write_run(mini, "  - day: modul-a/dag-2\n\tdate: 2027-03-10\n")
    assert problems(mini) == [f"{path}:6: (file): tabulator i indrykningen: ryk ind med mellemrum"]
    path = write_run(mini, '  - day: modul-a/dag-2\n    title: "Dag\n    end: "10:00"\n')
    (found,) = problems(mini)
    assert found.startswith(f"{path}:6: (file): en tekst i anførselstegn begynder her")
    # Text outside the text format, in a file with another mistake: both are said.
    path = write_run(
        mini,
        """\
  - date: 2027-03-10
    end: "10:00"
    title: "Egen <b>dag</b>"
    blocks: [{title: Oplæg, kind: oplæg, minutes: 60, description: "![x](https://a.dk/x.png)"}]
  - date: 2027-03-11
    end: 10.00
    title: Dag to
    blocks: [{title: Oplæg, kind: oplæg, minutes: 60}]
""",
    )
    assert problems(mini) == [
        f"{path}:7: days[0].title: HTML er ikke tilladt i teksten: '</b>'",
        f"{path}:7: days[0].title: HTML er ikke tilladt i teksten: '<b>'",
        f"{path}:8: days[0].blocks[0].description: billeder er ikke tilladt i teksten",
        f'{path}:10: days[1].end: skriv klokkeslættet som "TT:MM" i anførselstegn: "10:00" '
        "(uden anførselstegn læser YAML det som tallet 10.0)",
    ]
