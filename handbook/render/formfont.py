"""The font of the worksheet PDFs' form fields: DejaVu Sans cut down to Latin script.

WeasyPrint subsets every font it embeds except the font of a form field, which it embeds
whole because a reader may type any character into the field. In DejaVu Sans that is 300+
KiB per worksheet. So the fields get their own font: DejaVu Sans reduced to the characters
people type into a Danish form (Latin letters with accents, digits, punctuation, € and the
like), about a tenth of the size. The worksheet documents name it in an @font-face rule;
the print renderer's asset fetcher serves it from memory, so no file is written.
"""

from __future__ import annotations

import functools
import io
import logging
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

FAMILY = "MH Formular"
BASE_FAMILY = "DejaVu Sans"

# What a reader may type into a field: ASCII, Latin-1, Latin Extended-A, general punctuation
# (dashes, quotes, bullet, ellipsis), €, ™, arrows and the minus sign.
CHARACTERS: tuple[range, ...] = (
    range(0x20, 0x7F),
    range(0xA0, 0x180),
    range(0x2010, 0x2028),
    range(0x2030, 0x203B),
    range(0x20AC, 0x20AD),
    range(0x2122, 0x2123),
    range(0x2190, 0x2194),
    range(0x2212, 0x2213),
)

_FALLBACK_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


def _font_file() -> Path | None:
    """The installed DejaVu Sans (regular), found through fontconfig or a usual path."""
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{BASE_FAMILY}:style=Book"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and Path(found).name.startswith("DejaVuSans") and Path(found).is_file():
            return Path(found)
    return next((Path(p) for p in _FALLBACK_PATHS if Path(p).is_file()), None)


def subset_font(source: Path) -> bytes:
    """The font at source, reduced to CHARACTERS, without hinting, as TrueType bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a PDF needs
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for r in CHARACTERS for c in r])
    font = TTFont(source)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


# The address the @font-face rule names, relative to templates/pdf/; no such file exists:
# pdf.asset_fetcher serves font_bytes() under this name.
FILENAME = "mh-formular.ttf"


@functools.cache
def font_bytes() -> bytes | None:
    """The subset font, or None when DejaVu Sans is not installed."""
    source = _font_file()
    if source is None:
        log.warning("%s not found: worksheet form fields embed their whole font", BASE_FAMILY)
        return None
    return subset_font(source)


def font_face_css() -> str:
    """An @font-face rule for FAMILY, or '' (fields then use the default font) when DejaVu
    Sans is not installed."""
    if font_bytes() is None:
        return ""
    return f'@font-face {{ font-family: "{FAMILY}"; src: url({FILENAME}) format("truetype"); }}'
