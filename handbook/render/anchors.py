"""One id scheme for the links, contents and bookmarks of a PDF (and its form fields)."""

from __future__ import annotations


def tool_anchor(tool_id: str) -> str:
    return f"redskab-{tool_id}"


def module_anchor(module_id: str) -> str:
    return f"modul-{module_id}"


def homework_anchor(module_id: str, hw_id: str) -> str:
    return f"hjemmeopgave-{module_id}-{hw_id}"


def article_anchor(article_id: str) -> str:
    return f"artikel-{article_id}"


def chapter_anchor(chapter_id: str) -> str:
    return f"kapitel-{chapter_id}"


def worksheet_prefix(owner_id: str, index: int) -> str:
    """Anchor of a worksheet and prefix of its field names: 'ws-<tool or chapter id>-<n>'."""
    return f"ws-{owner_id}-{index}"


def field_name(prefix: str, section: int, number: int) -> str:
    """Unique PDF form field name: '<prefix>-<section>-<field>', e.g. 'ws-detektiv-0-1-0'.

    All numbers are 0-based. A checkbox field gets one PDF field per option: this name
    plus '-<option>'. A choice or scale field is one radio group of this name whose
    buttons export the option texts. The label goes into the field's alternate name (/TU).
    """
    return f"{prefix}-{section}-{number}"
