"""JSON Schemas for editors: generated from the pydantic model, committed in schemas/."""

from __future__ import annotations

import json
from pathlib import Path

from .content.editions import Edition, ValueDeclarations
from .content.model import COLLECTIONS, Glossary, Run
from .paths import SCHEMAS
from .render import export

# File name stem in schemas/ for each content folder.
SCHEMA_NAMES = {
    "courses": "course",
    "modules": "module",
    "tools": "tool",
    "guide": "article",
    "cookbook": "chapter",
    "packs": "pack",
}
# Course runs live in runs/ at the top level, not in content/.
RUN_SCHEMA = "run"


def generate() -> dict[str, str]:
    """Return {file name: JSON text} for every content type."""
    out: dict[str, str] = {}
    models = {SCHEMA_NAMES[k]: v for k, v in COLLECTIONS.items()}
    models["glossary"] = Glossary
    models[RUN_SCHEMA] = Run
    models["edition"] = Edition  # editions/<id>/edition.yml
    models["values"] = ValueDeclarations  # content/values.yml
    for name, model in models.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Metodehåndbogen: {name}"
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    out.update(_export_schemas())
    return out


def _export_schemas() -> dict[str, str]:
    """Schemas of what the build publishes for scripts (not content types)."""
    schema = export.schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Metodehåndbogen: planner data (planlaeg/planner-data.json)"
    return {
        f"{export.SCHEMA_NAME}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    }


def write(target: Path = SCHEMAS) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
