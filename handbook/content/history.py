"""Reading the content's history from git, and comparing two parsed versions of an item.

Shared by the release comparison (versions.py) and local editions' patch bases
(editions.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any


class NoHistory(Exception):
    """Why the content of a release cannot be read here (one line for the author)."""


def git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise NoHistory(f"git is not available ({exc})") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NoHistory(lines[-1] if lines else f"git {args[0]} failed")
    return done.stdout


def file_history(path: Path, limit: int = 200) -> list[str]:
    """The committed texts of one file, newest first (the work tree's own state is not
    one of them); empty without git or history. For a local edition's patch base."""
    try:
        top = Path(git(path.parent, "rev-parse", "--show-toplevel").decode().strip())
        name = path.resolve().relative_to(top.resolve()).as_posix()
        commits = git(top, "log", f"-{limit}", "--format=%H", "--", name).decode().split()
        texts = []
        for commit in commits:
            try:
                texts.append(git(top, "show", f"{commit}:{name}").decode("utf-8", "replace"))
            except NoHistory:  # the file was deleted in that commit
                continue
        return texts
    except (NoHistory, ValueError, OSError):
        return []


def changed_fields(old: Any, new: Any, prefix: str = "") -> list[str]:
    """The fields (as paths such as 'execution.steps[2].text') where two parsed items
    differ, depth first; a list of blocks is compared by position."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in dict.fromkeys([*old, *new]):
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in old or key not in new:
                out.append(path)
            else:
                out.extend(changed_fields(old[key], new[key], path))
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            f
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for f in changed_fields(a, b, f"{prefix}[{i}]")
        ]
    return [] if old == new else [prefix or "(all)"]
