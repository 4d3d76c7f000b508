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
