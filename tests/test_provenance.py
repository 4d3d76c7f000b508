"""Provenance: one statement per item, the same on the site and in print, made from the YAML."""

from __future__ import annotations

import pytest
from markupsafe import escape

from handbook.content import outputs
from handbook.content import pages as pages_mod
from handbook.content.book import Handbook
from handbook.content.model import Provenance
from handbook.render import pdf, site
from handbook.render.common import SOURCE_NAMES, provenance_statement


def _p(**fields: object) -> Provenance:
    return Provenance.model_validate(fields)


def test_statement_from_sources_alone() -> None:
    p = _p(sources=[{"doc": "001", "lines": "1-2"}, {"doc": "004", "lines": "3"}])
    assert provenance_statement(p) == [f"Bygger på: {SOURCE_NAMES['001']}; {SOURCE_NAMES['004']}."]


def test_statement_names_the_handbooks_own_parts() -> None:
    p = _p(sources=[{"doc": "002", "lines": "5"}], own_parts=["trinene", "spørgsmålene", "skemaet"])
    assert provenance_statement(p) == [
        f"Bygger på: {SOURCE_NAMES['002']}.",
        "Metodehåndbogens eget forslag ud fra almindelig faglig praksis: trinene, spørgsmålene "
        "og skemaet.",
    ]


def test_statement_when_the_sources_only_name_the_item() -> None:
    p = _p(sources=[{"doc": "004", "lines": "504-506"}], practice_based=True)
    text = " ".join(provenance_statement(p))
    assert text.startswith(f"Kilderne nævner kun emnet ({SOURCE_NAMES['004']}).")
    assert "Indholdet er Metodehåndbogens eget forslag" in text
    assert "Bygger på" not in text


def test_own_parts_and_practice_based_contradict() -> None:
    with pytest.raises(ValueError, match="give one of them"):
        _p(sources=[{"doc": "001", "lines": "1"}], practice_based=True, own_parts=["trinene"])


def test_site_and_print_say_the_same_for_every_tool(book: Handbook) -> None:
    pages = site.render_pages(book, None)
    cards = next(o for o in outputs.plan(book) if o.kind == "toolcards")
    printed = pdf.render_html(book, cards)
    practice = own = 0
    for tool_id, tool in book.tools.items():
        p = tool.provenance
        text = " ".join(provenance_statement(p))
        # The YAML decides the statement: every source by name, every own part, the rule.
        for doc in {s.doc for s in p.sources}:
            assert SOURCE_NAMES[doc] in text, tool_id
        for part in p.own_parts:
            assert part in text, tool_id
        assert ("Kilderne nævner kun emnet" in text) == p.practice_based, tool_id
        practice += p.practice_based
        own += bool(p.own_parts)
        # Both renderers print exactly this statement.
        assert (
            f'<p class="mh-provenance">{escape(text)}</p>' in pages[pages_mod.tool_page(tool_id)]
        ), tool_id
        assert f'<p class="source">{escape(text)}</p>' in printed, tool_id
    assert practice and own  # the real content uses both kinds


def test_cards_built_on_the_sources_are_not_labelled_as_named_only(book: Handbook) -> None:
    """Cards the issue found wrongly labelled 'the sources only name the topic'."""
    for tool_id in (
        "aabne-hjaelpespoergsmaal",
        "joblog-og-selvbooking-minimumskrav",
        "4r-modellen",
        "aktionslaering",
        "samtalens-pejlemaerker",
        "pejlemaerke-1-fokuser",
    ):
        p = book.tools[tool_id].provenance
        assert not p.practice_based and p.sources and p.own_parts, tool_id
    assert not book.modules["samtalen-7-analysemodul"].provenance.practice_based
    assert book.tools["afklaringsredskabet"].provenance.practice_based
