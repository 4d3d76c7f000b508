"""Pieces both renderers share: Jinja environment, Markdown filters, labels, slugs."""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from markupsafe import Markup

from ..content import model
from ..content.model import SOURCE_NAMES
from ..content.timeplan import day_schedule, minutes
from ..paths import TEMPLATES
from ..text import slugify, to_html

__all__ = ["slugify"]


_DANISH = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})  # after z


def danish_key(text: str) -> str:
    """Sort key in Danish alphabetical order (… x y z æ ø å)."""
    return text.lower().translate(_DANISH)


def sort_danish(items: list, attribute: str) -> list:
    """Jinja filter: sort objects by a text attribute in Danish alphabetical order."""
    return sorted(items, key=lambda item: danish_key(getattr(item, attribute)))


def initial(text: str) -> str:
    """The letter a glossary term is filed under; terms starting with a digit go under '0–9'."""
    first = text[:1].upper()
    return "0–9" if first.isdigit() else first


def md_block(text: str | None) -> Markup:
    """Content text → HTML for prose blocks (paragraphs, lists)."""
    return to_html(text)


def md_inline(text: str | None) -> Markup:
    """Content text → HTML without the wrapping <p> (list items, table cells)."""
    return to_html(text, inline=True)


def finalize(value: Any) -> Any:
    """Every `{{ … }}` in every template: text from content is rendered through the one
    content text format (handbook/text.py), never pasted in as Markdown or HTML. Only
    Markup (what our own filters and macros made) passes as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return to_html(value, inline=True)
    return value


LABELS = {
    "audience": model.AUDIENCE_LABELS,
    "area": model.AREA_LABELS,
    "use": model.USE_LABELS,
    "module_type": model.MODULE_TYPE_LABELS,
    "tool_kind": model.TOOL_KIND_LABELS,
    "article_kind": model.ARTICLE_KIND_LABELS,
}

BLOCK_KIND_LABELS = {
    "velkomst": "Velkomst",
    "oplæg": "Oplæg",
    "øvelse": "Øvelse",
    "drøftelse": "Drøftelse",
    "case": "Case",
    "rollespil": "Rollespil",
    "opsamling": "Opsamling",
    "evaluering": "Evaluering",
    "pause": "Pause",
    "frokost": "Frokost",
}


def join_and(items: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b og c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def source_names(provenance: model.Provenance) -> list[str]:
    """Names of the source documents (never the editorial notes)."""
    return [SOURCE_NAMES[d] for d in dict.fromkeys(s.doc for s in provenance.sources)]


def provenance_statement(provenance: model.Provenance) -> list[str]:
    """What readers are told about where an item comes from, one sentence per line.

    The one rule, shown the same on the site and in print: which sources the item rests
    on, and which parts are the handbook's own suggestion (all of it, when the sources
    only name the item).
    """
    names = "; ".join(source_names(provenance))
    own = "Metodehåndbogens eget forslag ud fra almindelig faglig praksis"
    if provenance.practice_based:
        named = f"Kilderne nævner kun emnet ({names})." if names else "Kilderne nævner ikke emnet."
        return [named, f"Indholdet er {own}."]
    lines = [f"Bygger på: {names}."]
    if provenance.own_parts:
        parts = join_and(provenance.own_parts)
        lines.append(f"{own[0].upper()}{own[1:]}: {parts}.")
    return lines


# Said once, where a module lists its days (site and print), instead of on every day.
TIMES_ARE_SUGGESTIONS = (
    "Dagsplanernes tider og minuttal er forslag: underviseren tilpasser dem til holdet."
)


def labels(values: list[str], kind: str) -> str:
    """Join vocabulary keys as their Danish labels: ['leder'] → 'Ledere'."""
    return ", ".join(LABELS[kind][v] for v in values)


@functools.cache
def environment(subdir: str) -> jinja2.Environment:
    """The Jinja environment of templates/<subdir>, made once per process: its compiled
    templates are kept (Jinja recompiles one when its file changes), which saves the
    compile on every PDF and on every rebuild of the live preview."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / subdir),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_block,
        mdi=md_inline,
        slug=slugify,
        minutes=minutes,
        sort_danish=sort_danish,
        initial=initial,
        labels=labels,
    )
    env.globals.update(
        LABELS=LABELS,
        BLOCK_KIND_LABELS=BLOCK_KIND_LABELS,
        SOURCE_NAMES=SOURCE_NAMES,
        day_schedule=day_schedule,
        provenance_statement=provenance_statement,
        source_names=source_names,
        TIMES_ARE_SUGGESTIONS=TIMES_ARE_SUGGESTIONS,
    )
    return env
