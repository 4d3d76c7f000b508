"""Text of a PDF page as a reader sees it, for assertions on PDF content."""

from __future__ import annotations

import re


def clean_text(text: str) -> str:
    """Join words hyphenated at a line end and collapse whitespace."""
    text = re.sub(r"[-\u2010\u00ad]\n(?=\w)", "", text)
    return " ".join(text.split())
