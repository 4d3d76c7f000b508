"""Spelling of all reader-facing text: Hunspell with Debian's Danish dictionary plus the
project's word list (spelling/words.txt). Needs the packages hunspell and hunspell-da
(`bash scripts/system-deps.sh --test`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from handbook.cli import main
from handbook.content.notes import note_segments, reader_note
from handbook.quality import spelling
from handbook.quality.reader_text import Passage, content_passages

pytestmark = pytest.mark.skipif(
    shutil.which("hunspell") is None, reason="hunspell is installed by system-deps.sh --test"
)

# "trinene" (for "trinnene", 52 times once) and its compounds: a misspelling the issue named.
TRINENE = re.compile(r"trinene", re.IGNORECASE)


def test_hunspell_flags_a_typo_and_knows_danish_compounds() -> None:
    passages = [
        Passage("x.yml", 3, "definition", "Virksomhedskonsulenten gennemgår trinene med borgeren."),
        Passage("x.yml", 4, "value[0]", "GameMastery-kortet og brush-up-dage i a-kassen."),
    ]
    found = spelling.unknown_words(passages, word_list={"gamemastery", "brush-up"})
    assert [(p.line, w) for p, w in found] == [(3, "trinene")]
    # Without the project's word list the field's names are unknown.
    assert {w for _, w in spelling.unknown_words(passages, word_list=set())} == {
        "trinene",
        "GameMastery-kortet",
        "brush-up-dage",
    }


def test_report_names_file_line_field_and_word(tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "kort.yml").write_text(
        "title: Et kort\ndefinition: >-\n  Borgeren skriver\n  trinene ned i jobloggen.\n",
        encoding="utf-8",
    )
    lines = spelling.report(content_passages(tmp_path))
    assert len(lines) == 1
    assert re.fullmatch(r".*tools/kort\.yml:\d+: definition: unknown word «trinene»", lines[0])


@pytest.fixture(scope="module")
def report_lines() -> list[str]:
    return spelling.report()


def test_reader_facing_text_has_no_unknown_words(report_lines: list[str]) -> None:
    """Every word in content, docs/ and the templates is Danish or on the word list."""
    found = report_lines
    assert not found, (
        "Unknown words (fix the typo, or add a real term to spelling/words.txt):\n"
        + "\n".join(found)
    )


def test_trinene_is_spelled_trinnene(report_lines: list[str]) -> None:
    assert not [line for line in report_lines if TRINENE.search(line)]


def test_word_list_is_sorted_into_sections_without_duplicates() -> None:
    lines = [
        line.split("#", 1)[0].strip().lower()
        for line in spelling.WORD_LIST.read_text(encoding="utf-8").splitlines()
    ]
    words = [w for w in lines if w]
    assert len(words) == len(set(words)), "a word is listed twice"


def test_check_spelling_prints_every_unknown_word(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--spelling"])
    out = capsys.readouterr().out
    unknown = [line for line in out.splitlines() if "unknown word «" in line]
    assert code == (1 if unknown else 0)
    for line in unknown:
        assert re.fullmatch(r"[\w/.-]+:\d+: [\w.\[\]]+: unknown word «[^»]+»", line), line


def test_notes_show_titles_not_ids_or_line_ranges() -> None:
    note = (
        "Samme opbygning som opfølgningsforløbet (samtalen-4-opfoelgningsforloeb, L214-251); "
        "004 staver det anderledes (L22-25, L289-323)."
    )
    titles = {"samtalen-4-opfoelgningsforloeb": "Opfølgningsforløb"}
    assert note_segments(note, titles)[1] == ("samtalen-4-opfoelgningsforloeb", "Opfølgningsforløb")
    text = reader_note(note, titles)
    assert "L214" not in text and "L22" not in text and "()" not in text
    assert text == (
        "Samme opbygning som opfølgningsforløbet (Opfølgningsforløb); "
        "*Kompetenceudviklingsforløb Samtalen (2016)* staver det anderledes."
    )


def test_reader_facing_fields_are_read_and_references_are_not() -> None:
    fields = {(p.file, p.field) for p in content_passages()}
    card = "content/tools/afklaringsredskabet.yml"
    assert (card, "worksheets[0].sections[0].fields[0].label") in fields
    assert (card, "execution.intro") in fields or (card, "definition") in fields
    assert (card, "provenance.notes") in fields
    assert not [
        f
        for f in fields
        if f[0] == card and re.match(r"(related|tags|id|provenance\.sources)", f[1])
    ]
    assert ("content/tools/detektivspoergsmaal.yml", "label") not in fields
