"""What `build.py edition status|show` prints: an edition's items against the national
handbook as it is now, and one item as the edition has it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import Problem
from ..paths import CONTENT
from .book import Handbook
from .editions import LocalEdition, digest, find_items, load_settings, upstream_message
from .files import content_files, parse_collections
from .loader import Document
from .model import COLLECTIONS
from .problems import rel


def status(folder: Path, content_dir: Path = CONTENT) -> tuple[list[str], list[Problem]]:
    """One line per hidden, patched and added item: unchanged, changed upstream (with what
    changed) or removed upstream; plus the problems that stopped it from reading a part."""
    problems: list[Problem] = []
    local = load_settings(folder, problems)
    if local is None:
        return [], problems
    docs, _ = parse_collections(content_dir, COLLECTIONS, problems)
    lines = [f"edition {local.id}: {local.settings.title} ({local.file})"]
    lines += _hidden(local, docs)
    lines += _patched(local, docs)
    lines += _added(local, docs, problems)
    return lines, problems


def _hidden(local: LocalEdition, docs: dict[tuple[str, str], Document]) -> list[str]:
    out = []
    for i, ref in enumerate(local.settings.hide):
        where = f"{local.file}:{local.line(('hide', i))}"
        day = re.fullmatch(r"([a-z0-9-]+)/([a-z0-9-]+)", ref)
        if day and ("modules", day.group(1)) in docs:
            data = docs[("modules", day.group(1))].data
            days = data.get("days") if isinstance(data, dict) else None
            present = any(isinstance(d, dict) and d.get("id") == day.group(2) for d in days or [])
            name = f"modules/{ref}"
        else:
            found = find_items(docs, ref, tuple(COLLECTIONS))
            present = len(found) == 1
            name = "/".join(found[0]) if present else ref
        state = "unchanged" if present else "removed upstream"
        out.append(f"hidden   {name:<48} {state}  ({where})")
    return out


def _patched(local: LocalEdition, docs: dict[tuple[str, str], Document]) -> list[str]:
    out = []
    for ref, patch in local.settings.patch.items():
        where = f"{local.file}:{local.line(('patch', ref, 'base'))}"
        found = find_items(docs, ref, tuple(COLLECTIONS))
        if len(found) != 1:
            out.append(f"patched  {ref:<48} removed upstream  ({where})")
            continue
        doc = docs[found[0]]
        now = digest(doc.data)
        name = "/".join(found[0])
        if now == patch.base:
            out.append(f"patched  {name:<48} unchanged (base {now})  ({where})")
        else:
            message = upstream_message(found[0], doc.path, doc.data, patch)
            out.append(f"patched  {name:<48} {message}  ({where})")
    return out


def _added(
    local: LocalEdition, docs: dict[tuple[str, str], Document], problems: list[Problem]
) -> list[str]:
    out = []
    for folder in COLLECTIONS:
        for path in content_files(local.content_dir, folder, problems, "the edition's folder"):
            name = f"{folder}/{path.stem}"
            clash = (folder, path.stem) in docs and path.stem not in local.settings.hide
            state = "clashes with a new national item of that id" if clash else "added"
            out.append(f"added    {name:<48} {state}  ({rel(path)})")
    return out


def show(book: Handbook, ref: str) -> str | None:
    """One item of the merged handbook as YAML (what the edition's pages and PDFs show)."""
    folder, _, item_id = ref.rpartition("/")
    for name in COLLECTIONS if not folder else (folder,):
        item = getattr(book, name, {}).get(item_id) if name in COLLECTIONS else None
        if item is not None:
            data = item.model_dump(mode="json", exclude_defaults=True)
            header = (
                f"# {name}/{item_id} as edition {book.edition.id if book.edition else '-'} has it\n"
            )
            return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)
    return None
