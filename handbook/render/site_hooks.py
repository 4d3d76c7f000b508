"""MkDocs hooks (`hooks:` in mkdocs.yml, a standard MkDocs setting) that keep the built site
light without changing what a reader sees or can do.

- Every page: the indentation and blank lines Material's templates leave are collapsed.
  The templates indent every nested block and leave a blank line for each template tag, so
  about a third of a page's bytes (a tenth of its gzip size) is whitespace that a browser
  collapses anyway. Every run of whitespace that holds a line break becomes one line break:
  outside pre-formatted elements HTML renders the two the same (a line break still
  separates words). <pre>, <textarea>, <script> and <style> are copied as they are.
- Search: a query's stop words are dropped before they are searched (`stop_word_separator`).
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

import material
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# A verbatim element, whole (non-greedy up to its own closing tag), or a whitespace run
# that holds a line break.
_VERBATIM_OR_BREAK = re.compile(
    r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|([ \t\r\f]*\n\s*)",
    re.DOTALL | re.IGNORECASE,
)

LUNR = "assets/javascripts/lunr"  # Material's search language support, under site_dir
THEME_LUNR = Path(material.__file__).parent / "templates" / LUNR
_STOP_WORDS = re.compile(r'generateStopWordFilter\(\s*"([^"]*)"')


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


def theme_stop_words(language: str) -> list[str]:
    """The stop words of lunr's support for `language` as Material ships it (the list its
    `stopWordFilter` drops from the index), read from the theme's own file so the two never
    differ."""
    path = THEME_LUNR / "min" / f"lunr.{language}.min.js"
    found = _STOP_WORDS.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    if found is None:
        raise PluginError(f"{path}: no stop word list found (has the theme changed?)")
    return found.group(1).split()


def stop_word_separator(separator: str, stop_words: list[str]) -> str:
    """`separator` extended so that a whole stop word is a separator too.

    Why: Material's search adds a trailing wildcard to every word of a query, and lunr skips
    its pipeline (the stop word filter with it) for a wildcard term, so "til" in "hjælp til
    cv" was searched as "til*" and found "Tilbudsviften" first. The search splits every query
    word with this separator before it adds the wildcard, and a word that is all separator
    is dropped: "hjælp til cv" is searched as "hjælp* cv*". In the index the same words were
    dropped already by the stop word filter. A stop word is matched only as a whole word
    (between separators or the ends of the text), so "tilbud" is still a word, and with a
    lower- or upper-case first letter, as JavaScript has no inline case flag. The cost: a
    query that is a single stop word (the first letters of "tilbud" typed so far) finds
    nothing until the next letter.
    """
    words = "|".join(
        f"[{word[0]}{word[0].upper()}]{re.escape(word[1:])}"
        for word in sorted(set(stop_words), key=lambda w: (-len(w), w))
    )
    # Not preceded and not followed by a character that is neither white space nor "-".
    return rf"{separator}|(?<![^\s\-])(?:{words})(?![^\s\-])"


# Material's separator for every language it has without a word segmenter (the search
# plugin's default when mkdocs.yml sets none).
DEFAULT_SEPARATOR = r"[\s\-]+"


# Before the search plugin's own on_config, which copies its settings into the index it
# writes at the end of the build.
@event_priority(50)
def on_config(config: Any) -> Any:
    plugin = config["plugins"].get("material/search") or config["plugins"].get("search")
    if plugin is None:
        return config
    stop_words = [
        word
        for lang in search_languages(config)
        if lang != "en"  # lunr's English list is in lunr itself; this site is Danish
        for word in theme_stop_words(lang)
    ]
    if stop_words:
        separator = plugin.config.get("separator") or DEFAULT_SEPARATOR
        plugin.config.separator = stop_word_separator(separator, stop_words)
    return config


def on_post_page(output: str, page: Any, config: Any) -> str:
    return collapse_whitespace(output)


def on_post_build(config: Any) -> None:
    for path in unused_theme_files(Path(config["site_dir"]), search_languages(config)):
        path.unlink()
