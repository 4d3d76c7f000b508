"""Shared fixtures: the real content, and a small copyable fixture for broken-input tests.

The suite runs in parallel with pytest-xdist (`-n auto --dist loadgroup` in pyproject.toml):
every test that needs the full build is put in one group, so the build runs once, on one
worker (its PDFs spread over every core), while the other workers run the rest; the tests
of one module stay together, so a module's own fixtures (e.g. the fixture PDFs in
test_pdf.py) are also made once.
"""

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue  # the test chose its group (e.g. "full-build" for tests that build)
        if "site_dir" in getattr(item, "fixturenames", ()):
            group = "full-build"
        else:
            group = item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(group))
