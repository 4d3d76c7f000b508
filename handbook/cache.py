"""A content-addressed cache for costly outputs (the PDFs).

An entry's key is the sha256 of everything that decides the output's bytes; the build
only adds entries (and replaces one it found damaged). Keys are never based on file times.
What is in the folder is checked before use, as data from outside (see "the store").

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

import contextlib
import errno
import functools
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .paths import ROOT, TEMPLATES

CACHE_VERSION = "2"  # bump when the way entries are written changes
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
#
# The cache folder is data from outside the build: HANDBOOK_CACHE may be a folder others
# write to, and anything may be placed in it. So an entry is only used when
#   - every part of its path below the cache root is a real folder or a regular file (a
#     symbolic link is never followed: it could make a private file the published PDF),
#   - its sidecar is valid JSON of the one schema below, and
#   - the PDF has exactly the size and sha256 the sidecar names (a truncated, replaced or
#     placed PDF does not match).
# Anything else is a miss: the PDF is rendered again, the entry replaced, and the build says
# so in one line. The digest detects damage and careless writers, not a deliberate one (who
# can write a matching sidecar): only trusted people may write to a cache folder (README).

SIDECAR_SCHEMA = 2
MAX_SIDECAR_BYTES = 256 * 1024
MAX_WARNINGS = 200
MAX_WARNING_CHARS = 2000
_KEY = re.compile(r"^[0-9a-f]{64}$")
# Terminal escape sequences (CSI, OSC …) first, then any control character left, and the
# Unicode bidirectional overrides that can make a line read differently than it is.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|.)?")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe to print on a terminal: escape sequences removed, control characters
    (line breaks too: a warning is one line) replaced by a space."""
    return _UNPRINTABLE.sub(" ", _ESCAPE_SEQUENCE.sub("", text))


@dataclass(frozen=True)
class Entry:
    pages: int
    warnings: tuple[str, ...]


class Refused(Exception):
    """A cache entry that exists but cannot be trusted (the message says why)."""


_NOFOLLOW = os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _open_dir(root: Path, parts: tuple[str, ...], create: bool) -> int:
    """A file descriptor of root/parts…, never following a symbolic link below root."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        for part in parts:
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o755, dir_fd=fd)
            try:
                child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise Refused(f"'{part}' is a symbolic link or not a folder") from None
                raise
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_regular(name: str, dir_fd: int) -> tuple[int, os.stat_result]:
    """Open a regular file for reading without following a link (FileNotFoundError if absent)."""
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused(f"{name} is a symbolic link") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise Refused(f"{name} is not a regular file")
    return fd, info


def _exists(name: str, dir_fd: int) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return False
    return True


def _sidecar(data: bytes) -> tuple[str, int, Entry]:
    """(sha256, size, entry) of a sidecar's bytes; Refused unless it has exactly the schema
    {"schema": 2, "sha256": hex, "size": int, "pages": int, "warnings": [str, …]}."""
    try:
        info = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused("the sidecar is not JSON") from None
    keys = {"schema", "sha256", "size", "pages", "warnings"}
    if not isinstance(info, dict) or set(info) != keys or info["schema"] != SIDECAR_SCHEMA:
        raise Refused("the sidecar does not have the expected fields")
    digest, size, pages, warnings = info["sha256"], info["size"], info["pages"], info["warnings"]
    if not (isinstance(digest, str) and _KEY.match(digest)):
        raise Refused("the sidecar's sha256 is not a digest")
    for number in (size, pages):
        if type(number) is not int or number < 0:
            raise Refused("the sidecar's size or page count is not a number")
    if not (
        isinstance(warnings, list)
        and len(warnings) <= MAX_WARNINGS
        and all(isinstance(w, str) and len(w) <= MAX_WARNING_CHARS for w in warnings)
    ):
        raise Refused("the sidecar's warnings are not a short list of texts")
    return digest, size, Entry(pages, tuple(printable(w) for w in warnings))


class Store:
    """Files under <root>/<kind>/<key[:2]>/<key><suffix>, each with a JSON sidecar
    <key>.json holding its sha256, size, page count and the renderer's warnings."""

    def __init__(self, root: Path, kind: str, suffix: str):
        self.root = root
        self.kind = kind
        self.folder = root / kind
        self.suffix = suffix
        self.refused: list[tuple[str, str]] = []  # (key, why) of entries found untrustworthy

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def get(self, key: str, target: Path) -> Entry | None:
        """Copy the entry to `target` and return its metadata, or None on a miss. An entry
        that is there but fails a check is a miss too, noted in `refused`."""
        if not _KEY.match(key):
            raise ValueError(f"not a cache key: {key!r}")
        try:
            return self._get(key, target)
        except Refused as why:
            self.refused.append((key, str(why)))
        except (FileNotFoundError, NotADirectoryError):
            pass  # not cached (yet)
        except OSError as exc:
            self.refused.append((key, exc.strerror or str(exc)))
        return None

    def _get(self, key: str, target: Path) -> Entry | None:
        folder = _open_dir(self.root, (self.kind, key[:2]), create=False)
        try:
            try:
                fd, info = _open_regular(f"{key}.json", folder)
            except FileNotFoundError:
                if _exists(f"{key}{self.suffix}", folder):  # placed there, not by a build
                    raise Refused("the file has no sidecar") from None
                raise
            with os.fdopen(fd, "rb") as f:
                if info.st_size > MAX_SIDECAR_BYTES:
                    raise Refused("the sidecar is too large")
                digest, size, entry = _sidecar(f.read(MAX_SIDECAR_BYTES + 1))
            fd, info = _open_regular(f"{key}{self.suffix}", folder)
            with os.fdopen(fd, "rb") as source:
                if info.st_size != size:
                    raise Refused(f"the file has {info.st_size} bytes, its sidecar says {size}")
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                found = hashlib.sha256()
                try:
                    with tmp.open("wb") as out:
                        for chunk in iter(lambda: source.read(1 << 20), b""):
                            found.update(chunk)
                            out.write(chunk)
                    if found.hexdigest() != digest:
                        raise Refused("its sha256 differs from the one in its sidecar")
                    os.replace(tmp, target)
                finally:
                    tmp.unlink(missing_ok=True)
            # Marks the entry as used (for pruning only, never for the key); a read-only
            # shared cache still serves hits.
            with contextlib.suppress(OSError):
                os.utime(f"{key}.json", dir_fd=folder, follow_symlinks=False)
        finally:
            os.close(folder)
        return entry

    def put(self, key: str, source: Path, entry: Entry) -> None:
        """Add an entry (atomically: a reader sees the whole file or none). Replaces
        whatever is at its place, a link included (a rename never follows one)."""
        if not _KEY.match(key):
            raise ValueError(f"not a cache key: {key!r}")
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        folder = _open_dir(self.root, (self.kind, key[:2]), create=True)
        tmp = f".{key}.{os.getpid()}.tmp"
        tmp_meta = f".{key}.{os.getpid()}.json.tmp"
        try:
            digest = hashlib.sha256()
            size = 0
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW
            with (
                source.open("rb") as f,
                os.fdopen(os.open(tmp, flags, 0o644, dir_fd=folder), "wb") as out,
            ):
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            meta = {
                "schema": SIDECAR_SCHEMA,
                "sha256": digest.hexdigest(),
                "size": size,
                "pages": entry.pages,
                "warnings": list(entry.warnings),
            }
            with os.fdopen(os.open(tmp_meta, flags, 0o644, dir_fd=folder), "wb") as out:
                out.write(json.dumps(meta, ensure_ascii=False).encode("utf-8"))
            # The sidecar first: a reader in between finds no file (a quiet miss) or, when
            # an entry is replaced, the old file failing the new digest (a miss with a note).
            os.replace(tmp_meta, f"{key}.json", src_dir_fd=folder, dst_dir_fd=folder)
            os.replace(tmp, f"{key}{self.suffix}", src_dir_fd=folder, dst_dir_fd=folder)
        finally:
            for name in (tmp, tmp_meta):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(name, dir_fd=folder)
            os.close(folder)

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Remove entries not used for `max_age_days`. Returns how many."""
        if not self.folder.is_dir() or self.folder.is_symlink():
            return 0
        limit = time.time() - max_age_days * 86400
        removed = 0
        for meta in self.folder.glob("*/*.json"):
            try:
                if meta.parent.is_symlink() or meta.lstat().st_mtime >= limit:
                    continue
                meta.with_suffix(self.suffix).unlink(missing_ok=True)  # unlinks a link itself
                meta.unlink()
                removed += 1
            except OSError:
                continue
        return removed


def read_small_text(path: Path, limit: int = 4096) -> str | None:
    """The text of a small regular file in the cache (a site marker), or None: never follows
    a link, never reads a FIFO or a device, never more than `limit` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        return f.read(limit).decode("utf-8", errors="replace")


def pdf_store() -> Store | None:
    root = cache_root()
    return Store(root, "pdf", ".pdf") if root is not None else None


def clean() -> Path | None:
    """Remove the whole cache. Returns the folder removed (None when caching is off)."""
    root = cache_root()
    if root is not None and root.exists():
        shutil.rmtree(root)
    return root
