"""The offline bundle: the whole handbook with every PDF as one zip that works from disk.

A trainer in a room without network unpacks the zip (from a USB stick, say) and opens
`metodehaandbogen/index.html`. It is a second MkDocs build of the same docs/ with Material's
standard `offline` plugin: links point at files (use_directory_urls off), the search index
is written as a script, and the iframe-worker shim (vendored from npm, see
scripts/vendor-js.sh) lets the search worker run from file://. The plugin would otherwise
load that shim from a CDN, which a room without network cannot reach.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from .content.outputs import OFFLINE_BUNDLE
from .paths import MKDOCS_YML

FOLDER = "metodehaandbogen"  # the one top-level folder in the zip
SHIM = "javascripts/vendor/iframe-worker/shim.js"  # under docs/
# Stored as they are: already compressed. PDFs are deflated: this handbook's PDFs still
# shrink by about an eighth (measured: 0.86 of their size), and the bundle holds every PDF
# of the site once more.
_STORED = {".png", ".jpg", ".gz", ".zip", ".woff", ".woff2"}
_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed time stamps: the same site gives the same zip

__all__ = ["FOLDER", "OFFLINE_BUNDLE", "config_overrides", "write_zip"]


def config_overrides() -> dict[str, Any]:
    """mkdocs.yml settings for the offline build, on top of the file's own."""
    from mkdocs.utils.yaml import yaml_load

    with MKDOCS_YML.open("rb") as f:
        raw = yaml_load(f) or {}
    plugins = list(raw.get("plugins") or [])
    plugins.append("offline")
    extra = dict(raw.get("extra") or {})
    extra["polyfills"] = [*(extra.get("polyfills") or []), SHIM]
    return {"use_directory_urls": False, "plugins": plugins, "extra": extra}


def write_zip(site: Path, target: Path) -> Path:
    """Zip the built offline `site` as FOLDER/... into `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", _EPOCH)
            info.external_attr = 0o644 << 16
            stored = path.suffix.lower() in _STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return target
