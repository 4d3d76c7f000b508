"""Ressourceberegner: the guide's worked example, in Python and in the page's JavaScript."""

from __future__ import annotations

import dataclasses
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


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")

# A fake DOM with the page's form: one input per calculators.FIELDS entry, with the limits
# the page template writes as data attributes.
_HARNESS = """
const cells = {}, errors = {}, inputs = [];
const element = (key) => cells[key] || (cells[key] = { textContent: "" });
const out = { querySelector: (sel) => element(sel.match(/data-out="([^"]+)"/)?.[1] || sel) };
for (const f of FIELDS) {
  const attrs = {};
  if (f.integer) attrs["data-whole"] = "";
  if (f.positive) attrs["data-positive"] = "";
  const dataset = { min: String(f.minimum) };
  if (f.maximum !== null) dataset.max = String(f.maximum);
  inputs.push({ id: "calc-" + f.name, name: f.name, value: VALUES[f.name], dataset,
    hasAttribute: (a) => a in attrs, setAttribute: (a, v) => { attrs[a] = v; },
    removeAttribute: (a) => { delete attrs[a]; } });
}
const form = { querySelectorAll: () => inputs, addEventListener: () => {} };
global.window = {};
global.document = {
  querySelectorAll: () => [form], querySelector: () => out,
  getElementById: (id) => errors[id] || (errors[id] = { textContent: "" }),
  addEventListener: (_, fn) => fn(),
};
SCRIPT
const rules = window.mhRessourceberegner;
const parsed = PARSE.map((t) => { try { return rules.parseNumber(t); } catch (e) { return e.message; } });
const plain = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.textContent]));
console.log(JSON.stringify({ cells: plain(cells), errors: plain(errors), parsed }));
"""


def _run_js(values: dict[str, str], parse: list[str] = ()) -> dict:
    script = (ROOT / "docs" / "javascripts" / "ressourceberegner.js").read_text()
    fields = [dataclasses.asdict(f) for f in calc.FIELDS]
    harness = (
        _HARNESS.replace("FIELDS", json.dumps(fields), 1)
        .replace("VALUES", json.dumps(values), 1)
        .replace("PARSE", json.dumps(list(parse)), 1)
        .replace("SCRIPT", script, 1)
    )
    result = subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _num(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _assert_cells_match(cells: dict[str, str], inputs: calc.Inputs, per_day: float) -> None:
    assert [_num(cells[f"general-{i}"]) for i in range(3)] == [
        s.total for s in calc.general(inputs)
    ]
    for i, s in enumerate(calc.intensified(inputs)):
        assert _num(cells[f"int-{i}"]) == s.intensive
        assert _num(cells[f"timely-{i}"]) == s.timely
        assert _num(cells[f"total-{i}"]) == s.total
        assert _num(cells[f"int-fte-{i}"]) == calc.fte_needed(inputs, s.total, per_day)
    table = calc.capacity_table(inputs)
    for r in range(8):
        for c in range(9):
            assert _num(cells[f"cap-{r + 1}-{c + 1}"]) == table[r][c]


@needs_node
def test_javascript_agrees_with_python() -> None:
    """Run the page's script against a fake DOM and compare every output cell."""
    values = {f.name: calc.danish_number(f.default) for f in calc.FIELDS}
    result = _run_js(values)
    assert not any(result["errors"].values())
    _assert_cells_match(result["cells"], EX, calc.DEFAULT_PER_DAY)


@needs_node
def test_javascript_reads_danish_decimals() -> None:
    values = {f.name: calc.danish_number(f.default) for f in calc.FIELDS}
    values |= {"intensive_pct": "12,5", "weeks_per_fte": "43,5", "citizens": "1.200"}
    result = _run_js(values)
    assert not any(result["errors"].values())
    inputs = calc.Inputs(citizens=1200, days_per_week=3, weeks_per_fte=43.5, intensive_share=0.125)
    _assert_cells_match(result["cells"], inputs, calc.DEFAULT_PER_DAY)
    # 12,5 % of 1.200 citizens seen 24 times a year = 3.600 (not 100 % after "125").
    assert result["cells"]["int-0"] == "3.600"


SAMPLES = [
    "12,5",
    "1.000",
    "1.000,5",
    "1 000",
    "12.5",
    "0.300",
    ",5",
    "7,",
    "-3",
    "",
    " ",
    "abc",
    "1,2,3",
    "1.2.3",
]


@needs_node
def test_javascript_parses_numbers_like_python() -> None:
    def python(text: str) -> float | str:
        try:
            return calc.parse_number(text)
        except ValueError as exc:
            return str(exc)

    assert _run_js({f.name: "1" for f in calc.FIELDS}, SAMPLES)["parsed"] == [
        python(t) for t in SAMPLES
    ]


def test_parse_number_reads_danish() -> None:
    assert calc.parse_number("12,5") == 12.5
    assert calc.parse_number("1.000") == 1000
    assert calc.parse_number("1.000,5") == 1000.5
    assert calc.parse_number(" 1 000 ") == 1000
    assert calc.parse_number("12.5") == 12.5
    for bad in ("", "abc", "1,2,3", "12,5 %"):
        with pytest.raises(ValueError):
            calc.parse_number(bad)


@needs_node
def test_bad_fields_get_a_message_each_in_both_languages() -> None:
    bad = {"citizens": "12,5", "days_per_week": "8", "weeks_per_fte": "0", "intensive_pct": "x"}
    values = {f.name: calc.danish_number(f.default) for f in calc.FIELDS} | bad
    result = _run_js(values)
    for f in calc.FIELDS:
        message = result["errors"][f"calc-{f.name}-error"]
        if f.name in bad:
            with pytest.raises(ValueError) as exc:
                calc.check_field(f, bad[f.name])
            assert message == str(exc.value) != ""
        else:
            assert message == ""
            assert calc.check_field(f, values[f.name]) == f.default
    assert "4 felter kan ikke læses" in result["cells"][".mh-calc-status"]
    assert result["cells"]["general-0"] == "–"
