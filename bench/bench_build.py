#!/usr/bin/env python3
"""Build-speed figures in one run. Not a test: figures only (timings on a shared machine
are noisy; the load average is printed with them).

python bench/bench_build.py               cold, no-change and one-card-edited full builds
                                          (site, PDFs and course runs, as build.py), the
                                          whole build's and the PDF phase's CPU ÷ wall,
                                          pages per second, cache hits and misses, the
                                          preview: serve start, body edit, title edit, new
                                          page, search index complete after each rebuild
python bench/bench_build.py --scale 3     the same for a synthetic copy of the content three
                                          times larger (tools, modules and courses copied
                                          with suffixed ids)
python bench/bench_build.py --no-pdf      site only (fast)
python bench/bench_build.py --sizes-only  one full build, then only the sizes below (its PDFs
                                          come from the usual PDF cache: HANDBOOK_CACHE or
                                          .cache/, so this is the fast path)
python bench/bench_build.py --measure site   only the sizes of a site folder built before
python bench/bench_build.py --preview-only   only the preview figures (on a copy of content/)

Every run also prints the sizes: page HTML (tool pages and all pages: median and largest,
raw and gzip), the search index (raw, gzip) and the built site by kind (pages, PDFs,
offline zip, search index, theme and own assets, other), then the site build time of
MkDocs and of Zensical (when installed) on the same generated pages. Sizes are exact and
repeatable; times are not.

Every build runs as `build.py` in a child process against a private cache and site folder
(the repository's .cache/ and site/ are not touched; docs/ gets the generated pages, as
with any build); --sizes-only uses the usual cache instead.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.content.release import source_date_epoch  # noqa: E402

CONTENT = ROOT / "content"
PYTHON = sys.executable


# --- a synthetic, larger copy of the content ---------------------------------------------


def _suffix(value: str, ids: set[str], n: int) -> str:
    return f"{value}-x{n}" if value in ids else value


def _copy_tool(data: dict, tools: set[str], n: int) -> dict:
    data = dict(data)
    data["title"] = f"{data['title']} (kopi {n})"
    if data.get("part_of"):
        data["part_of"] = _suffix(data["part_of"], tools, n)
    if data.get("related"):
        data["related"] = [_suffix(t, tools, n) for t in data["related"]]
    return data


def _copy_module(data: dict, tools: set[str], n: int) -> dict:
    data = dict(data)
    data["title"] = f"{data['title']} (kopi {n})"

    def fix(items: list[dict]) -> list[dict]:
        out = []
        for item in items:
            item = dict(item)
            if item.get("tools"):
                item["tools"] = [_suffix(t, tools, n) for t in item["tools"]]
            out.append(item)
        return out

    if data.get("tools"):
        data["tools"] = [_suffix(t, tools, n) for t in data["tools"]]
    for key in ("homework", "activities"):
        if data.get(key):
            data[key] = fix(data[key])
    if data.get("days"):
        days = []
        for day in data["days"]:
            day = dict(day)
            day["blocks"] = fix(day.get("blocks", []))
            days.append(day)
        data["days"] = days
    return data


def scaled_content(target: Path, scale: int) -> Path:
    """content/ plus scale-1 copies of every tool, module and course (ids suffixed -x<n>,
    references between the copies rewritten). Guide, cookbook, packs and glossary are
    kept once."""
    shutil.copytree(CONTENT, target)
    tools = {p.stem for p in (CONTENT / "tools").glob("*.yml")}
    modules = {p.stem for p in (CONTENT / "modules").glob("*.yml")}
    for n in range(2, scale + 1):
        for kind, copy in (("tools", _copy_tool), ("modules", _copy_module)):
            for path in sorted((CONTENT / kind).glob("*.yml")):
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                out = target / kind / f"{path.stem}-x{n}.yml"
                out.write_text(yaml.safe_dump(copy(data, tools, n), allow_unicode=True))
        for path in sorted((CONTENT / "courses").glob("*.yml")):
            data = dict(yaml.safe_load(path.read_text(encoding="utf-8")))
            data["title"] = f"{data['title']} (kopi {n})"
            data["modules"] = [_suffix(m, modules, n) for m in data["modules"]]
            out = target / "courses" / f"{path.stem}-x{n}.yml"
            out.write_text(yaml.safe_dump(data, allow_unicode=True))
    return target


# --- one build in a child process ------------------------------------------------------------

_PDFS = re.compile(
    r"PDFs: (\d+) \((\d+) from cache, (\d+) rendered\), (\d+) pages, "
    r"CPU/wall ([\d.]+), ([\d.]+) s"
)


@dataclass
class Run:
    wall: float
    pdfs: int = 0
    hits: int = 0
    misses: int = 0
    pages: int = 0
    parallelism: float = 0.0
    pdf_wall: float = 0.0
    mkdocs: bool = True
    cpu: float = 0.0  # CPU seconds of the build and its workers

    @property
    def whole_parallelism(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.pdf_wall if self.pdf_wall and self.misses else 0.0


def run_build(env: dict[str, str], site_dir: Path, args: argparse.Namespace) -> Run:
    command = [PYTHON, "-c", BUILD_SNIPPET, str(site_dir), str(args.jobs or 0)]
    if args.no_pdf:
        command.append("--no-pdf")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and its reaped workers
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    run = Run(wall, mkdocs="MkDocs not run" not in result.stdout, cpu=cpu)
    found = _PDFS.search(result.stdout)
    if found:
        run.pdfs, run.hits, run.misses, run.pages = (int(found.group(i)) for i in range(1, 5))
        run.parallelism, run.pdf_wall = float(found.group(5)), float(found.group(6))
    return run


# `build.py` with a site folder (and a folder for the course runs) of our own: the CLI
# always builds into site/ and build/runs/.
BUILD_SNIPPET = """
import sys
from pathlib import Path
from handbook.build import build
from handbook.content.catalog import load
site_dir, jobs = Path(sys.argv[1]), int(sys.argv[2]) or None
book = load(skip_broken_runs=True)
pdfs = "--no-pdf" not in sys.argv
runs = sorted(book.runs) if pdfs else []
sys.exit(build(book, with_pdfs=pdfs, site_dir=site_dir, jobs=jobs, run_ids=runs,
               runs_root=site_dir.parent / "built-runs"))
"""


# --- sizes ---------------------------------------------------------------------------------

GZIP_LEVEL = 6  # what a web server typically sends (zlib's default level)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


def _kib(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"


def _mib(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MiB"


@dataclass
class PageSizes:
    count: int
    raw_median: float
    raw_max: int
    gzip_median: float
    gzip_max: int
    largest: str

    @classmethod
    def of(cls, site_dir: Path, pages: list[Path]) -> PageSizes:
        raw = [p.stat().st_size for p in pages]
        packed = [gzip_size(p.read_bytes()) for p in pages]
        largest = max(range(len(pages)), key=packed.__getitem__)
        return cls(
            len(pages),
            statistics.median(raw),
            max(raw),
            statistics.median(packed),
            max(packed),
            pages[largest].parent.relative_to(site_dir).as_posix(),
        )

    def line(self, label: str) -> str:
        return (
            f"{label:19}: gzip median {_kib(self.gzip_median)}, max {_kib(self.gzip_max)} "
            f"({self.largest}); raw median {_kib(self.raw_median)}, max {_kib(self.raw_max)} "
            f"({self.count} pages)"
        )


def site_kinds(site_dir: Path) -> dict[str, int]:
    """Bytes of the built site by kind of file."""
    kinds = {"pages": 0, "PDFs": 0, "offline zip": 0, "search index": 0, "assets": 0, "other": 0}
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            kinds["pages"] += size
        elif path.suffix == ".pdf":
            kinds["PDFs"] += size
        elif path.suffix == ".zip":
            kinds["offline zip"] += size
        elif rel.startswith("search/"):
            kinds["search index"] += size
        elif rel.startswith(("assets/", "javascripts/", "stylesheets/")):
            kinds["assets"] += size  # the theme's and our own scripts and styles
        else:
            kinds["other"] += size  # sitemap, planner data, tags.json, images
    return kinds


def print_sizes(site_dir: Path) -> None:
    tool_pages = sorted((site_dir / "redskaber").glob("*/index.html"))
    all_pages = sorted(site_dir.rglob("*.html"))
    if tool_pages:
        print(PageSizes.of(site_dir, tool_pages).line("tool page HTML"), flush=True)
    print(PageSizes.of(site_dir, all_pages).line("any page HTML"), flush=True)
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        data = index.read_bytes()
        entries = data.count(b'"location"')
        print(
            f"search index       : gzip {_kib(gzip_size(data))}, raw {_kib(len(data))} "
            f"({entries} entries)",
            flush=True,
        )
    kinds = site_kinds(site_dir)
    parts = ", ".join(f"{kind} {_mib(size)}" for kind, size in kinds.items())
    print(f"site size          : {_mib(sum(kinds.values()))} ({parts})", flush=True)


# --- MkDocs and Zensical on the same generated pages --------------------------------------


def _zensical() -> str | None:
    beside = Path(PYTHON).with_name("zensical")
    return str(beside) if beside.is_file() else shutil.which("zensical")


def engine_times(env: dict[str, str]) -> dict[str, float | str]:
    """Wall seconds of a clean site build by MkDocs and by Zensical, each from the pages and
    navigation the last build left in docs/ and mkdocs.nav.yml (strict, no PDFs built).
    Zensical wants its output inside the project: a work folder named like the build's
    own, so a killed run is cleaned up by the next build."""
    from handbook.build import NAV_CONFIG

    work = Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-engines-", dir=ROOT))
    config = work.with_suffix(".yml")
    times: dict[str, float | str] = {}
    try:
        config.write_text(
            yaml.safe_dump(
                {"INHERIT": NAV_CONFIG.name, "docs_dir": "docs", "site_dir": f"{work.name}/site"}
            ),
            encoding="utf-8",
        )
        commands = {
            "MkDocs": [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)]
        }
        zensical = _zensical()
        if zensical:
            commands["Zensical"] = [zensical, "build", "--strict", "-f", str(config)]
        else:
            times["Zensical"] = "not installed (pip install -r requirements-test.lock)"
        for name, command in commands.items():
            shutil.rmtree(work / "site", ignore_errors=True)
            started = time.perf_counter()
            result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            wall = time.perf_counter() - started
            if result.returncode != 0:
                times[name] = f"failed: {(result.stdout + result.stderr).strip()[-300:]}"
            else:
                times[name] = wall
    finally:
        shutil.rmtree(work, ignore_errors=True)
        config.unlink(missing_ok=True)
    return times


def print_engine_times(env: dict[str, str]) -> None:
    times = engine_times(env)
    shown = [f"{k} {v:.1f} s" if isinstance(v, float) else f"{k} {v}" for k, v in times.items()]
    print(f"site build engines : {'; '.join(shown)} (same generated pages)", flush=True)


# --- preview latency -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


@dataclass
class PreviewTimes:
    start: float  # `build.py serve` started → first page served
    last_build: bool  # whether a built site/ was there to serve at once
    first_build: float  # started → the preview's own first build served
    body: list[float]  # a card's body text edited → the page shows it
    title: list[float]  # a card's title edited → its page and a neighbour's navigation show it
    new_page: list[float]  # a new card → its page and a neighbour's navigation
    search_complete: bool  # after every rebuild the search index held every page


def _wait_for(url: str, *needles: str, since: float, limit: float = 120) -> float:
    while not all(n in _get(url) for n in needles):
        if time.perf_counter() - since > limit:
            sys.exit(f"the preview did not show {needles} at {url} within {limit:.0f} s")
        time.sleep(0.02)
    return time.perf_counter() - since


def _search_pages(port: int) -> set[str]:
    """The pages the served search index holds entries for."""
    text = _get(f"http://127.0.0.1:{port}/search/search_index.json")
    try:
        docs = json.loads(text)["docs"]
    except (ValueError, KeyError):
        return set()
    return {str(d["location"]).split("#")[0] for d in docs}


def neighbour(card: Path) -> Path | None:
    """Another stand-alone card of the same first area: its page's navigation lists `card`."""
    area = yaml.safe_load(card.read_text(encoding="utf-8"))["tags"]["area"][0]
    for path in sorted(card.parent.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path != card and not data.get("part_of") and data["tags"]["area"][0] == area:
            return path
    return None


def preview_cards(content: Path) -> tuple[Path, Path]:
    """The card to edit (pick_card's, or the first stand-alone card with a neighbour when
    that one is alone in its area) and its neighbour."""
    card = pick_card(content)
    for candidate in [card, *sorted((content / "tools").glob("*.yml"))]:
        if "part_of" not in candidate.read_text(encoding="utf-8"):
            other = neighbour(candidate)
            if other is not None:
                return candidate, other
    sys.exit("no two stand-alone cards share an area")


def preview_latency(env: dict[str, str], content: Path, tries: int = 5) -> PreviewTimes:
    """Start `build.py serve`; time the first page, the preview's own first build, then
    edits of the card: its body text (`tries` times), its title (3 times) and a new card
    (once). A title or a new card counts as shown when the card's page and a neighbour's
    navigation show it. The content is restored afterwards."""
    port = _free_port()
    log_dir = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    log = (log_dir / "serve.log").open("w")  # noqa: SIM115 - closed in the finally below
    started = time.perf_counter()
    server = subprocess.Popen(
        [PYTHON, "build.py", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    card, other = preview_cards(content)
    url = f"{base}/redskaber/{card.stem}/"
    other_url = f"{base}/redskaber/{other.stem}/"
    original = card.read_text(encoding="utf-8")
    added = card.with_name(f"{card.stem}-bench.yml")
    body: list[float] = []
    titles: list[float] = []
    new_page: list[float] = []
    complete = True
    try:
        first = _wait_for(f"{base}/", "</html>", since=started, limit=600)
        last_build = (ROOT / "site" / "index.html").is_file()
        while last_build and "replaces the last one" not in (log_dir / "serve.log").read_text(
            "utf-8"
        ):
            if server.poll() is not None or time.perf_counter() - started > 600:
                sys.exit("the preview's first build did not finish")
            time.sleep(0.05)
        first_build = time.perf_counter() - started
        pages = len(_search_pages(port))

        def edited(change: Any, *shown: tuple[str, str]) -> float:
            nonlocal complete
            time.sleep(1.0)  # let the watcher settle after the previous build
            change()
            since = time.perf_counter()
            took = max(_wait_for(where, what, since=since) for where, what in shown)
            complete = complete and len(_search_pages(port)) >= pages
            return took

        for i in range(tries):
            word = f"Benchmarkord{i}x{os.getpid()}"
            body.append(
                edited(lambda w=word: edit_field(card, original, "definition", w), (url, word))
            )
        for i in range(3):
            word = f"Titelord{i}x{os.getpid()}"
            titles.append(
                edited(
                    lambda w=word: edit_field(card, original, "title", w),
                    (url, word),
                    (other_url, word),
                )
            )
        card.write_text(original, encoding="utf-8")
        data = yaml.safe_load(original)
        data["title"] = f"Benchmarkredskab {os.getpid()}"
        data.pop("part_of", None)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        new_page.append(
            edited(
                lambda: added.write_text(text, encoding="utf-8"),
                (f"{base}/redskaber/{added.stem}/", data["title"]),
                (other_url, data["title"]),
            )
        )
        pages += 1  # the new card's page
        complete = complete and len(_search_pages(port)) >= pages
    finally:
        card.write_text(original, encoding="utf-8")
        added.unlink(missing_ok=True)
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
        shutil.rmtree(log_dir, ignore_errors=True)
    return PreviewTimes(first, last_build, first_build, body, titles, new_page, complete)


def print_preview(times: PreviewTimes) -> None:
    def line(label: str, values: list[float], what: str) -> None:
        shown = ", ".join(f"{t:.2f}" for t in values)
        print(
            f"{label:19}: {statistics.median(values):7.2f} s  (median of {len(values)}: "
            f"{shown}; {what})",
            flush=True,
        )

    where = (
        "the last build in site/ served at once" if times.last_build else "no site/: built first"
    )
    print(f"serve start        : {times.start:7.2f} s  (→ first page; {where})", flush=True)
    if times.last_build:
        print(
            f"serve first build  : {times.first_build:7.2f} s  (→ the preview's own build served)"
        )
    line("preview body edit", times.body, "card body text saved → page shows it")
    line("preview title edit", times.title, "card title saved → its page and a neighbour's nav")
    line("preview new page", times.new_page, "new card saved → its page and a neighbour's nav")
    print(
        "preview search     : "
        + (
            "complete after every rebuild"
            if times.search_complete
            else "INCOMPLETE after a rebuild"
        ),
        flush=True,
    )


# --- the report --------------------------------------------------------------------------------


def edit_field(card: Path, original: str, key: str, word: str) -> None:
    """Write the card back with `word` added to the text field `key` (the YAML is
    re-serialized: the text may be folded over several lines in the source)."""
    data = yaml.safe_load(original)
    data[key] = f"{data[key].rstrip()} {word}"
    card.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_summary(card: Path, original: str, word: str) -> None:
    edit_field(card, original, "summary", word)


def pick_card(content: Path) -> Path:
    """A stand-alone tool card that some teaching day uses (so course PDFs print it)."""
    used: dict[str, int] = {}
    for path in (content / "modules").glob("*.yml"):
        for tid in re.findall(r"^\s+tools: \[([^\]]*)\]", path.read_text(encoding="utf-8"), re.M):
            for t in tid.split(","):
                used[t.strip()] = used.get(t.strip(), 0) + 1
    for tid, _ in sorted(used.items(), key=lambda kv: kv[1]):
        path = content / "tools" / f"{tid}.yml"
        if path.is_file() and "part_of" not in path.read_text(encoding="utf-8"):
            return path
    return sorted((content / "tools").glob("*.yml"))[0]


def bench(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="metodehaandbog-bench-"))
    try:
        content = CONTENT if args.scale == 1 else scaled_content(work / "content", args.scale)
        env = {
            **os.environ,
            "HANDBOOK_CONTENT": str(content),
            # one build date for every build here: a commit made while the bench runs
            # would otherwise change the sitemap dates, and MkDocs would have to run
            "SOURCE_DATE_EPOCH": source_date_epoch(),
        }
        if not args.sizes_only:  # timings start from an empty cache; sizes do not need to
            env["HANDBOOK_CACHE"] = str(work / "cache")
        if content == CONTENT:
            shutil.copytree(CONTENT, work / "content")  # edits go to a copy, never content/
            content = work / "content"
            env["HANDBOOK_CONTENT"] = str(content)
        if (ROOT / "runs").is_dir():  # the course runs, read from beside the content
            shutil.copytree(ROOT / "runs", work / "runs")
        tools = len(list((content / "tools").glob("*.yml")))
        modules = len(list((content / "modules").glob("*.yml")))
        site_dir = work / "site"
        load = os.getloadavg()
        print(
            f"scale {args.scale}: {tools} tools, {modules} modules; {os.cpu_count()} cores, "
            f"load average {load[0]:.1f} (shared machine: figures are noisy)",
            flush=True,
        )
        cold = run_build(env, site_dir, args)
        if args.sizes_only:
            print_sizes(site_dir)
            return
        print(
            f"cold build         : {cold.wall:7.1f} s  (site, PDFs and course runs; "
            f"CPU ÷ wall {cold.whole_parallelism:.2f})",
            flush=True,
        )
        same = run_build(env, site_dir, args)
        print(
            f"no-change rebuild  : {same.wall:7.1f} s  ({same.wall / cold.wall:.2f} of cold; "
            f"MkDocs {'ran' if same.mkdocs else 'skipped'})",
            flush=True,
        )
        print_sizes(site_dir)
        card = pick_card(content)
        original = card.read_text(encoding="utf-8")
        edit_summary(card, original, "Ændret")
        try:
            edited = run_build(env, site_dir, args)
        finally:
            card.write_text(original, encoding="utf-8")
        print(
            f"one card edited    : {edited.wall:7.1f} s  ({edited.wall / cold.wall:.2f} of cold; "
            f"{card.stem}: {edited.misses} of {edited.pdfs} PDFs rendered again)",
            flush=True,
        )
        if not args.no_pdf:
            print(
                f"PDF phase (cold)   : {cold.pdf_wall:7.1f} s  {cold.pdfs} PDFs, {cold.pages} pages, "
                f"{cold.pages_per_second:.1f} pages/s, CPU/wall {cold.parallelism:.2f}",
                flush=True,
            )
            print(
                "cache hits/misses  : "
                f"cold {cold.hits}/{cold.misses}, no-change {same.hits}/{same.misses}, "
                f"card edited {edited.hits}/{edited.misses}",
                flush=True,
            )
        print_engine_times(env)
        if not args.no_preview:
            print_preview(preview_latency(env, content))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def preview_only() -> None:
    """The preview figures alone: `build.py serve` on a copy of the content (docs/ gets the
    generated pages, as with any build; site/ is served at once when it is there)."""
    work = Path(tempfile.mkdtemp(prefix="metodehaandbog-bench-"))
    try:
        content = work / "content"
        shutil.copytree(CONTENT, content)
        env = {**os.environ, "HANDBOOK_CONTENT": str(content)}
        load = os.getloadavg()
        print(f"{os.cpu_count()} cores, load average {load[0]:.1f} (figures are noisy)", flush=True)
        print_preview(preview_latency(env, content))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="content N times larger")
    parser.add_argument("--jobs", type=int, default=None, help="PDF workers (default: cores)")
    parser.add_argument("--no-pdf", action="store_true", help="site only")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview latency")
    parser.add_argument(
        "--sizes-only", action="store_true", help="one build (usual PDF cache), sizes only"
    )
    parser.add_argument(
        "--measure", type=Path, metavar="SITE", help="only the sizes of a site built before"
    )
    parser.add_argument(
        "--preview-only",
        action="store_true",
        help="only the preview figures (serve start, edits), on a copy of the content",
    )
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    if args.preview_only:
        preview_only()
        return
    if args.measure:
        if not (args.measure / "index.html").is_file():
            parser.error(f"{args.measure}: not a built site (no index.html)")
        print_sizes(args.measure)
        return
    bench(args)


if __name__ == "__main__":
    main()
