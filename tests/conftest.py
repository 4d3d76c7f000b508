"""Shared fixtures: the real content, and a small copyable fixture for broken-input tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook.catalog import Handbook, load

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
def site_dir(book: Handbook, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook built once (site and every PDF) for all site, PDF and browser tests."""
    from handbook.build import build

    target = tmp_path_factory.mktemp("build") / "site"
    assert build(book, with_pdfs=True, quiet=True, site_dir=target) == 0
    return target
