"""What one more local edition costs when the national build's cache is warm.

    python bench/bench_edition.py [--edition eksempelby] [--jobs N]

Builds the national handbook (site and PDFs) into a private cache, then the edition
twice: the first edition build with the warm national cache is the cost of one more
edition; the second shows a no-change rebuild of it. Prints wall times, the edition's
share of the cold national build and how many of its PDFs came from the cache. Figures are
noisy on a shared machine: the load average is printed first; take several runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.content.release import source_date_epoch  # noqa: E402

PDFS = re.compile(r"PDFs: (\d+) \((\d+) from cache, (\d+) rendered\)")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return wall, done.stdout


def pdf_line(output: str) -> str:
    found = PDFS.search(output)
    if not found:
        return "no PDF phase"
    total, hits, misses = found.groups()
    return f"{misses} of {total} PDFs rendered, {hits} from the cache"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edition", default="eksempelby")
    parser.add_argument("--jobs", type=int, default=None, help="PDF workers (default: cores)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="metodehaandbog-bench-edition-"))
    env = {
        **os.environ,
        "HANDBOOK_CACHE": str(work / "cache"),
        "SOURCE_DATE_EPOCH": source_date_epoch(),
    }
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    build = [sys.executable, "build.py", "build", *jobs]
    try:
        load = os.getloadavg()
        print(f"{os.cpu_count()} cores, load average {load[0]:.1f} (shared machine: noisy)")
        national, out = timed(build, env)
        print(f"national, cold cache   : {national:7.1f} s  ({pdf_line(out)})", flush=True)
        edition, out = timed([*build, "--edition", args.edition], env)
        print(
            f"one more edition (warm): {edition:7.1f} s  ({edition / national:.2f} of the "
            f"national cold build; {pdf_line(out)})",
            flush=True,
        )
        again, out = timed([*build, "--edition", args.edition], env)
        print(f"edition, no change     : {again:7.1f} s  ({pdf_line(out)})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
