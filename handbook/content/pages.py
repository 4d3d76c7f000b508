"""Where each item's page lives in docs/ and what its address is on the site.

The one owner of page paths and addresses: the site renderer writes the pages here, the
PDFs print these addresses, and the planner's data links to them.
"""

from __future__ import annotations

from ..paths import public_url

# Where the planner page and its data live under docs/ (and so on the site).
PLANNER_PAGE = "planlaeg/index.md"
PLANNER_DATA = "planlaeg/planner-data.json"


def course_page(course_id: str) -> str:
    return f"forloeb/{course_id}/index.md"


def module_page(module_id: str) -> str:
    return f"moduler/{module_id}/index.md"


def day_page(module_id: str, day_id: str) -> str:
    return f"moduler/{module_id}/{day_id}.md"


def tool_page(tool_id: str) -> str:
    return f"redskaber/{tool_id}.md"


def article_page(article_id: str) -> str:
    return f"guide/{article_id}.md"


def chapter_page(chapter_id: str) -> str:
    return f"ledere/{chapter_id}.md"


def page_address(md_path: str) -> str:
    """'redskaber/x.md' → 'redskaber/x/', 'moduler/m/index.md' → 'moduler/m/', 'index.md'
    → '' (the site uses directory URLs), relative to the site root."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    stem = stem.removesuffix("/index")
    return f"{stem}/"


def page_url(md_path: str) -> str:
    """The full public address of a page, e.g. for a link printed in a PDF."""
    return public_url(page_address(md_path))
