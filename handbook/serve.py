"""Author's live preview: an edit in content/, templates/ or docs/ shows in about a second.

`build.py serve` serves a copy of the last full build (site/) at once, when there is one,
and makes the preview's own first build behind it; the browsers reload when it is done.
One watcher, MkDocs' own LiveReloadServer, watches content/, templates/, the hand-written
part of docs/ and mkdocs.yml. It waits for changes to settle and then calls `Preview.build`,
which reloads the model, rewrites only the generated pages whose text changed and
recomputes the navigation from the fresh model. After the first build every build is a
dirty one (handbook/incremental.py): the pages whose Markdown changed, the pages whose
navigation changed (a tool added, removed or renamed), the pages that run macros, and the
tags page when a title or a tag changed; the search index and the tags stay complete, and
the result is the site a clean build makes (tests/test_serve.py compares them file by
file). A change to mkdocs.yml, the theme overrides or the release line (on every page)
builds clean. Browsers reload once the new site is complete (MkDocs' epoch handshake),
never on a half-built site.

The server answers only requests addressed to it by a loopback name (localhost, 127.0.0.1,
[::1]) or the name given with --host: a web page the author visits could otherwise point
its own host name at 127.0.0.1 (DNS rebinding) and read the preview. Paths that cannot be
a file (a NUL byte, control characters, undecodable bytes) get a 400, never a traceback.
SIGTERM stops it like Ctrl+C: a build running behind is stopped at its next page and the
temporary site folder is removed either way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from .build import NAV_CONFIG, exclusive, write_generated_docs, write_nav_config
from .content.catalog import load_cached
from .content.release import site_extra
from .errors import ContentError
from .incremental import OUTSIDE_NAV, Cancelled, PreviewPlugin, nav_views, output_of
from .paths import (
    CONTENT,
    DOCS,
    GENERATED_DOC_DIRS,
    GENERATED_DOC_FILES,
    MKDOCS_YML,
    OVERRIDES,
    ROOT,
    SITE,
    TEMPLATES,
)
from .render import site

log = logging.getLogger("handbook.serve")


@dataclass
class Changes:
    """What one regeneration did to docs/."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.changed)} changed, {len(self.added)} added, {len(self.removed)} removed"


def _existing_pages(docs: Path = DOCS) -> set[str]:
    """The generated files now in docs/ (pages and data files; not the PDFs)."""
    found = {rel for rel in GENERATED_DOC_FILES if (docs / rel).is_file()}
    for folder in GENERATED_DOC_DIRS:
        if folder != "pdf" and (docs / folder).is_dir():
            found |= {
                p.relative_to(docs).as_posix() for p in (docs / folder).rglob("*") if p.is_file()
            }
    return found


def diff_pages(pages: dict[str, str], docs: Path = DOCS) -> Changes:
    """How `pages` differ from the generated pages now in docs/."""
    existing = _existing_pages(docs)
    result = Changes(removed=sorted(existing - set(pages)))
    for rel, text in pages.items():
        if rel not in existing:
            result.added.append(rel)
        elif (docs / rel).read_text(encoding="utf-8") != text:
            result.changed.append(rel)
    return result


class Preview:
    """The rebuild logic behind `build.py serve` (also used by bench/).

    The first build is a clean one, and so is any build after mkdocs.yml, the theme
    overrides or the footer's version line changed (they are on every page). Every other
    build is a dirty one that rebuilds the pages whose Markdown changed and the pages whose
    navigation changed (`incremental.nav_views`), the pages that run macros (they read the
    model) and the tags page when a page's title or tags changed; `incremental.PreviewPlugin`
    keeps the search index and the tags complete. A removed page's HTML is deleted."""

    def __init__(
        self,
        site_dir: Path,
        dev_addr: str,
        serve_url: str | None = None,
        content: Path = CONTENT,
        docs: Path = DOCS,
        nav_config: Path = NAV_CONFIG,
    ):
        self.site_dir = site_dir
        self.dev_addr = dev_addr
        self.serve_url = serve_url
        self.content = content
        self.docs = docs
        self.nav_config = nav_config
        self.structure: str | None = None  # digest of page set + navigation + mkdocs.yml
        self.nav: list[Any] = []
        self.extra: dict[str, Any] = {}  # the footer's version line (content/release.py)
        self.plugin = PreviewPlugin()
        self.started: Any = None  # the config the plugins were started with (on_startup)
        self.changes = Changes()
        self._setup: str | None = None  # what every page shows: mkdocs.yml, overrides, footer
        self._views: dict[str, str] | None = None  # of the last build (None: build clean)
        self._tagged: dict[str, Any] = {}  # page → (title, tags) of the last build
        self._meta: dict[str, tuple[str, Any]] = {}  # page → (its text, (title, tags))
        self._listings: set[str] = set()  # pages that hold a tags listing

    def config(self) -> Any:
        from mkdocs.config import load_config

        config = load_config(
            str(MKDOCS_YML),
            nav=self.nav,
            docs_dir=str(self.docs),
            site_dir=str(self.site_dir),
            dev_addr=self.dev_addr,
            strict=False,
        )
        if self.serve_url:
            config.site_url = self.serve_url
        config.extra.update(self.extra)
        config.plugins["handbook/preview"] = self.plugin
        return config

    def regenerate(self) -> tuple[Changes, bool] | None:
        """Reload the model and rewrite changed pages. Returns the changes and whether the
        structure changed; None when the content has problems (they are printed)."""
        try:
            book = load_cached(self.content, skip_broken_runs=True)
        except ContentError as exc:
            print("\n".join(str(p) for p in exc.problems), flush=True)
            print("Content has problems: the preview keeps the last good pages.", flush=True)
            return None
        pages = site.generated_docs(book, None)
        self.nav = site.titled_nav(site.nav(book), pages, self.docs)
        self.extra = site_extra(book.release)
        with exclusive():  # a build running in this checkout writes docs/ too
            changes = diff_pages(pages, self.docs)
            write_generated_docs(pages, None, docs=self.docs)
            write_nav_config(self.nav, self.nav_config)
        digest = hashlib.sha256(json.dumps([sorted(pages), self.nav]).encode())
        digest.update(MKDOCS_YML.read_bytes())
        structure = digest.hexdigest()
        structural = structure != self.structure
        self.structure = structure
        self._note_tags(pages)
        self.changes = changes
        return changes, structural

    def _note_tags(self, pages: dict[str, str]) -> None:
        """Each page's title and tags (what a tags listing shows of it), read from the front
        matter of the pages whose text changed."""
        from mkdocs.utils.meta import get_data

        meta: dict[str, tuple[str, Any]] = {}
        for rel, text in pages.items():
            if not rel.endswith(".md"):
                continue
            known = self._meta.get(rel)
            if known is None or known[0] != text:
                front = get_data(text)[1]
                known = (text, (front.get("title"), front.get("tags")))
            meta[rel] = known
        self._meta = meta
        self._listings = {rel for rel, text in pages.items() if "<!-- material/tags" in text}

    def _setup_digest(self) -> str:
        digest = hashlib.sha256(MKDOCS_YML.read_bytes())
        digest.update(json.dumps(self.extra, sort_keys=True, default=str).encode())
        if OVERRIDES.is_dir():
            for path in sorted(OVERRIDES.rglob("*")):
                if path.is_file():
                    digest.update(path.relative_to(OVERRIDES).as_posix().encode() + b"\0")
                    digest.update(path.read_bytes())
        return digest.hexdigest()

    def _macro_pages(self) -> set[str]:
        """Hand-written pages that run macros (render_macros: true): they read the model."""
        from mkdocs.utils.meta import get_data

        generated = {*GENERATED_DOC_DIRS, *GENERATED_DOC_FILES}
        return {
            path.name
            for path in self.docs.glob("*.md")
            if path.name not in generated
            and get_data(path.read_text(encoding="utf-8"))[1].get("render_macros")
        }

    def build(self, config: Any = None) -> str:
        """One rebuild: 'clean', 'dirty' or 'skipped' (content problems)."""
        from mkdocs.commands.build import build as mkdocs_build

        started = time.perf_counter()
        result = self.regenerate()
        if result is None:
            return "skipped"
        changes, _ = result
        setup = self._setup_digest()
        views = nav_views(self.nav)
        tagged = {rel: value for rel, (_, value) in self._meta.items() if value[1]}
        old = self._views
        clean = (
            config is not None
            or old is None
            or setup != self._setup
            or views[OUTSIDE_NAV] != old[OUTSIDE_NAV]  # every page shows the top level
        )
        if config is None:
            config = self.config()
        if self.started is None:  # once per preview, as `mkdocs serve` does
            config.plugins.on_startup(command="serve", dirty=False)
            self.started = config
        if not clean and old is not None:
            stale = {rel for rel, view in views.items() if old.get(rel) != view}
            stale |= self._macro_pages()
            if tagged != self._tagged:
                stale |= self._listings
            for rel in stale | set(changes.removed):
                output_of(rel, self.docs, self.site_dir).unlink(missing_ok=True)
            if views == old and not changes.added and not changes.removed:
                # 404.html and the sitemap show only the navigation and the page set.
                config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})
        self.plugin.dirty = not clean
        mkdocs_build(config, serve_url=self.serve_url, dirty=not clean)
        self._setup, self._views, self._tagged = setup, views, tagged
        kind = "clean" if clean else "dirty"
        print(f"{changes}: {kind} build in {time.perf_counter() - started:.1f} s", flush=True)
        return kind


def _watched() -> list[Path]:
    """content/, templates/, mkdocs.yml and the hand-written part of docs/ (not the
    generated pages: the preview writes those itself)."""
    generated = {*GENERATED_DOC_DIRS, *GENERATED_DOC_FILES}
    docs = [p for p in DOCS.iterdir() if p.name not in generated] if DOCS.is_dir() else []
    return [CONTENT, TEMPLATES, MKDOCS_YML, *docs]


LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_PORT = re.compile(r":[0-9]{1,5}")
_BAD_PATH = re.compile(r"[\x00-\x1f\x7f]")


def host_name(header: str) -> str | None:
    """The name in a Host header ('localhost:8000' → 'localhost', '[::1]:8000' → '::1'),
    lowercased; None when it is not a name with an optional port."""
    header = header.strip().lower()
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        if not bracket:
            return None
    else:
        name, colon, port = header.partition(":")
        rest = colon + port
    if not name or (rest and not _PORT.fullmatch(rest)):
        return None
    return name


def allowed_hosts(host: str) -> frozenset[str]:
    """The Host names the preview answers: the loopback names and the one it was started with."""
    given = host.strip().lower().strip("[]")
    return LOOPBACK_NAMES | ({given} if given and given not in ("0.0.0.0", "::") else set())


def guard(
    app: Callable[[dict, Callable], Iterable[bytes]], allowed: frozenset[str]
) -> Callable[[dict, Callable], Iterable[bytes]]:
    """Wrap the preview's WSGI app: a foreign Host gets 421 and a path that cannot be a file
    400, both with a short text of their own (nothing from the site); anything the app
    raises is one log line and a 500, never a traceback."""

    def plain(start_response: Callable, status: str, text: str) -> list[bytes]:
        body = text.encode("utf-8")
        start_response(
            status,
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [body]

    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        name = host_name(environ.get("HTTP_HOST", ""))
        if name not in allowed:
            log.warning("refused a request for host %r", environ.get("HTTP_HOST", "")[:80])
            return plain(
                start_response,
                "421 Misdirected Request",
                "Forhåndsvisningen svarer kun på localhost.\n",
            )
        raw = environ.get("PATH_INFO", "")
        try:
            path = raw.encode("latin-1").decode("utf-8")
        except UnicodeError:
            path = "\x00"  # undecodable bytes: as bad as a NUL
        if _BAD_PATH.search(path):
            return plain(start_response, "400 Bad Request", "Ugyldig adresse.\n")
        try:
            return app(environ, start_response)
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback
            log.warning("request for %r failed: %s", path[:200], type(exc).__name__)
            return plain(
                start_response, "500 Internal Server Error", "Intern fejl i forhåndsvisningen.\n"
            )

    return guarded


class _Stop(Exception):
    """Raised in the main thread by SIGTERM: stop like Ctrl+C."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signal.Signals(signum).name)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, plus `publish`: show a site folder built beside the one
    being served and reload the browsers, without the wait MkDocs puts on every request
    while its own build loop runs. Relies on the epoch fields of mkdocs 1.6's server
    (pinned in requirements.lock): `_visible_epoch` is the site browsers have, and requests
    wait while `_wanted_epoch` differs from it."""

    def publish(self, change: Callable[[], None]) -> None:
        with self._epoch_cond:  # requests wait for the change, never see half of it
            change()
            if self._visible_epoch == self._wanted_epoch:  # else the build loop's build
                self._wanted_epoch = self._visible_epoch = _timestamp()  # reloads them
            self._epoch_cond.notify_all()


def _point(link: Path, folder: Path) -> None:
    """Make `link` (the folder the server serves) lead to `folder`, in one rename."""
    fresh = link.with_name(f"{link.name}.new")
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(folder.name)
    os.replace(fresh, link)


def serve(port: int = 8000, host: str = "127.0.0.1") -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    previous = signal.signal(signal.SIGTERM, _stop)
    root = Path(tempfile.mkdtemp(prefix="metodehaandbog-preview-"))
    behind: list[tuple[threading.Thread, Preview]] = []
    try:
        return _serve(root, port, host, behind)
    except (KeyboardInterrupt, _Stop):
        print("Preview stopped.", flush=True)
        return 0
    finally:
        # No second Ctrl+C or SIGTERM may interrupt the clean-up.
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_IGN)
        for thread, preview in behind:  # a build still writing would refill the folder
            preview.plugin.cancel.set()
            thread.join(timeout=120)
        shutil.rmtree(root, ignore_errors=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, previous)


def _serve(root: Path, port: int, host: str, behind: list[tuple[threading.Thread, Preview]]) -> int:
    """Serve `root`/site, a link to the folder of the newest complete build. With a built
    site/ there, a copy of it is served at once and the preview's first (clean) build runs
    behind it; the browsers reload when it is done. Without one, the first build comes
    first. Each later change waits for that first build, then rebuilds (dirty)."""
    live = root / "site"
    preview = Preview(root / "build", f"{host}:{port}", _serve_url(host, port, "/"))
    last = SITE if (SITE / "index.html").is_file() else None
    if last is None:
        if preview.regenerate() is None or preview.build() == "skipped":
            return 1
        _point(live, preview.site_dir)
    else:
        shutil.copytree(last, root / "last", symlinks=True)
        _point(live, root / "last")

    def rebuild() -> None:
        for thread, _ in behind:
            thread.join()
        preview.build()
        if live.resolve() != preview.site_dir.resolve():  # the first build had failed
            _point(live, preview.site_dir)

    server = PreviewServer(
        builder=rebuild,
        host=host,
        port=port,
        root=str(live),
        mount_path="/",
        polling_interval=0.1,  # a saved file is seen within 0.1 s (MkDocs: 0.5)
    )
    server.build_delay = 0.05  # quiet time after the last change before building (MkDocs: 0.1)
    server.set_app(guard(server.serve_request, allowed_hosts(host)))

    def error_page(code: int) -> bytes | None:
        page = live / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page

    def first_build() -> None:
        try:
            if preview.build() == "skipped":
                return
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - one line; the last build stays served
            print(f"The preview's first build failed ({type(exc).__name__}: {exc}).", flush=True)
            return
        server.publish(lambda: _point(live, preview.site_dir))
        shutil.rmtree(root / "last", ignore_errors=True)
        print("Preview: the fresh build replaces the last one; browsers reload.", flush=True)

    try:
        for path in _watched():
            server.watch(str(path))
        if last is not None:
            thread = threading.Thread(target=first_build, name="first-build", daemon=True)
            behind.append((thread, preview))
            thread.start()
            shown = last.relative_to(ROOT) if last.is_relative_to(ROOT) else last
            print(f"Serving the last build ({shown}/) while the preview builds.", flush=True)
        print(f"Preview on {server.url} (Ctrl+C stops). PDFs are not rebuilt here.", flush=True)
        try:
            server.serve()
        finally:
            server.shutdown()
    finally:
        for thread, _ in behind:
            preview.plugin.cancel.set()
            thread.join(timeout=120)
        if preview.started is not None:
            preview.started.plugins.on_shutdown()
    return 0


__all__ = ["Preview", "PreviewServer", "allowed_hosts", "diff_pages", "guard", "host_name", "serve"]
