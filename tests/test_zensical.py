"""Zensical (the successor of Material for MkDocs) builds the generated site in strict mode
from the same files MkDocs reads: mkdocs.yml plus the generated mkdocs.nav.yml.

Skipped when Zensical is not installed (it is not part of the build's requirements)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from handbook.build import NAV_CONFIG
from handbook.content.book import Handbook
from handbook.paths import DOCS, ROOT


def _zensical() -> str | None:
    beside = Path(sys.executable).with_name("zensical")
    return str(beside) if beside.is_file() else shutil.which("zensical")


ZENSICAL = _zensical()


@pytest.mark.skipif(ZENSICAL is None, reason="Zensical is not installed")
def test_zensical_builds_the_site_strictly(
    book: Handbook, site_dir: Path, build_lock: Callable[[], Any]
) -> None:
    # The full build (site_dir) wrote the generated pages into docs/ and the navigation
    # into mkdocs.nav.yml. Zensical wants the output inside the project: a work folder
    # named like the build's own, so a killed run is cleaned up by the next build.
    assert NAV_CONFIG.is_file()
    nav = yaml.safe_load(NAV_CONFIG.read_text(encoding="utf-8"))
    assert nav["INHERIT"] == "mkdocs.yml"
    work = Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-zensical-", dir=ROOT))
    config = work.with_suffix(".yml")
    with build_lock():  # no build may rewrite docs/ while Zensical reads it
        _build(book, work, config)


def _build(book: Handbook, work: Path, config: Path) -> None:
    try:
        config.write_text(
            yaml.safe_dump(
                {
                    "INHERIT": NAV_CONFIG.name,
                    "docs_dir": DOCS.name,
                    "site_dir": f"{work.name}/site",
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        result = subprocess.run(
            [ZENSICAL or "zensical", "build", "--strict", "-f", str(config)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        index = (work / "site" / "index.html").read_text(encoding="utf-8")
        for course in book.courses.values():
            assert f"forloeb/{course.id}/" in index  # the course_link macro made the links
        tool = next(iter(book.tools.values()))
        page = work / "site" / "redskaber" / tool.id / "index.html"
        assert page.is_file()
    finally:
        shutil.rmtree(work, ignore_errors=True)
        config.unlink(missing_ok=True)
