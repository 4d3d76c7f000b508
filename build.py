#!/usr/bin/env python3
"""Metodehåndbogen build tool.

python build.py              check → site → PDFs into site/ (atomic; PDFs on every core,
                             unchanged ones from .cache/handbook; --jobs N, --no-cache)
python build.py check        validate all content (fast)
python build.py site         check → site only (no PDFs)
python build.py serve        live preview for authors
python build.py pack FILE    build one participant pack from content/packs/<id>.yml
python build.py run FILE     build a course run (runs/<id>.yml) into build/runs/<id>/
python build.py schemas      regenerate JSON Schemas in schemas/
python build.py clean-cache  empty the build cache

Also installed as the console script `metodehaandbog` (pip install -e .).
"""

from __future__ import annotations

import sys

from handbook.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
