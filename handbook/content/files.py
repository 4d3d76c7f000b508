"""Which files are content: the YAML files of a folder, after checking names and links.

Shared by the content (catalog.py) and the course runs (runs.py), so both refuse the same
names, links and special files with the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import Problem
from .loader import Document
from .problems import ID_PATTERN, parse_reported, rel


def content_files(
    content_dir: Path, folder: str, problems: list[Problem], where: str = "the content folder"
) -> list[Path]:
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
            problems.append(Problem(rel(path), 1, "", f"symbolic link points outside {where}"))
            continue
        if not real.is_file():  # never opened: a FIFO would block the build
            what = (
                "is a folder"
                if real.is_dir()
                else "is not a regular file (a FIFO, socket or device)"
            )
            problems.append(Problem(rel(path), 1, "", f"{what}, not a YAML file"))
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


def parse_collections(
    content_dir: Path,
    folders: Iterable[str],
    problems: list[Problem],
    where: str = "the content folder",
) -> tuple[dict[tuple[str, str], Document], set[str]]:
    """Every content file of `folders` parsed: (folder, id) → Document, and the ids of the
    files that did not parse (reported; a reference to one is not a second problem)."""
    docs: dict[tuple[str, str], Document] = {}
    broken: set[str] = set()
    for folder in folders:
        for path in content_files(content_dir, folder, problems, where):
            doc = parse_reported(path, problems)
            if doc is None:
                broken.add(path.stem)
            else:
                docs[(folder, path.stem)] = doc
    return docs, broken
