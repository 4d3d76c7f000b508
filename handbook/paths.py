"""Where things live. Everything is relative to the repository root."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
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
OVERRIDES = ROOT / "overrides"  # the theme partials mkdocs.yml names as custom_dir

# Folders under docs/ that the build generates from content (git-ignored).
# r/: the tool cards' short addresses (redirect pages, handbook/render/cards.py).
GENERATED_DOC_DIRS = (
    "forloeb",
    "moduler",
    "redskaber",
    "guide",
    "ledere",
    "planlaeg",
    "pdf",
    "r",
)
GENERATED_DOC_FILES = ("ordliste.md", "downloads.md", "tags.md", "nyt.md")


def site_url() -> str:
    """The handbook's public address (always ending in "/"), read from mkdocs.yml's `site_url`.

    mkdocs.yml is the one place it is set: `!ENV [HANDBOOK_SITE_URL, <default>]`, so the
    environment variable overrides the default there, for MkDocs and for the PDFs alike.
    """
    return _site_url(os.environ.get("HANDBOOK_SITE_URL"))


@functools.lru_cache(maxsize=4)
def _site_url(_env: str | None) -> str:  # cached per value of the environment variable
    from mkdocs.utils.yaml import yaml_load

    with MKDOCS_YML.open(encoding="utf-8") as f:
        url = str(yaml_load(f).get("site_url") or "").strip()
    if not url:
        raise ValueError(f"{MKDOCS_YML.name}: site_url is empty")
    return url if url.endswith("/") else url + "/"


# Local editions (editions/<id>/) are built here, each in its own folder.
BUILD_EDITIONS = ROOT / "build" / "editions"

# The national address as this process was started with (before an edition's build set
# its own): a PDF an edition does not change is the national one, with national addresses.
_NATIONAL_SITE_URL = os.environ.get("HANDBOOK_SITE_URL")


@contextmanager
def site_address(url: str | None) -> Iterator[None]:
    """Within: site_url() is `url` (a local edition's own address), or the national one
    for None. Set in the environment, as mkdocs.yml's `!ENV` and the PDF workers read it."""
    before = os.environ.get("HANDBOOK_SITE_URL")
    wanted = url if url is not None else _NATIONAL_SITE_URL
    if wanted is None:
        os.environ.pop("HANDBOOK_SITE_URL", None)
    else:
        os.environ["HANDBOOK_SITE_URL"] = wanted
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("HANDBOOK_SITE_URL", None)
        else:
            os.environ["HANDBOOK_SITE_URL"] = before


def public_url(path: str = "") -> str:
    """The full address of a site path such as "moduler/samtalen-6-lederforloeb/"."""
    return site_url() + path.lstrip("/")


def site_is_public() -> bool:
    """Whether the site address can be printed: set, and not this machine (127.0.0.1,
    localhost, [::1], 0.0.0.0). On paper a local address leads nowhere."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(site_url()).hostname or "").lower()
    except ValueError:  # empty or unparsable
        return False
    local = host in ("", "localhost", "0.0.0.0", "::1") or host.endswith(".localhost")
    return not (local or host.startswith("127."))


def print_address(path: str) -> str:
    """What a PDF prints for a site path: the full public address, or (for a local build)
    the page path alone, which the templates show with the handbook's name."""
    return public_url(path) if site_is_public() else path.lstrip("/")


LOCAL_ADDRESS_NOTE = (
    "note: the site address is local ({url}), so the PDFs name pages as 'Metodehåndbogen › "
    "redskaber/…/' instead of printing it; set HANDBOOK_SITE_URL=https://… (the published "
    "address) for full, clickable addresses"
)
