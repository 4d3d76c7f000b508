"""Fejlmatchberegner: Danish number input, visible checks and the arithmetic, in Python
and in the page's JavaScript (the same cases through both)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook import calculators as calc

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "docs" / "javascripts" / "fejlmatchberegner.js"

FILLED = {
    "match_count": "200",
    "fail_pct": "12,5",
    "hours_per_match": "10",
    "extra_hours": "4",
    "hour_cost": "1.000",
    "company_hours": "20",
    "company_hour_cost": "500",
    "target_pct": "5",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1.500", 1500),
        ("1.500,25", 1500.25),
        ("1 500", 1500),
        (" 7 ", 7),
        ("0", 0),
        ("-3", -3),
        ("abc", None),
        ("1,2,3", None),
        ("12,", None),
        ("1.50.0", None),
        ("12.500.5", None),
        ("", None),
    ],
)
def test_parse_decimal_reads_danish_numbers(text: str, expected: float | None) -> None:
    assert calc.parse_decimal(text) == expected


def test_every_field_has_a_label_and_help() -> None:
    names = [f.name for f in calc.FEJLMATCH_FIELDS]
    assert len(names) == len(set(names))
    for f in calc.FEJLMATCH_FIELDS:
        assert f.label and len(f.help) > 20
        assert f.minimum < f.maximum


def test_field_names_do_not_shadow_form_properties() -> None:
    # An input named "matches" replaces form.matches() and breaks every selector engine.
    dom = {
        "matches",
        "action",
        "method",
        "elements",
        "length",
        "name",
        "target",
        "submit",
        "reset",
        "id",
        "style",
        "dataset",
        "closest",
        "contains",
        "children",
        "title",
    }
    assert not dom & {f.name for f in calc.FEJLMATCH_FIELDS}


def test_arithmetic() -> None:
    values, errors = calc.validate_fejlmatch(FILLED)
    assert errors == {}
    r = calc.fejlmatch(values)
    # 200 × 12,5 % = 25 failed; 25 × (10 + 4) h = 350 h; 350 h × 1.000 kr.
    assert r.failed == 25
    assert r.own_hours == 350
    assert r.own_cost == 350_000
    assert r.company_cost == 25 * 20 * 500
    assert r.per_failed == 14 * 1000 + 20 * 500
    assert r.total == r.own_cost + r.company_cost
    # Target 5 %: 10 failed instead of 25 → 15 fewer × 24.000 kr.
    assert r.saving == 15 * 24_000


def test_optional_fields_may_be_left_out() -> None:
    raw = {k: v for k, v in FILLED.items() if not k.startswith(("company", "target"))}
    values, errors = calc.validate_fejlmatch(raw)
    assert errors == {}
    r = calc.fejlmatch(values)
    assert r.company_cost is None and r.saving is None
    assert r.total == r.own_cost == 350_000


def test_bad_input_gives_one_message_per_field() -> None:
    raw = dict(
        FILLED,
        match_count="2,5",
        fail_pct="120",
        hours_per_match="",
        extra_hours="ti",
        company_hour_cost="",
    )
    _, errors = calc.validate_fejlmatch(raw)
    assert errors == {
        "match_count": "Skriv et helt tal.",
        "fail_pct": "Skriv et tal mellem 0 og 100.",
        "hours_per_match": "Udfyld feltet.",
        "extra_hours": "Skriv et tal, fx 12,5.",
        "company_hour_cost": (
            "Udfyld også dette felt, eller lad begge virksomhedsfelter stå tomme."
        ),
    }


def test_target_must_be_below_current_share() -> None:
    _, errors = calc.validate_fejlmatch(dict(FILLED, target_pct="12,5"))
    assert set(errors) == {"target_pct"}
    _, errors = calc.validate_fejlmatch(dict(FILLED, target_pct="-1"))
    assert errors["target_pct"].startswith("Skriv et tal mellem")


def test_negative_numbers_are_refused() -> None:
    _, errors = calc.validate_fejlmatch(dict(FILLED, hour_cost="-500"))
    assert set(errors) == {"hour_cost"}


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_agrees_with_python() -> None:
    """Parsing, messages and results of the page script equal the Python side."""
    fields = [
        {
            "name": f.name,
            "min": f.minimum,
            "max": f.maximum,
            "integer": f.integer,
            "required": f.required,
        }
        for f in calc.FEJLMATCH_FIELDS
    ]
    texts = ["12,5", "12.5", "1.500", "1.500,25", "1 500", "abc", "1,2,3", "12,", "", "-3"]
    cases = [
        FILLED,
        {k: v for k, v in FILLED.items() if not k.startswith(("company", "target"))},
        dict(FILLED, match_count="2,5", fail_pct="120", hours_per_match="", extra_hours="ti"),
        dict(FILLED, company_hours=""),
        dict(FILLED, target_pct="12,5"),
    ]
    harness = f"""
    const m = require({json.dumps(str(SCRIPT))});
    const fields = {json.dumps(fields)};
    const texts = {json.dumps(texts)};
    const cases = {json.dumps(cases)};
    console.log(JSON.stringify({{
      parsed: texts.map(m.parseDecimal),
      cases: cases.map((raw) => {{
        const r = m.validate(fields, raw);
        return {{ errors: r.errors,
                  result: Object.keys(r.errors).length ? null : m.compute(r.values) }};
      }}),
    }}));
    """
    run = subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=True)
    js = json.loads(run.stdout)
    assert js["parsed"] == [calc.parse_decimal(t) for t in texts]
    for raw, got in zip(cases, js["cases"], strict=True):
        values, errors = calc.validate_fejlmatch(raw)
        assert got["errors"] == errors
        if errors:
            assert got["result"] is None
        else:
            r = calc.fejlmatch(values)
            assert got["result"] == pytest.approx(r.__dict__)
