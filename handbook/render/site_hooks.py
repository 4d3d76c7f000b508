"""MkDocs hooks (`hooks:` in mkdocs.yml, a standard MkDocs setting) that keep the built site
light without changing what a reader sees or can do.

- Every page: the indentation and blank lines Material's templates leave are collapsed.
  The templates indent every nested block and leave a blank line for each template tag, so
  about a third of a page's bytes (a tenth of its gzip size) is whitespace that a browser
  collapses anyway. Every run of whitespace that holds a line break becomes one line break:
  outside pre-formatted elements HTML renders the two the same (a line break still
  separates words). <pre>, <textarea>, <script> and <style> are copied as they are.
- After the build: the theme files no page can load are removed: the source maps (only a
  developer's browser tools ask for them) and the search word-splitters and stemmers of the
  languages the site is not searched in (Material ships ~30; the search worker loads the
  ones named in the search plugin's `lang`). Together about 2 MB of the site's 2.5 MB of
  theme assets, counted twice because the offline bundle holds the site again.

Loaded by mkdocs.yml, so `build.py`, `serve`, the offline bundle and a plain
`mkdocs build -f mkdocs.nav.yml` make the same pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# A verbatim element, whole (non-greedy up to its own closing tag), or a whitespace run
# that holds a line break.
_VERBATIM_OR_BREAK = re.compile(
    r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|([ \t\r\f]*\n\s*)",
    re.DOTALL | re.IGNORECASE,
)

LUNR = "assets/javascripts/lunr"  # Material's search language support, under site_dir


def collapse_whitespace(html: str) -> str:
    """`html` with every whitespace run that holds a line break shortened to one line break,
    except inside <pre>, <textarea>, <script> and <style>."""
    return _VERBATIM_OR_BREAK.sub(lambda m: m.group(1) or "\n", html)


def search_languages(config: Any) -> list[str]:
    """The languages the search plugin indexes (its `lang`; Material defaults it to the
    theme's language)."""
    plugin = config["plugins"].get("material/search") or config["plugins"].get("search")
    lang = plugin.config.get("lang") if plugin is not None else None
    if not lang:
        lang = [config["theme"]["language"] or "en"]
    return [lang] if isinstance(lang, str) else list(lang)


def needed_lunr_files(languages: list[str]) -> set[str]:
    """The files under LUNR the search worker imports for `languages` (the same rule as
    Material's search worker: a stemmer per language but English, the segmenters for
    Japanese, Hindi and Thai, the multi-language glue for more than one language)."""
    needed = {"min/lunr.stemmer.support.min.js"}
    for lang in languages:
        if lang == "ja":
            needed.add("tinyseg.js")
        if lang in ("hi", "th"):
            needed.add("wordcut.js")
        if lang != "en":
            needed.add(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    return needed


def unused_theme_files(site_dir: Path, languages: list[str]) -> list[Path]:
    """Source maps and the search language files not in `needed_lunr_files`."""
    assets = site_dir / "assets"
    found = sorted(assets.rglob("*.map")) if assets.is_dir() else []
    lunr = site_dir / LUNR
    if lunr.is_dir():
        needed = needed_lunr_files(languages)
        found += sorted(
            p for p in lunr.rglob("*.js") if p.relative_to(lunr).as_posix() not in needed
        )
    return found


def on_post_page(output: str, page: Any, config: Any) -> str:
    return collapse_whitespace(output)


def on_post_build(config: Any) -> None:
    for path in unused_theme_files(Path(config["site_dir"]), search_languages(config)):
        path.unlink()
