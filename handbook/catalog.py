"""Load every content file, validate it, check every cross-reference: one Handbook object.

This is the single model that both renderers read. Loading never raises a traceback for
bad content: all problems are collected and raised together as a ContentError.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import text
from .errors import ContentError, Problem
from .loader import Document, YamlProblem, parse
from .model import (
    COLLECTIONS,
    UNION_TAGS,
    Article,
    Chapter,
    Course,
    Day,
    Glossary,
    Homework,
    Module,
    Pack,
    Run,
    Strict,
    Tool,
)
from .paths import CONTENT, ROOT

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Usage:
    """Where a tool is taught or used: a day (with block), a homework or a module."""

    module: Module
    day: Day | None = None
    homework: Homework | None = None


@dataclass
class Handbook:
    courses: dict[str, Course] = field(default_factory=dict)
    modules: dict[str, Module] = field(default_factory=dict)
    tools: dict[str, Tool] = field(default_factory=dict)
    guide: dict[str, Article] = field(default_factory=dict)
    cookbook: dict[str, Chapter] = field(default_factory=dict)
    packs: dict[str, Pack] = field(default_factory=dict)
    glossary: Glossary | None = None
    source_files: dict[str, Path] = field(default_factory=dict)  # "tools/x" → file
    # Course runs (runs/<id>.yml next to content/): never published on the site.
    runs: dict[str, Run] = field(default_factory=dict)
    run_files: dict[str, Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # printed, never fail a build

    # --- derived lookups (filled by _index) ---------------------------------------
    module_courses: dict[str, list[Course]] = field(default_factory=dict)
    tool_usage: dict[str, list[Usage]] = field(default_factory=dict)
    tool_children: dict[str, list[Tool]] = field(default_factory=dict)
    tool_chapters: dict[str, list[Chapter]] = field(default_factory=dict)
    tool_articles: dict[str, list[Article]] = field(default_factory=dict)

    # --- convenience --------------------------------------------------------------
    def day(self, ref: str) -> tuple[Module, Day]:
        """Look up '<module-id>/<day-id>'."""
        module_id, day_id = ref.split("/", 1)
        module = self.modules[module_id]
        for day in module.days:
            if day.id == day_id:
                return module, day
        raise KeyError(ref)

    def homework(self, module: Module, hw_id: str) -> Homework:
        return next(h for h in module.homework if h.id == hw_id)

    def root_tools(self) -> list[Tool]:
        """Top-level tools (models and stand-alone tools) in title order."""
        roots = [t for t in self.tools.values() if t.part_of is None]
        return sorted(roots, key=lambda t: t.title.lower())

    def children(self, tool_id: str) -> list[Tool]:
        return self.tool_children.get(tool_id, [])

    def family_root(self, tool: Tool) -> Tool:
        seen = set()
        while tool.part_of and tool.part_of in self.tools and tool.id not in seen:
            seen.add(tool.id)
            tool = self.tools[tool.part_of]
        return tool

    def course_tools(self, course: Course) -> list[Tool]:
        """Every tool a course uses, with the parts of the models it teaches."""
        ids: list[str] = []
        for module_id in course.modules:
            ids.extend(module_tool_ids(self.modules[module_id]))
        return self.with_parts(ids)

    def with_parts(self, ids: list[str]) -> list[Tool]:
        """Tools in first-use order, each followed by its parts (a model brings its techniques).

        A family stays together: a technique used on its own is placed under its model
        when the model is used too.
        """
        used = set(ids)
        out: dict[str, Tool] = {}

        def add_tree(tool: Tool) -> None:
            if tool.id in out:
                return
            out[tool.id] = tool
            for child in self.children(tool.id):
                add_tree(child)

        for tool_id in dict.fromkeys(ids):
            top = cur = self.tools[tool_id]
            seen = {cur.id}
            while cur.part_of in self.tools and cur.part_of not in seen:
                cur = self.tools[cur.part_of]
                seen.add(cur.id)
                if cur.id in used:
                    top = cur
            add_tree(top)
        return list(out.values())


def module_tool_ids(module: Module) -> list[str]:
    """Tools of a module in teaching order: days' blocks, homework, activities, extras."""
    ids: list[str] = []
    for day in module.days:
        for block in day.blocks:
            ids.extend(block.tools)
    for hw in module.homework:
        ids.extend(hw.tools)
    for activity in module.activities:
        ids.extend(activity.tools)
    ids.extend(module.tools)
    return list(dict.fromkeys(ids))


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _field(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _validate(doc: Document, model: type[Strict], problems: list[Problem]) -> Any | None:
    file = rel(doc.path)
    if not isinstance(doc.data, dict):
        problems.append(Problem(file, 1, "", "expected a mapping of keys at the top level"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            # Drop pydantic's internal loc parts (union/validator names are strings that
            # are not keys in the document); keep only parts present in the data.
            loc = tuple(
                p for p in err["loc"] if not str(p).startswith("function-") and p not in UNION_TAGS
            )
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                message = "unknown key (check the spelling against the schema)"
            elif err["type"] == "missing":
                message = "required field is missing"
            elif message.startswith("Value error, "):
                message = message[len("Value error, ") :]
            problems.append(Problem(file, doc.line_of(loc), _field(loc), message))
        return None


def _check_text(value: Any, loc: tuple[Any, ...], report: Any) -> None:
    """Every text field of a validated item, in the one content text format (text.py)."""
    if isinstance(value, str):
        for message in text.problems(value):
            report(loc, message)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _check_text(getattr(value, name), (*loc, name), report)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_text(item, (*loc, i), report)


def content_files(content_dir: Path, folder: str, problems: list[Problem]) -> list[Path]:
    """The YAML files of one content folder, after checking names and links.

    The file name is the id, so it must be one: lowercase ASCII, digits and hyphens. A
    symbolic link must stay inside content/, so content never reads files elsewhere.
    """
    base = content_dir / folder
    found: dict[str, Path] = {}
    for path in sorted(base.glob("*")):
        if path.suffix not in (".yml", ".yaml"):
            continue
        if not ID_PATTERN.match(path.stem):
            problems.append(
                Problem(
                    rel(path),
                    1,
                    "",
                    f"file name '{path.name}' is not a valid id: use lowercase a-z, digits "
                    "and hyphens (æ→ae, ø→oe, å→aa, no spaces)",
                )
            )
            continue
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            problems.append(Problem(rel(path), 1, "", "broken or looping symbolic link"))
            continue
        if not real.is_relative_to(content_dir.resolve()):
            problems.append(
                Problem(rel(path), 1, "", "symbolic link points outside the content folder")
            )
            continue
        if not real.is_file():
            problems.append(Problem(rel(path), 1, "", "is a folder, not a YAML file"))
            continue
        if path.stem in found:
            problems.append(
                Problem(
                    rel(path),
                    1,
                    "",
                    f"the id '{path.stem}' is also used by {found[path.stem].name}: "
                    "keep one file per id",
                )
            )
            continue
        found[path.stem] = path
    return list(found.values())


def load(content_dir: Path = CONTENT, runs_dir: Path | None = None) -> Handbook:
    """Load and validate all content and the course runs. Raises ContentError listing every
    problem. Runs are read from `runs_dir`, by default the `runs/` folder next to
    `content_dir`; warnings (a day ending early) are kept in `book.warnings`."""
    problems: list[Problem] = []
    book = Handbook()
    docs: dict[tuple[str, str], Document] = {}
    broken: set[str] = set()
    if not content_dir.is_dir():
        raise ContentError([Problem(rel(content_dir), 1, "", "content folder not found")])

    for folder, model in COLLECTIONS.items():
        target: dict[str, Any] = getattr(book, folder)
        for path in content_files(content_dir, folder, problems):
            try:
                doc = parse(path)
            except YamlProblem as exc:
                problems.append(Problem(rel(path), exc.line, "", exc.message))
                broken.add(path.stem)
                continue
            item = _validate(doc, model, problems)
            if item is None:
                broken.add(path.stem)  # reported already; references to it are not errors
                continue

            def report(loc: tuple[Any, ...], message: str, doc: Document = doc) -> None:
                problems.append(Problem(rel(doc.path), doc.line_of(loc), _field(loc), message))

            _check_text(item, (), report)
            item_id = path.stem
            if getattr(item, "id", None) not in (None, item_id):
                problems.append(
                    Problem(
                        rel(path),
                        doc.line_of(("id",)),
                        "id",
                        f"'{item.id}' differs from the file name '{item_id}'",
                    )
                )
            item.id = item_id
            target[item_id] = item
            docs[(folder, item_id)] = doc
            book.source_files[f"{folder}/{item_id}"] = path

    glossary_path = content_dir / "glossary.yml"
    if glossary_path.exists():
        try:
            doc = parse(glossary_path)
            book.glossary = _validate(doc, Glossary, problems)
            docs[("glossary", "glossary")] = doc
            if book.glossary is not None:

                def report_term(loc: tuple[Any, ...], message: str, doc: Document = doc) -> None:
                    problems.append(Problem(rel(doc.path), doc.line_of(loc), _field(loc), message))

                _check_text(book.glossary, (), report_term)
        except YamlProblem as exc:
            problems.append(Problem(rel(glossary_path), exc.line, "", exc.message))

    _check_references(book, docs, problems, broken)
    from .runs import load_runs

    runs_dir = content_dir.parent / "runs" if runs_dir is None else runs_dir
    if runs_dir.is_dir():
        run_paths = content_files(runs_dir.parent, runs_dir.name, problems)
        load_runs(book, run_paths, problems, book.warnings, broken)
    if problems:
        raise ContentError(problems)
    _index(book)
    # What the renderers decide from the model is checked here too, so that a green
    # `check` means the build succeeds (one source of truth: render/outputs.py).
    from .render.outputs import plan_problems

    problems.extend(plan_problems(book, docs))
    from .render.cards import fit_problems  # a card that does not fit its A6 deck card

    problems.extend(fit_problems(book, docs))
    if problems:
        raise ContentError(problems)
    return book


def _check_references(
    book: Handbook,
    docs: dict[tuple[str, str], Document],
    problems: list[Problem],
    broken: set[str],
) -> None:
    def report(folder: str, item_id: str, loc: tuple[Any, ...], message: str) -> None:
        doc = docs[(folder, item_id)]
        problems.append(Problem(rel(doc.path), doc.line_of(loc), _field(loc), message))

    def need(folder: str, item_id: str, loc: tuple[Any, ...], ref: str, pool: dict, kind: str):
        if ref not in pool and ref not in broken:
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


def _index(book: Handbook) -> None:
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


_last_loaded: dict[Path, tuple[str, Handbook]] = {}


def content_digest(content_dir: Path = CONTENT) -> str:
    """sha256 over the names and bytes of every file under `content_dir`."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(content_dir).as_posix()} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def load_cached(content_dir: Path = CONTENT) -> Handbook:
    """load(), but the same Handbook again while no file in `content_dir` changed (by
    content, not time). The build, the site macros (docs/index.md) and the live preview
    then load the content once per change instead of once each. Treat it as read-only."""
    key = content_dir.resolve()
    digest = content_digest(content_dir)
    last = _last_loaded.get(key)
    if last is not None and last[0] == digest:
        return last[1]
    book = load(content_dir)
    _last_loaded[key] = (digest, book)
    return book
