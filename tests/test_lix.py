"""Readability (LIX): the counting on known texts, and the tables `check --lix` and the
build print."""

from __future__ import annotations

import re

import pytest

from handbook.cli import main
from handbook.quality import lix
from handbook.quality.reader_text import Passage


def test_words_long_words_and_sentences_of_known_texts() -> None:
    # 6 words, none longer than six letters, 2 sentences: 6/2 + 0 = 3.
    assert lix.count(["Jeg går hjem. Du bliver her."]) == lix.Lix(6, 0, 2)
    assert lix.lix("Jeg går hjem. Du bliver her.") == pytest.approx(3.0)
    # "ringer" has six letters and is not long; the consultant is: 2/1 + 100·1/2 = 52.
    assert lix.lix("Virksomhedskonsulenten ringer.") == pytest.approx(52.0)
    # A question and a colon end sentences too.
    assert lix.count(["Hvad vil du? Spørg: hvorfor nu."]).sentences == 3


def test_list_items_and_paragraphs_end_sentences_without_a_full_stop() -> None:
    items = "Tre ting:\n\n- Borgeren\n- Arbejdsgiveren\n- Jobcentret"
    assert lix.count([items]) == lix.Lix(words=5, long_words=3, sentences=4)
    # Each item of a list field is its own sentence.
    assert lix.count(["Kort tekst", "En til"]).sentences == 2


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    assert lix.count(["Det tager ca. en time, fx. hvis bl.a. borgeren kommer."]).sentences == 1


def test_a_list_field_is_one_text_and_participant_texts_are_warned() -> None:
    hard = "Beskæftigelsesindsatsens virksomhedsrettede tilbudsstruktur understøtter " * 5
    passages = [
        Passage("tools/x.yml", 10, "value[0]", hard, participant=True),
        Passage("tools/x.yml", 11, "value[1]", hard, participant=True),
        Passage("tools/x.yml", 20, "implementation[0]", "Kort og let at læse. " * 6),
    ]
    texts = lix.texts(passages)
    assert [(t.field, t.line, t.counts.words) for t in texts] == [
        ("value", 10, 40),
        ("implementation", 20, 30),
    ]
    assert [t.field for t in lix.participant_warnings(texts)] == ["value"]
    assert lix.hardest(texts, 1)[0].field == "value"


def test_check_lix_prints_the_participant_table_and_the_ten_hardest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--lix"]) == 0
    out = capsys.readouterr().out
    assert f"Participant-facing texts with LIX above {lix.PARTICIPANT_WARNING}:" in out
    table = out[out.index("The ten hardest texts (LIX):") :].splitlines()
    rows = [line for line in table[2:] if line.strip() and ".yml:" in line]
    assert len(rows) == 10
    figures = [float(row.split()[0]) for row in rows]
    assert figures == sorted(figures, reverse=True)


def test_the_build_summary_names_the_ten_hardest_and_the_warned_count() -> None:
    lines = lix.build_summary()
    assert lines[0] == "The ten hardest texts (LIX):"
    assert len([line for line in lines if ".yml:" in line]) == 10
    assert re.fullmatch(r"\d+ participant-facing text\(s\) above LIX 45: .*", lines[-1])
