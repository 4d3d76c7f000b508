"""Spelling check of all reader-facing text with Hunspell and Debian's Danish dictionary.

`python build.py check --spelling` prints `file:line: field: unknown word «…»` for every
word that neither the dictionary (hunspell-da, `da_DK`) nor the project's word list
(spelling/words.txt: the field's terms, names and compounds Hunspell lacks) knows.

The `hunspell` program is called once with every distinct word, one per line (`-l` lists the
unknown ones); the passages keep their file and line, so each unknown word is reported
where it stands. Installed by `scripts/system-deps.sh` (packages hunspell, hunspell-da).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..paths import ROOT
from .reader_text import Passage, all_passages

WORD_LIST = ROOT / "spelling" / "words.txt"
DICTIONARY = "da_DK"

# A word: letters, with inner hyphens or apostrophes ("a-kasse", "PDF'er"). Tokens with
# digits ("4R-modellen", "L214") are numbers, codes or names and are not spelled.
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


class SpellingUnavailable(RuntimeError):
    """Hunspell or its Danish dictionary is not installed."""


def words_in(text: str) -> list[str]:
    out = []
    for word in _WORD.findall(text):
        word = word.strip("-'’")
        if len(word) > 1 and not any(c.isdigit() for c in word):
            out.append(word)
    return out


def _part_runs(word: str) -> list[str]:
    """Every run of consecutive parts of a hyphenated word: a-b-c → a, a-b, b, b-c, c …"""
    parts = word.split("-")
    return ["-".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]


def load_word_list(path: Path = WORD_LIST) -> set[str]:
    """The project's words, lowercased; '#' starts a comment."""
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return words


def hunspell_unknown(words: Iterable[str]) -> set[str]:
    """The words the Danish Hunspell dictionary does not know."""
    exe = shutil.which("hunspell")
    if exe is None:
        raise SpellingUnavailable(
            "hunspell is not installed (bash scripts/system-deps.sh --test installs it)"
        )
    unique = sorted(set(words))
    result = subprocess.run(
        [exe, "-d", DICTIONARY, "-i", "utf-8", "-l"],
        input="\n".join(unique) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0 or "Can't open affix or dic" in result.stderr:
        raise SpellingUnavailable(
            f"hunspell could not use the dictionary {DICTIONARY} (package hunspell-da): "
            + result.stderr.strip()
        )
    return set(result.stdout.split())


def unknown_words(
    passages: Iterable[Passage], word_list: set[str] | None = None
) -> list[tuple[Passage, str]]:
    """(passage, word) for every word neither Hunspell nor the word list knows, in order."""
    known = load_word_list() if word_list is None else word_list
    passages = list(passages)
    per_passage = [(p, words_in(p.text)) for p in passages]
    candidates = {w for _, words in per_passage for w in words if w.lower() not in known}
    # A hyphenated compound is right when it splits into known pieces ("GameMastery-kortet",
    # "brush-up-dage" = "brush-up" + "dage"): every run of its parts goes to Hunspell in the
    # same call.
    groups = {g for w in candidates if "-" in w for g in _part_runs(w)}
    unknown = hunspell_unknown(candidates | groups)

    def known_word(word: str) -> bool:
        return word.lower() in known or word not in unknown

    def splits_into_known(parts: list[str]) -> bool:
        return any(
            known_word("-".join(parts[:end]))
            and (end == len(parts) or splits_into_known(parts[end:]))
            for end in range(len(parts), 0, -1)
        )

    def wrong(word: str) -> bool:
        if known_word(word):
            return False
        return "-" not in word or not splits_into_known(word.split("-"))

    return [(p, w) for p, words in per_passage for w in words if wrong(w)]


def _word_line(passage: Passage, word: str, files: dict[str, list[str]]) -> int:
    """The line the word stands on: a passage's line is its key's, and a long text runs on
    over the following lines of the file."""
    if passage.file not in files:
        path = ROOT / passage.file
        files[passage.file] = (
            path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        )
    lines = files[passage.file]
    span = passage.text.count("\n") + len(passage.text) // 40 + 2
    for number in range(passage.line, min(passage.line + span, len(lines)) + 1):
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lines[number - 1]):
            return number
    return passage.line


def report(passages: Iterable[Passage] | None = None) -> list[str]:
    """One line per unknown word: `file:line: field: unknown word «…»`."""
    found = unknown_words(all_passages() if passages is None else passages)
    files: dict[str, list[str]] = {}
    return [f"{p.file}:{_word_line(p, w, files)}: {p.field}: unknown word «{w}»" for p, w in found]
