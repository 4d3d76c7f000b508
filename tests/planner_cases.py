"""Shared cases for the planner's core (docs/javascripts/planner-core.js) and the Python side.

A fixed table of small cases (slugs, durations, clock times, Danish dates) and plans
generated from the real planner data with a seeded random: module days and own days,
skipped, shortened, renamed and moved blocks, own blocks, added tools, clock times and
dates, and now and then one fault a trainer makes (dates out of order, a missing date or
clock time, an end before the start, an overrun, a day with every block skipped, an own day
with no blocks, no venue).

A plan is written in the core's own plan model (see planner-core.js), so the Node harness
runs exactly what the page runs.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

SLUG_TEXTS = [
    "crème",
    "Crème brûlée",
    "Fællessamtale",
    "ÆØÅ æøå",
    "Åben øvelse",
    "naïve café",
    "Ærø & Fanø",
    "Øvelse: «rollespil»",
    "ﬁsk og ﬂag",
    "İstanbul",
    "Straße",
    "Ångström",
    "Łódź",
    "Smørrebrød – 2 × 30 min",
    "  --Velkomst--  ",
    "1. Fokuser",
    "x²",
    "中文",
    "Ελληνικά",
    "emoji 🙂 blok",
    "",
]
DURATIONS = [0, 1, 5, 45, 59, 60, 61, 90, 120, 135, 480, 1439]
CLOCKS = [0, 5, 59, 60, 510, 540, 725, 900, 1439, 1440, 1500]
DATES = ["2027-01-01", "2027-02-28", "2027-03-02", "2028-02-29", "2027-10-31", "2026-12-24"]

# Titles a trainer types: characters that mean something to YAML, the handbook's text
# format, HTML and the calendar format.
TITLES = [
    "Velkomst & kaffe",
    "Kaffe, te; og frugt",
    "Lokal <rutine> [intern]",
    "*Vigtigt*: opsamling",
    "Crème-pause",
    "Øvelse i par – 2 runder",
    "Back\\slash_og_under",
    "Sådan gør vi: 1. trin",
    "Frokost",
    "Rollespil: «den svære samtale»",
    "# ikke en kommentar",
    "Ja",
    "12:30",
]
VENUES = ["Mødelokale 2", "Lokale 1, 2. sal", "Sal A; bygning 3", "Kantinen & caféen"]
ADDRESSES = ["", "Eksempelvej 1, 4300 Holbæk", "Torvet 3"]
ORGS = ["Jobcenter Holbæk", "Jobcenter Holbæk, A-kassen <Nord>", "A-kasse *lokal*, Jobcenter Øst"]
STARTS = ["08:00", "08:30", "09:00", "09:15", "10:00"]
FAULTS = [
    "date-order",
    "no-date",
    "bad-start",
    "bad-end",
    "end-before-start",
    "overrun",
    "no-blocks",
    "no-venue",
    "empty-own-day",
]


def _minutes(t: str) -> int:
    hours, mins = t.split(":")
    return int(hours) * 60 + int(mins)


def _hhmm(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def generate_plans(data: dict[str, Any], count: int, seed: int = 17) -> list[dict[str, Any]]:
    """`count` plans in the core's plan model, drawn from planner-data.json (`data`)."""
    rng = random.Random(seed)
    days = {d["ref"]: d for m in data["modules"] for d in m["days"]}
    refs = sorted(days)
    kinds = [k["id"] for k in data["block_kinds"]]
    tools = sorted(data["tools"])
    courses = [c["id"] for c in data["courses"]]
    plans = []
    for n in range(count):
        # Every third plan has one fault; the others are plans `build.py run` builds.
        fault = FAULTS[(n // 3) % len(FAULTS)] if n % 3 == 2 else None
        date = dt.date(2027, 1, 4) + dt.timedelta(days=rng.randrange(300))
        plan_days = []
        for d in range(rng.choice([1, 1, 2, 3])):
            start = rng.choice(STARTS)
            if rng.random() < 0.8:
                ref = rng.choice(refs)
                base = days[ref]
                items: list[dict[str, Any]] = []
                for block in base["blocks"]:
                    item = {"key": block["key"], "skip": False, "minutes": None, "title": None}
                    item["tools"] = []
                    if rng.random() < 0.15:
                        item["skip"] = True
                    if rng.random() < 0.2:
                        item["minutes"] = rng.randrange(5, 125, 5)
                    if rng.random() < 0.1:
                        item["title"] = rng.choice(TITLES)
                    if rng.random() < 0.1:
                        extra = rng.choice(tools)
                        if extra not in block["tools"]:
                            item["tools"].append(extra)
                    items.append(item)
                if rng.random() < 0.25 and len(items) > 1:  # a block moved elsewhere
                    moved = items.pop(rng.randrange(len(items)))
                    items.insert(rng.randrange(len(items) + 1), moved)
                if rng.random() < 0.3:
                    own = _own(rng, kinds, tools)
                    items.insert(rng.randrange(len(items) + 1), own)
                if fault == "no-blocks" and d == 0:
                    items = [dict(it, skip=True) for it in items if not it.get("own")]
                total = sum(
                    it["minutes"]
                    if it.get("own")
                    else it["minutes"] or _block(base, it["key"])["minutes"]
                    for it in items
                    if not it.get("skip")
                )
                day = {"ref": ref, "title": rng.choice(["", "", rng.choice(TITLES)])}
            else:
                items = [_own(rng, kinds, tools) for _ in range(rng.randrange(1, 5))]
                total = sum(it["minutes"] for it in items)
                day = {"ref": None, "title": rng.choice(["", rng.choice(TITLES)])}
            slack = rng.choice([0, 0, 5, 15, 30, 31, 45, 90])
            finish = _minutes(start) + total
            end = _hhmm(min(finish + slack, 23 * 60 + 59))
            if fault == "overrun" and d == 0:
                end = _hhmm(max(finish - rng.choice([5, 20, 60]), _minutes(start) + 5))
            day.update(date=date.isoformat(), start=start, end=end, items=items)
            plan_days.append(day)
            date += dt.timedelta(days=rng.choice([1, 7, 7, 14]))
        first = plan_days[0]
        if fault == "date-order" and len(plan_days) == 1:
            plan_days.append(dict(first, date=first["date"]))
        if fault == "date-order":
            plan_days[-1]["date"] = (
                dt.date.fromisoformat(plan_days[0]["date"]) - dt.timedelta(days=1)
            ).isoformat()
        elif fault == "no-date":
            first["date"] = ""
        elif fault == "bad-start":
            first["start"] = ""
        elif fault == "bad-end":
            first["end"] = ""
        elif fault == "empty-own-day":
            first.update(ref=None, items=[], title="")
        elif fault == "end-before-start":
            first["end"] = _hhmm(_minutes(first["start"]) - 30)
        plans.append(
            {
                "id": f"gen-{n}",
                "title": rng.choice(["", rng.choice(TITLES)]),
                "orgs": rng.choice(ORGS),
                "size": rng.choice(["", "14", "16"]),
                "venue": "" if fault == "no-venue" else rng.choice(VENUES),
                "address": rng.choice(ADDRESSES),
                "trainers": rng.choice(["", "Anne Underviser", "Anne, Bo"]),
                "course": rng.choice(["", "", *courses]),
                "days": plan_days,
                "fault": fault,
            }
        )
    return plans


def _block(day: dict[str, Any], key: str) -> dict[str, Any]:
    return next(b for b in day["blocks"] if b["key"] == key)


def _own(rng: random.Random, kinds: list[str], tools: list[str]) -> dict[str, Any]:
    return {
        "own": True,
        "kind": rng.choice(kinds),
        "title": rng.choice(TITLES),
        "minutes": rng.randrange(5, 95, 5),
        "tools": rng.sample(tools, rng.choice([0, 0, 1, 2])),
    }
