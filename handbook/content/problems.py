"""Turning what is wrong in a content or run file into `file:line: field: message`.

Shared by the content check (catalog.py) and the run check (runs.py), so both report
problems in the same words and with the same field paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import text
from ..errors import Problem
from ..paths import ROOT
from .loader import Document, YamlProblem, parse
from .model import UNION_TAGS, Strict

# What an id (and so a content file name) may be: lowercase ASCII words joined by "-".
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# report(loc, message): a problem at `loc` (a path of keys and indexes) of one document.
Report = Callable[[tuple[Any, ...], str], None]


def rel(path: Path) -> str:
    """The path as shown in a problem: relative to the repository when inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def field_path(loc: tuple[Any, ...]) -> str:
    """('days', 1, 'blocks', 3, 'minutes') → 'days[1].blocks[3].minutes'."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def reporter(doc: Document, problems: list[Problem], prefix: str = "") -> Report:
    """A `Report` that appends to `problems` with the document's file and line."""

    def report(loc: tuple[Any, ...], message: str) -> None:
        problems.append(at(doc, loc, prefix + message))

    return report


def at(doc: Document, loc: tuple[Any, ...], message: str) -> Problem:
    """A problem at `loc` of a document: in the edition file when an edition put it there."""
    path, line = doc.where(loc)
    return Problem(rel(path), line, field_path(loc), message)


def parse_reported(path: Path, problems: list[Problem]) -> Document | None:
    """The parsed file, or None with its YAML problem reported (file:line)."""
    try:
        return parse(path)
    except YamlProblem as exc:
        problems.append(Problem(rel(path), exc.line, "", exc.message))
        return None


def validate(doc: Document, model: type[Strict], problems: list[Problem]) -> Any | None:
    """The document as a `model`, or None with every validation problem reported."""
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(rel(doc.path), 1, "", "expected a mapping of keys at the top level")
        )
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
            problems.append(at(doc, loc, message))
        return None


def check_text(value: Any, loc: tuple[Any, ...], report: Report) -> None:
    """Every text field of a validated item, in the one content text format (text.py)."""
    if isinstance(value, str):
        for message in text.problems(value):
            report(loc, message)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            check_text(getattr(value, name), (*loc, name), report)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_text(item, (*loc, i), report)
