"""The catalog's indexes: which tools a course or pack brings along, in which order."""

from __future__ import annotations

from pathlib import Path

from handbook.content.catalog import load

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def test_a_model_brings_its_techniques() -> None:
    book = load(MINI)
    assert [t.id for t in book.with_parts(["model"])] == ["model", "detektiv"]


def test_a_technique_alone_does_not_bring_its_model() -> None:
    book = load(MINI)
    assert [t.id for t in book.with_parts(["detektiv"])] == ["detektiv"]


def test_course_keeps_a_family_together_under_its_model() -> None:
    """Day 1 uses the technique, day 2 its model: the pack shows the model first."""
    book = load(MINI)
    course = next(iter(book.courses.values()))
    assert [t.id for t in book.course_tools(course)] == ["model", "detektiv"]
