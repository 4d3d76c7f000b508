#!/usr/bin/env python3
"""Build-speed figures in one run. Not a test: figures only (timings on a shared machine
are noisy; the load average is printed with them).

python bench/bench_build.py               cold, no-change and one-card-edited full builds,
                                          PDF phase CPU ÷ wall, pages per second, cache
                                          hits and misses, live-preview latency
python bench/bench_build.py --scale 3     the same for a synthetic copy of the content three
                                          times larger (tools, modules and courses copied
                                          with suffixed ids)
python bench/bench_build.py --no-pdf      site only (fast)

Every build runs as `build.py` in a child process against a private cache and site folder
(the repository's .cache/ and site/ are not touched; docs/ gets the generated pages, as
with any build).
"""

from __future__ import annotations

import argparse
import os
import re
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

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.build import source_date_epoch  # noqa: E402

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

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.pdf_wall if self.pdf_wall and self.misses else 0.0


def run_build(env: dict[str, str], site_dir: Path, args: argparse.Namespace) -> Run:
    command = [PYTHON, "-c", BUILD_SNIPPET, str(site_dir), str(args.jobs or 0)]
    if args.no_pdf:
        command.append("--no-pdf")
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    run = Run(wall, mkdocs="MkDocs not run" not in result.stdout)
    found = _PDFS.search(result.stdout)
    if found:
        run.pdfs, run.hits, run.misses, run.pages = (int(found.group(i)) for i in range(1, 5))
        run.parallelism, run.pdf_wall = float(found.group(5)), float(found.group(6))
    return run


# `build.py` with a site folder of our own (the CLI always builds into site/).
BUILD_SNIPPET = """
import sys
from pathlib import Path
from handbook.build import build
from handbook.content.catalog import load
site_dir, jobs = Path(sys.argv[1]), int(sys.argv[2]) or None
sys.exit(build(load(), with_pdfs="--no-pdf" not in sys.argv, site_dir=site_dir, jobs=jobs))
"""


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


def preview_latency(env: dict[str, str], card: Path, tries: int = 3) -> list[float]:
    """Start `build.py serve`, edit the card's summary and time until the served page
    shows the edit. The card is restored afterwards."""
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "build.py", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/redskaber/{card.stem}/"
    original = card.read_text(encoding="utf-8")
    times = []
    try:
        deadline = time.monotonic() + 300
        while "</html>" not in _get(url):
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("the preview server did not start")
            time.sleep(0.2)
        for i in range(tries):
            marker = f"Benchmarkord{i}x{os.getpid()}"
            time.sleep(1.0)  # let the watcher settle after the previous build
            edit_summary(card, original, marker)
            edited = time.perf_counter()
            while marker not in _get(url):
                if time.perf_counter() - edited > 120:
                    sys.exit("the preview did not show the edit within 120 s")
                time.sleep(0.05)
            times.append(time.perf_counter() - edited)
    finally:
        card.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return times


# --- the report --------------------------------------------------------------------------------


def edit_summary(card: Path, original: str, word: str) -> None:
    """Write the card back with `word` added to its summary (the YAML is re-serialized:
    the summary may be folded over several lines in the source)."""
    data = yaml.safe_load(original)
    data["summary"] = f"{data['summary'].rstrip()} {word}"
    card.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


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
            "HANDBOOK_CACHE": str(work / "cache"),
            # one build date for every build here: a commit made while the bench runs
            # would otherwise change the sitemap dates, and MkDocs would have to run
            "SOURCE_DATE_EPOCH": source_date_epoch(),
        }
        if content == CONTENT:
            shutil.copytree(CONTENT, work / "content")  # edits go to a copy, never content/
            content = work / "content"
            env["HANDBOOK_CONTENT"] = str(content)
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
        print(f"cold build         : {cold.wall:7.1f} s", flush=True)
        same = run_build(env, site_dir, args)
        print(
            f"no-change rebuild  : {same.wall:7.1f} s  ({same.wall / cold.wall:.2f} of cold; "
            f"MkDocs {'ran' if same.mkdocs else 'skipped'})",
            flush=True,
        )
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
        if not args.no_preview:
            times = preview_latency(env, card)
            print(
                f"preview latency    : {statistics.median(times):7.2f} s  (median of "
                f"{len(times)}: {', '.join(f'{t:.2f}' for t in times)}; "
                "card saved → changed page served)",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="content N times larger")
    parser.add_argument("--jobs", type=int, default=None, help="PDF workers (default: cores)")
    parser.add_argument("--no-pdf", action="store_true", help="site only")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview latency")
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    bench(args)


if __name__ == "__main__":
    main()
