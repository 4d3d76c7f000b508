"""Command line: `python build.py [check|build|site|serve|pack|schemas|clean-cache]`,
also installed as the console script `metodehaandbog`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import cache, schemas, serve
from .build import build, build_pack, build_runs
from .content.book import Handbook
from .content.catalog import load_cached
from .content.problems import rel
from .content.release import TAG
from .content.run_changes import since_report
from .content.versions import check_change_notes
from .errors import ContentError
from .paths import CONTENT
from .quality.lix import build_summary
from .quality.lix import report as lix_report
from .quality.spelling import SpellingUnavailable
from .quality.spelling import report as spelling_report


def _load_or_report(skip_broken_runs: bool = True) -> Handbook | None:
    """The content, or None after printing its problems. A run file with problems does
    not stop the others, the site or the PDFs (`skip_broken_runs`, what every command but
    `check` does): its problems are printed and the run is skipped."""
    try:
        book = load_cached(skip_broken_runs=skip_broken_runs)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"\n{len(exc.problems)} problem(s) found. Nothing was built.")
        return None
    for warning in sorted(book.warnings):
        print(warning)
    for problem in book.run_problems:
        print(problem)
    if book.run_problems:
        files = ", ".join(sorted({p.file for p in book.run_problems}))
        print(f"\n{len(book.run_problems)} problem(s) in run files; skipped: {files}\n")
    return book


def cmd_check(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    book = _load_or_report(skip_broken_runs=False)  # every problem fails the check
    if book is None:
        return 1
    if getattr(args, "spelling", False) and _spelling_problems():
        return 1
    if getattr(args, "lix", False):
        print("\n".join(lix_report()) + "\n")  # figures to read, never a failure
    # A changed item needs a change note (compared with the last release in git; without
    # the history one line says it was not compared, never a failure).
    notes, compared = check_change_notes(book, book.content_dir or CONTENT)
    for problem in notes:
        print(problem)
    print(compared)
    if notes:
        print(f"\n{len(notes)} problem(s) found.")
        return 1
    days = sum(len(m.days) for m in book.modules.values())
    print(
        f"OK: {len(book.courses)} courses, {len(book.modules)} modules, {days} days, "
        f"{len(book.tools)} tools, {len(book.guide)} guide pages, "
        f"{len(book.cookbook)} cookbook chapters, {len(book.runs)} course runs "
        f"({time.perf_counter() - start:.2f} s)"
    )
    return 0


def _spelling_problems() -> int:
    """Print every unknown word (`check --spelling`); the number found."""
    try:
        found = spelling_report()
    except SpellingUnavailable as exc:
        print(f"spelling: {exc}")
        return 1
    for line in found:
        print(line)
    if found:
        print(
            f"\n{len(found)} unknown word(s). Fix the spelling, or add a real term to "
            "spelling/words.txt."
        )
    return len(found)


def cmd_schemas(_: argparse.Namespace) -> int:
    for path in schemas.write():
        print(f"wrote {path.name}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    book = _load_or_report()
    if book is None:
        return 1
    code = build(
        book,
        with_pdfs=not args.no_pdf,
        quiet=args.quiet,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        # Course runs go to build/runs/, never into the public site/.
        run_ids=sorted(book.runs) if not args.no_pdf else (),
    )
    if code == 0 and not args.quiet:
        print("\n".join(build_summary()))
    if code == 0 and not args.no_pdf and book.run_problems:
        # Everything else is written; the exit code says that a run was skipped.
        print("built everything except the run files listed above (see their problems)")
        return 1
    return code


def cmd_clean_cache(_: argparse.Namespace) -> int:
    removed = cache.clean()
    print(f"removed {removed}" if removed else "the cache is off (HANDBOOK_CACHE=off)")
    return 0


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes ≥ 1, got '{value}'")
    return jobs


def _version(value: str) -> str:
    if not TAG.match("v" + value):
        raise argparse.ArgumentTypeError(f"expected a version such as 2026.3, got '{value}'")
    return value


def cmd_site(args: argparse.Namespace) -> int:
    args.no_pdf = True
    return cmd_build(args)


def cmd_serve(args: argparse.Namespace) -> int:
    return serve.serve(port=args.port, host=args.host)


def cmd_pack(args: argparse.Namespace) -> int:
    book = _load_or_report()
    if book is None:
        return 1
    return build_pack(book, args.pack, args.output)


def cmd_run(args: argparse.Namespace) -> int:
    book = _load_or_report()
    if book is None:
        return 1
    wanted = Path(args.run).resolve()
    if any(p.file == rel(wanted) for p in book.run_problems):
        print(f"{args.run}: not built, fix the problems above first")
        return 1
    found = [rid for rid, path in book.run_files.items() if path.resolve() == wanted]
    if not found and args.run in book.runs:
        found = [args.run]  # the run id alone works too
    if not found:
        known = ", ".join(rel(p) for p in book.run_files.values()) or "none"
        print(f"{args.run}: not a run file in runs/ (known runs: {known})")
        return 1
    if args.since:
        code, text = since_report(book, found[0], args.since, book.content_dir or CONTENT)
        print(text)
        return code
    return build_runs(book, found)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=Path(sys.argv[0]).name or "build.py", description="Build Metodehåndbogen."
    )
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("check", help="validate all content")
    p.add_argument(
        "--spelling",
        action="store_true",
        help="also check the spelling of all reader-facing text (Hunspell, da_DK)",
    )
    p.add_argument(
        "--lix",
        action="store_true",
        help="print readability (LIX): participant texts above 45 and the ten hardest texts",
    )
    p.set_defaults(func=cmd_check)
    sub.add_parser("schemas", help="regenerate schemas/").set_defaults(func=cmd_schemas)
    sub.add_parser("clean-cache", help="empty the build cache (.cache/handbook/)").set_defaults(
        func=cmd_clean_cache
    )
    for name, func, help_ in (
        ("build", cmd_build, "check, site and PDFs into site/"),
        ("site", cmd_site, "check and site, no PDFs"),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--quiet", action="store_true", help="no progress output")
        p.add_argument("--no-pdf", action="store_true", help="skip the PDFs")
        p.add_argument(
            "--jobs",
            "-j",
            type=_jobs,
            default=None,
            help="PDF worker processes (default: every core; 1 renders one after another)",
        )
        p.add_argument(
            "--no-cache",
            action="store_true",
            help="render every PDF and run MkDocs even when nothing changed",
        )
        p.set_defaults(func=func)
    p = sub.add_parser("serve", help="live preview with reload")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on; also the one Host name accepted besides localhost, "
        "127.0.0.1 and [::1] (default 127.0.0.1)",
    )
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("pack", help="build one pack from content/packs/<id>.yml")
    p.add_argument("pack", help="pack id (file name in content/packs without .yml)")
    p.add_argument("-o", "--output", help="PDF file to write", default=None)
    p.set_defaults(func=cmd_pack)
    p = sub.add_parser("run", help="build a course run from runs/<id>.yml into build/runs/<id>/")
    p.add_argument("run", help="the run file, e.g. runs/samtalen-holbaek-foraar-2027.yml")
    p.add_argument(
        "--since",
        metavar="VERSION",
        type=_version,
        help="list what changed in the run's days, blocks and tool cards since a release "
        "(e.g. 2026.3) instead of building it",
    )
    p.set_defaults(func=cmd_run)

    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]  # `python build.py [--quiet]` means a full build
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("stopped.", file=sys.stderr)
        return 130
    except OSError as exc:  # a folder that cannot be written, a full disk …
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


def console() -> int:
    """Entry point of the `metodehaandbog` console script (same commands as build.py)."""
    return main(sys.argv[1:])
