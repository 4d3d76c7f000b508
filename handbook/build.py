"""Build orchestration: model → pages + PDFs → MkDocs → site/, all or nothing.

Everything is produced in a temporary folder next to site/ and moved into place only when
every step succeeded, so a failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cache, offline
from .content import outputs, run_calendar, run_changes
from .content.book import Handbook
from .content.release import site_extra, source_date_epoch
from .paths import (
    BUILD_RUNS,
    CONTENT,
    DOCS,
    GENERATED_DOC_DIRS,
    GENERATED_DOC_FILES,
    LOCAL_ADDRESS_NOTE,
    MKDOCS_YML,
    ROOT,
    SITE,
    site_is_public,
    site_url,
)
from .render import engine, ics, pdf, site


class Progress:
    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.start = time.perf_counter()

    def say(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.start:6.1f} s] {message}", flush=True)


def clean_stale_work(roots: tuple[Path, ...] = (ROOT, BUILD_RUNS)) -> None:
    """Remove temporary folders a killed build left behind (they are never reused).

    Every build command (site, pack, run, full) calls this when it starts. A work folder is
    named after the process that made it (.build-<pid>-…, .pack-<pid>-…); one whose process
    still runs belongs to a build running next to this one and is left alone. A process that
    has ended but was not yet reaped by its parent (a zombie) runs no more: its folders go."""
    for root in roots:
        if not root.is_dir():
            continue
        for stale in [*root.glob(".build-*"), *root.glob(".pack-*"), root / ".site-old"]:
            if stale.is_dir() and not stale.is_symlink() and not _owner_alive(stale.name):
                shutil.rmtree(stale, ignore_errors=True)


def _owner_alive(name: str) -> bool:
    pid = name.split("-")[1] if name.count("-") >= 2 else ""
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return not _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    """Whether the process has ended and only waits for its parent to read its status
    (Linux /proc; elsewhere a zombie counts as running, which only keeps a folder)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    fields = stat.rpartition(")")[2].split()  # the command name in (…) may hold spaces
    return bool(fields) and fields[0] in ("Z", "X")


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


def mkdocs_config(book: Handbook, pages: dict[str, str] | None = None, **overrides: Any) -> Any:
    from mkdocs.config import load_config

    nav = site.nav(book) if pages is None else site.titled_nav(site.nav(book), pages)
    edition = book.edition
    if edition is not None:  # its own name on every page; the address comes from site_url()
        overrides.setdefault("site_name", edition.settings.title)
    config = load_config(str(MKDOCS_YML), nav=nav, **overrides)
    config.extra.update(site_extra(book.release))  # the footer's version line (overrides/partials)
    if edition is not None:
        # The macros (site_macros.py) read the edition's handbook, and its accessibility
        # statement names the edition's own contact route.
        config.extra["handbook_edition"] = edition.id
        config.extra["accessibility_contact"] = edition.settings.accessibility_contact
    return config


NAV_CONFIG = ROOT / "mkdocs.nav.yml"


def write_nav_config(nav: list[Any], path: Path = NAV_CONFIG) -> bool:
    """Write the generated navigation where MkDocs and Zensical both read it: a config
    that inherits mkdocs.yml and adds `nav` (`mkdocs serve -f mkdocs.nav.yml`,
    `zensical build -f mkdocs.nav.yml`). Git-ignored; unchanged text is not rewritten.
    Returns whether the file changed."""
    import yaml

    text = (
        "# Generated by build.py from content/ (do not edit): mkdocs.yml plus the navigation.\n"
        + yaml.safe_dump(
            {"INHERIT": MKDOCS_YML.name, "nav": nav},
            allow_unicode=True,
            sort_keys=False,
            width=1000,
        )
    )
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


def run_mkdocs(
    book: Handbook,
    site_dir: Path,
    docs_dir: Path = DOCS,
    pages: dict[str, str] | None = None,
    **overrides: Any,
) -> None:
    """Build the site with MkDocs (strict: any warning fails the build)."""
    from mkdocs.commands.build import build as mkdocs_build

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    try:
        config = mkdocs_config(
            book,
            pages,
            site_dir=str(site_dir),
            docs_dir=str(docs_dir),
            strict=True,
            **overrides,
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)


@dataclass
class PdfStats:
    """What the PDF phase did, for the progress summary and bench/."""

    files: int = 0
    hits: int = 0
    misses: int = 0
    pages: int = 0
    wall: float = 0.0  # seconds from the first HTML rendered to the last PDF written
    cpu: float = 0.0  # CPU seconds of the parent and every worker in that time
    keys: dict[str, str] = field(default_factory=dict)  # filename → cache key
    page_counts: dict[str, int] = field(default_factory=dict)  # filename → pages

    def facts(self, folder: Path) -> dict[str, outputs.PdfFacts]:
        """Size and pages of every PDF written into `folder` (for the downloads page)."""
        return {
            name: outputs.PdfFacts((folder / name).stat().st_size, pages)
            for name, pages in self.page_counts.items()
        }

    @property
    def parallelism(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _render_job(
    job: tuple[str, str, bool, str | None],
) -> tuple[int, tuple[str, ...], float, float]:
    """Worker: (HTML, target file, forms flag, tighter HTML or None) → (pages, warnings,
    seconds, CPU seconds). Only strings and a flag cross the process boundary, never the
    Handbook."""
    document_html, target, forms, compact_html = job
    started, cpu = time.perf_counter(), time.process_time()
    result = engine.html_to_pdf(document_html, Path(target), forms, compact_html)
    return result.pages, result.warnings, time.perf_counter() - started, time.process_time() - cpu


_said_local_addresses = False


def _note_local_addresses() -> None:
    """Say once per process that the PDFs print page paths, not addresses, and why."""
    global _said_local_addresses
    if _said_local_addresses or site_is_public():
        return
    _said_local_addresses = True
    try:
        url = site_url()
    except ValueError:
        url = "not set"
    print(LOCAL_ADDRESS_NOTE.format(url=url), file=sys.stderr, flush=True)


@dataclass
class _Pending:
    """One PDF to render: its HTML (and tighter variant), cache key and target file."""

    out: outputs.PdfOutput
    html: tuple[str, str | None]
    key: str
    target: Path


@dataclass
class PdfGroup:
    """The PDFs of one plan written into one folder (the site's, or one course run's)."""

    plan: list[outputs.PdfOutput]
    target: Path
    progress: Progress
    stats: PdfStats
    pending: list[_Pending] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    cpu_started: float = field(default_factory=time.process_time)
    done: int = 0
    rendered: int = 0
    worker_cpu: float = 0.0
    finished: bool = False


class PdfPool:
    """Every PDF of one command through one cache and one pool of worker processes.

    `add` renders a plan's HTML here (cheap), keys each PDF by content (handbook/cache.py),
    copies the hits from the cache and queues the misses; `finish` hands everything queued
    to the workers (default: every core; 1 renders here, one after another) and waits for
    one group's PDFs, while the workers go on with the groups queued after it. The full
    build queues the site's PDFs and then the course runs', so the runs' PDFs keep the
    cores busy while MkDocs builds the site. Within a group the largest go first (shortest
    makespan). Progress and the renderer's warnings are printed in the order the PDFs are
    finished. Use it as a context manager: leaving it stops the workers and, after success,
    prunes the cache."""

    def __init__(self, jobs: int | None = None, use_cache: bool = True):
        self.jobs = jobs or default_jobs()
        self.use_cache = use_cache
        self.store = cache.pdf_store() if use_cache else None
        self._queued: list[tuple[_Pending, PdfGroup]] = []
        self._futures: dict[Any, tuple[_Pending, PdfGroup]] = {}
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PdfPool:
        return self

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if kind is None and self.store is not None:
            self.store.prune()

    def add(
        self, book: Handbook, plan: list[outputs.PdfOutput], target: Path, progress: Progress
    ) -> PdfGroup:
        _note_local_addresses()
        group = PdfGroup(plan, target, progress, PdfStats(files=len(plan)))
        store, stats = self.store, group.stats
        for out in plan:
            document_html = pdf.render_html(book, out)
            compact_html = pdf.compact_variant(book, out, document_html)
            forms = out.kind == "worksheet"
            key = cache.pdf_key(document_html + (compact_html or ""), forms, engine.PDF_VARIANT)
            stats.keys[out.filename] = key
            entry = store.get(key, target / out.filename) if store else None
            if store is not None and store.refused and store.refused[-1][0] == key:
                # Said once: the fresh render below replaces the entry.
                print(
                    f"PDF cache: {out.filename}: entry refused ({cache.printable(store.refused[-1][1])}), "
                    "rendering it again",
                    file=sys.stderr,
                    flush=True,
                )
            if entry is None:
                group.pending.append(_Pending(out, (document_html, compact_html), key, target))
                continue
            stats.hits += 1
            stats.pages += entry.pages
            stats.page_counts[out.filename] = entry.pages
            self._finished(group, out, "from cache", entry.warnings)
        stats.misses = len(group.pending)
        # longest first: shortest makespan
        group.pending.sort(key=lambda m: len(m.html[0]), reverse=True)
        self._queued += [(job, group) for job in group.pending]
        return group

    def _finished(
        self, group: PdfGroup, out: outputs.PdfOutput, note: str, warnings: tuple[str, ...]
    ) -> None:
        group.done += 1
        size = (group.target / out.filename).stat().st_size // 1024
        group.progress.say(
            f"PDF {group.done}/{len(group.plan)} {out.filename} ({size} KiB, {note})"
        )
        for message in warnings:  # stored warnings are data from the cache folder
            pdf.log.warning("%s", cache.printable(message))

    def _record(self, job: _Pending, group: PdfGroup, result: tuple) -> None:
        pages, warnings, seconds, worker_cpu = result
        stats = group.stats
        group.rendered += 1
        group.worker_cpu += worker_cpu
        stats.pages += pages
        stats.page_counts[job.out.filename] = pages
        if self.store is not None:
            try:
                self.store.put(job.key, job.target / job.out.filename, cache.Entry(pages, warnings))
            except (OSError, cache.Refused) as exc:  # a read-only or tampered cache folder
                why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                print(
                    f"PDF cache: {job.out.filename}: not stored ({cache.printable(why)})",
                    file=sys.stderr,
                    flush=True,
                )
        left = stats.misses - group.rendered
        eta = ""
        if left:
            per_pdf = (time.perf_counter() - group.started) / group.rendered
            eta = f"; about {per_pdf * left:.0f} s left"
        self._finished(group, job.out, f"{seconds:.1f} s{eta}", warnings)

    @staticmethod
    def _job(job: _Pending) -> tuple[str, str, bool, str | None]:
        return (
            job.html[0],
            str(job.target / job.out.filename),
            job.out.kind == "worksheet",
            job.html[1],
        )

    def finish(self, group: PdfGroup) -> PdfStats:
        """Wait until every PDF of `group` is written; its statistics."""
        if not group.finished:
            if self.jobs > 1 and (self._futures or len(self._queued) > 1):
                self._wait_in_pool(group)
            else:  # one after another, here (--jobs 1, or a single PDF)
                for job, owner in [q for q in self._queued if q[1] is group]:
                    self._record(job, owner, _render_job(self._job(job)))
                self._queued = [q for q in self._queued if q[1] is not group]
            group.finished = True
            stats = group.stats
            stats.wall = time.perf_counter() - group.started
            stats.cpu = time.process_time() - group.cpu_started + group.worker_cpu
        return group.stats

    def _wait_in_pool(self, group: PdfGroup) -> None:
        if self._queued:
            if self._pool is None:
                import weasyprint  # noqa: F401 - imported once here, inherited by forked workers

                self._pool = ProcessPoolExecutor(max_workers=self.jobs)
            for job, owner in self._queued:
                self._futures[self._pool.submit(_render_job, self._job(job))] = (job, owner)
            self._queued = []
        mine = [f for f, (_, owner) in self._futures.items() if owner is group]
        for future in as_completed(mine):
            job, owner = self._futures.pop(future)
            try:
                result = future.result()
            except Exception as exc:
                raise RuntimeError(f"{job.out.filename}: {exc}") from exc
            self._record(job, owner, result)


def write_pdfs(
    book: Handbook,
    plan: list[outputs.PdfOutput],
    target: Path,
    progress: Progress,
    jobs: int | None = None,
    use_cache: bool = True,
) -> PdfStats:
    """Write every PDF of the plan into `target` (a PdfPool of its own)."""
    with PdfPool(jobs, use_cache) as pool:
        return pool.finish(pool.add(book, plan, target, progress))


def site_key(book: Handbook, pages: dict[str, str], pdf_keys: dict[str, str] | None) -> str:
    """sha256 of everything the MkDocs phase reads: the generated pages and navigation,
    the hand-written docs/, mkdocs.yml, the content (macros in docs/index.md read the
    model), the PDFs' cache keys, the build date and the versions of MkDocs and its
    plugins. Equal keys mean MkDocs would write the same site again."""
    import hashlib
    import json
    from importlib import metadata

    digest = hashlib.sha256(b"site 1\n")

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label} {len(data)}\n".encode())
        digest.update(data)

    for rel in sorted(pages):
        add(f"page {rel}", pages[rel].encode("utf-8"))
    add("nav", json.dumps(site.titled_nav(site.nav(book), pages), ensure_ascii=False).encode())
    generated = {*GENERATED_DOC_DIRS, *GENERATED_DOC_FILES}
    for path in sorted(DOCS.rglob("*")):
        rel = path.relative_to(DOCS)
        if path.is_file() and rel.parts[0] not in generated:
            add(f"doc {rel.as_posix()}", path.read_bytes())
    for path in sorted(CONTENT.rglob("*")):
        if path.is_file():
            add(f"content {path.relative_to(CONTENT).as_posix()}", path.read_bytes())
    if book.edition is not None:
        for path in sorted(book.edition.folder.rglob("*")):
            if path.is_file():
                add(
                    f"edition {path.relative_to(book.edition.folder).as_posix()}", path.read_bytes()
                )
    add("mkdocs.yml", MKDOCS_YML.read_bytes())
    for path in sorted((ROOT / "handbook").rglob("*.py")):  # the code (macros, offline copy …)
        add(f"code {path.relative_to(ROOT).as_posix()}", path.read_bytes())
    add("pdfs", json.dumps(pdf_keys, sort_keys=True).encode())
    add("date", os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    add("site_url", os.environ.get("HANDBOOK_SITE_URL", "").encode())  # mkdocs.yml's !ENV
    for dist in (
        "mkdocs",
        "mkdocs-material",
        "mkdocs-macros-plugin",
        "markdown",
        "pymdown-extensions",
    ):
        try:
            add(dist, metadata.version(dist).encode())
        except metadata.PackageNotFoundError:
            add(dist, b"missing")
    return digest.hexdigest()


def _site_marker(site_dir: Path) -> Path | None:
    """Where the key of the site last built into `site_dir` is kept (in the cache)."""
    import hashlib

    root = cache.cache_root()
    if root is None:
        return None
    name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:32]
    return root / "site" / f"{name}.key"


_held = 0  # how deep this process is inside exclusive()


@contextmanager
def exclusive(quiet: bool = True) -> Iterator[None]:
    """Builds in one checkout take turns: each writes the generated pages into docs/, so a
    build started meanwhile (another terminal, a parallel test worker) waits for the
    running one. Re-entrant within a process; the lock is .build.lock at the root."""
    global _held
    if _held:
        _held += 1
        try:
            yield
        finally:
            _held -= 1
        return
    import fcntl

    with (ROOT / ".build.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not quiet:
                print("waiting for another build in this folder to finish …", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        _held = 1
        try:
            yield
        finally:
            _held = 0
            fcntl.flock(lock, fcntl.LOCK_UN)


def build(
    book: Handbook,
    with_pdfs: bool = True,
    quiet: bool = False,
    site_dir: Path = SITE,
    jobs: int | None = None,
    use_cache: bool = True,
    report: dict[str, Any] | None = None,
    run_ids: list[str] | tuple[str, ...] = (),
    runs_root: Path = BUILD_RUNS,
) -> int:
    """Build site and PDFs into `site_dir` (see _build), one build at a time (exclusive),
    and the course runs `run_ids` into `runs_root` (build/runs/): their PDFs go through the
    same pool and cache, queued after the site's, so they render while MkDocs builds the
    site. A run is written only when the site was; a failed run fails the build."""
    try:
        with exclusive(quiet), PdfPool(jobs, use_cache) as pool:
            runs: list[_RunWork] = []
            try:
                code = _build(
                    book, with_pdfs, quiet, site_dir, pool, report, run_ids, runs_root, runs
                )
                for run in runs if code == 0 else ():
                    try:
                        folder = _finish_run(book, run, pool)
                    except Exception as exc:  # noqa: BLE001 - report, never a traceback
                        return _run_failed(run.run_id, exc)
                    if not quiet:
                        _wrote_run(folder, run.started)
                return code
            finally:
                for run in runs:
                    shutil.rmtree(run.work, ignore_errors=True)
    except OSError as exc:  # the lock file cannot be made
        print(f"build failed: cannot write in {ROOT}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _build(
    book: Handbook,
    with_pdfs: bool,
    quiet: bool,
    site_dir: Path,
    pool: PdfPool,
    report: dict[str, Any] | None,
    run_ids: list[str] | tuple[str, ...],
    runs_root: Path,
    runs: list[_RunWork],
) -> int:
    """Build site and PDFs into `site_dir`, the PDFs through `pool` (its cache takes
    unchanged PDFs; with a cache MkDocs is skipped when nothing changed). The runs'
    PDFs are queued in `pool` after the site's and their work appended to `runs`;
    `report` (bench/) receives the PDF statistics and whether MkDocs ran."""
    progress = Progress(quiet)
    report = {} if report is None else report
    plan = outputs.plan(book) if with_pdfs else None
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
    try:
        clean_stale_work()
        work = Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-", dir=ROOT))
    except OSError as exc:
        print(f"build failed: cannot write in {ROOT}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        pages = site.generated_docs(book, plan)
        progress.say(f"rendered {len(pages)} pages and data files")
        pdf_dir = work / "pdf"
        stats = None
        if plan is not None:
            pdf_dir.mkdir()
            site_pdfs = pool.add(book, plan, pdf_dir, progress)
            clean_stale_work((runs_root,))
            for run_id in run_ids:
                try:
                    runs.append(_start_run(book, run_id, runs_root, pool))
                except Exception as exc:  # noqa: BLE001 - report, never a traceback
                    return _run_failed(run_id, exc)
            stats = pool.finish(site_pdfs)
            progress.say(
                f"PDFs: {stats.files} ({stats.hits} from cache, {stats.misses} rendered), "
                f"{stats.pages} pages, CPU/wall {stats.parallelism:.2f}, {stats.wall:.1f} s"
            )
            # The downloads page gives every PDF's size and pages: known only now.
            pages = site.generated_docs(book, plan, facts=stats.facts(pdf_dir))
        report["pdf"] = stats
        key = site_key(book, pages, stats.keys if stats else None)
        marker = _site_marker(site_dir) if pool.use_cache else None
        unchanged = (
            marker is not None and site_dir.is_dir() and cache.read_small_text(marker) == key
        )
        report["mkdocs"] = not unchanged
        if unchanged:
            progress.say(f"site unchanged: {site_dir} kept, MkDocs not run")
            if plan is not None:  # docs/pdf below keeps the offline bundle the site has
                bundle = site_dir / "pdf" / outputs.OFFLINE_BUNDLE
                if bundle.is_file():
                    shutil.copy2(bundle, pdf_dir / outputs.OFFLINE_BUNDLE)
        else:
            if marker is not None:
                marker.unlink(missing_ok=True)
            work_docs = work / "docs"
            _copy_hand_written_docs(work_docs)
            if plan is not None:
                facts = stats.facts(pdf_dir) if stats else None
                write_offline_bundle(book, plan, pdf_dir, work, work_docs, progress, facts)
            write_generated_docs(pages, pdf_dir if plan is not None else None, docs=work_docs)
            built = work / "site"
            run_mkdocs(book, built, docs_dir=work_docs, pages=pages)
            progress.say("site built with MkDocs")
            _swap(built, site_dir)
            if marker is not None:
                marker.parent.mkdir(parents=True, exist_ok=True)
                tmp_marker = marker.with_name(f".{marker.name}.{os.getpid()}.tmp")
                tmp_marker.write_text(key, encoding="utf-8")
                os.replace(tmp_marker, marker)  # replaces a link, never writes through it
        # Only now that everything succeeded: the generated pages in docs/ (for `serve`,
        # plain `mkdocs` and Zensical) follow the new site. An edition's pages stay in its
        # own build folder: docs/ is the national handbook's.
        if book.edition is None:
            write_generated_docs(pages, pdf_dir if plan is not None else None)
            write_nav_config(site.titled_nav(site.nav(book), pages))
            if plan is None and (DOCS / "pdf").exists():
                shutil.rmtree(
                    DOCS / "pdf"
                )  # the pages do not link them: keep site and PDFs in step
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
    facts: dict[str, outputs.PdfFacts] | None = None,
) -> Path:
    """Build the site for use from disk (with every PDF) from `docs` and zip it into `pdf_dir`.

    Runs before the main MkDocs build, so the zip is in docs/pdf/ when the downloads page
    links to it; the offline copy's own downloads page does not offer it again."""
    pages = site.render_pages(book, plan, offline=True, facts=facts)
    write_generated_docs(pages, pdf_dir, docs=docs)
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
    clean_stale_work()
    _note_local_addresses()
    plan = [p for p in outputs.plan(book) if p.pack_id == pack_id]
    if not plan:
        known = ", ".join(sorted(book.packs)) or "none"
        print(f"unknown pack '{pack_id}' (content/packs/ has: {known})")
        return 1
    target = Path(output) if output else ROOT / plan[0].filename
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=f".pack-{os.getpid()}-", dir=target.parent) as tmp:
            path = pdf.write_pdf(book, plan[0], Path(tmp))
            os.replace(path, target)
    except OSError as exc:
        print(f"cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {target}")
    return 0


@dataclass
class _RunWork:
    """A course run being built: its work folder and its PDFs queued in a PdfPool."""

    run_id: str
    target_root: Path
    work: Path
    manifest: dict[str, Any]
    group: PdfGroup
    started: float


def _start_run(book: Handbook, run_id: str, target_root: Path, pool: PdfPool) -> _RunWork:
    """Queue the run's PDFs in `pool` (their HTML is rendered now, with the changes since the
    run's last build on the run sheet) in a temporary folder next to its folder."""
    started = time.perf_counter()
    target_root.mkdir(parents=True, exist_ok=True)
    # Named after this process, so a later build can tell a killed run's folder (see
    # clean_stale_work) from one a build running next to it is writing.
    work = Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-{run_id}-", dir=target_root))
    try:
        # What the run is built from, compared with its last build: the run sheet lists it.
        previous = run_changes.read_manifest(target_root / run_id)
        manifest = run_changes.next_manifest(book, run_id, previous)
        # Each event's SEQUENCE rises when what it says changed since the last build.
        manifest["events"] = run_calendar.event_versions(
            ics.event_digests(book, run_id), (previous or {}).get("events")
        )
        built = work / run_id
        built.mkdir()
        run_changes.begin(run_id, manifest)
        try:
            # The same cached path as the handbook's PDFs: an unchanged run is copied.
            group = pool.add(book, outputs.run_outputs(book, run_id), built, Progress(quiet=True))
        finally:
            run_changes.end(run_id)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return _RunWork(run_id, target_root, work, manifest, group, started)


def _finish_run(book: Handbook, run: _RunWork, pool: PdfPool) -> Path:
    """Wait for the run's PDFs, add its calendar and manifest and swap its folder in."""
    try:
        pool.finish(run.group)
        built = run.group.target
        sequences = {uid: e["sequence"] for uid, e in run.manifest["events"].items()}
        (built / f"{run.run_id}.ics").write_bytes(ics.calendar(book, run.run_id, sequences))
        run_changes.write_manifest(built, run.manifest)
        _swap(built, run.target_root / run.run_id)
    finally:
        shutil.rmtree(run.work, ignore_errors=True)
    return run.target_root / run.run_id


def write_run(book: Handbook, run_id: str, target_root: Path = BUILD_RUNS) -> Path:
    """Write a course run's pack, run sheet and calendar to <target_root>/<run id>/.

    Everything goes into a temporary folder next to it first and is swapped in with renames
    only when all its files are written, so a failed build leaves the old folder as it was.
    """
    with PdfPool() as pool:
        return _finish_run(book, _start_run(book, run_id, target_root, pool), pool)


def _run_failed(run_id: str, exc: BaseException) -> int:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    print(f"run {run_id} failed: {type(exc).__name__}: {reason}", file=sys.stderr)
    return 1


def _wrote_run(folder: Path, started: float) -> None:
    files = ", ".join(sorted(p.name for p in folder.iterdir()))
    shown = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    print(f"wrote {shown}/: {files} ({time.perf_counter() - started:.1f} s)")


def build_runs(
    book: Handbook, run_ids: list[str], target_root: Path = BUILD_RUNS, quiet: bool = False
) -> int:
    """Build the given runs; print what was written. Returns a process exit code."""
    clean_stale_work((ROOT, target_root))
    for run_id in run_ids:
        started = time.perf_counter()
        try:
            folder = write_run(book, run_id, target_root)
        except Exception as exc:  # noqa: BLE001 - report, never a traceback
            return _run_failed(run_id, exc)
        if not quiet:
            _wrote_run(folder, started)
    return 0
