"""Author's live preview: regenerate pages when content/ or templates/ change.

MkDocs' own server watches docs/ and reloads the browser. A watcher thread here reloads
the model when a YAML file or template changes and rewrites only the pages whose text
changed, so MkDocs rebuilds just what the edit affects.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from .build import mkdocs_config, write_generated_docs
from .catalog import load
from .errors import ContentError
from .paths import CONTENT, MKDOCS_YML, TEMPLATES
from .render import site


def _snapshot() -> dict[Path, float]:
    files = [*CONTENT.rglob("*.y*ml"), *TEMPLATES.rglob("*.j2")]
    return {f: f.stat().st_mtime for f in files}


def regenerate() -> int:
    """Reload the model and rewrite changed pages. Returns pages written (-1 on error)."""
    try:
        book = load()
    except ContentError as exc:
        print("\n".join(str(p) for p in exc.problems), flush=True)
        print("Content has problems: the preview keeps the last good pages.", flush=True)
        return -1
    pages = site.generated_docs(book, None)
    return write_generated_docs(pages, None)


def _watch(stop: threading.Event, interval: float = 0.5) -> None:
    seen = _snapshot()
    while not stop.wait(interval):
        now = _snapshot()
        if now != seen:
            seen = now
            changed = regenerate()
            if changed >= 0:
                print(f"regenerated {changed} page(s)", flush=True)


def serve(port: int = 8000) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    if regenerate() < 0:
        return 1
    book = load()
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(stop,), daemon=True)
    watcher.start()
    print(f"Preview on http://127.0.0.1:{port}/ (Ctrl+C stops). PDFs are not rebuilt here.")
    try:
        mkdocs_serve(
            str(MKDOCS_YML),
            dev_addr=f"127.0.0.1:{port}",
            nav=site.nav(book),
            strict=False,
            livereload=True,
        )
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        time.sleep(0)
    return 0


__all__ = ["serve", "regenerate", "mkdocs_config"]
