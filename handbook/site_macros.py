"""mkdocs-macros module: hand-written pages (render_macros: true) read the same model.

Example in docs/index.md: {{ handbook.tools | length }} redskaber.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# mkdocs-macros loads this file by path, not as part of the package: make the package
# importable also when `mkdocs serve` is run directly.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.catalog import Handbook, load_cached  # noqa: E402


def _book() -> Handbook:
    # mkdocs-macros imports this file afresh for every build; the model is remembered in
    # handbook.catalog instead, so the build and the live preview load it once per change.
    return load_cached()


def define_env(env: Any) -> None:
    book = _book()
    env.variables["handbook"] = book
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
