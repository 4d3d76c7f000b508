"""Read YAML files and remember the line of every key and item.

Validation errors from pydantic name a path such as ('days', 0, 'blocks', 2, 'minutes');
the line map turns that path into the line a trainer sees in the editor.

Every problem with a file (encoding, control characters, syntax, anchors, nesting, size)
becomes a YamlProblem with a line, never a traceback or a hang: content is typed by people,
pasted from Word, and may come from strangers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .text import CONTROL

Path_ = tuple[str | int, ...]

MAX_BYTES = 1_000_000  # the largest content file today is ~60 KB
MAX_DEPTH = 40  # the deepest content structure today is 8 levels


@dataclass
class Document:
    """One parsed YAML file: its data and the line (1-based) of each path in it."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, loc: Path_) -> int:
        """Line of the deepest known prefix of `loc` (a missing key points at its parent)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


def read_text(path: Path) -> str:
    """The file as text, or a YamlProblem naming the line of the first bad byte."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise YamlProblem(1, f"file is larger than {MAX_BYTES // 1000} KB")
        raw = path.read_bytes()
    except IsADirectoryError:
        raise YamlProblem(1, "is a folder, not a YAML file") from None
    except OSError as exc:
        raise YamlProblem(1, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(line, "file is not UTF-8 text (save it as UTF-8)") from None
    text = text.removeprefix("\ufeff")
    # PyYAML rejects these with a message that names no line; say where and what to do.
    for number, line_text in enumerate(text.split("\n"), 1):
        match = CONTROL.search(line_text.rstrip("\r"))
        if match:
            raise YamlProblem(
                number,
                f"contains the control character U+{ord(match.group()):04X} "
                "(often a line break pasted from Word): replace it with a space or a new line",
            )
    return text


# libyaml (C) parses about ten times faster than PyYAML's pure-Python parser; a file it
# rejects is parsed again by the pure-Python one, whose messages the problems quote.
FastLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _precheck(text: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> None:
    """Walk the event stream (flat, no recursion) before building anything: refuse anchors
    and aliases (an alias bomb expands to gigabytes) and nesting deeper than MAX_DEPTH."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(line, "anchors and aliases (&name, *name) are not allowed")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(line, f"nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    # An unclosed quote or bracket is found only at the end of the file: point at where
    # it was opened, which is where the author has to look.
    if exc.context_mark and "end of stream" in str(exc.problem or ""):
        mark = exc.context_mark
    line = mark.line + 1 if mark else 1
    context = f" ({exc.context} on line {exc.context_mark.line + 1})" if exc.context_mark else ""
    return YamlProblem(line, f"YAML syntax: {exc.problem or exc}{context}")


def parse(path: Path) -> Document:
    """Parse one YAML file. Raises YamlProblem with a line for every kind of problem."""
    text = read_text(path)
    if FastLoader is not yaml.SafeLoader:
        try:
            return _parse(path, text, FastLoader)
        except (yaml.YAMLError, YamlProblem, ValueError, OverflowError):
            pass  # the pure-Python parser below finds and words the problem
    return _parse(path, text, yaml.SafeLoader)


def _parse(path: Path, text: str, loader_class: type[yaml.SafeLoader]) -> Document:
    try:
        _precheck(text, loader_class)
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            doc = Document(path=path, data=None)
            doc.data = _build(loader, node, (), doc.lines) if node is not None else None
            return doc
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc) from None
    except yaml.YAMLError as exc:  # reader errors carry no mark
        raise YamlProblem(1, f"YAML: {exc}") from None
    except (ValueError, OverflowError) as exc:  # e.g. a date such as 2027-02-30
        raise YamlProblem(1, f"YAML value: {exc}") from None


def _build(loader: yaml.SafeLoader, node: yaml.Node, loc: Path_, lines: dict[Path_, int]) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node)
            if not isinstance(key, str):
                raise YamlProblem(key_node.start_mark.line + 1, f"key {key!r} must be text")
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, f"duplicate key '{key}'")
            result[key] = _build(loader, value_node, (*loc, key), lines)
            # The key's own line is what an author looks for, even for block values.
            lines[(*loc, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, i), lines) for i, item in enumerate(node.value)]
    return _scalar(loader, node)


def _scalar(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlProblem(node.start_mark.line + 1, "a key must be text, not a list or mapping")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # e.g. a date such as 2027-02-30
        raise YamlProblem(
            node.start_mark.line + 1, f"invalid value '{node.value}': {exc}"
        ) from None
