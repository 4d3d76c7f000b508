"""Local editions: a job centre's or a-kasse's own handbook on top of the national one.

An edition is one folder, `editions/<id>/`: `edition.yml` (title, organisation, address,
accessibility contact, and what it changes), its own content files under `content/` (same
folders and schemas as the national `content/`) and its course runs under `runs/`. The
national files are never touched. What `edition.yml` may do, applied to the parsed national
documents before they are validated, so that every later check sees the merged handbook:

- `hide`: national items left out (`tools`, `guide`, `cookbook`, `modules`, `courses`,
  `packs` by id, or a day as `<module-id>/<day-id>`); whatever still refers to one is
  reported at the reference, never published as a broken link;
- `patch`: per national item, fields to `set` and list items to `append`, addressed with the
  field paths the problems print (`execution.steps[2].text`). Each patch names the `base`
  digest of the national item it was written against; when the national item changes, the
  patch is reported with what changed (`upstream`), a warning unless `--strict`;
- `values`: local values for the national placeholders `[lokal:<name>]` declared in
  `content/values.yml` (the national build prints their defaults). Plain text, inserted
  as text: never a template;
- `decisions`: the organisation's answers to a cookbook chapter's worksheet questions
  ("Vores lokale beslutninger"), printed into that chapter of the edition's cookbook.

A patched value keeps its origin (loader.Document.origins), so a problem in it names the
line of `edition.yml`, not the national file.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from .. import text as content_text
from ..errors import Problem
from ..paths import ROOT
from .files import parse_collections
from .history import changed_fields, file_history
from .loader import Document, Path_, YamlProblem, parse, parse_text
from .model import Id, Strict, Text
from .problems import ID_PATTERN, at, field_path, parse_reported, rel, validate

EDITIONS = ROOT / "editions"
EDITION_FILE = "edition.yml"
VALUES_FILE = "values.yml"

# Fields that stay national: where a method comes from and what it is. An edition that
# wants another method adds its own tool instead.
LOCKED = ("id", "provenance", "definition", "changes")

# The end of the warning for a reference to a hidden item, which the list leaves out.
HIDDEN_LEFT_OUT = "left out here"

# A national text's reference to a local value: "[lokal:bookingsystem]".
PLACEHOLDER = re.compile(r"\[lokal:([^\]\s]*)\]")

Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{10}$")]
ValueName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Patch(Strict):
    base: Digest = Field(
        description="Digest of the national item the patch was written against "
        "(`build.py edition status <id>` prints the current one)."
    )
    set: dict[str, Any] = Field(
        default_factory=dict, description="Field path (e.g. 'execution.steps[2].text') → value."
    )
    append: dict[str, list[Any]] = Field(
        default_factory=dict, description="Field path of a list → items added at its end."
    )


class Answer(Strict):
    question: Text = Field(description="A question of the chapter's worksheets, word for word.")
    answer: Text


class Decisions(Strict):
    heading: Text | None = Field(
        default=None, description="Default: 'Vores lokale beslutninger – <organisation>'."
    )
    answers: list[Answer] = Field(min_length=1)


class Edition(Strict):
    """editions/<id>/edition.yml."""

    title: Text = Field(description="E.g. 'Metodehåndbogen – Jobcenter Eksempelby'.")
    organisation: Text = Field(description="Printed on every page and PDF of the edition.")
    site_url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")]
    accessibility_contact: Text = Field(
        description="E-mail, web address or a short text for the accessibility statement."
    )
    hide: list[str] = Field(default_factory=list)
    patch: dict[str, Patch] = Field(default_factory=dict)
    values: dict[ValueName, Text] = Field(default_factory=dict)
    decisions: dict[Id, Decisions] = Field(
        default_factory=dict, description="Cookbook chapter id → the local answers."
    )
    notes: str | None = None


class ValueDeclaration(Strict):
    description: Text
    default: Text = Field(description="What the national handbook prints.")


class ValueDeclarations(Strict):
    """content/values.yml: the placeholders national text may use."""

    values: dict[ValueName, ValueDeclaration]


@dataclass
class LocalEdition:
    """A loaded edition: its settings, where they are, and what it did to the content."""

    id: str
    folder: Path
    settings: Edition
    doc: Document
    hidden: dict[str, str] = field(default_factory=dict)  # "tools/x" or "modules/m/d" → where
    added: dict[str, Path] = field(default_factory=dict)  # "tools/x" → the edition's file
    # "tools/x" → (the digest the patch names, the national item's digest now)
    patched: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return rel(self.doc.path)

    @property
    def runs_dir(self) -> Path:
        return self.folder / "runs"

    @property
    def content_dir(self) -> Path:
        return self.folder / "content"

    def line(self, loc: Path_) -> int:
        return self.doc.line_of(loc)


def digest(data: Any) -> str:
    """The short digest a patch's `base` names: of the parsed item, so a comment or a
    re-wrapped line in the national file is no change."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def edition_folder(edition_id: str, root: Path = EDITIONS) -> Path:
    return root / edition_id


def edition_ids(root: Path = EDITIONS) -> list[str]:
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / EDITION_FILE).is_file())


def load_settings(folder: Path, problems: list[Problem]) -> LocalEdition | None:
    """edition.yml validated, or None with its problems reported."""
    path = folder / EDITION_FILE
    if not ID_PATTERN.match(folder.name):
        problems.append(Problem(rel(folder), 1, "", "an edition's folder name must be an id"))
        return None
    if not path.is_file():
        problems.append(Problem(rel(path), 1, "", "edition file not found"))
        return None
    doc = parse_reported(path, problems)
    if doc is None:
        return None
    settings = validate(doc, Edition, problems)
    if settings is None:
        return None
    for name in ("title", "organisation", "accessibility_contact"):
        for message in content_text.problems(getattr(settings, name)):
            problems.append(Problem(rel(path), doc.line_of((name,)), name, message))
    # A value is inserted into national text: checked here, so a problem names this line.
    # A refused value is not inserted, so the problem is reported once, here.
    for name, value in list(settings.values.items()):
        for message in content_text.problems(value):
            problems.append(
                Problem(rel(path), doc.line_of(("values", name)), f"values.{name}", message)
            )
            settings.values.pop(name, None)
    return LocalEdition(folder.name, folder, settings, doc)


def load_declarations(content_dir: Path, problems: list[Problem]) -> dict[str, ValueDeclaration]:
    path = content_dir / VALUES_FILE
    if not path.is_file():
        return {}
    doc = parse_reported(path, problems)
    if doc is None:
        return {}
    declared = validate(doc, ValueDeclarations, problems)
    return {} if declared is None else declared.values


# --- applying an edition to the parsed documents -------------------------------------------

Docs = dict[tuple[str, str], Document]


def parse_path(text: str) -> Path_ | None:
    """'execution.steps[2].text' → ('execution', 'steps', 2, 'text'); None if malformed."""
    parts: list[str | int] = []
    for piece in text.split("."):
        found = re.fullmatch(r"([a-z_]+)((?:\[\d+\])*)", piece)
        if not found:
            return None
        parts.append(found.group(1))
        parts.extend(int(i) for i in re.findall(r"\[(\d+)\]", found.group(2)))
    return tuple(parts)


def find_items(docs: Docs, ref: str, folders: tuple[str, ...]) -> list[tuple[str, str]]:
    """The national items an id names: 'tools/x' or plain 'x' (in any folder)."""
    if "/" in ref:
        folder, item_id = ref.split("/", 1)
        return [(folder, item_id)] if (folder, item_id) in docs else []
    return [(f, ref) for f in folders if (f, ref) in docs]


def apply(
    edition: LocalEdition,
    docs: Docs,
    folders: tuple[str, ...],
    problems: list[Problem],
    warnings: list[Problem],
    strict: bool = False,
) -> None:
    """Hide, patch and add in `docs` (the national documents, parsed, not yet validated)."""
    settings = edition.settings

    def report(loc: Path_, message: str) -> None:
        problems.append(Problem(edition.file, edition.line(loc), field_path(loc), message))

    # The patched items as the national files have them, before a hidden day leaves a
    # module: what a patch's base was taken of.
    national = {
        key: copy.deepcopy(docs[key].data)
        for ref in settings.patch
        for key in find_items(docs, ref, folders)
    }
    _hide_all(edition, docs, folders, report, warnings)
    for ref, patch in settings.patch.items():
        _patch_item(
            edition, docs, folders, ref, patch, national, report, problems, warnings, strict
        )
    for chapter_id, decisions in settings.decisions.items():
        _add_decisions(edition, docs, chapter_id, decisions, report)
    # Added last, after the hides: a hidden national item may be replaced by an own one
    # under the same id.
    own, _ = parse_collections(edition.content_dir, folders, problems, "the edition's folder")
    for key, doc in own.items():
        if key in docs:
            problems.append(
                Problem(
                    rel(doc.path),
                    1,
                    "",
                    f"the national item '{'/'.join(key)}' has this id: hide it in "
                    f"{edition.file}, or patch it instead",
                )
            )
            continue
        docs[key] = doc
        edition.added["/".join(key)] = doc.path
        edition.hidden.pop("/".join(key), None)  # replaced: references to it stay


def _hide_all(
    edition: LocalEdition,
    docs: Docs,
    folders: tuple[str, ...],
    report: Any,
    warnings: list[Problem],
) -> None:
    for i, ref in enumerate(edition.settings.hide):
        loc = ("hide", i)
        where = f"{edition.file}:{edition.line(loc)}"
        day = re.fullmatch(r"([a-z0-9-]+)/([a-z0-9-]+)", ref)
        if day and ("modules", day.group(1)) in docs and day.group(1) not in folders:
            module_id, day_id = day.groups()
            module_doc = docs[("modules", module_id)]
            data = module_doc.data if isinstance(module_doc.data, dict) else {}
            days = data.get("days") if isinstance(data.get("days"), list) else []
            ids = [d.get("id") if isinstance(d, dict) else None for d in days]
            if day_id not in ids:
                report(loc, f"module '{module_id}' has no day '{day_id}'")
            elif len(days) == 1 and not data.get("activities"):
                report(loc, f"'{day_id}' is the only day of '{module_id}': hide the module instead")
            else:
                _hide_day(edition, module_doc, ids.index(day_id), loc, warnings)
                edition.hidden[f"modules/{ref}"] = where
            continue
        found = find_items(docs, ref, folders)
        if not found:
            report(
                loc,
                f"unknown national item '{ref}' (a tool, guide page, cookbook chapter, "
                "module, course, pack, or a day as '<module-id>/<day-id>')",
            )
        elif len(found) > 1:
            names = " or ".join(f"'{f}/{i}'" for f, i in found)
            report(loc, f"'{ref}' names more than one item: write {names}")
        else:
            del docs[found[0]]
            edition.hidden["/".join(found[0])] = where


def _patch_item(
    edition: LocalEdition,
    docs: Docs,
    folders: tuple[str, ...],
    ref: str,
    patch: Patch,
    national: dict[tuple[str, str], Any],
    report: Any,
    problems: list[Problem],
    warnings: list[Problem],
    strict: bool,
) -> None:
    loc: Path_ = ("patch", ref)
    found = find_items(docs, ref, folders)
    if len(found) != 1:
        if any(k.endswith("/" + ref) or k == ref for k in edition.hidden):
            report(loc, f"'{ref}' is hidden by this edition: a hidden item cannot be patched")
        elif not found:
            report(loc, f"unknown national item '{ref}'")
        else:
            names = " or ".join(f"'{f}/{i}'" for f, i in found)
            report(loc, f"'{ref}' names more than one item: write {names}")
        return
    key = found[0]
    doc = docs[key]
    now = digest(national[key])
    edition.patched["/".join(key)] = (patch.base, now)
    if patch.base != now:
        message = upstream_message(key, doc.path, national[key], patch)
        base = (*loc, "base")
        (problems if strict else warnings).append(
            Problem(edition.file, edition.line(base), field_path(base), message)
        )
    for name, value in patch.set.items():
        _patch(edition, doc, (*loc, "set", name), name, value, append=False, report=report)
    for name, items in patch.append.items():
        _patch(edition, doc, (*loc, "append", name), name, items, append=True, report=report)


# What a homework followed up on a hidden day says instead (the model needs one or the other).
NO_FOLLOWUP_DAY = "Følges ikke op på en kursusdag i denne udgave af håndbogen."


def _hide_day(
    edition: LocalEdition, doc: Document, index: int, loc: Path_, warnings: list[Problem]
) -> None:
    """Take day `index` out of a module, with the homework handed out on it; a homework
    followed up on it is no longer followed up on a day. Each is reported at `loc`."""
    data = doc.data
    day = data["days"][index]
    _remove_list_item(doc, ("days",), index)
    homework = data.get("homework") if isinstance(data.get("homework"), list) else []
    handed_out = {h for h in day.get("homework_out") or [] if isinstance(h, str)}
    line = edition.line(loc)
    for i in reversed(range(len(homework))):
        item = homework[i]
        if not isinstance(item, dict):
            continue
        if item.get("id") in handed_out:
            _remove_list_item(doc, ("homework",), i)
            message = f"homework '{item['id']}' is handed out on this day: {HIDDEN_LEFT_OUT}"
            warnings.append(Problem(edition.file, line, field_path(loc), message))
        elif item.get("followed_up_in") == day.get("id"):
            item["followed_up_in"] = None
            item.setdefault("followup_note", NO_FOLLOWUP_DAY)
            message = f"homework '{item['id']}' was followed up on this day: no longer on a day"
            warnings.append(Problem(edition.file, line, field_path(loc), message))
    for d, other in enumerate(data["days"]):  # the other days' lists of homework
        for key in ("homework_followup", "homework_out"):
            ids = other.get(key) if isinstance(other, dict) else None
            for i in reversed(range(len(ids or []))):
                if ids[i] in handed_out:
                    _remove_list_item(doc, ("days", d, key), i)


def _remove_list_item(doc: Document, loc: Path_, index: int) -> None:
    """Remove item `index` of the list at `loc`; the later items' lines move up with it."""
    items = _get(doc.data, loc)
    del items[index]
    n = len(loc)
    moved: dict[Path_, int] = {}
    for key, line in doc.lines.items():
        if key[:n] == loc and len(key) > n and isinstance(key[n], int):
            if key[n] == index:
                continue
            if key[n] > index:
                key = (*key[:n], key[n] - 1, *key[n + 1 :])
        moved[key] = line
    doc.lines = moved


def _get(data: Any, loc: Path_) -> Any:
    for part in loc:
        data = data[part]
    return data


def _patch(
    edition: LocalEdition,
    doc: Document,
    loc: Path_,
    name: str,
    value: Any,
    append: bool,
    report: Any,
) -> None:
    target = parse_path(name)
    if target is None:
        report(
            loc,
            f"'{name}' is not a field path (write it as the problems do, e.g. "
            "'execution.steps[2].text')",
        )
        return
    if target[0] in LOCKED:
        report(loc, f"'{target[0]}' is national only: an edition cannot change it")
        return
    try:
        parent = _get(doc.data, target[:-1])
    except (KeyError, IndexError, TypeError):
        report(loc, f"the national item has no field '{field_path(target[:-1])}'")
        return
    last = target[-1]
    if isinstance(last, int):
        if not isinstance(parent, list) or last >= len(parent):
            report(loc, f"the national item has no '{name}' (a list index beyond its end)")
            return
    elif not isinstance(parent, dict):
        report(loc, f"'{field_path(target[:-1])}' is not a group of fields")
        return
    if append:
        current = parent.get(last) if isinstance(parent, dict) else parent[last]
        if current is None and isinstance(parent, dict):
            current = parent[last] = []
        if not isinstance(current, list):
            report(loc, f"'{name}' is not a list: use set")
            return
        start = len(current)
        current.extend(copy.deepcopy(value))
        for i in range(len(value)):
            _mark_origin(edition, doc, (*target, start + i), (*loc, i))
        return
    # Replacing a value: its old lines no longer describe it.
    n = len(target)
    doc.lines = {k: v for k, v in doc.lines.items() if k[:n] != target}
    doc.origins = {k: v for k, v in doc.origins.items() if k[:n] != target}
    parent[last] = copy.deepcopy(value)
    _mark_origin(edition, doc, target, loc)


def _mark_origin(edition: LocalEdition, doc: Document, target: Path_, source: Path_) -> None:
    """Every line under `source` in edition.yml becomes the origin of the same path under
    `target` in the national item."""
    n = len(source)
    for key, line in edition.doc.lines.items():
        if key[:n] == source:
            doc.origins[(*target, *key[n:])] = (edition.doc.path, line)


def _add_decisions(
    edition: LocalEdition, docs: Docs, chapter_id: str, decisions: Decisions, report: Any
) -> None:
    loc: Path_ = ("decisions", chapter_id)
    doc = docs.get(("cookbook", chapter_id))
    if doc is None or not isinstance(doc.data, dict):
        report(loc, f"unknown cookbook chapter '{chapter_id}'")
        return
    questions = {
        " ".join(str(f.get("label", "")).split())
        for sheet in doc.data.get("worksheets") or []
        if isinstance(sheet, dict)
        for section in sheet.get("sections") or []
        if isinstance(section, dict)
        for f in section.get("fields") or []
        if isinstance(f, dict)
    }
    items = []
    for i, answer in enumerate(decisions.answers):
        if " ".join(answer.question.split()) not in questions:
            report(
                (*loc, "answers", i, "question"),
                f"not a question of the worksheets in '{chapter_id}' (copy its label word for word)",
            )
            continue
        items.append(f"**{answer.question.strip()}** {answer.answer.strip()}")
    if not items:
        return
    heading = decisions.heading or f"Vores lokale beslutninger – {edition.settings.organisation}"
    sections = doc.data.setdefault("sections", [])
    if not isinstance(sections, list):
        return  # the national file's own problem, reported when it is validated
    sections.append({"heading": heading, "items": items})
    _mark_origin(edition, doc, ("sections", len(sections) - 1), loc)


def upstream_message(key: tuple[str, str], path: Path, data: Any, patch: Patch) -> str:
    """What changed in the national item (`data`, read from `path`) since the patch's base,
    field by field with the old and new value (the old version is found in the git
    history of the national file), and what the edition sets."""
    now = digest(data)
    sets = [*patch.set, *(f"{k} (append)" for k in patch.append)]
    own = "; the edition sets: " + ", ".join(sets) if sets else ""
    old = _version_with_digest(path, patch.base)
    if old is None:
        changed = "(the version the patch was written against is not in the git history)"
    else:
        fields = changed_fields(old, data)
        changed = "; ".join(f"{f} ({_short(old, f)} → {_short(data, f)})" for f in fields)
        changed = changed or "(formatting only)"
    return (
        f"changed upstream: national '{'/'.join(key)}' is now {now}, the patch was written "
        f"against {patch.base}; changed nationally: {changed}{own}. Check the patch, then "
        f"write base: {now}"
    )


def _short(data: Any, field_name: str, width: int = 60) -> str:
    """The value at a field path, quoted and cut to `width` characters ('-' when absent)."""
    loc = parse_path(field_name) if field_name != "(all)" else ()
    try:
        value = _get(data, loc or ())
    except (KeyError, IndexError, TypeError):
        return "-"
    text = " ".join(str(value).split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _version_with_digest(path: Path, wanted: str) -> Any | None:
    """The national item as it was when its digest was `wanted`, from git; or None."""
    for old_text in file_history(path):
        try:
            data = parse_text(path, old_text).data
        except YamlProblem:
            continue
        if digest(data) == wanted:
            return data
    return None


# --- local values ----------------------------------------------------------------------


def substitute_values(
    docs: Docs,
    declared: dict[str, ValueDeclaration],
    declarations_file: Path,
    edition: LocalEdition | None,
    problems: list[Problem],
) -> None:
    """Replace every `[lokal:<name>]` in the documents' text by the edition's value, or the
    national default. A name neither declared nor given is reported where it is used; a
    value or declaration that no text uses is reported where it is given."""
    given = dict(edition.settings.values) if edition is not None else {}
    used: set[str] = set()

    def walk(doc: Document, value: Any, loc: Path_) -> Any:
        if isinstance(value, str):
            if "[lokal:" not in value:
                return value

            def replace(found: re.Match[str]) -> str:
                name = found.group(1)
                used.add(name)
                if name in given:
                    return given[name]
                if name in declared:
                    return declared[name].default
                problems.append(
                    at(
                        doc,
                        loc,
                        f"unknown local value '[lokal:{name}]' (declare it in "
                        f"content/{VALUES_FILE}, or give it in the edition's values)",
                    )
                )
                return found.group(0)

            return PLACEHOLDER.sub(replace, value)
        if isinstance(value, dict):
            return {k: walk(doc, v, (*loc, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(doc, v, (*loc, i)) for i, v in enumerate(value)]
        return value

    for doc in docs.values():
        doc.data = walk(doc, doc.data, ())
    if edition is not None:
        for name in given:
            if name not in used:
                problems.append(
                    Problem(
                        edition.file,
                        edition.line(("values", name)),
                        f"values.{name}",
                        f"no text uses '[lokal:{name}]': remove the value or check its name",
                    )
                )
    elif declared:
        # Checked without an edition (every edition uses the national declarations).
        declared_doc = parse(declarations_file)
        for name in declared:
            if name not in used:
                problems.append(
                    Problem(
                        rel(declarations_file),
                        declared_doc.line_of(("values", name)),
                        f"values.{name}",
                        f"no national text uses '[lokal:{name}]'",
                    )
                )
