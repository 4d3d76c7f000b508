"""The Handbook: every loaded content item, with the lookups the outputs share.

Made and checked by catalog.load(); the renderers read it and never change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from .editions import LocalEdition
from .model import Article, Chapter, Course, Day, Glossary, Homework, Module, Pack, Run, Tool
from .plan import Plan
from .release import Release


@dataclass(frozen=True)
class Usage:
    """Where a tool is taught or used: a day (with block), a homework or a module."""

    module: Module
    day: Day | None = None
    homework: Homework | None = None


# eq=False: a Handbook is one loaded state of the content, compared (and hashed) by
# identity, so what is derived from it once can be remembered per Handbook (outputs.plan).
@dataclass(eq=False)
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
    # Problems of the run files left out of `runs` (load(skip_broken_runs=True)).
    run_problems: list[Problem] = field(default_factory=list)
    # Every course, pack and run resolved once, at load (runs.py): ("run", id) → Plan.
    plans: dict[tuple[str, str], Plan] = field(default_factory=dict, repr=False)
    # content/release.yml (release.py): the version on every page and PDF.
    release: Release | None = None
    content_dir: Path | None = None
    # The local edition this handbook was merged with (editions.py), or None: national.
    edition: LocalEdition | None = None
    national: Handbook | None = field(default=None, repr=False)  # beside an edition

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
