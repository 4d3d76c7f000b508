"""Every piece of text a reader sees, with the file, line and field it comes from.

The spelling check (handbook/spelling.py) and the readability figures (handbook/lix.py)
read the same passages, so "reader-facing" is decided once, here:

- content YAML: every string field except those that are references or vocabulary for the
  code (ids, `tools`, `related`, `part_of`, `tags`, `kind` …) and `provenance.sources`
  (document numbers and line ranges for editors). `provenance.notes` are included: the site
  shows them to readers in the "Kilder og redaktionelle noter" box, in the form
  `reader_note()` gives them (line ranges removed). `trainer_notes` are included too:
  trainers are readers of the site and the trainer's manual. Course runs (`runs/`) are not
  published and are left out.
- the hand-written pages in docs/ (the generated ones are made from content and templates);
- the literal text of the site and print templates (Jinja tags, HTML tags and comments
  removed; the values of title, aria-label and alt attributes kept).

Text is read from the raw YAML (handbook.loader), not from the model, so that a passage
keeps the exact line of its key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.loader import YamlProblem, parse
from ..content.notes import reader_note
from ..paths import CONTENT, DOCS, GENERATED_DOC_FILES, ROOT, TEMPLATES

# Keys whose string values are ids, vocabulary or numbers for the code, never prose.
REFERENCE_KEYS = frozenset(
    {
        "id",
        "part_of",
        "related",
        "tools",
        "kind",
        "tags",
        "sources",
        "see_also",
        "modules",
        "days",
        "day",
        "homework_out",
        "homework_followup",
        "followed_up_in",
        "calculator",
        "type",
        "audience",
        "doc",
        "lines",
        "number",
        "order",
        "year",
        "articles",
    }
)

# Where a participant (or the citizen the participant works with) reads the text: the tool
# card's three parts and its worksheets, homework, and the cookbook's worksheets. Readability
# is held to a stricter figure there (handbook/lix.py).
PARTICIPANT_FIELDS = {
    "tools": ("definition", "value", "execution", "worksheets"),
    "modules": ("homework",),
    "cookbook": ("worksheets",),
}


@dataclass(frozen=True)
class Passage:
    file: str  # relative to the repository root
    line: int
    field: str  # 'execution.steps[2].text', or 'text' for a page or a template line
    text: str  # plain text: markup removed
    participant: bool = False

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}: {self.field}"


# --- plain text from the content text format -------------------------------------------

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"<?(?:https?://|mailto:|www\.)[^\s>)]+>?")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_EMPHASIS = re.compile(r"(\*\*|\*|__|(?<!\w)_(?=\w)|(?<=\w)_(?!\w))")


def plain(text: str) -> str:
    """Content text with its markup removed: the words a reader sees."""
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    return _EMPHASIS.sub("", text)


# --- content YAML -------------------------------------------------------------------------


def _field_name(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _walk(data: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in REFERENCE_KEYS and not (key == "days" and _is_day_list(value)):
                continue
            if key == "label" and not loc:
                continue  # a card's marker ("A", "1"); a worksheet field's label is text
            yield from _walk(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


def _is_day_list(value: Any) -> bool:
    """A module's `days` holds day objects (prose); a pack's `days` holds references."""
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def content_passages(content_dir: Path = CONTENT) -> Iterator[Passage]:
    docs = []
    for path in sorted(content_dir.rglob("*.yml")):
        try:
            docs.append((path, parse(path)))
        except YamlProblem:
            continue  # `check` reports the file; there is no text to read in it
    # Item ids → titles, as notes that name an item show its title (note_segments).
    titles: dict[str, str] = {}
    for path, doc in docs:
        if isinstance(doc.data, dict) and isinstance(doc.data.get("title"), str):
            titles[path.stem] = doc.data["title"]
            for homework in doc.data.get("homework") or []:
                if isinstance(homework, dict) and isinstance(homework.get("id"), str):
                    titles[homework["id"]] = str(homework.get("title", homework["id"]))
    for path, doc in docs:
        folder = path.relative_to(content_dir).parts[0] if path.parent != content_dir else ""
        participant = PARTICIPANT_FIELDS.get(folder, ())
        for loc, value in _walk(doc.data, ()):
            if loc[:2] == ("provenance", "notes"):
                value = reader_note(value, titles)
            yield Passage(
                file=_rel(path),
                line=doc.line_of(loc),
                field=_field_name(loc),
                text=plain(value),
                participant=bool(loc) and loc[0] in participant,
            )


# --- hand-written pages and templates ----------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LABEL_ATTR = re.compile(r"""\b(?:title|aria-label|alt)=["']([^"'{}]*)["']""")
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
_CODE = re.compile(r"`[^`]*`")
# attr_list: "{ #id .class }", "{: .x }" and a bare attribute such as "{ data-search-exclude }".
_ATTR_LIST = re.compile(r"\{ *(?:[:.#][^}]*|[a-z]+(?:-[a-z]+)+ *)\}")
_ICON = re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:")
_CSS_BLOCK = re.compile(r"<style.*?</style>|<script.*?</script>", re.DOTALL)


def _blank(match: re.Match[str]) -> str:
    """What a removed piece leaves: its line breaks, so later lines keep their numbers."""
    return "\n" * match.group(0).count("\n") + " "


def _markup_free(text: str) -> str:
    for pattern in (_CSS_BLOCK, _HTML_COMMENT, _JINJA, _FENCE):
        text = pattern.sub(_blank, text)
    text = _LABEL_ATTR.sub(lambda m: " " + m.group(1) + " ", text)
    text = _TAG.sub(_blank, text)
    text = _CODE.sub(" ", text)
    text = _ATTR_LIST.sub(" ", text)
    text = _ICON.sub(" ", text)
    return plain(text)


def _line_passages(path: Path, text: str) -> Iterator[Passage]:
    for number, line in enumerate(text.splitlines(), start=1):
        # An admonition line: only its quoted title is text ('??? info css-class "Titel"').
        if admonition := re.match(r'^\s*(?:!!!|\?\?\?\+?)[^"]*(?:"([^"]*)")?', line):
            line = admonition.group(1) or ""
        line = re.sub(r"^\s*(#+|[-*+]|\d+\.|!!!|\?\?\?\+?|>)\s*", "", line)
        if line.strip(" |-:\t"):
            yield Passage(_rel(path), number, "text", line.strip())


def page_passages(docs_dir: Path = DOCS) -> Iterator[Passage]:
    """The hand-written pages (docs/*.md that the build does not generate)."""
    for path in sorted(docs_dir.glob("*.md")):
        if path.name in GENERATED_DOC_FILES:
            continue
        text = path.read_text(encoding="utf-8")
        front = _FRONT_MATTER.match(text)
        if front:
            # Only the title and description of the front matter are shown to readers.
            kept = [
                line if re.match(r"^(title|description):", line) else ""
                for line in front.group(0).splitlines()
            ]
            kept = [re.sub(r"^(title|description):\s*", "", line) for line in kept]
            text = "\n".join(kept) + "\n" + text[front.end() :]
        yield from _line_passages(path, _markup_free(text))


def template_passages(templates_dir: Path = TEMPLATES) -> Iterator[Passage]:
    for path in sorted(templates_dir.rglob("*.j2")):
        if path.name.endswith(".css.j2"):  # a stylesheet: no reader-facing words
            continue
        yield from _line_passages(path, _markup_free(path.read_text(encoding="utf-8")))
    overrides = ROOT / "overrides"
    for path in sorted(overrides.rglob("*.html")) if overrides.is_dir() else []:
        yield from _line_passages(path, _markup_free(path.read_text(encoding="utf-8")))


def all_passages() -> Iterator[Passage]:
    yield from content_passages()
    yield from page_passages()
    yield from template_passages()


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
