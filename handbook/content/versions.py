"""What changed in the content between two versions, and the marks and notes that say so.

What changed is computed from the content itself: every content file of a release is
read from git (`git archive <tag>`), parsed with the same loader, and compared with the
current files item by item (by id) and field by field, never by file dates. Without
git, without tags or in a shallow clone that lacks a release's commit, the comparison is
skipped with one line saying why; nothing here ever fails a build for want of history.
The version being built and its date: release.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..errors import Problem
from .book import Handbook
from .history import NoHistory, changed_fields, git
from .loader import Document, YamlProblem, parse
from .pages import article_page, chapter_page, course_page, day_page, module_page, tool_page
from .problems import ID_PATTERN, field_path, rel
from .release import RELEASE_FILE, TAG, TIMEZONE, Release, build_date, date_text, version_key


def newest_note_version_problems(book: Handbook, current: dict[str, Item]) -> list[Problem]:
    """A change note may not carry a version after the one being built."""
    if book.release is None:
        return []
    building = version_key(book.release.version)
    found = []
    for item in current.values():
        for i, note in enumerate(item.changes):
            version = str(note.get("version", "")) if isinstance(note, dict) else ""
            if TAG.match("v" + version) and version_key(version) > building:
                found.append(
                    Problem(
                        rel(item.path),
                        item.doc.line_of((*item.loc, "changes", i, "version")),
                        field_path((*item.loc, "changes", i, "version")),
                        f"version {version} is after the release being built "
                        f"({book.release.version} in {RELEASE_FILE})",
                    )
                )
    return found


# --- items of a content folder, as parsed YAML ---------------------------------------

# Folder → kind of item. Packs are trainers' selections, not handbook text; the glossary
# has no ids to follow.
FOLDERS = {
    "tools": "tool",
    "modules": "module",
    "guide": "article",
    "cookbook": "chapter",
    "courses": "course",
}
# Kinds that carry `changes:` and must get a note when their text changes.
NOTED = ("tool", "module", "day", "article", "chapter")
KIND_LABELS = {
    "tool": "Redskab",
    "module": "Modul",
    "day": "Undervisningsdag",
    "article": "Guide",
    "chapter": "Kogebog",
    "course": "Forløb",
}


@dataclass
class Item:
    """One item (a tool, module, day, article, chapter or course) as parsed YAML."""

    key: str  # "tools/detektiv", "modules/m", "modules/m/dag-1" …
    kind: str
    title: str
    data: Any  # normalised: without `changes`, editorial notes and (modules) days
    changes: list[Any]
    path: Path
    doc: Document
    loc: tuple[Any, ...] = ()  # where the item is in its file (a day: ("days", i))
    module: str | None = None  # a day's module id
    context: str | None = None  # a day's module title: day titles repeat across modules

    def notes_of(self, version: str) -> list[dict[str, Any]]:
        """The notes for `version` (an old release's files were never checked: only
        well-formed notes count)."""
        return [
            n
            for n in self.changes
            if isinstance(n, dict)
            and str(n.get("version")) == version
            and isinstance(n.get("note"), str)
        ]


def _normal(value: Any) -> Any:
    """Parsed YAML made comparable: whitespace in text folded (a re-wrapped paragraph is no
    change), dates as ISO text."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _strip(data: dict[str, Any], *drop: str) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k not in ("changes", *drop)}
    provenance = out.get("provenance")
    if isinstance(provenance, dict) and "notes" in provenance:  # editorial, never printed
        out["provenance"] = {k: v for k, v in provenance.items() if k != "notes"}
    return _normal(out)


def _title(data: dict[str, Any], fallback: str) -> str:
    title = data.get("title")
    return " ".join(title.split()) if isinstance(title, str) else fallback


_parsed_files: dict[tuple[Path, str], Document | None] = {}


def _parsed(path: Path) -> Document | None:
    """A file parsed once per content (by its bytes): the site pages, the check and the
    live preview all take snapshots of the same files."""
    try:
        key = (path, hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        return None
    if key not in _parsed_files:
        if len(_parsed_files) > 5000:  # a long preview session: start afresh
            _parsed_files.clear()
        try:
            _parsed_files[key] = parse(path)
        except YamlProblem:
            _parsed_files[key] = None
    return _parsed_files[key]


def snapshot(content_dir: Path) -> dict[str, Item]:
    """Every item of a content folder by key. Files that do not parse are left out (the
    current content is checked by `check`; an old release is read as it was)."""
    items: dict[str, Item] = {}
    for folder, kind in FOLDERS.items():
        for path in sorted((content_dir / folder).glob("*.y*ml")):
            if not ID_PATTERN.match(path.stem) or not path.is_file() or path.is_symlink():
                continue
            doc = _parsed(path)
            if doc is None:
                continue
            data = doc.data
            if not isinstance(data, dict):
                continue
            key = f"{folder}/{path.stem}"
            notes = data.get("changes") if isinstance(data.get("changes"), list) else []
            items[key] = Item(
                key, kind, _title(data, path.stem), _strip(data, "days"), notes, path, doc
            )
            if kind != "module" or not isinstance(data.get("days"), list):
                continue
            for i, day in enumerate(data["days"]):
                if not isinstance(day, dict) or not isinstance(day.get("id"), str):
                    continue
                day_notes = day.get("changes") if isinstance(day.get("changes"), list) else []
                items[f"{key}/{day['id']}"] = Item(
                    f"{key}/{day['id']}",
                    "day",
                    _title(day, day["id"]),
                    _strip(day),
                    day_notes,
                    path,
                    doc,
                    ("days", i),
                    path.stem,
                    _title(data, path.stem),
                )
    return items


@dataclass
class Diff:
    """What changed from one version of the content to another."""

    new: list[Item] = field(default_factory=list)
    changed: list[tuple[Item, list[str]]] = field(default_factory=list)  # (new item, fields)
    removed: list[Item] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed)


def diff(old: dict[str, Item], new: dict[str, Item]) -> Diff:
    result = Diff()
    for key, item in new.items():
        before = old.get(key)
        if before is None:
            result.new.append(item)
        elif fields := changed_fields(before.data, item.data):
            result.changed.append((item, fields))
    result.removed = [item for key, item in old.items() if key not in new]
    return result


# --- git ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    version: str
    name: str
    commit: str  # "" when the clone does not have the tagged commit
    date: dt.date | None


@dataclass(frozen=True)
class Repository:
    """The git work tree that holds a content folder, and the folder's path inside it."""

    top: Path
    prefix: str  # e.g. "content/" (posix, with a trailing slash)
    tags: tuple[Tag, ...]  # release tags, oldest first

    def tag_before_or_at(self, version: str | None) -> Tag | None:
        """The newest release tag not after `version` (any tag when version is None)."""
        tags = [
            t
            for t in self.tags
            if version is None or version_key(t.version) <= version_key(version)
        ]
        return tags[-1] if tags else None


def repository(content_dir: Path) -> Repository:
    """The repository of `content_dir` with its release tags; NoHistory says why not."""
    content_dir = content_dir.resolve()
    if not content_dir.is_dir():
        raise NoHistory(f"{content_dir} is not a folder")
    try:
        inside = git(content_dir, "rev-parse", "--is-inside-work-tree").strip()
    except NoHistory:
        raise NoHistory("the content folder is not in a git repository") from None
    if inside != b"true":
        raise NoHistory("the content folder is not in a git work tree")
    top = Path(git(content_dir, "rev-parse", "--show-toplevel").decode().strip())
    prefix = git(content_dir, "rev-parse", "--show-prefix").decode().strip()
    names = git(top, "for-each-ref", "refs/tags", "--format=%(refname:short)").decode()
    tags = []
    for name in names.split():
        if not (match := TAG.match(name)):
            continue
        # One tag at a time: in a shallow clone a tag may name a commit that is not here;
        # that release is then unreadable (release_snapshot says so), the others are not.
        try:
            commit, when = git(top, "log", "-1", "--format=%H %ct", f"{name}^{{commit}}").split()
            date = dt.datetime.fromtimestamp(int(when), TIMEZONE).date()
            tags.append(Tag(match.group(1), name, commit.decode(), date))
        except (NoHistory, ValueError):
            tags.append(Tag(match.group(1), name, "", None))
    tags.sort(key=lambda t: version_key(t.version))
    return Repository(top, prefix, tuple(tags))


@functools.lru_cache(maxsize=16)
def _release_snapshot(top: Path, prefix: str, commit: str) -> dict[str, Item]:
    """The items of the content folder at a commit (read once per commit: a commit never
    changes). The files are unpacked into a temporary folder and parsed there."""
    archive = git(top, "archive", "--format=tar", commit, "--", prefix or ".")
    with tempfile.TemporaryDirectory(prefix="handbook-release-") as tmp:
        root = Path(tmp)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar.getmembers():
                # Only regular YAML files at a plain path: never a link or a path outside.
                name = Path(member.name)
                if not member.isfile() or name.is_absolute() or ".." in name.parts:
                    continue
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                if source is not None:
                    target.write_bytes(source.read())
        items = snapshot(root / prefix)
        for item in items.values():  # the temporary files go; keep the paths readable
            item.path = Path(f"{prefix}{item.path.relative_to(root / prefix).as_posix()}")
        return items


def release_snapshot(repo: Repository, tag: Tag) -> dict[str, Item]:
    try:
        if not tag.commit:
            raise NoHistory("its commit is not in this clone")
        return _release_snapshot(repo.top, repo.prefix, tag.commit)
    except NoHistory as exc:
        raise NoHistory(
            f"the content of release {tag.version} (tag {tag.name}) cannot be read "
            f"from git, e.g. in a shallow clone ({exc})"
        ) from None


# --- the check: a changed item needs a new note ----------------------------------------


def check_change_notes(book: Handbook, content_dir: Path) -> tuple[list[Problem], str]:
    """Items whose text changed since the last release without a new change note.

    Returns the problems (file:line of the item) and one line saying what was compared,
    or why nothing was (no git, no tag, a shallow clone)."""
    current = snapshot(content_dir)
    problems = newest_note_version_problems(book, current)
    version = book.release.version if book.release else None
    try:
        repo = repository(content_dir)
        tag = repo.tag_before_or_at(version)
        if tag is None:
            raise NoHistory("no release tag v<version> in git yet")
        old = release_snapshot(repo, tag)
    except NoHistory as exc:
        return problems, f"change notes: not compared with the last release: {exc}"
    changes = diff(old, current)
    missing = 0
    for item, fields in changes.changed:
        if item.kind not in NOTED:
            continue
        before = old[item.key].changes
        if any(note not in before for note in item.changes):
            continue
        missing += 1
        shown = ", ".join(fields[:3]) + (" …" if len(fields) > 3 else "")
        where = "this day" if item.kind == "day" else "this item"
        problems.append(
            Problem(
                rel(item.path),
                item.doc.line_of(item.loc),
                field_path((*item.loc, "changes")),
                f"the text of {where} changed since release {tag.version} ({shown}) but "
                f"'changes' has no new note: add one on top, e.g. "
                f'{{date: {build_date().isoformat()}, version: "{version or tag.version}", '
                f"note: Hvad er ændret for læseren}}",
            )
        )
    summary = (
        f"change notes: compared with release {tag.version} (tag {tag.name}): "
        f"{len(changes.new)} new, {len(changes.changed)} changed, "
        f"{len(changes.removed)} removed items" + (f", {missing} without a note" if missing else "")
    )
    return problems, summary


# --- "Nyt i håndbogen": one section per release -----------------------------------------


@dataclass
class Entry:
    item: Item
    notes: list[dict[str, Any]]


@dataclass
class ReleaseSection:
    version: str
    date: dt.date | None
    new: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    first: bool = False  # the first tagged release: everything is new, nothing listed
    count: int = 0  # items in the first release

    @property
    def anchor(self) -> str:
        return "version-" + self.version.replace(".", "-")


@dataclass
class History:
    sections: list[ReleaseSection]
    from_git: bool
    reason: str = ""  # why the history is from the notes alone


def _by_title(entries: list[Entry]) -> list[Entry]:
    order = list(KIND_LABELS)
    return sorted(entries, key=lambda e: (order.index(e.item.kind), e.item.title.lower()))


def _section(version: str, date: dt.date | None, changes: Diff) -> ReleaseSection:
    return ReleaseSection(
        version,
        date,
        new=_by_title([Entry(i, i.notes_of(version)) for i in changes.new]),
        changed=_by_title([Entry(i, i.notes_of(version)) for i, _ in changes.changed]),
        removed=_by_title([Entry(i, []) for i in changes.removed]),
    )


def history(book: Handbook, content_dir: Path) -> History:
    """What each release brought, newest first: from git when the releases are there,
    else from the change notes alone (changed items only)."""
    current = snapshot(content_dir)
    version = book.release.version if book.release else None
    try:
        repo = repository(content_dir)
        tags = [
            t
            for t in repo.tags
            if version is None or version_key(t.version) <= version_key(version)
        ]
        snaps = [release_snapshot(repo, t) for t in tags]
    except NoHistory as exc:
        return _history_from_notes(current, version, str(exc))
    sections: list[ReleaseSection] = []
    for i, tag in enumerate(tags):
        if i == 0:
            sections.append(ReleaseSection(tag.version, tag.date, first=True, count=len(snaps[0])))
        else:
            sections.append(_section(tag.version, tag.date, diff(snaps[i - 1], snaps[i])))
    if version is not None:
        # The version being built is read from the files themselves (edits not yet tagged
        # belong to it); it replaces its own tag's section when it is tagged already.
        date = build_date()
        if tags and tags[-1].version == version:
            date = tags[-1].date
            sections.pop()
            snaps = snaps[:-1]
        if snaps:
            sections.append(_section(version, date, diff(snaps[-1], current)))
        else:
            sections.append(ReleaseSection(version, date, first=True, count=len(current)))
    return History(list(reversed(sections)), from_git=True)


def _history_from_notes(current: dict[str, Item], version: str | None, reason: str) -> History:
    versions: set[str] = {
        str(n.get("version")) for i in current.values() for n in i.changes if isinstance(n, dict)
    }
    if version:
        versions.add(version)
    sections = []
    for v in sorted((v for v in versions if TAG.match("v" + v)), key=version_key, reverse=True):
        entries = [Entry(i, i.notes_of(v)) for i in current.values() if i.notes_of(v)]
        dates = [n["date"] for e in entries for n in e.notes if isinstance(n.get("date"), dt.date)]
        sections.append(
            ReleaseSection(v, max(dates) if dates else None, changed=_by_title(entries))
        )
    return History(sections, from_git=False, reason=reason)


def changed_in(item: Any, release: Release | None) -> dt.date | None:
    """The date of an item's newest change note when it belongs to the release being
    built: the 'Ændret <dato>' mark shows for one release."""
    notes = getattr(item, "changes", None)
    if release is None or not notes or notes[0].version != release.version:
        return None
    return notes[0].date


def item_page(book: Handbook, item: Item) -> str | None:
    """The site page of an item (docs/ path), or None when the content being built has no
    such item (a page listed for an old release may be gone: no broken link)."""
    name = item.key.split("/")
    pools = {
        "tool": book.tools,
        "module": book.modules,
        "day": book.modules,
        "article": book.guide,
        "chapter": book.cookbook,
        "course": book.courses,
    }
    if item.kind not in pools or name[1] not in pools[item.kind]:
        return None
    if item.kind == "day" and name[2] not in {d.id for d in book.modules[name[1]].days}:
        return None
    pages = {
        "tool": lambda: tool_page(name[1]),
        "module": lambda: module_page(name[1]),
        "day": lambda: day_page(name[1], name[2]),
        "article": lambda: article_page(name[1]),
        "chapter": lambda: chapter_page(name[1]),
        "course": lambda: course_page(name[1]),
    }
    return pages[item.kind]() if item.kind in pages else None


def site_globals(book: Handbook) -> dict[str, Any]:
    """What the site templates use for versions: marks, dates, the Nyt page's links."""
    return {
        "release": book.release,
        "changed_in": lambda item: changed_in(item, book.release),
        # Our own words and digits: Markup, so the text format does not escape "4." (it
        # guards content against turning into a numbered list).
        "date_text": lambda date: Markup(date_text(date)),
        "item_page": lambda item: item_page(book, item),
        "KIND_LABELS": KIND_LABELS,
    }
