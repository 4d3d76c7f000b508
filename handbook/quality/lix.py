"""Readability (LIX) of every reader-facing text: `python build.py check --lix`, and the ten
hardest passages printed after every build.

LIX (Björnsson's "läsbarhetsindex", used for Danish since the 1970s) is

    words / sentences + 100 × long words / words

where a long word has more than six letters. Higher means harder: roughly, under 25 is
children's books, 35–45 newspapers and everyday prose, 45–55 factual prose, over 55 the
language of reports and laws. These bands are a habit of use, not a standard; the handbook
sets no official target. Participant-facing text (the tool card's definition, value and
execution, worksheets, homework) is read by course participants and by the citizens
they work with, so a figure above PARTICIPANT_WARNING is reported for it.

A "text" is one field as the reader meets it: a string field, or a list of short strings
(a card's `value`, a day's `questions`) taken together, each item ending a sentence.
Figures on fewer than MIN_WORDS words say little and are left out of the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .reader_text import Passage, content_passages

PARTICIPANT_WARNING = 45
MIN_WORDS = 20
LONG_WORD = 6  # a long word has more letters than this

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A full stop that ends an abbreviation ("fx.", "bl.a.", "ca.") does not end a sentence.
_ABBREVIATION = re.compile(
    r"\b(?:fx|bl\.a|f\.eks|ca|evt|jf|nr|osv|kr|mio|inkl|mht|pga|dvs|el|ift|tlf|ang|vedr|"
    r"mv|m\.m|s|jan|feb|aug|sept|okt|nov|dec)\.",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
# Headings, list items and paragraphs stand without a full stop, yet each ends a thought:
# counting them as sentence ends keeps a list of ten short items from being scored as one
# fifty-word sentence. A line that starts a list item or follows a blank line starts a new
# segment.
_SEGMENT = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Lix:
    words: int
    long_words: int
    sentences: int

    @property
    def value(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words


def count(segments: Iterable[str]) -> Lix:
    """LIX counts of a text given as segments (items, headings, paragraphs): each segment
    ends a sentence whether or not it ends in a full stop."""
    words = long_words = sentences = 0
    for segment in segments:
        for part in _SEGMENT.split(segment):
            part = _LIST_MARK.sub("", part).strip()
            if not part:
                continue
            found = [w for w in _WORD.findall(part) if any(c.isalnum() for c in w)]
            if not found:
                continue
            words += len(found)
            long_words += sum(1 for w in found if sum(c.isalpha() for c in w) > LONG_WORD)
            inner = _SENTENCE_END.findall(_ABBREVIATION.sub("ABBR", part))
            ends_with_stop = bool(re.search(r"[.!?:]\s*$", _ABBREVIATION.sub("ABBR", part)))
            sentences += len(inner) + (0 if ends_with_stop else 1)
    return Lix(words, long_words, sentences)


def lix(text: str) -> float:
    return count([text]).value


@dataclass(frozen=True)
class Text:
    file: str
    line: int
    field: str
    participant: bool
    counts: Lix

    @property
    def value(self) -> float:
        return self.counts.value


def texts(passages: Iterable[Passage] | None = None) -> list[Text]:
    """One figure per reader-facing field of the content; a list of strings is one text."""
    grouped: dict[tuple[str, str], list[Passage]] = {}
    for p in content_passages() if passages is None else passages:
        field = re.sub(r"\[\d+\]$", "", p.field)  # value[3] → value
        grouped.setdefault((p.file, field), []).append(p)
    out = []
    for (file, field), members in grouped.items():
        out.append(
            Text(
                file=file,
                line=members[0].line,
                field=field,
                participant=members[0].participant,
                counts=count(m.text for m in members),
            )
        )
    return out


def _row(t: Text) -> str:
    return f"{t.value:5.1f}  {t.counts.words:5d}  {t.file}:{t.line}: {t.field}"


def hardest(all_texts: list[Text], n: int = 10) -> list[Text]:
    scored = [t for t in all_texts if t.counts.words >= MIN_WORDS]
    return sorted(scored, key=lambda t: (-t.value, t.file, t.line))[:n]


def participant_warnings(all_texts: list[Text]) -> list[Text]:
    return sorted(
        (
            t
            for t in all_texts
            if t.participant and t.counts.words >= MIN_WORDS and t.value > PARTICIPANT_WARNING
        ),
        key=lambda t: (-t.value, t.file, t.line),
    )


def hardest_table(all_texts: list[Text] | None = None) -> list[str]:
    found = hardest(texts() if all_texts is None else all_texts)
    return ["The ten hardest texts (LIX):", "  LIX  words  where", *map(_row, found)]


def build_summary() -> list[str]:
    """What every build prints: the ten hardest texts and how many participant-facing
    texts are above the warning figure (`check --lix` lists them)."""
    all_texts = texts()
    warned = participant_warnings(all_texts)
    return [
        *hardest_table(all_texts),
        f"{len(warned)} participant-facing text(s) above LIX {PARTICIPANT_WARNING}: "
        "python build.py check --lix lists them.",
    ]


def report() -> list[str]:
    """`check --lix`: participant-facing texts above the warning figure, then the ten hardest."""
    all_texts = texts()
    warned = participant_warnings(all_texts)
    participant = [t for t in all_texts if t.participant and t.counts.words >= MIN_WORDS]
    lines = [
        f"Participant-facing texts with LIX above {PARTICIPANT_WARNING}: {len(warned)} of "
        f"{len(participant)} (with {MIN_WORDS}+ words)",
        "  LIX  words  where",
        *map(_row, warned),
        "",
        *hardest_table(all_texts),
    ]
    return lines
