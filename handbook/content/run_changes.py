"""What changed for a course run: since it was last built, and since a given version.

`build/runs/<id>/manifest.json` records what a run was built from: the version, and a
digest per day, per block and per tool card of the resolved run. The next build compares
its own digests with it, and the run sheet lists the days, blocks and tool cards that
changed, so a trainer who taught the run before sees what is new. An unchanged run keeps
the list of its previous build (same input, same run sheet, a cache hit).

`build.py run --since 2026.3 runs/x.yml` compares the run's days and cards with the
content of release 2026.3 read from git (versions.py) and lists the change notes
written since.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from ..text import slugify
from .book import Handbook
from .history import NoHistory, changed_fields
from .plan import RunDayView
from .release import build_date, date_text, version_key
from .runs import run_plan
from .versions import Item, release_snapshot, repository, snapshot

MANIFEST = "manifest.json"
SCHEMA = 1

# Manifests of the runs being built now, by run id, for the run sheet (pdf._runsheet) to
# read while write_run renders it: the sheet's HTML, and so its cache key, then holds
# the changes.
_pending: dict[str, dict[str, Any]] = {}


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _dump(model: Any) -> Any:
    # Change notes are about the text, not the text itself: a note alone changes nothing.
    return model.model_dump(mode="json", exclude={"changes"})


def _day_key(view: RunDayView) -> str:
    if view.module is not None:
        return f"{view.module.id}/{view.day.id}"
    return f"egen/{slugify(view.day.title)}"


def built_from(book: Handbook, run_id: str) -> dict[str, Any]:
    """The digests of everything the run's outputs are made of."""
    plan = run_plan(book, book.runs[run_id])
    views = list(plan.days)
    days: dict[str, Any] = {}
    for view in views:
        key, n = _day_key(view), 1
        while key in days:  # the same day twice in one run
            n += 1
            key = f"{_day_key(view)}-{n}"
        days[key] = {
            "title": view.day.title,
            "number": view.number,
            "digest": _digest(_dump(view.day)),
            "blocks": {
                block.id or "": {"title": block.title, "digest": _digest(_dump(block))}
                for block in view.day.blocks
            },
        }
    tools = {
        tool.id: {"title": tool.title, "digest": _digest(_dump(tool))}
        for tool in book.with_parts(plan.tool_ids())
    }
    return {"days": days, "tools": tools}


def _notes_since(item: Any, version: str | None) -> list[str]:
    notes = getattr(item, "changes", None) or []
    if version is None:
        return []
    return [
        f"{note.note} ({date_text(note.date)}, version {note.version})"
        for note in notes
        if version_key(note.version) > version_key(version)
    ]


def compare(book: Handbook, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Danish lines for the run sheet: days, blocks and tool cards that changed."""
    lines: list[str] = []
    since = old.get("version")
    for key, day in new["days"].items():
        before = old.get("days", {}).get(key)
        where = f"Kursusdag {day['number']} «{day['title']}»"
        if before is None:
            lines.append(f"{where} er ny i forløbet.")
            continue
        if before.get("digest") == day["digest"]:
            continue
        parts = []
        for bkey, block in day["blocks"].items():
            was = before.get("blocks", {}).get(bkey)
            if was is None:
                parts.append(f"blokken «{block['title']}» er ny")
            elif was.get("digest") != block["digest"]:
                parts.append(f"blokken «{block['title']}» er ændret")
        for bkey, was in before.get("blocks", {}).items():
            if bkey not in day["blocks"]:
                parts.append(f"blokken «{was.get('title', bkey)}» er taget ud")
        line = f"{where}: " + "; ".join(parts) if parts else f"{where}: dagens tekst er ændret"
        module_id, _, day_id = key.partition("/")
        module = book.modules.get(module_id)
        base = next((d for d in module.days if d.id == day_id), None) if module else None
        notes = _notes_since(base, since)
        lines.append(line + "." + (" " + " ".join(notes) if notes else ""))
    for key, was in old.get("days", {}).items():
        if key not in new["days"]:
            lines.append(f"Dagen «{was.get('title', key)}» er ikke længere med i forløbet.")
    for tid, tool in new["tools"].items():
        before = old.get("tools", {}).get(tid)
        if before is None:
            lines.append(f"Redskabskortet «{tool['title']}» er kommet med.")
        elif before.get("digest") != tool["digest"]:
            notes = _notes_since(book.tools.get(tid), since)
            lines.append(
                f"Redskabskortet «{tool['title']}» er ændret."
                + (" " + " ".join(notes) if notes else "")
            )
    for tid, was in old.get("tools", {}).items():
        if tid not in new["tools"]:
            lines.append(f"Redskabskortet «{was.get('title', tid)}» er ikke længere med.")
    return lines


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of the last build in `folder`, or None (none yet, or unreadable: a
    broken manifest only means the run sheet cannot say what changed)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("schema") == SCHEMA else None


def next_manifest(book: Handbook, run_id: str, old: dict[str, Any] | None) -> dict[str, Any]:
    """The manifest of this build, with what changed since the last one (`old`)."""
    now = built_from(book, run_id)
    manifest: dict[str, Any] = {
        "schema": SCHEMA,
        "run": run_id,
        "version": book.release.version if book.release else None,
        "built": build_date().isoformat(),
        **now,
        "since": None,
        "changes": [],
    }
    if old is None:
        return manifest
    unchanged = _digest([old.get("days"), old.get("tools")]) == _digest([now["days"], now["tools"]])
    if unchanged:  # the same input again: the same run sheet
        manifest["since"], manifest["changes"] = old.get("since"), old.get("changes", [])
        manifest["version"], manifest["built"] = old.get("version"), old.get("built")
    else:
        manifest["since"] = {"version": old.get("version"), "built": old.get("built")}
        manifest["changes"] = compare(book, old, now)
    return manifest


def begin(run_id: str, manifest: dict[str, Any]) -> None:
    _pending[run_id] = manifest


def end(run_id: str) -> None:
    _pending.pop(run_id, None)


def for_runsheet(run_id: str) -> dict[str, Any] | None:
    """What the run sheet says about changes: {'since': text, 'changes': [lines]} or None
    (the first build, or a run sheet made outside `build.py run`)."""
    manifest = _pending.get(run_id)
    if not manifest or not manifest.get("since"):
        return None
    since = manifest["since"]
    parts = []
    if since.get("version"):
        parts.append(f"version {since['version']}")
    if since.get("built"):
        import datetime as dt

        with contextlib.suppress(TypeError, ValueError):  # a hand-edited manifest
            parts.append(date_text(dt.date.fromisoformat(since["built"])))
    return {"since": ", ".join(parts), "changes": list(manifest.get("changes", []))}


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )


# --- `build.py run --since <version>` ----------------------------------------------------


def _block_keys(blocks: Any) -> dict[str, Any]:
    """Raw YAML blocks by their stable key (Block.id, else the slug of the title)."""
    keyed: dict[str, Any] = {}
    for raw in blocks if isinstance(blocks, list) else []:
        if not isinstance(raw, dict):
            continue
        base = raw.get("id") or slugify(str(raw.get("title", "")))
        key, n = base, 1
        while key in keyed:
            n += 1
            key = f"{base}-{n}"
        keyed[key] = raw
    return keyed


def _day_lines(old: Item | None, new: Item | None, title: str) -> list[str]:
    if new is None:
        return []
    if old is None:
        return [f"{title}: ny siden versionen."]
    fields = changed_fields(old.data, new.data)
    if not fields:
        return []
    before, after = _block_keys(old.data.get("blocks")), _block_keys(new.data.get("blocks"))
    parts = []
    for key, block in after.items():
        name = block.get("title", key)
        if key not in before:
            parts.append(f"blokken «{name}» er ny")
        elif changed_fields(before[key], block):
            parts.append(f"blokken «{name}» er ændret")
    parts += [
        f"blokken «{b.get('title', k)}» er taget ud" for k, b in before.items() if k not in after
    ]
    other = sorted({f.split("[")[0].split(".")[0] for f in fields} - {"blocks"})
    if other:
        parts.append("ændret: " + ", ".join(other))
    return [f"{title}: " + "; ".join(parts) + "."]


def since_report(book: Handbook, run_id: str, version: str, content_dir: Path) -> tuple[int, str]:
    """The changes of a run's days, blocks and tool cards since release `version`, as text.

    Compared with that release's content from git; without it (no git, no such tag, a
    shallow clone) one line says so and the change notes written since are listed."""
    run = book.runs[run_id]
    plan = run_plan(book, run)
    views = list(plan.days)
    tools = book.with_parts(plan.tool_ids())
    out = [f"Ændringer i «{run.title}» siden version {version}:"]
    old: dict[str, Item] | None = None
    try:
        repo = repository(content_dir)
        tag = next((t for t in repo.tags if t.version == version), None)
        if tag is None and not repo.tags:
            raise NoHistory("git has no release tags v<version> yet")
        if tag is None:
            known = ", ".join(t.version for t in repo.tags) or "ingen"
            return 1, f"Ingen udgivelse {version} (git-mærket v{version}); kendte: {known}"
        old = release_snapshot(repo, tag)
    except NoHistory as exc:
        out.append(f"(Indholdet er ikke sammenlignet med version {version}: {exc}.)")
    current = snapshot(content_dir) if old is not None else {}
    found = 0
    for view in views:
        title = f"Kursusdag {view.number} «{view.day.title}»"
        lines: list[str] = []
        if view.module is not None and old is not None:
            key = f"modules/{view.module.id}/{view.day.id}"
            lines = _day_lines(old.get(key), current.get(key), title)
        base = None
        if view.module is not None:
            base = next((d for d in view.module.days if d.id == view.day.id), None)
        notes = _notes_since(base, version)
        if notes and not lines:
            lines = [f"{title}:"]
        for line in lines:
            out.append("- " + line)
        out += [f"    {n}" for n in notes]
        found += bool(lines)
    for tool in tools:
        lines = []
        if old is not None:
            key = f"tools/{tool.id}"
            if key not in old:
                lines = [f"Redskabskortet «{tool.title}»: nyt siden versionen."]
            elif fields := changed_fields(old[key].data, current[key].data):
                shown = ", ".join(sorted({f.split("[")[0].split(".")[0] for f in fields}))
                lines = [f"Redskabskortet «{tool.title}»: ændret: {shown}."]
        notes = _notes_since(tool, version)
        if notes and not lines:
            lines = [f"Redskabskortet «{tool.title}»:"]
        out += ["- " + line for line in lines] + [f"    {n}" for n in notes]
        found += bool(lines)
    if not found:
        out.append(
            "Ingen ændringer i forløbets dage, blokke og redskabskort."
            if old is not None
            else f"Ingen ændringsnoter siden version {version}."
        )
    return 0, "\n".join(out)
