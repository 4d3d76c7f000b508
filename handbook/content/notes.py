"""An editorial note as readers get it: source line ranges out (they stay in the YAML for
editors), source numbers as titles, item ids as the items' titles (links on the site).

Shared by the site (render/site.py) and the language checks (quality/), which read the
notes as readers see them.
"""

from __future__ import annotations

import re

from .model import SOURCE_NAMES

# "(L214-251)", "003 L440-519", "L22-25, L289-323": source line ranges for editors.
LINE_REF = re.compile(r"(?:\b00[0-4]\s+)?\bL\d+(?:\s*[-–]\s*\d+)?\b")

# An item id in a note ("se kortet mit-cv", "(samtalen-4-opfoelgningsforloeb)") and a bare
# source number ("004 staver …", "(002)").
ID_IN_NOTE = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
SOURCE_NUMBER = re.compile(r"(?<![\w-])00[0-4](?![\w-])")


def note_segments(note: str, titles: dict[str, str]) -> list[str | tuple[str, str]]:
    """An editorial note as readers get it, in pieces: text (str), and (id, title) where
    the note names a handbook item by its id, which the site shows as a link with the
    item's title. Source line ranges are taken out (they stay in the YAML for editors) and
    source numbers become the source's title."""
    text = LINE_REF.sub("", note)
    text = re.sub(r"\(\s*(?:[,;]\s*)*\)", "", text)  # "(L1, L2)" → ""
    text = re.sub(r"\(\s*[,;]\s*", "(", text)
    text = re.sub(r"\s*[,;]\s*\)", ")", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    # In italics, as a title: "*Undervisningsdag for ledelsen (slides)*'s minimumskrav".
    text = SOURCE_NUMBER.sub(lambda m: f"*{SOURCE_NAMES[m.group(0)]}*", text)
    segments: list[str | tuple[str, str]] = []
    last = 0
    for match in ID_IN_NOTE.finditer(text):
        if match.group(0) in titles:
            segments.append(text[last : match.start()])
            segments.append((match.group(0), titles[match.group(0)]))
            last = match.end()
    segments.append(text[last:])
    return [s for s in segments if s]


def reader_note(note: str, titles: dict[str, str] | None = None) -> str:
    """The note in the content text format, ids replaced by titles (see note_segments)."""
    return "".join(s if isinstance(s, str) else s[1] for s in note_segments(note, titles or {}))
