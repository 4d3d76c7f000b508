"""Text of a PDF page as a reader sees it, for assertions on PDF content."""

from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
from pathlib import Path


def clean_text(text: str) -> str:
    """Join words hyphenated at a line end and collapse whitespace.

    WeasyPrint hyphenates with U+2010: that hyphen goes. A line that ends in a hyphen-minus
    broke after a word's own hyphen ("a-kasse"): it stays.
    """
    text = re.sub(r"[\u2010\u00ad]\n(?=\w)", "", text)
    text = re.sub(r"-\n(?=\w)", "-", text)
    return " ".join(text.split())


def page_chars(page) -> int:  # noqa: ANN001 - a pypdf PageObject
    """Characters of text on a page, whitespace left out."""
    return len("".join((page.extract_text() or "").split()))


def pages_chars(pdf: Path) -> list[int]:
    """Characters of text on each page, whitespace left out: page_chars for a whole file
    at once, read with poppler's pdftotext (pages end in a form feed), ten times faster
    than pypdf's text extraction page by page (the same pages come out near-empty)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [len("".join(page.split())) for page in text.split("\f")[:-1]]


def ink_depth(pdf: Path, number: int, top_mm: float = 24, bottom_mm: float = 22) -> float:
    """How far down the text area (between the page margins) anything is printed on page
    `number` (1-based): 0.0 = nothing, 1.0 = down to the bottom margin. Rendered with
    pdftoppm, so ruled write-in lines and boxes count as well as text."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "pdftoppm",
                "-gray",
                "-r",
                "20",
                "-f",
                str(number),
                "-l",
                str(number),
                pdf,
                f"{tmp}/p",
            ],
            check=True,
        )
        data = next(Path(tmp).glob("p*.pgm")).read_bytes()
    _, width, height, _, pixels = data.split(maxsplit=4)
    w, h = int(width), int(height)
    pixels = pixels[-w * h :]
    top, bottom = int(h * top_mm / 297), int(h * (297 - bottom_mm) / 297)
    inked = [y for y in range(top, bottom) if min(pixels[y * w : (y + 1) * w]) < 200]
    return (inked[-1] - top) / (bottom - top) if inked else 0.0


def near_empty_pages(pdf: Path) -> list[int]:
    """Pages (1-based, cover left out) that hold almost nothing: text under 12 % of the
    median page's and print reaching less than a quarter down the page."""
    chars = pages_chars(pdf)
    if len(chars) < 2:
        return []
    median = statistics.median(chars)
    return [
        n
        for n, count in enumerate(chars, start=1)
        if n > 1 and count < 0.12 * median and ink_depth(pdf, n) < 0.25
    ]
