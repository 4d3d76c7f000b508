"""Where things live. Everything is relative to the repository root."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# HANDBOOK_CONTENT points the whole build at another content folder (tests use fixtures).
CONTENT = Path(os.environ.get("HANDBOOK_CONTENT", ROOT / "content")).resolve()
TEMPLATES = ROOT / "templates"
DOCS = ROOT / "docs"
SCHEMAS = ROOT / "schemas"
SITE = ROOT / "site"
# Course runs (runs/<id>.yml) are built here, never into the published site/.
BUILD_RUNS = ROOT / "build" / "runs"
MKDOCS_YML = ROOT / "mkdocs.yml"

# Folders under docs/ that the build generates from content (git-ignored).
GENERATED_DOC_DIRS = ("forloeb", "moduler", "redskaber", "guide", "ledere", "pdf")
GENERATED_DOC_FILES = ("ordliste.md", "downloads.md", "tags.md")
