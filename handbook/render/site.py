"""Site renderer: Handbook → Markdown pages (for MkDocs) and the navigation tree."""

from __future__ import annotations

import copy
import functools
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import yaml
from markupsafe import Markup

from .. import calculators
from ..content import outputs, versions
from ..content.book import Handbook, module_tool_ids
from ..content.cards import printed_address, short_path, short_url
from ..content.model import AREA_LABELS, LABELS_BY_KIND, Chapter, Course, Day, Module, Tool
from ..content.notes import note_segments
from ..content.pages import (
    PLANNER_DATA,
    PLANNER_PAGE,
    article_page,
    chapter_page,
    course_page,
    day_page,
    module_page,
    tool_page,
)
from ..paths import CONTENT, DOCS
from ..text import CONTROL, escape_text, to_html
from . import cards, export
from .common import environment

# --- where each item lives in docs/: content/pages.py -------------------------------

CHANGES_PAGE = "nyt.md"  # "Nyt i håndbogen" (handbook/content/versions.py)


@functools.lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    """posixpath.relpath, remembered: a build makes ~20 000 links between ~250 pages, and
    relpath asks the operating system for the working folder every time."""
    return posixpath.relpath(target, start)


@dataclass
class Linker:
    """Relative links from one page, so the site works from any base URL."""

    page: str

    def to(self, target: str) -> Markup:
        # Built from ids (lowercase ASCII by the model's pattern), so it is safe as it is.
        return Markup(_relative(target, posixpath.dirname(self.page) or "."))

    def tool(self, tool_id: str) -> Markup:
        return self.to(tool_page(tool_id))

    def module(self, module_id: str) -> Markup:
        return self.to(module_page(module_id))

    def day(self, module_id: str, day_id: str) -> Markup:
        return self.to(day_page(module_id, day_id))

    def course(self, course_id: str) -> Markup:
        return self.to(course_page(course_id))

    def article(self, article_id: str) -> Markup:
        return self.to(article_page(article_id))

    def chapter(self, chapter_id: str) -> Markup:
        return self.to(chapter_page(chapter_id))

    def pdf(self, name: str) -> Markup:
        return self.to(f"pdf/{name}")


# What an editorial note may name by id, per loaded Handbook: id → (title, link kind, id of
# the page it links to). Worked out once, not for every note (a build renders ~130 notes).
_NoteTargets = tuple[dict[str, tuple[str, str, str]], dict[str, str]]
_note_targets: WeakKeyDictionary[Handbook, _NoteTargets] = WeakKeyDictionary()


def _targets(book: Handbook) -> _NoteTargets:
    """(id → (title, link kind, page id), id → title) of everything a note may name."""
    known = _note_targets.get(book)
    if known is None:
        found: dict[str, tuple[str, str, str]] = {}
        for pool, kind in (
            (book.tools, "tool"),
            (book.modules, "module"),
            (book.courses, "course"),
            (book.guide, "article"),
            (book.cookbook, "chapter"),
        ):
            for item_id, item in pool.items():
                found[item_id] = (item.title, kind, item_id)
        for module_id, module in book.modules.items():
            for homework in module.homework:
                found.setdefault(homework.id, (homework.title, "module", module_id))
        known = _note_targets[book] = (found, {k: title for k, (title, _, _) in found.items()})
    return known


def note_markdown(note: str, book: Handbook, linker: Linker) -> Markup:
    """An editorial note for the site's sources box: the source line ranges left out, and
    every item the note names by its id shown as a link with the item's title
    (content/notes.py note_segments). The text is escaped like every content field."""
    targets, titles = _targets(book)
    out = Markup("")
    for segment in note_segments(note.replace("\n", " "), titles):
        if isinstance(segment, str):
            out += to_html(segment, inline=True)
        else:
            title, kind, page_id = targets[segment[0]]
            href = getattr(linker, kind)(page_id)
            out += Markup("[") + escape_text(title) + Markup("](") + href + Markup(")")
    return out


# The search weight of a leaders' chapter: the same as a tool card's (see _search_boost), as
# each is the handbook's own page on its subject. Left at 1, a card that only names the
# subject in its title ("Borgerens rolle i rekrutteringen") came before the chapter about it
# ("Ledelsens rolle"). The guide's articles stay at 1: its cases tell of the roles and
# methods the glossary and the cards define, and weighted like a card the case of Lyngby-
# Taarbæk came before the glossary's "Virksomhedskonsulent".
CHAPTER_BOOST = 6


def _search_boost(book: Handbook, tool: Tool) -> float:
    """A card whose title names another card in brackets ("Afslutning (Game Mastery)")
    stays below the glossary entry, so that a search for that card's name finds the card
    and the term first; every other card is weighted above the glossary (see the tool
    page's meta)."""
    bracketed = re.findall(r"\(([^)]*)\)", tool.title.lower())
    names = {other.title.split(" – ")[0].lower() for other in book.tools.values()}
    return 1.5 if any(b.strip() in names for b in bracketed) else 6


def search_keywords(book: Handbook, tool: Tool) -> list[str]:
    """The words a tool page is found by beyond its own text: the card's `keywords` and
    the glossary terms (with their long forms) whose first "see also" is this card, once
    each. Only the first: a term's further cards are related reading, and a role such as
    "Virksomhedskonsulent" on every card that names it would push the term's own entry
    out of the first results."""
    words = list(tool.keywords)
    roles = [label.lower() for label in LABELS_BY_KIND["audience"].values()]
    for term in book.glossary.terms if book.glossary else []:
        # A role ("Jobkonsulent") says who reads a card, not what it is about.
        is_role = any(role.startswith(term.term.lower()) for role in roles)
        if term.see_also[:1] == [tool.id] and not is_role:
            words += [term.term, *([term.abbreviation_of] if term.abbreviation_of else [])]
    seen: set[str] = set()
    out = []
    for word in words:
        if word.lower() not in seen and word.lower() != tool.title.lower():
            seen.add(word.lower())
            out.append(word)
    return out


def _sorted_modules(book: Handbook, course: Course) -> list[Module]:
    return [book.modules[m] for m in course.modules]


def _orphan_modules(book: Handbook) -> list[Module]:
    return [m for mid, m in book.modules.items() if mid not in book.module_courses]


def _chapters(book: Handbook) -> list[Chapter]:
    return sorted(book.cookbook.values(), key=lambda c: c.order)


def _articles_by_kind(book: Handbook) -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = {}
    for kind in ("oversigt", "definition", "organisering", "case"):
        items = [a for a in book.guide.values() if a.kind == kind]
        if items:
            groups[kind] = sorted(items, key=lambda a: (a.order, a.title.lower()))
    return groups


def guide_tools(book: Handbook) -> list[Tool]:
    """Tools that the guide section presents: those linked from guide articles or
    tagged with 'use' (the guide's Drift/Styring classification)."""
    ids = {t for a in book.guide.values() for t in a.tools}
    return sorted(
        (
            t
            for t in book.tools.values()
            if t.id in ids
            or t.tags.use
            and t.provenance.sources
            and any(s.doc == "002" for s in t.provenance.sources)
        ),
        key=lambda t: t.title.lower(),
    )


def plain(text: str) -> str:
    """Content text for places MkDocs' theme prints without escaping (page titles, nav,
    meta description): one line, HTML special characters escaped."""
    return html.escape(" ".join(CONTROL.sub(" ", text).split()), quote=True)


def front_matter(meta: dict[str, Any]) -> str:
    """Page metadata, serialized by the YAML dumper (never string-templated): no content
    text can add a key such as `render_macros` or end the block early."""
    clean: dict[str, Any] = {}
    for key, value in meta.items():
        if isinstance(value, str):
            clean[key] = plain(value)
        elif isinstance(value, list):
            clean[key] = [plain(v) for v in value]
        else:
            clean[key] = value
    dumped = yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n"


def _tool_tags(tool: Tool) -> list[str]:
    return [
        *(AREA_LABELS[a] for a in tool.tags.area),
        *(LABELS_BY_KIND["use"][u] for u in tool.tags.use),
        *(LABELS_BY_KIND["audience"][a] for a in tool.tags.audience),
    ]


STATIC_META: dict[str, dict[str, Any]] = {
    "forloeb/index.md": {"title": "Forløb og moduler"},
    "redskaber/index.md": {
        "title": "Redskaber",
        "description": "Alle redskaber, modeller og skemaer i håndbogen – modellerne først, "
        "derefter efter emne.",
    },
    "guide/index.md": {
        "title": "Langtidsledighed",
        "description": "Organisering, implementering og redskaber mod langtidsledighed.",
        # A section's front page is the best answer to a search for its name: weighted like
        # a tool page, so a card that names the section in its title does not come first.
        "search": {"boost": 6},
    },
    "ledere/index.md": {
        "title": "For ledere",
        "description": "Implementeringskogebogen – sådan forankrer I metoderne i organisationen.",
        "search": {"boost": 6},
    },
    "ordliste.md": {
        "title": "Ordliste",
        "description": "Begreber og forkortelser i beskæftigelsesindsatsen.",
        # Each term is a section; Material ranks sections below whole pages, so without a
        # boost a tool that merely mentions a word outranks the word's own entry. At 5 a term
        # titled like a tool scored exactly as the tool's own page (ABC-jobstrategi: the two
        # tied, and which came first was chance); at 4.5 the tool's page comes first and the
        # term right after it, and a term still outranks tools that only mention it.
        "search": {"boost": 4.5},
    },
    "downloads.md": {
        "title": "PDF-filer",
        "description": "Deltagermapper, kogebog og skemaer som PDF.",
    },
    "tags.md": {
        "title": "Emneord",
        "description": "Redskaber efter emne, målgruppe og brug.",
        # Only lists of tool titles, each already indexed on its own page (with its tags).
        "search": {"exclude": True},
    },
    CHANGES_PAGE: {
        "title": "Nyt i håndbogen",
        "description": "Hvad hver version af håndbogen har bragt: nye, ændrede og fjernede "
        "redskaber, dage, moduler og artikler.",
    },
    PLANNER_PAGE: {
        "title": "Planlæg en kursusdag",
        "description": "Sæt din egen kursusdag sammen af håndbogens dage, blokke og redskaber: "
        "tider, tidsbudget, udskrift, kalender og planfil.",
    },
}


def render_pages(
    book: Handbook,
    pdfs: list[outputs.PdfOutput] | None,
    offline: bool = False,
    facts: dict[str, outputs.PdfFacts] | None = None,
) -> dict[str, str]:
    """All generated pages: {path under docs/: Markdown text with front matter}.

    `offline`: the pages for the offline bundle (the downloads page then says so instead of
    offering the bundle again). `facts`: size and pages of every PDF written, for the
    downloads page; the build knows them only after the PDF phase (handbook/build.py
    renders the pages again then)."""
    env = environment("site")
    env.globals["facts"] = facts or {}
    env.globals["calc"] = calculators
    env.globals["note_markdown"] = note_markdown
    env.globals["search_keywords"] = search_keywords
    env.globals["offline"] = offline
    env.globals["offline_bundle"] = outputs.OFFLINE_BUNDLE
    env.globals.update(versions.site_globals(book))  # change marks and notes
    pages: dict[str, str] = {}

    def put(path: str, template: str, meta: dict[str, Any] | None = None, **ctx: Any) -> None:
        body = env.get_template(template).render(book=book, L=Linker(path), pdfs=pdfs, **ctx)
        pages[path] = front_matter(meta or STATIC_META[path]) + body

    put("forloeb/index.md", "courses.md.j2", orphans=_orphan_modules(book))
    for course in book.courses.values():
        put(
            course_page(course.id),
            "course.md.j2",
            meta={"title": course.title, "description": course.purpose},
            course=course,
            modules=_sorted_modules(book, course),
            tools=book.course_tools(course),
        )
    for module in book.modules.values():
        tools = [book.tools[t] for t in module_tool_ids(module)]
        put(
            module_page(module.id),
            "module.md.j2",
            meta={"title": f"Modul {module.number}: {module.title}", "description": module.purpose},
            module=module,
            tools=tools,
            courses=book.module_courses.get(module.id, []),
        )
        for index, day in enumerate(module.days):
            put(
                day_page(module.id, day.id),
                "day.md.j2",
                meta={"title": day.title, "description": day.purpose},
                module=module,
                day=day,
                prev_day=module.days[index - 1] if index else None,
                next_day=module.days[index + 1] if index + 1 < len(module.days) else None,
                homework_out=[book.homework(module, h) for h in day.homework_out],
                homework_followup=[book.homework(module, h) for h in day.homework_followup],
            )
    models, by_area = _tool_index(book)
    put("redskaber/index.md", "tools.md.j2", models=models, by_area=by_area)
    for tool in book.tools.values():
        put(
            tool_page(tool.id),
            "tool.md.j2",
            meta={
                "title": tool.title,
                "description": tool.summary,
                "tags": _tool_tags(tool),
                # Above the glossary (5): a card whose title or keywords name the word a
                # reader types comes before the word's definition; a card that merely
                # mentions it in its text still comes after (title ×1000, text ×1).
                "search": {"boost": _search_boost(book, tool)},
            },
            tool=tool,
            root=book.family_root(tool),
            parent=book.tools.get(tool.part_of) if tool.part_of else None,
            children=book.children(tool.id),
            usage=book.tool_usage.get(tool.id, []),
            chapters=book.tool_chapters.get(tool.id, []),
            articles=book.tool_articles.get(tool.id, []),
            worksheet_pdfs=[
                p for p in (pdfs or []) if p.tool_id == tool.id and p.kind == "worksheet"
            ],
            card_pdf=next(
                (p for p in (pdfs or []) if p.kind == "toolcard" and p.tool_id == tool.id), None
            ),
            short_page=short_path(tool.id or "") + "index.html",
            short_address=printed_address(short_url(tool.id or "")),
        )
    if book.guide:
        put(
            "guide/index.md", "guide.md.j2", groups=_articles_by_kind(book), tools=guide_tools(book)
        )
        for article in book.guide.values():
            put(
                article_page(article.id),
                "article.md.j2",
                meta={"title": article.title, "description": article.summary},
                article=article,
            )
    if book.cookbook:
        put("ledere/index.md", "cookbook.md.j2", chapters=_chapters(book))
        for chapter in _chapters(book):
            put(
                chapter_page(chapter.id),
                "chapter.md.j2",
                meta={
                    "title": chapter.title,
                    "description": chapter.summary,
                    "search": {"boost": CHAPTER_BOOST},
                },
                chapter=chapter,
            )
    pages.update(cards.short_pages(book, offline=offline))  # r/<id>/: a card's short address
    put("ordliste.md", "glossary.md.j2")
    put("downloads.md", "downloads.md.j2")
    put("tags.md", "tags.md.j2")
    put(CHANGES_PAGE, "changes.md.j2", log=versions.history(book, book.content_dir or CONTENT))
    # The page is served at planlaeg/: its links to the rest of the site go through site_root.
    site_root = Markup(posixpath.relpath(".", posixpath.dirname(PLANNER_PAGE)) + "/")
    put(PLANNER_PAGE, "planner.md.j2", data=PLANNER_DATA, site_root=site_root)
    return pages


def generated_docs(
    book: Handbook,
    pdfs: list[outputs.PdfOutput] | None,
    facts: dict[str, outputs.PdfFacts] | None = None,
) -> dict[str, str]:
    """Everything the build writes into docs/: the pages and the planner's data file."""
    return {
        **render_pages(book, pdfs, facts=facts),
        PLANNER_DATA: export.planner_json(book),
    }


def _tool_nav(book: Handbook, tool: Tool) -> Any:
    children = book.children(tool.id)
    if not children:
        return tool_page(tool.id)
    title = f"{tool.label}. {tool.title}" if tool.label else tool.title
    return {plain(title): [tool_page(tool.id), *(_tool_nav(book, c) for c in children)]}


def _tools_by_area_nav(book: Handbook) -> list[Any]:
    """The top-level tools grouped by their first area, in the areas' order. The groups keep
    every page's navigation short: with `navigation.prune` a page carries the tools of its
    own group and only the names of the others, so the markup grows with one area, not with
    the whole tool collection."""
    by_area: dict[str, list[Any]] = {area: [] for area in AREA_LABELS}
    for tool in book.root_tools():
        by_area[tool.tags.area[0]].append(_tool_nav(book, tool))
    return [{AREA_LABELS[area]: items} for area, items in by_area.items() if items]


def _module_nav(module: Module) -> Any:
    title = f"Modul {module.number} · {module.title}"
    return {
        plain(title): [module_page(module.id), *(day_page(module.id, d.id) for d in module.days)]
    }


# The navigation of each loaded Handbook, worked out once (the site, the offline bundle,
# the site key and mkdocs.nav.yml all read it; treat it as read-only).
_navs: WeakKeyDictionary[Handbook, list[Any]] = WeakKeyDictionary()


def nav(book: Handbook) -> list[Any]:
    """The navigation tree handed to MkDocs (ordered as a reader expects), once per Handbook."""
    found = _navs.get(book)
    if found is None:
        found = _navs[book] = _nav(book)
    return copy.deepcopy(found)  # callers title and extend it


def _nav(book: Handbook) -> list[Any]:
    courses: list[Any] = ["forloeb/index.md"]
    for course in book.courses.values():
        courses.append(
            {
                plain(course.title): [
                    course_page(course.id),
                    *(_module_nav(book.modules[m]) for m in course.modules),
                ]
            }
        )
    for module in _orphan_modules(book):
        courses.append(_module_nav(module))
    items: list[Any] = [
        {"Forside": "index.md"},
        {"Forløb og moduler": courses},
        # A tab of its own: with a pruned navigation (only the open tab's pages are in a
        # page), the trainers' planner stays one click away from every page.
        {"Planlæg": PLANNER_PAGE},
        {"Redskaber": ["redskaber/index.md", *_tools_by_area_nav(book)]},
    ]
    if book.guide:
        guide: list[Any] = ["guide/index.md"]
        for articles in _articles_by_kind(book).values():
            guide.extend(article_page(a.id) for a in articles)
        items.append({"Langtidsledighed": guide})
    if book.cookbook:
        items.append(
            {"For ledere": ["ledere/index.md", *(chapter_page(c.id) for c in _chapters(book))]}
        )
    items += [
        {"Ordliste": "ordliste.md"},
        {"PDF-filer": "downloads.md"},
        {"Emneord": "tags.md"},
        {"Om håndbogen": ["om.md", CHANGES_PAGE, "tilgaengelighed.md"]},
    ]
    return items


def page_title(text: str) -> str | None:
    """The title in a generated page's front matter (as MkDocs will read it)."""
    from mkdocs.utils.meta import get_data

    title = get_data(text)[1].get("title")
    return str(title) if title is not None else None


def titled_nav(items: list[Any], pages: dict[str, str], docs: Path | None = None) -> list[Any]:
    """`items` with every bare page path of a generated page turned into {title: path},
    using the page's own front matter title. MkDocs then never needs to read a page to
    name it in the navigation (a dirty rebuild in the preview reads only the changed
    pages, and would otherwise show 'None'), and Zensical gets the same titles. A
    hand-written page in `docs` (default docs/) is named from its own front matter or first
    heading, as MkDocs would."""
    from mkdocs.utils import get_markdown_title
    from mkdocs.utils.meta import get_data

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            if item in pages:
                title = page_title(pages[item])
            else:  # a hand-written page in docs/: its front matter title or first heading
                source = (docs or DOCS) / item
                text = source.read_text(encoding="utf-8") if source.is_file() else ""
                title = page_title(text) or get_markdown_title(get_data(text)[0])
            return {title: item} if title else item
        if isinstance(item, dict):
            # {title: path} is titled already; {title: [...]} is a section
            return {k: walk(v) if isinstance(v, list) else v for k, v in item.items()}
        if isinstance(item, list):
            return [walk(value) for value in item]
        return item

    return walk(items)


def day_of(book: Handbook, ref: str) -> tuple[Module, Day]:
    return book.day(ref)


def _tool_index(book: Handbook) -> tuple[list[Tool], dict[str, list[Tool]]]:
    """The tool index: models (largest first), then stand-alone tools by their first area."""
    roots = book.root_tools()
    models = [t for t in roots if book.children(t.id or "")]
    models.sort(key=lambda t: (-len(book.with_parts([t.id or ""])), t.title.lower()))
    by_area: dict[str, list[Tool]] = {area: [] for area in AREA_LABELS}
    for tool in roots:
        if not book.children(tool.id or ""):
            by_area[tool.tags.area[0]].append(tool)
    return models, {area: tools for area, tools in by_area.items() if tools}
