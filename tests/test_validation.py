"""Bad content gets one clear `file:line: field: message` per problem, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(content)
    return [str(p) for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_mini_fixture_is_valid(mini: Path) -> None:
    book = load(mini)
    assert set(book.tools) == {"model", "detektiv"}
    assert book.tool_usage["detektiv"][0].day.id == "dag-1"


def test_unknown_key_names_file_line_and_field(mini: Path) -> None:
    edit(mini / "tools" / "detektiv.yml", "definition:", "definiton:")
    found = problems(mini)
    assert any(
        p.endswith(
            "tools/detektiv.yml:7: definiton: unknown key (check the spelling against the schema)"
        )
        for p in found
    ), found
    assert any("tools/detektiv.yml:1: definition: required field is missing" in p for p in found), (
        found
    )
    assert len(found) == 2, found


def test_wrong_type(mini: Path) -> None:
    edit(mini / "modules" / "modul-a.yml", "minutes: 60", "minutes: en time")
    found = problems(mini)
    assert any(
        "modul-a.yml:16: days[0].blocks[1].minutes: Input should be a valid integer" in p
        for p in found
    ), found


def test_block_without_minutes(mini: Path) -> None:
    edit(mini / "modules" / "modul-a.yml", "        minutes: 60\n", "")
    found = problems(mini)
    assert any(
        "modul-a.yml:14: days[0].blocks[1].minutes: required field is missing" in p for p in found
    ), found


def test_dangling_reference(mini: Path) -> None:
    edit(
        mini / "modules" / "modul-a.yml",
        "tools: [detektiv]\n        trainer",
        "tools: [findes-ikke]\n        trainer",
    )
    found = problems(mini)
    assert any(
        "modul-a.yml:19: days[0].blocks[1].tools[0]: unknown tool 'findes-ikke'" in p for p in found
    ), found


def test_duplicate_day_id(mini: Path) -> None:
    edit(mini / "modules" / "modul-a.yml", "id: dag-2", "id: dag-1")
    found = problems(mini)
    assert any("days[1].id: duplicate id 'dag-1'" in p for p in found), found


def test_homework_loop_must_close(mini: Path) -> None:
    edit(mini / "modules" / "modul-a.yml", "    homework_followup: [hw-1]\n", "")
    found = problems(mini)
    assert any(
        "homework[0].followed_up_in: day 'dag-2' does not list 'hw-1'" in p for p in found
    ), found


def test_yaml_syntax_error_has_line(mini: Path) -> None:
    edit(mini / "tools" / "model.yml", "summary: En model.", "summary: [En model.")
    found = problems(mini)
    assert any("tools/model.yml:" in p and "YAML syntax" in p for p in found), found


def test_duplicate_key(mini: Path) -> None:
    edit(mini / "tools" / "model.yml", "summary: En model.", "summary: En model.\nsummary: To.")
    found = problems(mini)
    assert any("tools/model.yml:4: (file): duplicate key 'summary'" in p for p in found), found


def test_cpr_field_is_refused(mini: Path) -> None:
    edit(mini / "tools" / "detektiv.yml", 'label: "Hvad vil du opnå?"', 'label: "CPR-nummer"')
    found = problems(mini)
    assert any("worksheets must not collect CPR numbers" in p for p in found), found


@pytest.mark.parametrize(
    "label", ["Alder", "Over 40 år", "Anden etnisk baggrund end dansk", "Nationalitet"]
)
def test_protected_traits_are_refused(mini: Path, label: str) -> None:
    edit(mini / "tools" / "detektiv.yml", 'label: "Hvad vil du opnå?"', f'label: "{label}"')
    found = problems(mini)
    assert any("worksheets must not record age, gender, ethnic origin" in p for p in found), found


def test_no_real_worksheet_records_protected_traits(book: Handbook) -> None:
    from handbook.content.model import PROTECTED_TRAITS

    owners = [*book.tools.values(), *book.cookbook.values()]
    texts = [
        text
        for owner in owners
        for ws in owner.worksheets
        for section in ws.sections
        for f in section.fields
        for text in (f.label, f.help or "", *f.options)
    ]
    assert len(texts) > 300  # the scan reaches every field
    assert not [t for t in texts if PROTECTED_TRAITS.search(t)]


def test_vocabulary_is_closed(mini: Path) -> None:
    edit(mini / "tools" / "model.yml", "area: [samtalen]", "area: [samtale]")
    found = problems(mini)
    assert any("tools/model.yml:4: tags.area[0]: Input should be" in p for p in found), found


def test_all_problems_reported_together(mini: Path) -> None:
    edit(mini / "tools" / "model.yml", "area: [samtalen]", "area: [samtale]")
    edit(mini / "modules" / "modul-a.yml", "id: dag-2", "id: dag-1")
    assert len(problems(mini)) >= 2


def test_check_command_prints_problems_without_traceback(mini: Path) -> None:
    edit(mini / "tools" / "detektiv.yml", "definition:", "definiton:")
    env = {**os.environ, "HANDBOOK_CONTENT": str(mini)}
    result = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "detektiv.yml:7: definiton: unknown key" in result.stdout
    assert "unknown tool 'detektiv'" not in result.stdout  # no cascade from the broken file


def test_failed_build_leaves_site_untouched(mini: Path, tmp_path: Path, build_lock) -> None:
    with build_lock():  # no other test worker's build folder may appear meanwhile
        _failed_build(mini, tmp_path)


def _failed_build(mini: Path, tmp_path: Path) -> None:
    from handbook.build import build

    book = load(mini)
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "marker.txt").write_text("old site")
    book.tools["detektiv"].related.append("findes-ikke")  # breaks rendering of links
    assert build(book, with_pdfs=False, quiet=True, site_dir=site_dir) == 1
    assert (site_dir / "marker.txt").read_text() == "old site"
    assert not list(ROOT.glob(".build-*")), "temporary build folder left behind"
