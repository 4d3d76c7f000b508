"""Shared fixtures: the real content, and a small copyable fixture for broken-input tests.

The suite runs in parallel with pytest-xdist (`-n auto --dist loadfile` in pyproject.toml):
the tests of one file stay on one worker, so a module's own fixtures (e.g. the fixture
PDFs in test_pdf.py) are made once; the full build is made once per run by whichever
worker needs it first (see site_dir).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from handbook.content.book import Handbook
from handbook.content.catalog import load

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="session")
def book() -> Handbook:
    """The real handbook content, loaded once."""
    return load(ROOT / "content")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh, valid copy of the mini fixture that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def build_lock(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Any]:
    """A context manager for tests that build or look at docs/: while it is held no other
    build runs in this checkout, in this process or another pytest-xdist worker (the same
    lock as handbook.build.exclusive, which every build takes). Yields the run's shared
    temporary folder."""
    from handbook.build import exclusive

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # every worker's basetemp lives in the run's folder

    @contextmanager
    def locked() -> Iterator[Path]:
        with exclusive():
            yield shared

    return locked


@pytest.fixture(scope="session")
def site_dir(book: Handbook, build_lock: Callable[[], Any]) -> Path:
    """The real handbook built once per test run (site and every PDF) for all site, PDF and
    browser tests. With pytest-xdist the first worker that needs it builds it (its PDFs
    spread over every core) while the others wait, then all read the same folder."""
    from handbook.build import build

    with build_lock() as shared:
        target = shared / "full-build" / "site"
        done = shared / "full-build" / "done"
        if not done.exists():
            target.parent.mkdir(exist_ok=True)
            assert build(book, with_pdfs=True, quiet=True, site_dir=target) == 0
            done.touch()
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, one per test module (see tests/browserkit.py)."""
    from tests.browserkit import CHROMIUM, chromium

    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    with chromium() as b:
        yield b
