"""Load every content file, validate it, check every cross-reference: one Handbook object.

This is the single model that every output reads. Loading never raises a traceback for
bad content: all problems are collected and raised together as a ContentError.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem
from ..paths import CONTENT
from . import editions
from .book import Handbook, Usage
from .cards import fit_problems
from .files import parse_collections
from .loader import Document, YamlProblem, parse
from .model import COLLECTIONS, Article, Chapter, Course, Glossary, Tool
from .outputs import forget_plan, plan_problems
from .problems import at, check_text, rel, reporter, validate
from .release import load_release
from .runs import load_runs, resolve_all, run_files

# A clock time stated in a day's text ("9.00–15.30", "kl. 9", "09:00"): the day's times come
# from its blocks (from 09.00, or a run's own start and end), so a text that states them
# would contradict a run's times.
CLOCK_IN_TEXT = re.compile(
    r"\b(?:kl\.\s*)?\d{1,2}[.:]\d{2}\s*[–-]\s*\d{1,2}[.:]\d{2}\b|\bkl\.\s*\d{1,2}\b"
)


def load(
    content_dir: Path = CONTENT,
    runs_dir: Path | None = None,
    skip_broken_runs: bool = False,
    edition: Path | None = None,
    strict: bool = False,
) -> Handbook:
    """Load and validate all content and the course runs. Raises ContentError listing every
    problem. Runs are read from `runs_dir`, by default the `runs/` folder next to
    `content_dir`; warnings (a day ending early) are kept in `book.warnings`.

    `skip_broken_runs`: a problem in a run file does not stop the rest (what the build
    does: one stale run file must not stop the site, the PDFs or another run). The run is
    left out of `book.runs` and its problems are kept in `book.run_problems`; a problem in
    the content itself still raises.

    `edition`: the folder of a local edition (editions.py), applied to the national content
    before anything is validated; its runs replace the national ones. `strict`: a patch
    whose national item changed since its base is an error, not a warning."""
    problems: list[Problem] = []
    book = Handbook()
    if not content_dir.is_dir():
        raise ContentError([Problem(rel(content_dir), 1, "", "content folder not found")])
    docs, broken = parse_collections(content_dir, COLLECTIONS, problems)
    local = None
    if edition is not None:
        local = editions.load_settings(edition, problems)
        if local is not None:
            editions.apply(local, docs, tuple(COLLECTIONS), problems, book.warnings, strict)
            runs_dir = local.runs_dir
    book.edition = local
    declarations = editions.load_declarations(content_dir, problems)
    editions.substitute_values(
        docs, declarations, content_dir / editions.VALUES_FILE, local, problems
    )

    for (folder, item_id), doc in list(docs.items()):
        model = COLLECTIONS[folder]
        item = validate(doc, model, problems)
        if item is None:
            broken.add(item_id)  # reported already; references to it are not errors
            del docs[(folder, item_id)]
            continue
        check_text(item, (), reporter(doc, problems))
        if getattr(item, "id", None) not in (None, item_id):
            problems.append(at(doc, ("id",), f"'{item.id}' differs from the file name '{item_id}'"))
        item.id = item_id
        getattr(book, folder)[item_id] = item
        book.source_files[f"{folder}/{item_id}"] = doc.path

    glossary_path = content_dir / "glossary.yml"
    if glossary_path.exists():
        try:
            doc = parse(glossary_path)
            book.glossary = validate(doc, Glossary, problems)
            docs[("glossary", "glossary")] = doc
            if book.glossary is not None:
                check_text(book.glossary, (), reporter(doc, problems))
        except YamlProblem as exc:
            problems.append(Problem(rel(glossary_path), exc.line, "", exc.message))

    book.release = load_release(content_dir, problems)
    if local is not None and book.release is not None:
        # The edition's name goes before the version on every page and PDF it changes.
        book.release = book.release.model_copy(update={"edition": local.settings.organisation})
    book.content_dir = content_dir
    if local is not None and local.hidden:
        _drop_hidden_references(book, docs, local, book.warnings, problems)
    _check_references(book, docs, problems, broken)
    runs_dir = content_dir.parent / "runs" if runs_dir is None else runs_dir
    run_problems: list[Problem] = []
    if runs_dir.is_dir():
        run_paths = run_files(runs_dir, run_problems)
        load_runs(book, run_paths, run_problems, book.warnings, broken)
    if problems or (run_problems and not skip_broken_runs):
        raise ContentError([*problems, *run_problems])
    book.run_problems = sorted(set(run_problems))
    _derive(book)
    # What the outputs are is decided from the model and checked here too, so that a green
    # `check` means the build succeeds (one source of truth: outputs.py).
    problems.extend(plan_problems(book, docs))
    problems.extend(fit_problems(book, docs))  # a card that does not fit its A6 deck card
    if problems:
        raise ContentError(problems)
    if local is not None:
        # The national handbook beside it: a PDF the edition does not change is the
        # national PDF (render/pdf.py), and `edition status` compares with it.
        book.national = load(content_dir, skip_broken_runs=True)
    return book


def _drop_hidden_references(
    book: Handbook,
    docs: dict[tuple[str, str], Document],
    local: editions.LocalEdition,
    warnings: list[Problem],
    problems: list[Problem],
) -> None:
    """An edition hides an item: every list that refers to it leaves it out, and each
    place is reported (a warning at the reference), so no page links to a page that is
    not there. What cannot do without it (a tool's `part_of`) is left for the reference
    check, which reports it as an error."""
    hidden = local.hidden

    def drop(folder: str, item_id: str, loc: tuple[Any, ...], refs: list[str], kind: str) -> None:
        keep = []
        for i, ref in enumerate(refs):
            key = f"{kind}/{ref}"
            if key in hidden:
                doc = docs[(folder, item_id)]
                warnings.append(
                    at(
                        doc,
                        (*loc, i),
                        f"'{ref}' is hidden by the edition ({hidden[key]}): {editions.HIDDEN_LEFT_OUT}",
                    )
                )
            else:
                keep.append(ref)
        refs[:] = keep

    for cid, course in book.courses.items():
        drop("courses", cid, ("modules",), course.modules, "modules")
    for mid, module in book.modules.items():
        for d, day in enumerate(module.days):
            for b, block in enumerate(day.blocks):
                drop("modules", mid, ("days", d, "blocks", b, "tools"), block.tools, "tools")
        for h, hw in enumerate(module.homework):
            drop("modules", mid, ("homework", h, "tools"), hw.tools, "tools")
        for a, activity in enumerate(module.activities):
            drop("modules", mid, ("activities", a, "tools"), activity.tools, "tools")
        drop("modules", mid, ("tools",), module.tools, "tools")
    for tid, tool in book.tools.items():
        drop("tools", tid, ("related",), tool.related, "tools")
    for aid, article in book.guide.items():
        drop("guide", aid, ("tools",), article.tools, "tools")
        drop("guide", aid, ("related",), article.related, "guide")
    for cid, chapter in book.cookbook.items():
        drop("cookbook", cid, ("tools",), chapter.tools, "tools")
        drop("cookbook", cid, ("modules",), chapter.modules, "modules")
        drop("cookbook", cid, ("articles",), chapter.articles, "guide")
    for pid, pack in book.packs.items():
        drop("packs", pid, ("tools",), pack.tools, "tools")
        drop("packs", pid, ("days",), pack.days, "modules")  # a hidden day: "module/day"
        for ref in list(pack.days):  # a day of a hidden module
            if f"modules/{ref.split('/', 1)[0]}" in hidden:
                doc = docs[("packs", pid)]
                where = hidden[f"modules/{ref.split('/', 1)[0]}"]
                loc = ("days", pack.days.index(ref))
                warnings.append(
                    at(
                        doc,
                        loc,
                        f"'{ref}' is in a module hidden by the edition ({where}): {editions.HIDDEN_LEFT_OUT}",
                    )
                )
                pack.days.remove(ref)
        if not pack.days and not pack.tools:
            problems.append(
                at(
                    docs[("packs", pid)],
                    (),
                    f"everything in this pack is hidden by the edition: hide the pack "
                    f"'{pid}' too ({local.file})",
                )
            )
    if book.glossary is not None:
        for i, term in enumerate(book.glossary.terms):
            drop("glossary", "glossary", ("terms", i, "see_also"), term.see_also, "tools")


def _check_references(
    book: Handbook,
    docs: dict[tuple[str, str], Document],
    problems: list[Problem],
    broken: set[str],
) -> None:
    def report(folder: str, item_id: str, loc: tuple[Any, ...], message: str) -> None:
        doc = docs[(folder, item_id)]
        problems.append(at(doc, loc, message))

    hidden = book.edition.hidden if book.edition is not None else {}
    folders = {"tool": "tools", "module": "modules", "guide article": "guide"}

    def need(folder: str, item_id: str, loc: tuple[Any, ...], ref: str, pool: dict, kind: str):
        if ref not in pool and ref not in broken:
            where = hidden.get(f"{folders.get(kind, kind)}/{ref}")
            if where is not None:  # what a list could leave out was left out already
                report(
                    folder,
                    item_id,
                    loc,
                    f"the {kind} '{ref}' is hidden by the edition ({where}): hide '{item_id}' too",
                )
            else:
                report(folder, item_id, loc, f"unknown {kind} '{ref}'")

    for cid, course in book.courses.items():
        for i, mid in enumerate(course.modules):
            need("courses", cid, ("modules", i), mid, book.modules, "module")

    for mid, module in book.modules.items():
        day_ids = [d.id for d in module.days]
        hw_ids = [h.id for h in module.homework]
        for ids, key in ((day_ids, "days"), (hw_ids, "homework")):
            for i, value in enumerate(ids):
                if ids.index(value) != i:
                    report("modules", mid, (key, i, "id"), f"duplicate id '{value}'")
        handed_out: dict[str, str] = {}
        followed: dict[str, str] = {}
        for d, day in enumerate(module.days):
            for name in ("notes", "purpose"):
                found = CLOCK_IN_TEXT.search(getattr(day, name) or "")
                if found:
                    report(
                        "modules",
                        mid,
                        ("days", d, name),
                        f"states a clock time ('{found.group(0)}'): the day plan shows the "
                        "day's times from its blocks (from 09.00, or a run's own start and "
                        "end), so leave them out of the text",
                    )
            for b, block in enumerate(day.blocks):
                for t, tid in enumerate(block.tools):
                    loc = ("days", d, "blocks", b, "tools", t)
                    need("modules", mid, loc, tid, book.tools, "tool")
            for i, hid in enumerate(day.homework_out):
                if hid not in hw_ids:
                    report(
                        "modules", mid, ("days", d, "homework_out", i), f"unknown homework '{hid}'"
                    )
                handed_out[hid] = day.id
            for i, hid in enumerate(day.homework_followup):
                if hid not in hw_ids:
                    report(
                        "modules",
                        mid,
                        ("days", d, "homework_followup", i),
                        f"unknown homework '{hid}'",
                    )
                followed[hid] = day.id
        for h, hw in enumerate(module.homework):
            for t, tid in enumerate(hw.tools):
                need("modules", mid, ("homework", h, "tools", t), tid, book.tools, "tool")
            if hw.id not in handed_out:
                report("modules", mid, ("homework", h, "id"), "no day hands this homework out")
            if hw.followed_up_in is not None:
                if hw.followed_up_in not in day_ids:
                    report(
                        "modules",
                        mid,
                        ("homework", h, "followed_up_in"),
                        f"unknown day '{hw.followed_up_in}'",
                    )
                elif followed.get(hw.id) != hw.followed_up_in:
                    report(
                        "modules",
                        mid,
                        ("homework", h, "followed_up_in"),
                        f"day '{hw.followed_up_in}' does not list '{hw.id}' in homework_followup",
                    )
                elif day_ids.index(hw.followed_up_in) <= day_ids.index(
                    handed_out.get(hw.id, hw.followed_up_in)
                ):
                    report(
                        "modules",
                        mid,
                        ("homework", h, "followed_up_in"),
                        "follow-up must come on a later day than the hand-out",
                    )
            elif not hw.followup_note:
                report(
                    "modules",
                    mid,
                    ("homework", h),
                    "give 'followed_up_in' (a later day) or 'followup_note'",
                )
        for a, activity in enumerate(module.activities):
            for t, tid in enumerate(activity.tools):
                need("modules", mid, ("activities", a, "tools", t), tid, book.tools, "tool")
        for t, tid in enumerate(module.tools):
            need("modules", mid, ("tools", t), tid, book.tools, "tool")

    for tid, tool in book.tools.items():
        if tool.part_of is not None:
            if tool.part_of == tid:
                report("tools", tid, ("part_of",), "a tool cannot be part of itself")
            else:
                need("tools", tid, ("part_of",), tool.part_of, book.tools, "tool")
                chain = [tid]
                cur = tool.part_of
                while cur in book.tools and cur not in chain:
                    chain.append(cur)
                    cur = book.tools[cur].part_of
                if cur == tid:
                    cycle = " → ".join([*chain, tid])
                    report("tools", tid, ("part_of",), f"'part_of' goes round in a circle: {cycle}")
        for i, rid in enumerate(tool.related):
            if rid == tid:
                report("tools", tid, ("related", i), "a tool cannot be related to itself")
            else:
                need("tools", tid, ("related", i), rid, book.tools, "tool")

    for aid, article in book.guide.items():
        for i, tid in enumerate(article.tools):
            need("guide", aid, ("tools", i), tid, book.tools, "tool")
        for i, rid in enumerate(article.related):
            need("guide", aid, ("related", i), rid, book.guide, "guide article")

    for cid, chapter in book.cookbook.items():
        for i, tid in enumerate(chapter.tools):
            need("cookbook", cid, ("tools", i), tid, book.tools, "tool")
        for i, mid in enumerate(chapter.modules):
            need("cookbook", cid, ("modules", i), mid, book.modules, "module")
        for i, aid in enumerate(chapter.articles):
            need("cookbook", cid, ("articles", i), aid, book.guide, "guide article")

    for pid, pack in book.packs.items():
        for i, ref in enumerate(pack.days):
            module_id, day_id = ref.split("/", 1)
            module = book.modules.get(module_id)
            if module is None:
                report("packs", pid, ("days", i), f"unknown module '{module_id}'")
            elif day_id not in [d.id for d in module.days]:
                report("packs", pid, ("days", i), f"module '{module_id}' has no day '{day_id}'")
        for i, tid in enumerate(pack.tools):
            need("packs", pid, ("tools", i), tid, book.tools, "tool")

    if book.glossary is not None:
        seen: set[str] = set()
        for i, term in enumerate(book.glossary.terms):
            key = term.term.lower()
            if key in seen:
                report(
                    "glossary", "glossary", ("terms", i, "term"), f"duplicate term '{term.term}'"
                )
            seen.add(key)
            for j, tid in enumerate(term.see_also):
                need("glossary", "glossary", ("terms", i, "see_also", j), tid, book.tools, "tool")


def index(book: Handbook) -> None:
    """Work out again everything derived from the items (lookups, resolved days, the list
    of outputs), after the items were changed in place, as the tests do. A run is resolved
    again when an output asks for it."""
    book.plans.clear()
    forget_plan(book)
    _derive(book)


def _derive(book: Handbook) -> None:
    """The lookups, and every course and pack resolved (a run was resolved when checked)."""
    _lookups(book)
    resolve_all(book)


def _lookups(book: Handbook) -> None:
    module_courses: dict[str, list[Course]] = defaultdict(list)
    for course in book.courses.values():
        for mid in course.modules:
            module_courses[mid].append(course)
    book.module_courses = dict(module_courses)

    usage: dict[str, list[Usage]] = defaultdict(list)
    for module in book.modules.values():
        for day in module.days:
            for tid in dict.fromkeys(t for b in day.blocks for t in b.tools):
                usage[tid].append(Usage(module, day=day))
        for hw in module.homework:
            for tid in hw.tools:
                usage[tid].append(Usage(module, homework=hw))
        in_days = {t for d in module.days for b in d.blocks for t in b.tools}
        for tid in dict.fromkeys([*(t for a in module.activities for t in a.tools), *module.tools]):
            if tid not in in_days:
                usage[tid].append(Usage(module))
    book.tool_usage = dict(usage)

    children: dict[str, list[Tool]] = defaultdict(list)
    for tool in book.tools.values():
        if tool.part_of:
            children[tool.part_of].append(tool)
    book.tool_children = {
        k: sorted(v, key=lambda t: (t.order, t.title.lower())) for k, v in children.items()
    }

    chapters: dict[str, list[Chapter]] = defaultdict(list)
    for chapter in sorted(book.cookbook.values(), key=lambda c: c.order):
        for tid in chapter.tools:
            chapters[tid].append(chapter)
    book.tool_chapters = dict(chapters)
    articles: dict[str, list[Article]] = defaultdict(list)
    for article in book.guide.values():
        for tid in article.tools:
            articles[tid].append(article)
    book.tool_articles = dict(articles)


_last_loaded: dict[tuple[Path, bool, Path | None, bool], tuple[str, Handbook]] = {}


def content_digest(content_dir: Path = CONTENT) -> str:
    """sha256 over the names and bytes of every file under `content_dir`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(content_dir).as_posix()} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def load_cached(
    content_dir: Path = CONTENT,
    skip_broken_runs: bool = False,
    edition: Path | None = None,
    strict: bool = False,
) -> Handbook:
    """load(), but the same Handbook again while no file in `content_dir` (and the
    edition's folder) changed (by content, not time). The build, the site macros
    (docs/index.md) and the live preview then load the content once per change instead of
    once each. Treat it as read-only."""
    key = (content_dir.resolve(), skip_broken_runs, edition, strict)
    digest = content_digest(content_dir)
    if edition is not None:
        digest += content_digest(edition) if edition.is_dir() else "-"
    last = _last_loaded.get(key)
    if last is not None and last[0] == digest:
        return last[1]
    book = load(content_dir, skip_broken_runs=skip_broken_runs, edition=edition, strict=strict)
    _last_loaded[key] = (digest, book)
    return book
