"""Command line: `python build.py [check|build|site|serve|pack|schemas|clean-cache]`,
also installed as the console script `metodehaandbog`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import cache, schemas, serve
from .build import build, build_pack, build_runs
from .content import edition_report
from .content.book import Handbook
from .content.catalog import load_cached
from .content.editions import (
    EDITION_FILE,
    EDITIONS,
    HIDDEN_LEFT_OUT,
    edition_folder,
    edition_ids,
)
from .content.problems import rel
from .content.release import TAG
from .content.run_changes import since_report
from .content.versions import check_change_notes
from .errors import ContentError
from .paths import BUILD_EDITIONS, BUILD_RUNS, CONTENT, SITE, site_address
from .quality.lix import build_summary
from .quality.lix import report as lix_report
from .quality.spelling import SpellingUnavailable
from .quality.spelling import report as spelling_report


def _edition(edition_id: str | None) -> Path | None:
    """The folder of `--edition <id>`, or None; an unknown id exits with the known ones."""
    if edition_id is None:
        return None
    folder = edition_folder(edition_id)
    if not (folder / EDITION_FILE).is_file():
        known = ", ".join(edition_ids()) or "none"
        print(
            f"unknown edition '{edition_id}': no {rel(folder / EDITION_FILE)} (editions: {known})"
        )
        raise SystemExit(1)
    return folder


def _load_or_report(
    skip_broken_runs: bool = True,
    edition: Path | None = None,
    strict: bool = False,
    list_left_out: bool = False,
) -> Handbook | None:
    """The content, or None after printing its problems. A run file with problems does
    not stop the others, the site or the PDFs (`skip_broken_runs`, what every command but
    `check` does): its problems are printed and the run is skipped. `edition`: merged with
    that local edition (`strict`: a patch on a national item changed since is an error)."""
    try:
        book = load_cached(skip_broken_runs=skip_broken_runs, edition=edition, strict=strict)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"\n{len(exc.problems)} problem(s) found. Nothing was built.")
        return None
    left_out = [w for w in book.warnings if w.message.endswith(HIDDEN_LEFT_OUT)]
    for warning in sorted(book.warnings):
        if warning in left_out and not list_left_out:
            continue  # listed by `check --edition`; one line below says how many
        print(warning)
    if left_out and not list_left_out:
        print(
            f"edition {book.edition.id if book.edition else ''}: {len(left_out)} reference(s) "
            "to hidden items left out (`build.py check --edition` lists them)"
        )
    for problem in book.run_problems:
        print(problem)
    if book.run_problems:
        files = ", ".join(sorted({p.file for p in book.run_problems}))
        print(f"\n{len(book.run_problems)} problem(s) in run files; skipped: {files}\n")
    return book


def cmd_check(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    edition = _edition(args.edition)
    # Every problem fails the check.
    book = _load_or_report(
        skip_broken_runs=False, edition=edition, strict=args.strict, list_left_out=True
    )
    if book is None:
        return 1
    if getattr(args, "spelling", False) and _spelling_problems():
        return 1
    if getattr(args, "lix", False):
        print("\n".join(lix_report()) + "\n")  # figures to read, never a failure
    # A changed item needs a change note (compared with the last release in git; without
    # the history one line says it was not compared, never a failure).
    # An edition's own changes are not national releases: the national items are compared.
    national = book.national or book
    notes, compared = check_change_notes(national, national.content_dir or CONTENT)
    for problem in notes:
        print(problem)
    print(compared)
    if notes:
        print(f"\n{len(notes)} problem(s) found.")
        return 1
    days = sum(len(m.days) for m in book.modules.values())
    if book.edition is not None:
        e = book.edition
        print(
            f"edition {e.id}: {len(e.hidden)} hidden, {len(e.patched)} patched, "
            f"{len(e.added)} added"
        )
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
    book = _load_or_report(edition=_edition(args.edition))
    if book is None:
        return 1
    if book.edition is not None:
        with site_address(book.edition.settings.site_url):
            return _build_all(book, args, BUILD_EDITIONS / book.edition.id / "site")
    return _build_all(book, args, SITE)


def _build_all(book: Handbook, args: argparse.Namespace, site_dir: Path) -> int:
    code = build(
        book,
        with_pdfs=not args.no_pdf,
        quiet=args.quiet,
        site_dir=site_dir,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        # Course runs go to build/runs/, never into the public site/.
        run_ids=sorted(book.runs) if not args.no_pdf else (),
        runs_root=_runs_root(book),
    )
    if code == 0 and not args.quiet and book.edition is None:
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


def _runs_root(book: Handbook) -> Path:
    return BUILD_RUNS if book.edition is None else BUILD_EDITIONS / book.edition.id / "runs"


def cmd_run(args: argparse.Namespace) -> int:
    wanted = Path(args.run).resolve()
    # A run in editions/<id>/runs/ is built against that edition.
    inside = wanted.parent.parent
    edition = (
        inside if wanted.parent.name == "runs" and inside.parent == EDITIONS.resolve() else None
    )
    book = _load_or_report(edition=_edition(edition.name) if edition else None)
    if book is None:
        return 1
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
    if book.edition is not None:
        with site_address(book.edition.settings.site_url):
            return build_runs(book, found, _runs_root(book))
    return build_runs(book, found)


def cmd_edition_status(args: argparse.Namespace) -> int:
    folder = _edition(args.edition)
    if folder is None:
        return 1
    lines, problems = edition_report.status(folder)
    print("\n".join(lines))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def cmd_edition_show(args: argparse.Namespace) -> int:
    book = _load_or_report(edition=_edition(args.edition))
    if book is None:
        return 1
    text = edition_report.show(book, args.item)
    if text is None:
        print(
            f"no item '{args.item}' in edition {args.edition} (write it as <id> or <folder>/<id>)"
        )
        return 1
    print(text, end="")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=Path(sys.argv[0]).name or "build.py", description="Build Metodehåndbogen."
    )
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("check", help="validate all content")
    p.add_argument("--edition", metavar="ID", help="check the handbook merged with editions/ID")
    p.add_argument(
        "--strict",
        action="store_true",
        help="with --edition: a patch on a national item that changed since is an error",
    )
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
        p.add_argument(
            "--edition",
            metavar="ID",
            help="build the local edition editions/ID into build/editions/ID/",
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

    p = sub.add_parser("edition", help="a local edition (editions/<id>/): status, show")
    edition_sub = p.add_subparsers(dest="edition_command", required=True)
    q = edition_sub.add_parser(
        "status", help="every hidden, patched and added item: unchanged / changed upstream …"
    )
    q.add_argument("edition", metavar="ID")
    q.set_defaults(func=cmd_edition_status)
    q = edition_sub.add_parser("show", help="print one item as the edition has it (merged)")
    q.add_argument("edition", metavar="ID")
    q.add_argument("item", help="its id, e.g. abc-jobstrategi or tools/abc-jobstrategi")
    q.set_defaults(func=cmd_edition_show)

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
