"""Build orchestration: model → pages + PDFs → MkDocs → site/, all or nothing.

Everything is produced in a temporary folder next to site/ and moved into place only when
every step succeeded, so a failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .catalog import Handbook
from .paths import (
    BUILD_RUNS,
    DOCS,
    GENERATED_DOC_DIRS,
    GENERATED_DOC_FILES,
    MKDOCS_YML,
    ROOT,
    SITE,
)
from .render import outputs, site


class Progress:
    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.start = time.perf_counter()

    def say(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.start:6.1f} s] {message}", flush=True)


def clean_stale_work(root: Path = ROOT) -> None:
    """Remove temporary folders a killed build left behind (they are never reused)."""
    for stale in [*root.glob(".build-*"), *root.glob(".pack-*"), root / ".site-old"]:
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)


def source_date_epoch() -> str:
    """A fixed build time for reproducible output (sitemap dates, PDF metadata): the time
    of the last commit, or else of the newest content file. An existing value is kept."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        if out.isdigit():
            return out
    except (OSError, subprocess.SubprocessError):
        pass
    from .paths import CONTENT

    times = [int(p.stat().st_mtime) for p in CONTENT.rglob("*.y*ml")] or [0]
    return str(max(times))


def _copy_hand_written_docs(target: Path) -> None:
    """docs/ without its generated parts: the build writes those into a copy, so a failed
    build leaves docs/ as it was (the generated pages are swapped in only on success)."""
    generated = {*GENERATED_DOC_DIRS, *GENERATED_DOC_FILES}
    shutil.copytree(DOCS, target, ignore=lambda d, names: generated if d == str(DOCS) else ())


def write_generated_docs(pages: dict[str, str], pdf_source: Path | None, docs: Path = DOCS) -> int:
    """Replace the generated part of docs/ with `pages` (and PDFs). Returns files changed.

    `pages` maps a path under docs/ to its text: Markdown pages and data files (such as the
    planner's JSON). Unchanged files are left untouched so a live-reloading server only
    rebuilds what changed.
    """
    wanted = {docs / rel for rel in pages}
    changed = 0
    for folder in GENERATED_DOC_DIRS:
        base = docs / folder
        if folder == "pdf":
            continue
        if base.exists():
            for path in base.rglob("*"):
                if path.is_file() and path not in wanted:
                    path.unlink()
                    changed += 1
    for rel in GENERATED_DOC_FILES:
        path = docs / rel
        if path.exists() and path not in wanted:
            path.unlink()
    for rel, text in pages.items():
        path = docs / rel
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed += 1
    if pdf_source is not None:
        target = docs / "pdf"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(pdf_source, target)
    return changed


def mkdocs_config(book: Handbook, **overrides: Any) -> Any:
    from mkdocs.config import load_config

    return load_config(str(MKDOCS_YML), nav=site.nav(book), **overrides)


def run_mkdocs(book: Handbook, site_dir: Path, docs_dir: Path = DOCS, **overrides: Any) -> None:
    """Build the site with MkDocs (strict: any warning fails the build)."""
    from mkdocs.commands.build import build as mkdocs_build

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    try:
        config = mkdocs_config(
            book, site_dir=str(site_dir), docs_dir=str(docs_dir), strict=True, **overrides
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)


def write_pdfs(
    book: Handbook, plan: list[outputs.PdfOutput], target: Path, progress: Progress
) -> None:
    from .render import pdf

    for i, out in enumerate(plan, 1):
        started = time.perf_counter()
        path = pdf.write_pdf(book, out, target)
        progress.say(
            f"PDF {i}/{len(plan)} {out.filename} "
            f"({path.stat().st_size // 1024} KiB, {time.perf_counter() - started:.1f} s)"
        )


def build(
    book: Handbook, with_pdfs: bool = True, quiet: bool = False, site_dir: Path = SITE
) -> int:
    progress = Progress(quiet)
    plan = outputs.plan(book) if with_pdfs else None
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
    try:
        clean_stale_work()
        work = Path(tempfile.mkdtemp(prefix=".build-", dir=ROOT))
    except OSError as exc:
        print(f"build failed: cannot write in {ROOT}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        pages = site.generated_docs(book, plan)
        progress.say(f"rendered {len(pages)} pages and data files")
        pdf_dir = work / "pdf"
        if plan is not None:
            pdf_dir.mkdir()
            write_pdfs(book, plan, pdf_dir, progress)
        work_docs = work / "docs"
        _copy_hand_written_docs(work_docs)
        if plan is not None:
            write_offline_bundle(book, plan, pdf_dir, work, work_docs, progress)
        write_generated_docs(pages, pdf_dir if plan is not None else None, docs=work_docs)
        built = work / "site"
        run_mkdocs(book, built, docs_dir=work_docs)
        progress.say("site built with MkDocs")
        _swap(built, site_dir)
        # Only now that everything succeeded: the generated pages in docs/ (for `serve`,
        # plain `mkdocs` and Zensical) follow the new site.
        write_generated_docs(pages, pdf_dir if plan is not None else None)
        if plan is None and (DOCS / "pdf").exists():
            shutil.rmtree(DOCS / "pdf")  # the pages do not link them: keep site and PDFs in step
    except Exception as exc:  # noqa: BLE001 - report any failure and leave site/ untouched
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
        print(f"build failed: {type(exc).__name__}: {reason}{where}", file=sys.stderr)
        print(f"{site_dir.name}/ was left as it was.", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    progress.say(f"done: {site_dir}")
    return 0


def write_offline_bundle(
    book: Handbook,
    plan: list[outputs.PdfOutput],
    pdf_dir: Path,
    work: Path,
    docs: Path,
    progress: Progress,
) -> Path:
    """Build the site for use from disk (with every PDF) from `docs` and zip it into `pdf_dir`.

    Runs before the main MkDocs build, so the zip is in docs/pdf/ when the downloads page
    links to it; the offline copy's own downloads page does not offer it again."""
    from . import offline

    write_generated_docs(site.render_pages(book, plan, offline=True), pdf_dir, docs=docs)
    folder = work / "offline"
    run_mkdocs(book, folder, docs_dir=docs, **offline.config_overrides())
    path = offline.write_zip(folder, pdf_dir / offline.OFFLINE_BUNDLE)
    shutil.rmtree(folder)
    progress.say(f"offline bundle {path.name} ({path.stat().st_size // 1024} KiB)")
    return path


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames, so readers never see a half state."""
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    shutil.move(str(new), str(target))
    shutil.rmtree(old, ignore_errors=True)


def build_pack(book: Handbook, pack_id: str, output: str | None) -> int:
    """Build one trainer pack (content/packs/<id>.yml) to a PDF file."""
    from .render import pdf

    plan = [p for p in outputs.plan(book) if p.pack_id == pack_id]
    if not plan:
        known = ", ".join(sorted(book.packs)) or "none"
        print(f"unknown pack '{pack_id}' (content/packs/ has: {known})")
        return 1
    target = Path(output) if output else ROOT / plan[0].filename
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".pack-", dir=target.parent) as tmp:
            path = pdf.write_pdf(book, plan[0], Path(tmp))
            os.replace(path, target)
    except OSError as exc:
        print(f"cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {target}")
    return 0


def write_run(book: Handbook, run_id: str, target_root: Path = BUILD_RUNS) -> Path:
    """Write a course run's pack, run sheet and calendar to <target_root>/<run id>/.

    Everything goes into a temporary folder next to it first and is swapped in with renames
    only when all three files are written, so a failed build leaves the old folder as it was.
    """
    from .render import ics, pdf

    target_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{run_id}-", dir=target_root))
    try:
        built = work / run_id
        built.mkdir()
        for out in outputs.run_outputs(book, run_id):
            pdf.write_pdf(book, out, built)
        (built / f"{run_id}.ics").write_bytes(ics.calendar(book, run_id))
        _swap(built, target_root / run_id)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target_root / run_id


def build_runs(
    book: Handbook, run_ids: list[str], target_root: Path = BUILD_RUNS, quiet: bool = False
) -> int:
    """Build the given runs; print what was written. Returns a process exit code."""
    for run_id in run_ids:
        started = time.perf_counter()
        try:
            folder = write_run(book, run_id, target_root)
        except Exception as exc:  # noqa: BLE001 - report, never a traceback
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"run {run_id} failed: {type(exc).__name__}: {reason}", file=sys.stderr)
            return 1
        if quiet:
            continue
        files = ", ".join(sorted(p.name for p in folder.iterdir()))
        shown = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
        print(f"wrote {shown}/: {files} ({time.perf_counter() - started:.1f} s)")
    return 0
