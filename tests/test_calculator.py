"""Ressourceberegner: the guide's worked example, in Python and in the page's JavaScript."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook import calculators as calc

ROOT = Path(__file__).resolve().parent.parent
EX = calc.GUIDE_EXAMPLE


def test_general_frequencies_match_guide() -> None:
    assert [s.total for s in calc.general(EX)] == [1320, 1980, 3960]


def test_intensified_share_matches_guide() -> None:
    rows = [(s.per_citizen, s.intensive, s.timely, s.total) for s in calc.intensified(EX)]
    assert rows == [(24, 2376, 924, 3300), (12, 1188, 924, 2112), (6, 594, 924, 1518)]


def test_capacity_table_matches_guide() -> None:
    table = calc.capacity_table(EX)
    assert len(table) == 8 and all(len(r) == 9 for r in table)
    assert table[0] == [132, 264, 396, 528, 660, 792, 924, 1056, 1188]
    assert table[7][8] == 9504


def test_fte_needed_reads_the_table() -> None:
    assert calc.fte_needed(EX, 3300, per_day=5) == 5.0
    assert calc.fte_needed(EX, 3301, per_day=5) == 5.1  # rounded up: never too few
    with pytest.raises(ValueError):
        calc.fte_needed(calc.Inputs(330, 0, 44, 0.3), 100, per_day=5)


def test_inputs_are_checked() -> None:
    with pytest.raises(ValueError):
        calc.Inputs(citizens=10, days_per_week=3, weeks_per_fte=44, intensive_share=1.5)
    with pytest.raises(ValueError):
        calc.Inputs(citizens=-1, days_per_week=3, weeks_per_fte=44, intensive_share=0.3)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_agrees_with_python() -> None:
    """Run the page's script against a fake DOM and compare every output cell."""
    script = (ROOT / "docs" / "javascripts" / "ressourceberegner.js").read_text()
    harness = (
        """
    const cells = {};
    const out = { querySelector: (sel) => {
      const key = sel.match(/data-out="([^"]+)"/)[1];
      return cells[key] || (cells[key] = { textContent: "" }); } };
    const values = { citizens: "330", days_per_week: "3", weeks_per_fte: "44",
                     intensive_pct: "30", per_day: "5" };
    const form = { elements: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])),
                   addEventListener: () => {} };
    global.window = {};
    global.document = {
      querySelectorAll: () => [form], querySelector: () => out,
      addEventListener: (_, fn) => fn(),
    };
    """
        + script
        + """
    const plain = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.textContent]));
    console.log(JSON.stringify(plain));
    """
    )
    result = subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=True)
    cells = json.loads(result.stdout)

    def num(key: str) -> float:
        return float(cells[key].replace(".", "").replace(",", "."))

    assert [num(f"general-{i}") for i in range(3)] == [s.total for s in calc.general(EX)]
    for i, s in enumerate(calc.intensified(EX)):
        assert num(f"int-{i}") == s.intensive
        assert num(f"timely-{i}") == s.timely
        assert num(f"total-{i}") == s.total
        assert num(f"int-fte-{i}") == calc.fte_needed(EX, s.total, 5)
    table = calc.capacity_table(EX)
    for r in range(8):
        for c in range(9):
            assert num(f"cap-{r + 1}-{c + 1}") == table[r][c]
