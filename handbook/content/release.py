"""The release being built: its version (content/release.yml), the build date, and the line
that traces a printed copy ("Metodehåndbogen · version 2026.4 · 4. december 2026").

The version lives in one place, `content/release.yml` (`version: "2026.4"`, optional
`edition:`); a release is marked in git with the tag `v<version>` on the commit that was
published. The build date is SOURCE_DATE_EPOCH (the last commit), so two builds of one
commit print the same date. What changed between releases: versions.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field

from ..errors import Problem
from ..paths import CONTENT, ROOT
from .model import ReleaseVersion, Strict, Text
from .problems import parse_reported, validate
from .timeplan import MONTHS

RELEASE_FILE = "release.yml"
TAG = re.compile(r"^v(\d{4}\.[1-9]\d*)$")
BRAND = "Metodehåndbogen"
TIMEZONE = ZoneInfo("Europe/Copenhagen")


class Release(Strict):
    """content/release.yml: the version being built (and, once editions exist, its title)."""

    version: ReleaseVersion
    edition: Text | None = Field(
        default=None, description="Edition title, printed before the version when given."
    )


def version_key(version: str) -> tuple[int, int]:
    """'2026.10' → (2026, 10): versions sort by number, not as text."""
    year, number = version.split(".")
    return int(year), int(number)


def date_text(date: dt.date) -> str:
    """'4. december 2026'."""
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def build_date() -> dt.date:
    """The date of the build: SOURCE_DATE_EPOCH (the last commit, set by the build), else
    the same fallback the build uses, in Danish time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not (epoch and epoch.isdigit()):
        epoch = _fallback_epoch()
    return dt.datetime.fromtimestamp(int(epoch), TIMEZONE).date()


def source_date_epoch() -> str:
    """A fixed build time for reproducible output (sitemap dates, PDF metadata): the time
    of the last commit, or else of the newest content file. An existing value is kept."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        if out.isdigit():
            return out
    except (OSError, subprocess.SubprocessError):
        pass
    times = [int(p.stat().st_mtime) for p in CONTENT.rglob("*.y*ml")] or [0]
    return str(max(times))


@functools.cache
def _fallback_epoch() -> str:
    """Asked once per process (it runs git): `build.py run` renders without the build's
    SOURCE_DATE_EPOCH."""
    return source_date_epoch()


def stamp(release: Release | None, date: dt.date | None = None) -> str:
    """The line on every site page and every PDF page that traces a copy:
    'Metodehåndbogen · version 2026.4 · 4. december 2026' (edition first when given)."""
    parts = [BRAND]
    if release is not None:
        if release.edition:
            parts.append(release.edition)
        parts.append(f"version {release.version}")
    parts.append(date_text(date or build_date()))
    return " · ".join(parts)


def site_extra(release: Release | None) -> dict[str, str]:
    """What the site's footer partial reads from MkDocs' `extra` (every page shows it)."""
    return {"release_stamp": stamp(release)}


def load_release(content_dir: Path, problems: list[Problem]) -> Release | None:
    """content/release.yml, validated (problems with file:line), or None when absent."""
    path = content_dir / RELEASE_FILE
    if not path.is_file():
        return None
    doc = parse_reported(path, problems)
    if doc is None:
        return None
    return validate(doc, Release, problems)
