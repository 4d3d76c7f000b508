"""The live preview's rebuilds: only the pages an edit changed, the same site as a clean build.

MkDocs' dirty build renders only the pages whose source is newer than their HTML. On its
own that leaves three things behind a clean build (mkdocs-material#7638 and kin):

- the search index then holds only the rebuilt pages;
- the tags plugin knows only the rebuilt pages' tags, so their tag chips lose their links
  and the tags page (and tags.json) lists only them;
- a page whose Markdown did not change but whose navigation did (a neighbour's new title,
  a new tool in its group) keeps its old navigation.

`PreviewPlugin` (added to the config by handbook/serve.py, never by mkdocs.yml) mends the
first two inside the build; `nav_views` tells the preview which pages show which part of
the navigation, so it can have exactly those rebuilt. tests/test_serve.py compares a
rebuilt site with a clean build of the same input, file by file.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

# The key of what a page outside the navigation shows of it (the top level only).
OUTSIDE_NAV = ""


def _entry(item: Any) -> tuple[str | None, Any]:
    """(title, value) of one navigation item: value is a path or a list of items."""
    if isinstance(item, dict):
        ((title, value),) = item.items()
        return (str(title) if title is not None else None), value
    return None, item


def _first_page(items: list[Any]) -> str | None:
    for item in items:
        _, value = _entry(item)
        found = value if isinstance(value, str) else _first_page(value)
        if found:
            return found
    return None


def _label(item: Any) -> list[Any]:
    """What a page shows of a navigation item it does not open: its title and where its
    link leads (a section links to its first page: navigation.indexes, navigation.prune)."""
    title, value = _entry(item)
    if isinstance(value, str):
        return [title, value, False]
    return [title, _first_page(value), True]


def nav_views(nav: list[Any]) -> dict[str, str]:
    """For every page in `nav`, the part of the navigation the theme can show on it, as one
    string: the items of every section on the way to the page (the top level, the tabs,
    included) and its previous and next page (navigation.footer). With navigation.prune a
    section off that way shows only its title and link (both in its label), so an edit
    that leaves a page's view equal leaves its navigation HTML equal. OUTSIDE_NAV holds the
    top level, which every page shows."""
    trails: dict[str, list[list[Any]]] = {}
    order: list[tuple[str, str | None]] = []

    def walk(items: list[Any], trail: list[list[Any]]) -> None:
        level = trail + [[_label(item) for item in items]]
        for item in items:
            title, value = _entry(item)
            if isinstance(value, str):
                trails[value] = level
                order.append((value, title))
            else:
                walk(value, level)

    walk(nav, [])
    views = {OUTSIDE_NAV: json.dumps([[_label(item) for item in nav]], ensure_ascii=False)}
    for i, (path, _) in enumerate(order):
        previous = order[i - 1] if i > 0 else None
        following = order[i + 1] if i + 1 < len(order) else None
        views[path] = json.dumps([trails[path], previous, following], ensure_ascii=False)
    return views


def output_of(rel: str, docs_dir: Path, site_dir: Path) -> Path:
    """Where MkDocs writes the file docs/<rel> (use_directory_urls, as in mkdocs.yml)."""
    return Path(File(rel, str(docs_dir), str(site_dir), use_directory_urls=True).abs_dest_path)


class TemplateCode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory from one preview build to the next.
    MkDocs makes a new Jinja environment for every build, which compiles Material's
    templates again (0.1–0.3 s); Jinja checks each template's source against the kept code,
    so an edited override is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Cancelled(Exception):
    """The preview is stopping: the build in progress ends at the next page."""


class PreviewPlugin(BasePlugin):
    """Keeps a dirty build's search index, tags and tags page equal to a clean build's.

    `dirty` says which kind the next build is. After a clean build the plugin remembers
    every page's search entries; after a dirty one it puts the rebuilt pages' entries in
    their place and writes the index as a clean build would (entries in page order). Before
    the tags plugin lists the tags, it reads the front matter of every page the dirty build
    skipped and hands it to the tags plugin, as a clean build would have done."""

    def __init__(self) -> None:
        super().__init__()
        self.dirty = False
        self.cancel = threading.Event()
        self.search: dict[str, list[dict[str, Any]]] = {}  # page URL → its index entries
        self._order: list[str] = []  # the pages' URLs in build order
        self._rebuilt: set[str] = set()
        self._templates = TemplateCode()

    def _check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled("the preview is stopping")

    def on_files(self, files: Any, *, config: Any) -> Any:
        # A page's URL as its search entries name it (the home page's file URL is "./").
        self._order = [f.url.removeprefix("./") for f in files.documentation_pages()]
        self._rebuilt = set()
        return files

    def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
        self._check()
        return page

    @event_priority(200)  # before the tags plugin (100) builds its listings
    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        env.bytecode_cache = self._templates  # before any page template is loaded
        tags = config.plugins.get("material/tags")
        if not self.dirty or tags is None:
            return env
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None:
                continue  # rebuilt: the tags plugin has seen it
            self._check()
            page.read_source(config)
            tags.on_page_markdown(page.markdown, page=page, config=config, files=files)
            if any(listing.page is page for listing in tags.listings):
                page.content = ""  # not written; the tags plugin fills its listing in
        # A clean build meets the pages in file order; so does the tags page's listing.
        mappings = tags.mappings.data
        tags.mappings.data = {url: mappings[url] for url in self._order if url in mappings}
        return env

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        self._check()
        self._rebuilt.add(page.url)
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: Any) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        fresh: dict[str, list[dict[str, Any]]] = {}
        for entry in data["docs"]:
            fresh.setdefault(str(entry["location"]).split("#")[0], []).append(entry)
        if not self.dirty:
            self.search = fresh
            return
        for url in self._rebuilt:
            self.search[url] = fresh.get(url, [])
        self.search = {url: self.search[url] for url in self._order if url in self.search}
        data["docs"] = [entry for entries in self.search.values() for entry in entries]
        # Written as the search plugin writes it, so the file is the clean build's.
        path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")


__all__ = ["OUTSIDE_NAV", "Cancelled", "PreviewPlugin", "nav_views", "output_of"]
