"""Tool cards on their own: one A4 PDF per card, and the A6 card deck with QR codes.

The deck ("Redskabskort – kortsæt") puts every tool card on an A6 card: the front says what
the tool is and what it brings, the back how to do it, with a QR code to the card's short
address (`r/<id>/`, a redirect page the site writes, see short_pages). Three print forms:

- office: A4, four cards a page, cut along the dashed centre lines; the backs follow on the
  next page with the columns mirrored, for long-edge duplex;
- fold: A4, two cards a page, front and back side by side, cut across and fold down the middle;
- print shop: one face per A6 page with 3 mm bleed and crop marks.

Every face has the same text area (FACE_W × FACE_H mm) in all three forms, and a face never
clips or overflows: `check` estimates each field's lines (fit_problems, limits calibrated
against the rendered faces) and tests/test_cards.py renders every face on a page of its text
area and fails on a face that needs a second page. A card whose text is too long gets short
forms under `card:` in its YAML.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape as esc
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..content.book import Handbook
from ..content.cards import (
    QR_MM,
    Faces,
    deck_faces,
    edition,
    printed_address,
    printed_short_address,
    short_path,
    short_url,
)
from ..content.outputs import PdfOutput
from ..content.pages import tool_page
from ..paths import public_url

if TYPE_CHECKING:
    import jinja2

# --- the QR code ---------------------------------------------------------------------


def qr_svg(data: str, size_mm: float) -> Markup:
    """A QR code as inline vector SVG (one path of the dark modules, 2-module quiet zone).

    Made here from segno's matrix, so the renderer fetches nothing: no image file and no
    data: URL (the print asset fetcher refuses both)."""
    import segno

    code = segno.make(data, error="m", micro=False)
    border = 2
    matrix = code.matrix
    n = len(matrix) + 2 * border
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start + border} {y + border}h{x - start}v1h{start - x}z")
            else:
                x += 1
    label = escape(f"QR-kode til {data}")
    return Markup(
        f'<svg class="qr" role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {n} {n}" width="{size_mm}mm" height="{size_mm}mm" '
        f'shape-rendering="crispEdges"><title>{label}</title>'
        f'<rect width="{n}" height="{n}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )


# --- the deck's HTML -----------------------------------------------------------------


def _sheets(items: list[Faces], per_page: int) -> list[list[Faces]]:
    return [items[i : i + per_page] for i in range(0, len(items), per_page)]


def mirrored(page: list[Faces | None]) -> list[Faces | None]:
    """The backs of an office page for long-edge duplex: the columns swap (a page turned
    over its long edge puts the left card's back on the right)."""
    page = page + [None] * (4 - len(page))
    return [page[1], page[0], page[3], page[2]]


def render_deck(
    book: Handbook, output: PdfOutput, env: jinja2.Environment, local: str | None = None
) -> str:
    """The A6 deck; `local`: the local edition's organisation, printed on every card."""
    items = deck_faces(book)
    return env.get_template("deck.html.j2").render(
        output=output,
        form=output.deck_form,
        faces=items,
        office_pages=[(page, mirrored(list(page))) for page in _sheets(items, 4)],
        fold_pages=_sheets(items, 2),
        **deck_globals(local),
    )


def deck_globals(local: str | None = None) -> dict[str, Any]:
    return {
        "qr": lambda tool_id: qr_svg(short_url(tool_id), QR_MM),
        "short_address": printed_short_address,
        "edition": edition(),
        "local_edition": local,
        "total": None,
    }


def render_fit_test(book: Handbook, env: jinja2.Environment, items: list[Faces]) -> str:
    """Every face's body on a page of exactly its room: a face that does not fit needs a
    second page (tests/test_cards.py)."""
    return env.get_template("deck-fit.html.j2").render(
        output=PdfOutput(kind="deck", filename="fit.pdf", title="Kortsæt: prøve", description=""),
        faces=items,
        **deck_globals(),
    )


RENDERERS: dict[str, Callable[[Handbook, PdfOutput, Any, str | None], str]] = {"deck": render_deck}


# --- short addresses on the site ----------------------------------------------------------

_REDIRECT = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{canonical}">
</head>
<body>
<p>Du sendes videre til redskabskortet «{title}». Sker det ikke, så følg linket:
<a href="{target}">{target_text}</a></p>
<p><a href="{statement}">Tilgængelighedserklæring</a></p>
</body>
</html>
"""


def short_pages(book: Handbook, offline: bool = False) -> dict[str, str]:
    """docs/r/<id>/index.html for every tool: a static redirect to the card's current page
    (meta refresh, canonical link and a visible link: works on any static host). The
    target is relative, so the site works from any base address; the offline bundle's
    pages are files (use_directory_urls off), so there the target names the .html file."""
    pages: dict[str, str] = {}
    for tool in book.tools.values():
        page = tool_page(tool.id or "").removesuffix(".md")
        target = f"../../{page}.html" if offline else f"../../{page}/"
        statement = "../../tilgaengelighed.html" if offline else "../../tilgaengelighed/"
        pages[f"{short_path(tool.id or '')}index.html"] = _REDIRECT.format(
            title=esc(tool.title),
            target=esc(target),
            target_text=esc(printed_address(public_url(page + "/"))),
            canonical=esc(public_url(page + "/")),
            statement=statement,
        )
    return pages
