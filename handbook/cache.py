"""A content-addressed cache for costly outputs (the PDFs).

An entry's key is the sha256 of everything that decides the output's bytes; an entry is
never updated, only added, so a hit can be copied without checking anything else. Keys
are never based on file times.

For a PDF the key covers: the complete HTML document (content, templates and the code
that renders them all end up in it), every print asset the HTML can load (all files in
templates/pdf/ except the Jinja templates, whose effect is in the HTML already), the font
files fontconfig resolves for the families the print CSS names, the versions of
WeasyPrint, pydyf, fontTools and Pango, and the PDF variant and forms flag.

The cache lives in `.cache/handbook/` at the repository root (git-ignored; Zensical keeps
its own cache next to it in `.cache/`); HANDBOOK_CACHE points it elsewhere, HANDBOOK_CACHE=off
turns it off. `python build.py clean-cache` empties it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .paths import ROOT, TEMPLATES

CACHE_VERSION = "1"  # bump when the way entries are written changes
MAX_AGE_DAYS = 30  # entries not used for this long are removed after a build


def cache_root() -> Path | None:
    """The cache folder, or None when caching is off (HANDBOOK_CACHE=off)."""
    value = os.environ.get("HANDBOOK_CACHE", "")
    if value.lower() in ("off", "0", "no", "false"):
        return None
    return Path(value).resolve() if value else ROOT / ".cache" / "handbook"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- what a PDF depends on besides its HTML ----------------------------------------------

_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)", re.IGNORECASE)
GENERIC_FAMILIES = ("serif", "sans-serif", "monospace")


def css_font_families(css: str) -> list[str]:
    """Every family name in the CSS's font-family declarations, in order, plus the generic
    families (WeasyPrint falls back to them for characters a named font lacks)."""
    names: list[str] = []
    for declaration in _FAMILY.findall(css):
        for name in declaration.split(","):
            name = name.strip().strip("'\"").strip()
            if name and not name.startswith("var(") and name not in names:
                names.append(name)
    return names + [g for g in GENERIC_FAMILIES if g not in names]


def _font_files(families: list[str]) -> list[str]:
    """'family: path size sha256' for the regular, bold and italic file fontconfig picks
    for each family. Without fc-match the line says so (the key then changes when it
    becomes available, which only costs one render)."""
    lines = []
    for family in families:
        for style in ("", ":weight=bold", ":slant=italic", ":weight=bold:slant=italic"):
            try:
                found = subprocess.run(
                    ["fc-match", "--format=%{file}", family + style],
                    capture_output=True,
                    text=True,
                    timeout=10,
                    check=False,
                ).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                found = ""
            path = Path(found) if found else None
            if path is not None and path.is_file():
                lines.append(f"{family}{style}: {path} {path.stat().st_size} {_sha256_file(path)}")
            else:
                lines.append(f"{family}{style}: unresolved")
    return lines


def _versions() -> list[str]:
    import fontTools
    import pydyf
    import weasyprint

    lines = [
        f"weasyprint {weasyprint.__version__}",
        f"pydyf {pydyf.__version__}",
        f"fonttools {fontTools.version}",
    ]
    try:
        from weasyprint.text.ffi import pango

        lines.append(f"pango {pango.pango_version()}")
    except Exception as exc:  # noqa: BLE001 - never fail a build over a version string
        lines.append(f"pango unknown ({type(exc).__name__})")
    return lines


@functools.cache
def pdf_environment(assets: Path = TEMPLATES / "pdf") -> str:
    """A digest of everything besides the HTML that decides a PDF's bytes (computed once
    per process: fonts and versions do not change while a build runs)."""
    digest = hashlib.sha256(f"pdf-cache {CACHE_VERSION}\n".encode())
    css = []
    for path in sorted(p for p in assets.rglob("*") if p.is_file()):
        if path.suffix == ".j2":
            continue  # templates act through the HTML, which is hashed per document
        rel = path.relative_to(assets).as_posix()
        digest.update(f"asset {rel} {_sha256_file(path)}\n".encode())
        if path.suffix == ".css":
            css.append(path.read_text(encoding="utf-8", errors="replace"))
    digest.update(f"base {assets.resolve()}\n".encode())
    for line in [*_font_files(css_font_families("\n".join(css))), *_versions()]:
        digest.update(f"{line}\n".encode())
    return digest.hexdigest()


def pdf_key(document_html: str, forms: bool, variant: str) -> str:
    """The cache key of one PDF."""
    digest = hashlib.sha256(pdf_environment().encode())
    digest.update(f"\nvariant {variant} forms {forms}\n".encode())
    digest.update(document_html.encode("utf-8"))
    return digest.hexdigest()


# --- the store ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    pages: int
    warnings: tuple[str, ...]


class Store:
    """Files under <root>/<kind>/<key[:2]>/<key><suffix>, each with a small JSON sidecar."""

    def __init__(self, root: Path, kind: str, suffix: str):
        self.folder = root / kind
        self.suffix = suffix

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def get(self, key: str, target: Path) -> Entry | None:
        """Copy the entry to `target` and return its metadata, or None on a miss."""
        path = self._path(key)
        meta = path.with_suffix(".json")
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            os.utime(meta)  # marks the entry as used (for pruning only, never for the key)
        except (OSError, ValueError):
            return None
        return Entry(int(info.get("pages", 0)), tuple(info.get("warnings", ())))

    def put(self, key: str, source: Path, entry: Entry) -> None:
        """Add an entry (atomically: a reader sees the whole file or none)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        shutil.copyfile(source, tmp)
        os.replace(tmp, path)
        meta = {"pages": entry.pages, "warnings": list(entry.warnings)}
        tmp_meta = tmp.with_suffix(".json")
        tmp_meta.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp_meta, path.with_suffix(".json"))

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Remove entries not used for `max_age_days`. Returns how many."""
        if not self.folder.is_dir():
            return 0
        limit = time.time() - max_age_days * 86400
        removed = 0
        for meta in self.folder.glob("*/*.json"):
            try:
                if meta.stat().st_mtime < limit:
                    meta.with_suffix(self.suffix).unlink(missing_ok=True)
                    meta.unlink()
                    removed += 1
            except OSError:
                continue
        return removed


def pdf_store() -> Store | None:
    root = cache_root()
    return Store(root, "pdf", ".pdf") if root is not None else None


def clean() -> Path | None:
    """Remove the whole cache. Returns the folder removed (None when caching is off)."""
    root = cache_root()
    if root is not None and root.exists():
        shutil.rmtree(root)
    return root
