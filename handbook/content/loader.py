"""Read YAML files and remember the line of every key and item.

Validation errors from pydantic name a path such as ('days', 0, 'blocks', 2, 'minutes');
the line map turns that path into the line a trainer sees in the editor.

Every problem with a file (encoding, control characters, syntax, anchors, nesting, size)
becomes a YamlProblem with a line, never a traceback or a hang: content is typed by people,
pasted from Word, and may come from strangers.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..text import CONTROL, control_message

Path_ = tuple[str | int, ...]

# libyaml's parser when PyYAML has it (about ten times faster); same events, nodes, marks.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_000_000  # the largest content file today is ~60 KB
MAX_DEPTH = 40  # the deepest content structure today is 8 levels


@dataclass
class Document:
    """One parsed YAML file: its data and the line (1-based) of each path in it."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    # Where a value came from when it is not this file (a local edition's patch puts its
    # own values into a national item): loc → (file, line). See where().
    origins: dict[Path_, tuple[Path, int]] = field(default_factory=dict)

    def where(self, loc: Path_) -> tuple[Path, int]:
        """File and line of the deepest known prefix of `loc`: the edition file for a
        patched value, else this file."""
        for end in range(len(loc), -1, -1):
            prefix = tuple(loc[:end])
            if prefix in self.origins:
                return self.origins[prefix]
            if prefix in self.lines:
                return self.path, self.lines[prefix]
        return self.path, 1

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
            raise YamlProblem(number, control_message(match.group()))
    return text


def _precheck(text: str, loader_class: Any) -> None:
    """Walk the event stream (flat, no recursion) before building anything: refuse anchors
    and aliases (an alias bomb expands to gigabytes) and nesting deeper than MAX_DEPTH."""
    depth = 0
    for event in yaml.parse(text, Loader=loader_class):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(line, "anchors and aliases (&name, *name) are not allowed")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(line, f"nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _open_quote(text: str, before_line: int) -> int | None:
    """Line where a quoted text starts that runs over several lines before the error:
    the usual sign of a missing closing quote (YAML then reads on to the next quote)."""
    start = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line >= before_line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            ):
                start = token.start_mark.line + 1
    except yaml.YAMLError:
        pass
    return start


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    context = str(exc.context or "")
    # An unclosed quote or bracket is found only further down, often at the end of the
    # file: point at where it was opened, which is where the author has to look.
    if exc.context_mark and ("flow" in context or "quoted" in context):
        mark = exc.context_mark
    line = mark.line + 1 if mark else 1
    where = f" ({context} on line {exc.context_mark.line + 1})" if exc.context_mark else ""
    message = f"YAML syntax: {exc.problem or exc}{where}"
    opened = _open_quote(text, line - 1)
    if opened is not None and opened < line:
        return YamlProblem(
            opened, f"a quoted text starts here and is not closed on its line ({message})"
        )
    return YamlProblem(line, message)


def _compose(path: Path, text: str, loader_class: Any) -> Document:
    _precheck(text, loader_class)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        doc = Document(path=path, data=None)
        doc.data = _build(loader, node, (), doc.lines) if node is not None else None
        return doc
    finally:
        loader.dispose()


# Texts parsed before in this process, with their (data, lines) pickled: a process that
# loads the content again (the live preview after every edit, the tests with their copies
# of a fixture) parses only texts it has not seen. The data depend on the text alone, and
# unpickling gives fresh objects, so no caller shares another's data.
_parsed: dict[str, bytes] = {}
_PARSED_MAX = 4000  # texts kept; past that the memory starts afresh


def parse(path: Path) -> Document:
    """Parse one YAML file. Raises YamlProblem with a line for every kind of problem."""
    text = read_text(path)
    known = _parsed.get(text)
    if known is not None:
        data, lines = pickle.loads(known)
        return Document(path=path, data=data, lines=lines)
    doc = parse_text(path, text)
    if len(_parsed) >= _PARSED_MAX:
        _parsed.clear()
    _parsed[text] = pickle.dumps((doc.data, doc.lines), pickle.HIGHEST_PROTOCOL)
    return doc


def parse_text(path: Path, text: str) -> Document:
    """Parse YAML text that was (or is) the file `path`, e.g. an older version from git."""
    try:
        try:
            return _compose(path, text, SafeLoader)
        except yaml.YAMLError:
            if SafeLoader is yaml.SafeLoader:
                raise
            # libyaml says less about what it found: let PyYAML's parser word the message.
            return _compose(path, text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:  # reader errors carry no mark
        raise YamlProblem(1, f"YAML: {exc}") from None
    except (ValueError, OverflowError) as exc:  # e.g. a date such as 2027-02-30
        raise YamlProblem(1, f"YAML value: {exc}") from None


# Plain YAML only: a tag such as !!python/object or !!binary is refused with its line.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


def _build(loader: Any, node: yaml.Node, loc: Path_, lines: dict[Path_, int]) -> Any:
    lines[loc] = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem(node.start_mark.line + 1, f"the YAML tag '{tag}' is not allowed")
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


def _scalar(loader: Any, node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlProblem(node.start_mark.line + 1, "a key must be text, not a list or mapping")
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem(node.start_mark.line + 1, f"the YAML tag '{tag}' is not allowed")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # e.g. a date such as 2027-02-30
        if node.tag == "tag:yaml.org,2002:timestamp":
            # Kept as the text it is: the model then says what is wrong with it at its
            # field and line, and the rest of the file is still checked.
            return node.value
        raise YamlProblem(
            node.start_mark.line + 1, f"invalid value '{node.value}': {exc}"
        ) from None
