#!/usr/bin/env python3
"""Print the time of each build phase and PDF throughput. Not a test: figures only.

python bench/bench_build.py            # all phases
python bench/bench_build.py --no-pdf   # skip the PDF phase
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from handbook.build import run_mkdocs, write_generated_docs  # noqa: E402
from handbook.catalog import load  # noqa: E402
from handbook.render import outputs, site  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    book = load()
    t1 = time.perf_counter()
    plan = None if args.no_pdf else outputs.plan(book)
    pages = site.generated_docs(book, plan)
    t2 = time.perf_counter()
    print(
        f"load + validate : {t1 - t0:7.2f} s  ({len(book.tools)} tools, {len(book.modules)} modules)"
    )
    print(f"render pages    : {t2 - t1:7.2f} s  ({len(pages)} pages)")
    with tempfile.TemporaryDirectory() as tmp:
        pdf_dir = Path(tmp) / "pdf"
        if plan is not None:
            from handbook.render import pdf

            pdf_dir.mkdir()
            total_pages = 0
            t3 = time.perf_counter()
            for out in plan:
                path = pdf.write_pdf(book, out, pdf_dir)
                total_pages += len(PdfReader(path).pages)
            t4 = time.perf_counter()
            print(
                f"PDFs            : {t4 - t3:7.2f} s  ({len(plan)} files, {total_pages} pages, "
                f"{total_pages / (t4 - t3):.1f} pages/s)"
            )
        write_generated_docs(pages, pdf_dir if plan is not None else None)
        t5 = time.perf_counter()
        run_mkdocs(book, Path(tmp) / "site")
        print(f"site (MkDocs)   : {time.perf_counter() - t5:7.2f} s")


if __name__ == "__main__":
    main()
