"""Where things live. Everything is relative to the repository root."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
DOCS = ROOT / "docs"
SCHEMAS = ROOT / "schemas"
SITE = ROOT / "site"
MKDOCS_YML = ROOT / "mkdocs.yml"

# Folders under docs/ that the build generates from content (git-ignored).
GENERATED_DOC_DIRS = ("forloeb", "moduler", "redskaber", "guide", "ledere")
GENERATED_DOC_FILES = ("ordliste.md", "downloads.md")
