"""The published JSON Schemas match the model, and every content file validates against them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from handbook.content.loader import parse
from handbook.schemas import SCHEMA_NAMES, generate

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_current() -> None:
    for name, text in generate().items():
        committed = ROOT / "schemas" / name
        assert committed.exists(), f"schemas/{name} missing: run `python build.py schemas`"
        assert committed.read_text(encoding="utf-8") == text, (
            f"schemas/{name} is out of date: run `python build.py schemas`"
        )


CONTENT_FILES = [
    (folder, path)
    for folder in SCHEMA_NAMES
    for path in sorted((ROOT / "content" / folder).glob("*.yml"))
]


@pytest.mark.parametrize(
    ("folder", "path"), CONTENT_FILES, ids=[f"{f}/{p.name}" for f, p in CONTENT_FILES]
)
def test_content_file_matches_json_schema(folder: str, path: Path) -> None:
    schema = json.loads((ROOT / "schemas" / f"{SCHEMA_NAMES[folder]}.schema.json").read_text())
    jsonschema.validate(parse(path).data, schema)


def test_json_schema_rejects_unknown_key() -> None:
    schema = json.loads((ROOT / "schemas" / "tool.schema.json").read_text())
    data = parse(ROOT / "tests" / "fixtures" / "mini" / "tools" / "model.yml").data
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "definiton": "x"}, schema)


def test_every_content_file_declares_its_schema() -> None:
    for folder, path in CONTENT_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == (
            f"# yaml-language-server: $schema=../../schemas/{SCHEMA_NAMES[folder]}.schema.json"
        ), f"{path.relative_to(ROOT)}: first line should point editors at its schema"
