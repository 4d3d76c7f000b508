"""Text utilities shared by the model, the catalog and both renderers."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(text: str) -> str:
    """ASCII slug for ids and anchors ('Fællessamtale' → 'faellessamtale')."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --- the text format of content fields ----------------------------------------------------
#
# Content fields take a small, defined subset of Markdown: paragraphs, bullet and numbered
# lists, *emphasis*, **strong**, line breaks and links to https://, http:// and mailto:.
# Everything else is text. One parser (markdown-it-py, starting from its "zero" preset)
# serves both the check (problems()) and the renderer (to_html()), so what `check` accepts
# is exactly what the site and the PDFs show. Raw HTML, images and other link schemes are
# reported by `check`; should such text reach a renderer anyway it is printed as text.

from markdown_it import MarkdownIt  # noqa: E402
from markdown_it.token import Token  # noqa: E402
from markupsafe import Markup  # noqa: E402

ALLOWED_SCHEMES = ("https://", "http://", "mailto:")

# Characters that mean something to HTML, to Python-Markdown or to one of the MkDocs
# extensions (attr_list {…}, tables |, admonitions !!!, emoji :x:, footnotes [^…], abbr *[…],
# Jinja {{ … }}) are written as numeric character references. Browsers, WeasyPrint and
# Python-Markdown all show them as the character itself, and none of them parses them.
_ENTITY = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]#|!~^:=+$%"}
_ENTITY_TABLE = str.maketrans(_ENTITY)
_LIST_START = re.compile(r"^(\s*\d*)([.)\-])(?=\s)")
# Any control character except tab and line feed (U+000B from Word, NUL, …) and the Unicode
# line and paragraph separators.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def control_message(char: str) -> str:
    what = (
        "a line break pasted from Word (Shift+Enter)"
        if char == "\x0b"
        else "an invisible control character"
    )
    return f"contains U+{ord(char):04X}, {what}: replace it with a space or a new line"


def escape_text(text: str) -> Markup:
    """Plain text that is safe anywhere in a generated Markdown page or HTML document.

    Line breaks become spaces, so a value can never start a new Markdown block.
    """
    text = CONTROL.sub(" ", text).replace("\n", " ")
    # A value that begins like a list item ("1. …", "- …") would start a nested list
    # where a template writes it after "- ": its marker becomes a character reference.
    text = text.translate(_ENTITY_TABLE)
    return Markup(_LIST_START.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text, count=1))


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": True, "linkify": False, "typographer": False})
    md.enable(["list", "emphasis", "link", "newline", "escape", "image", "html_inline"])
    md.enable(["html_block", "autolink", "entity"])
    md.validateLink = lambda url: True  # judged below, so that authors hear about it
    return md


_MD = _parser()


def _allowed(href: str) -> bool:
    return href.strip().lower().startswith(ALLOWED_SCHEMES)


def problems(text: str) -> list[str]:
    """What in `text` is outside the content text format (empty list: all fine)."""
    return list(_problems(text))


@functools.lru_cache(maxsize=1 << 16)
def _problems(text: str) -> tuple[str, ...]:
    """problems(), remembered per text: the live preview reloads the model on every edit,
    and almost every text is the same as last time."""
    found: list[str] = []
    match = CONTROL.search(text)
    if match:
        found.append(control_message(match.group()))
    for token in _MD.parse(text):
        for tok in [token, *(token.children or [])]:
            if tok.type in ("html_block", "html_inline"):
                snippet = " ".join(tok.content.split())[:40]
                found.append(f"raw HTML is not allowed in content text: '{snippet}'")
            elif tok.type == "image":
                found.append(
                    "images are not allowed in content text (the handbook prints no outside images)"
                )
            elif tok.type == "link_open":
                href = str(tok.attrs.get("href", ""))
                if not _allowed(href):
                    found.append(
                        f"link '{href}': only https://, http:// and mailto: links are allowed"
                    )
    return tuple(dict.fromkeys(found))


def _render_inline(tokens: list[Token]) -> str:
    out: list[str] = []
    skip_link = 0
    for tok in tokens:
        kind = tok.type
        if kind in ("text", "html_inline", "entity"):  # raw HTML is shown as text
            out.append(escape_text(tok.content))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br>")
        elif kind in ("em_open", "em_close", "strong_open", "strong_close"):
            tag = "em" if kind.startswith("em") else "strong"
            out.append(f"<{tag}>" if kind.endswith("open") else f"</{tag}>")
        elif kind == "link_open":
            href = str(tok.attrs.get("href", ""))
            if _allowed(href):
                out.append(f'<a href="{escape_text(href.strip())}">')
            else:
                skip_link += 1
        elif kind == "link_close":
            if skip_link:
                skip_link -= 1
            else:
                out.append("</a>")
        else:  # images, and anything new in a parser update: text, never passed through
            out.append(escape_text(tok.content))
    return "".join(out)


_BLOCK_TAGS = {
    "paragraph_open": "<p>",
    "paragraph_close": "</p>",
    "bullet_list_open": "<ul>",
    "bullet_list_close": "</ul>",
    "ordered_list_open": "<ol>",
    "ordered_list_close": "</ol>",
    "list_item_open": "<li>",
    "list_item_close": "</li>",
}


@functools.lru_cache(maxsize=1 << 16)  # pure; most texts repeat across pages and rebuilds
def to_html(text: str | None, inline: bool = False) -> Markup:
    """Content text → HTML on one line (safe in a Markdown page and in print HTML).

    inline=True reads the text as one run of inline text (titles, list items, table
    cells): "1. Fokuser" stays a title and does not become a numbered list.
    """
    if not text:
        return Markup("")
    if inline:
        tokens = _MD.parseInline(text)
        return Markup(_render_inline(tokens[0].children or []) if tokens else "")
    out: list[str] = []
    for tok in _MD.parse(text):
        if tok.type == "inline":
            out.append(_render_inline(tok.children or []))
        elif tok.type in _BLOCK_TAGS:
            if tok.hidden:  # tight lists: no <p> inside <li>
                continue
            tag = _BLOCK_TAGS[tok.type]
            start = tok.attrs.get("start") if tok.type == "ordered_list_open" else None
            out.append(f'<ol start="{int(start)}">' if start and int(start) != 1 else tag)
        elif tok.type == "html_block":
            out.append(f"<p>{escape_text(tok.content.strip())}</p>")
    return Markup("".join(out))


_TAG = re.compile(r"<[^>]*>")


def to_plain(text: str | None) -> str:
    """Content text → the characters a reader sees, without markup (for a calendar file):
    'Velkomst \\& \\*kaffe\\*' → 'Velkomst & *kaffe*', '*vigtigt*' → 'vigtigt'."""
    return html.unescape(_TAG.sub("", str(to_html(text, inline=True))))
