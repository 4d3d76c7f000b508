"""mkdocs-macros module: hand-written pages (render_macros: true) read the same model.

Example in docs/index.md: {{ handbook.tools | length }} redskaber.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from typing import Any

# mkdocs-macros loads this file by path, not as part of the package: make the package
# importable also when `mkdocs serve` is run directly.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.content.book import Handbook  # noqa: E402
from handbook.content.catalog import load_cached  # noqa: E402
from handbook.content.editions import edition_folder  # noqa: E402


def _book(edition_id: str | None) -> Handbook:
    # mkdocs-macros imports this file afresh for every build; the model is remembered in
    # handbook.content.catalog instead, so the build and the live preview load it once per change.
    # A broken run file never stops the site.
    edition = edition_folder(edition_id) if edition_id else None
    return load_cached(skip_broken_runs=True, edition=edition)


class ModelView:
    """The Handbook as page macros see it (`handbook.tools`, …), with a short str().
    mkdocs-macros puts every variable into a debug payload on every build, debug on or off,
    by calling str() on it; the Handbook's own str() spells out the whole model (0.2–0.4 s
    per build, twice in a full build and on every preview rebuild)."""

    def __init__(self, book: Handbook):
        self._book = book

    def __getattr__(self, name: str) -> Any:
        return getattr(self._book, name)

    def __str__(self) -> str:
        return f"<Handbook: {len(self._book.tools)} tools, {len(self._book.modules)} modules>"

    __repr__ = __str__


def define_env(env: Any) -> None:
    book = _book((env.conf.get("extra") or {}).get("handbook_edition"))
    env.variables["handbook"] = ModelView(book)
    env.variables["day_count"] = sum(len(m.days) for m in book.modules.values())

    @env.macro
    def tool_link(tool_id: str) -> str:
        """Markdown link to a tool page from a top-level page."""
        tool = book.tools[tool_id]
        return f"[{tool.title}](redskaber/{tool.id}.md)"

    @env.macro
    def course_link(course_id: str) -> str:
        """Markdown link to a course page from a top-level page (a macro, not a link with
        a macro inside: link checkers such as Zensical's see the link only once it is
        made)."""
        course = book.courses[course_id]
        return f"[{course.title}](forloeb/{course.id}/index.md)"

    @env.macro
    def contact_route() -> str:
        """The publisher's contact route from mkdocs.yml `extra.accessibility_contact`."""
        return contact_markdown((env.conf.get("extra") or {}).get("accessibility_contact"))


MISSING_CONTACT = (
    "*Udgiveren har endnu ikke oplyst en kontaktvej.* (Til udgiveren: skriv en e-mailadresse, "
    "en webadresse eller en kort tekst i `extra.accessibility_contact` i mkdocs.yml.)"
)
_EMAIL = re.compile(r"[^@\s<>()\[\]]+@[^@\s<>()\[\]]+\.[A-Za-z]{2,}")
_URL = re.compile(r"https?://[^\s<>()\[\]]+")


def contact_markdown(value: object) -> str:
    """Markdown for a contact route: a mail link, a web link, plain text or the placeholder."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return MISSING_CONTACT
    if _EMAIL.fullmatch(text):
        return f"[{text}](mailto:{text})"
    if _URL.fullmatch(text):
        return f"<{text}>"
    escaped = html.escape(" ".join(text.split()), quote=False)
    return re.sub(r"([\\`*_\[\]{}#|!])", r"\\\1", escaped)
