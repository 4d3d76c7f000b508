"""Pieces both renderers share: Jinja environment, Markdown filters, labels, slugs."""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from markupsafe import Markup

from .. import model
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

SOURCE_NAMES = {
    "000": "Kursuskoncept Virksomhedsservice (2016)",
    "001": "Kompetenceudviklingsforløb (2015)",
    "002": "Langtidsledighed – en guide til organisering, implementering og redskaber (2013)",
    "003": "Undervisningsdag for ledelsen (slides)",
    "004": "Kompetenceudviklingsforløb Samtalen (2016)",
}


def minutes(total: int) -> str:
    """'95' → '1 t 35 min'."""
    hours, mins = divmod(total, 60)
    if hours and mins:
        return f"{hours} t {mins} min"
    return f"{hours} t" if hours else f"{mins} min"


def clock(start_minutes: int) -> str:
    return f"{start_minutes // 60:02d}.{start_minutes % 60:02d}"


def day_schedule(day: model.Day, start: int = 9 * 60) -> list[tuple[str, str, model.Block]]:
    """Blocks with suggested clock times, starting 09.00."""
    rows = []
    t = start
    for block in day.blocks:
        rows.append((clock(t), clock(t + block.minutes), block))
        t += block.minutes
    return rows


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
    )
    return env
