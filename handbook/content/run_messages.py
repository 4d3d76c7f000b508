"""Danish messages for trainers about their run files (runs/<id>.yml, plan files).

Trainers read Danish, authors of content/ read English: every problem of a run file is
worded here, in Danish, with a way out (the nearest key, how to write a date or a time).
No text of the validation library reaches a trainer: each pydantic error type a run file
can cause is mapped to a Danish sentence, and an unknown one gets a plain Danish fallback.

Clock times in a sentence are written the Danish way (08.30); where a message says what
to type in the file, it shows the file's own notation, quoted ("08:30"), and nothing else.

`validate_run` also returns a partial run when the file does not validate, with every day
and field that did: the checks against the handbook (block keys, tools, time budget) then
run on those too, so a trainer sees every problem at once, not one per attempt.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import os
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..text import slugify
from .model import (
    UNION_TAGS,
    Block,
    Clock,
    Cohort,
    DayRef,
    Run,
    RunChange,
    RunDate,
    RunDay,
    Text,
    ToolSwap,
    Venue,
    clock_minutes,
)
from .timeplan import MONTHS, WEEKDAYS

Report = Callable[[tuple[Any, ...], str], None]

# Danish month names and their usual short forms → month number.
_MONTH_NUMBERS = {name: n for n, name in enumerate(MONTHS, 1)} | {
    short: n
    for n, shorts in enumerate(
        (
            ["jan"],
            ["feb"],
            ["mar", "mart"],
            ["apr"],
            [],
            ["jun"],
            ["jul"],
            ["aug"],
            ["sep", "sept"],
            ["okt"],
            ["nov"],
            ["dec"],
        ),
        1,
    )
    for short in shorts
}

DATE_FORMAT = "ÅÅÅÅ-MM-DD"


def clock(total: int) -> str:
    """510 → '08.30' (the Danish way of writing a clock time in a sentence)."""
    return f"{total // 60:02d}.{total % 60:02d}"


def clock_of(value: str) -> str:
    """A valid file time '08:30' → '08.30' for a sentence."""
    return clock(clock_minutes(value))


def nearest(value: str, choices: list[str] | tuple[str, ...] | Any) -> str | None:
    """The choice closest to `value` (difflib), if one is close enough to be a typo and
    closer than every other ('dag-9' is as near 'dag-1' as 'dag-2': no guess then)."""
    options = [str(c) for c in choices]
    found = difflib.get_close_matches(value, options, n=2, cutoff=0.6)
    if not found:
        # A shortened or bent key ('opsamlingen' for 'opsamling-paa-hjemmeopgaven'): the one
        # choice that shares the longest beginning with it, of five letters or more.
        shared = {c: len(os.path.commonprefix([value, c])) for c in options}
        best = max(shared.values(), default=0)
        top = [c for c, n in shared.items() if n == best]
        return top[0] if best >= 5 and len(top) == 1 else None

    def ratio(choice: str) -> float:
        return difflib.SequenceMatcher(None, value, choice).ratio()

    if len(found) == 2 and ratio(found[0]) == ratio(found[1]):
        return None
    return found[0]


def did_you_mean(value: str, choices: Any) -> str:
    near = nearest(value, choices)
    return f" Mente du '{near}'?" if near else ""


# --- dates -------------------------------------------------------------------------------


def _real_date(year: int, month: int, day: int, shown: str) -> dt.date | str:
    """The date, or a Danish sentence saying why it does not exist."""
    if not 1 <= month <= 12:
        return f"{shown} findes ikke: der er ingen måned {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{shown} findes ikke: {MONTHS[month - 1]} {year} har {last} dage"
    return dt.date(year, month, day)


def _example(year: int, month: int) -> str:
    """', fx 2027-02-28' (the month's last day), or nothing for a month that is none."""
    if not 1 <= month <= 12:
        return ""
    return f", fx {dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()}"


def _danish_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written the Danish way: '2. marts 2027',
    'tirsdag 2. marts 2027', '2/3 2027', '2.3.2027', '02-03-2027', '2/3-2027'."""
    words = text.lower().replace(",", " ").split()
    if words and words[0] in WEEKDAYS:
        words = words[1:]
    if len(words) == 3 and words[1].rstrip(".") in _MONTH_NUMBERS:
        day, month, year = words[0].rstrip("."), words[1].rstrip("."), words[2]
        if day.isdigit() and year.isdigit() and len(year) == 4:
            return int(year), _MONTH_NUMBERS[month], int(day)
        return None
    m = re.fullmatch(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./ -]\s*(\d{4})", " ".join(words))
    if m:
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    return None


def date_message(value: Any) -> str:
    """Why `value` is not a date the run file can use, and how to write it."""
    if isinstance(value, bool) or value is None or isinstance(value, list | dict):
        return f"skriv datoen som {DATE_FORMAT}, fx 2027-03-02"
    if isinstance(value, dt.datetime):
        return f"skriv kun datoen, uden klokkeslæt, som {DATE_FORMAT}: {value.date().isoformat()}"
    text = str(value).strip()
    if isinstance(value, int) and len(text) == 8:
        found = _real_date(int(text[:4]), int(text[4:6]), int(text[6:]), text)
        if isinstance(found, dt.date):
            return f"{text} er et tal, ikke en dato: skriv datoen som {DATE_FORMAT}: {found}"
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        found = _real_date(year, month, day, text)
        if isinstance(found, str):
            return f"{found}; skriv en dato, der findes, som {DATE_FORMAT}{_example(year, month)}"
        return f"skriv måned og dag med to cifre: {found.isoformat()}"
    danish = _danish_date(text)
    if danish:
        year, month, day = danish
        found = _real_date(year, month, day, f"'{text}'")
        if isinstance(found, str):
            return f"{found}; skriv en dato, der findes, som {DATE_FORMAT}{_example(year, month)}"
        return f"'{text}' er skrevet på dansk; skriv datoen som {DATE_FORMAT}: {found.isoformat()}"
    return f"'{text}' er ikke en dato: skriv datoen som {DATE_FORMAT}, fx 2027-03-02"


# --- clock times -------------------------------------------------------------------------


def clock_message(value: Any) -> str:
    """Why `value` is not a clock time the run file can use, and how to write it."""
    if isinstance(value, int) and not isinstance(value, bool):
        hours, mins = divmod(value, 60)
        return (
            f'skriv klokkeslættet i anførselstegn: "{hours:02d}:{mins:02d}" (uden '
            f"anførselstegn læser YAML det som tallet {value})"
        )
    if isinstance(value, float):  # unquoted 10.30: YAML reads the number 10.3
        whole, _, part = repr(value).partition(".")
        hours, mins = int(whole), int(part.ljust(2, "0")[:2])
        if 0 <= hours <= 23 and mins <= 59:
            return (
                f'skriv klokkeslættet som "TT:MM" i anførselstegn: "{hours:02d}:{mins:02d}" '
                f"(uden anførselstegn læser YAML det som tallet {value})"
            )
    text = str(value).strip()
    m = re.fullmatch(r"(?:kl\.?\s*)?(\d{1,2})(?:[.:,]?(\d{2}))?", text.lower())
    if m:
        hours, mins = int(m.group(1)), int(m.group(2) or 0)
        if hours > 23 or mins > 59:
            return (
                f"'{text}' er ikke et klokkeslæt: timer går fra 00 til 23, minutter fra 00 til 59"
            )
        return f'skriv klokkeslættet som "TT:MM" i anførselstegn: "{hours:02d}:{mins:02d}"'
    return f'\'{text}\' er ikke et klokkeslæt: skriv det som "TT:MM" i anførselstegn, fx "09:00"'


# --- keys, ids and references ------------------------------------------------------------


def day_name(module_id: str, day_id: str) -> str:
    return f"dag '{day_id}' i modul '{module_id}'"


def unknown_block(
    module_id: str, day_id: str, value: str, keys: list[str], titles: list[str]
) -> str:
    """A change names a block the day does not have: a title instead of its key, a slip
    of the pen, or a block the module no longer has."""
    where = day_name(module_id, day_id)
    wanted = value.strip().casefold()
    for key, title in zip(keys, titles, strict=True):
        if wanted in (title.strip().casefold(), slugify(title)) and value != key:
            return (
                f"'{value}' er blokkens titel, ikke dens nøgle: en ændring nævner blokken "
                f"ved nøglen '{key}'"
            )
    if slugify(value) in keys and value != slugify(value):
        return f"'{value}' er ikke en nøgle: skriv '{slugify(value)}'"
    return (
        f"{where} har ingen blok med nøglen '{value}'.{did_you_mean(value, keys)} "
        f"Dagens nøgler: {', '.join(keys)}"
    )


def unknown_tool(tool_id: str, known: Any) -> str:
    return f"ukendt redskab '{tool_id}'.{did_you_mean(tool_id, known)}".rstrip(".")


def unknown_module(module_id: str, known: Any) -> str:
    return f"ukendt modul '{module_id}'.{did_you_mean(module_id, known)}".rstrip(".")


def unknown_day(module_id: str, day_id: str, day_ids: list[str]) -> str:
    return (
        f"modul '{module_id}' har ingen dag '{day_id}'.{did_you_mean(day_id, day_ids)} "
        f"Modulets dage: {', '.join(day_ids)}"
    )


def unknown_course(course_id: str, known: Any) -> str:
    return f"ukendt kursus '{course_id}'.{did_you_mean(course_id, known)}".rstrip(".")


def _id_message(value: Any) -> str:
    text = str(value)
    better = slugify(text)
    if better and better != text:
        return f"'{text}' er ikke en gyldig nøgle: skriv '{better}' (små bogstaver, tal og -)"
    return f"'{text}' er ikke en gyldig nøgle: brug små bogstaver a–z, tal og bindestreger"


# --- pydantic errors → Danish ------------------------------------------------------------

# The run model's own checks (handbook/model.py) say these in English for authors; the
# trainer gets the Danish sentence. Matched by their start, with the values from the text.
_MODEL_MESSAGES: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (r"'skip' stands alone", lambda m: "'skip' står alene: skriv andre ændringer som et nyt punkt"),
    (
        r"give 'insert_after' or 'insert_before', not both",
        lambda m: "skriv 'insert_after' eller 'insert_before', ikke begge",
    ),
    (
        r"an insert needs 'block:'",
        lambda m: "en indsættelse skal have 'block:' med den nye blok (title, kind, minutes …)",
    ),
    (
        r"'minutes', 'add_tools' and 'swap_tool' go in the new block",
        lambda m: "'minutes', 'add_tools' og 'swap_tool' skrives i selve den nye blok",
    ),
    (
        r"give 'skip', 'block' or 'insert_after'/'insert_before'",
        lambda m: "skriv 'skip', 'block' eller 'insert_after'/'insert_before'",
    ),
    (
        r"a new block needs 'insert_after' or 'insert_before'",
        lambda m: (
            "en ny blok skal have 'insert_after' eller 'insert_before'; for at ændre en "
            "blok skriver du dens nøgle i 'block'"
        ),
    ),
    (
        r"say what changes in '([^']*)'",
        lambda m: (
            f"skriv hvad der ændres i '{m.group(1)}': 'minutes', 'add_tools' eller 'swap_tool'"
        ),
    ),
    (
        r"give 'day' \(a module day\) or 'blocks' \(an own day\), not both",
        lambda m: "skriv 'day' (en moduldag) eller 'blocks' (en egen dag), ikke begge",
    ),
    (
        r"give 'day' \(a module day\) or 'blocks' \(an own day\)",
        lambda m: "skriv 'day' (en moduldag) eller 'blocks' (en egen dag med blokke)",
    ),
    (
        r"'changes' apply to a module day",
        lambda m: "'changes' gælder en moduldag; ret en egen dags blokke direkte",
    ),
    (r"an own day needs a 'title'", lambda m: "en egen dag skal have en 'title'"),
    (
        r"the booked end (\d\d:\d\d) must come after the start (\d\d:\d\d)",
        lambda m: (
            f"det bookede sluttidspunkt {clock_of(m.group(1))} skal ligge efter "
            f"starttidspunktet {clock_of(m.group(2))}"
        ),
    ),
]

# The keys each part of a run file may hold, by the name of the key that holds it.
_MODELS: dict[str, type[BaseModel]] = {
    "": Run,
    "days": RunDay,
    "changes": RunChange,
    "block": Block,
    "blocks": Block,
    "cohort": Cohort,
    "venue": Venue,
    "swap_tool": ToolSwap,
}

_MISSING: dict[str, str] = {
    "title": "skriv en titel",
    "cohort": "skriv holdet, fx cohort: {organisations: [Jobcenter Holbæk], size: 12}",
    "organisations": "skriv mindst én organisation, deltagerne kommer fra",
    "venue": "skriv stedet, fx venue: {name: Kursuslokalet, address: Eksempelvej 1}",
    "name": "skriv stedets navn",
    "days": "skriv forløbets dage under 'days:'",
    "date": "skriv dagens dato som ÅÅÅÅ-MM-DD, fx date: 2027-03-02",
    "end": 'skriv det bookede sluttidspunkt, fx end: "15:00"',
    "kind": "skriv blokkens art, fx kind: oplæg",
    "minutes": "skriv blokkens længde i minutter, fx minutes: 30",
    "from": "skriv redskabet, blokken bruger i dag",
    "to": "skriv redskabet, den skal bruge i stedet",
}

# Keys a Danish-speaking trainer may write for the English ones.
_DANISH_KEYS = {
    "titel": "title",
    "kursus": "course",
    "hold": "cohort",
    "sted": "venue",
    "undervisere": "trainers",
    "dage": "days",
    "dag": "day",
    "dato": "date",
    "slut": "end",
    "ændringer": "changes",
    "blokke": "blocks",
    "blok": "block",
    "minutter": "minutes",
    "spring_over": "skip",
    "redskaber": "tools",
    "navn": "name",
    "adresse": "address",
    "organisationer": "organisations",
    "antal": "size",
}

_CLOCK_FIELDS = {"start", "end"}
_KEY_FIELDS = {"skip", "block", "insert_after", "insert_before"}


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    parent = next((str(p) for p in reversed(loc[:-1]) if isinstance(p, str)), "")
    model = _MODELS.get(parent)
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _ctx(err: Any, name: str) -> Any:
    return (err.get("ctx") or {}).get(name)


def error_message(err: Any, loc: tuple[Any, ...]) -> str:
    """One pydantic error of a run file, in Danish (`loc` without pydantic's own parts)."""
    kind = err["type"]
    value = err.get("input")
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return "feltet mangler: " + _MISSING.get(name, f"skriv '{name}'")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc)
        english = _DANISH_KEYS.get(name.lower())
        guess = f" Mente du '{english}'?" if english in allowed else did_you_mean(name, allowed)
        return (
            f"ukendt felt '{name}'.{guess} Felter her: {', '.join(allowed)}"
            if allowed
            else f"ukendt felt '{name}'"
        )
    if name in {"date"} and (kind.startswith("date") or kind == "value_error"):
        return date_message(value)
    if name in _CLOCK_FIELDS and kind in ("string_pattern_mismatch", "value_error", "string_type"):
        return clock_message(value)
    if kind == "string_pattern_mismatch":
        if name == "day":
            return (
                f"'{value}' er ikke en dag: skriv '<modul>/<dag>', fx 'samtalen-2-samtalerne/dag-3'"
            )
        return _id_message(value)
    if kind == "value_error":
        text = str(_ctx(err, "error") or "")
        for pattern, danish in _MODEL_MESSAGES:
            if m := re.match(pattern, text):
                return danish(m)
        return "værdien kan ikke bruges her"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(_ctx(err, "expected") or ""))
        return (
            f"'{value}' kan ikke bruges her.{did_you_mean(str(value), expected)} "
            f"Vælg en af: {', '.join(expected)}"
        )
    if kind in ("string_too_short", "too_short"):
        return "må ikke være tom"
    if kind == "string_type":
        return "skal være tekst"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "skal være et helt tal, fx 30"
    if kind == "bool_type":
        return "skal være true eller false"
    if kind == "greater_than":
        return f"skal være større end {_ctx(err, 'gt')}"
    if kind == "less_than_equal":
        return f"må højst være {_ctx(err, 'le')}"
    if kind == "list_type":
        return "skal være en liste, fx [a, b]"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "skal være en række felter (nøgle: værdi)"
    return "værdien kan ikke bruges her"


def _clean_loc(raw: tuple[Any, ...]) -> tuple[Any, ...]:
    """Only the parts of pydantic's loc that are keys or places in the file."""
    return tuple(p for p in raw if not str(p).startswith("function-") and p not in UNION_TAGS)


def _errors(adapter: TypeAdapter[Any] | type[BaseModel], value: Any) -> tuple[Any, list[Any]]:
    try:
        if isinstance(adapter, TypeAdapter):
            return adapter.validate_python(value), []
        return adapter.model_validate(value), []
    except ValidationError as exc:
        return None, exc.errors()


# --- a run file, every part that validates -----------------------------------------------

_DAY_FIELDS: dict[str, TypeAdapter[Any]] = {
    "day": TypeAdapter(DayRef | None),
    "date": TypeAdapter(RunDate),
    "start": TypeAdapter(Clock),
    "end": TypeAdapter(Clock),
    "title": TypeAdapter(Text | None),
    "blocks": TypeAdapter(list[Block]),
}
_CHANGE = TypeAdapter(RunChange)


def _partial_day(raw: Any) -> RunDay | None:
    """The fields of one run day that are valid on their own (None where not)."""
    if not isinstance(raw, dict):
        return None
    day, errors = _errors(RunDay, raw)
    if not errors:
        return day
    fields: dict[str, Any] = {}
    defaults = {"day": None, "start": "09:00", "title": None, "blocks": []}
    for name, adapter in _DAY_FIELDS.items():
        if name not in raw:
            fields[name] = defaults.get(name)
            continue
        fields[name], _ = _errors(adapter, raw[name])
        if name == "blocks" and fields[name] is None:
            fields[name] = []
    changes = raw.get("changes", [])
    fields["changes"] = (
        [_errors(_CHANGE, c)[0] for c in changes] if isinstance(changes, list) else []
    )
    return RunDay.model_construct(**fields)


def validate_run(
    data: Any, report: Report, block_hint: Callable[[int, str], str | None] | None = None
) -> tuple[Run | None, Run | None]:
    """(the run, None) when the file validates; else (None, the parts that did) with every
    problem reported in Danish. The partial run holds each day's valid fields and None for
    the others, so the checks against the handbook run on what can be checked.

    `block_hint(day index, value)` words a block key that is not even a key (a title such
    as 'Frokost'), knowing the day's blocks; None when it cannot say more."""
    if not isinstance(data, dict):
        report((), "filen skal begynde med felter som 'title:', 'cohort:', 'venue:' og 'days:'")
        return None, None
    run, errors = _errors(Run, data)
    if not errors:
        return run, None
    for err in errors:
        loc = _clean_loc(err["loc"])
        message = None
        if (
            block_hint is not None
            and err["type"] == "string_pattern_mismatch"
            and len(loc) == 5
            and loc[0] == "days"
            and loc[2] == "changes"
            and loc[4] in _KEY_FIELDS
        ):
            message = block_hint(loc[1], str(err.get("input")))
        report(loc, message or error_message(err, loc))
    bad_top = {err["loc"][0] for err in errors if err["loc"]}
    raw_days = data.get("days")
    days = [_partial_day(raw) for raw in raw_days] if isinstance(raw_days, list) else []
    for i, day in enumerate(days):
        if day is None or day.start is None or day.end is None:
            continue
        # A day whose other fields fail is not checked as a whole by the model: say this
        # one here too, as the model would once the rest is right.
        reported = any(err["loc"][:2] == ("days", i) and len(err["loc"]) == 2 for err in errors)
        if not reported and clock_minutes(day.end) <= clock_minutes(day.start):
            report(
                ("days", i),
                f"det bookede sluttidspunkt {clock_of(day.end)} skal ligge efter "
                f"starttidspunktet {clock_of(day.start)}",
            )
    partial = Run.model_construct(
        id=None,
        title=data.get("title") if "title" not in bad_top else None,
        course=data.get("course") if "course" not in bad_top else None,
        cohort=None,
        venue=None,
        trainers=[],
        days=days,
    )
    return None, partial


# --- what the loader and the text format say, for a run file ------------------------------

_CONTROL = r"contains (U\+[0-9A-F]{4}), "
# The loader's (handbook/loader.py) and the text format's (handbook/text.py) messages are
# English for authors; a run file's reader gets these. PyYAML's own wording of a syntax
# error is never passed on: the likely cause is named, or a checklist for the line.
_FILE_MESSAGES: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (
        _CONTROL + r"a line break pasted from Word",
        lambda m: (
            f"indeholder {m.group(1)}, et linjeskift kopieret fra Word (Shift+Enter): "
            "erstat det med et mellemrum eller en ny linje"
        ),
    ),
    (
        _CONTROL + r"an invisible control character",
        lambda m: (
            f"indeholder {m.group(1)}, et usynligt kontroltegn: erstat det med et "
            "mellemrum eller en ny linje"
        ),
    ),
    (r"file is larger than (\d+) KB", lambda m: f"filen er større end {m.group(1)} KB"),
    (r"is a folder", lambda m: "er en mappe, ikke en YAML-fil"),
    (r"cannot be read", lambda m: "filen kan ikke læses"),
    (r"file is not UTF-8", lambda m: "filen er ikke UTF-8-tekst: gem den som UTF-8"),
    (
        r"anchors and aliases",
        lambda m: "ankre og aliaser (&navn, *navn) er ikke tilladt: skriv værdien ud",
    ),
    (r"nested deeper than (\d+)", lambda m: f"indlejret dybere end {m.group(1)} niveauer"),
    (
        r"a quoted text starts here and is not closed",
        lambda m: (
            "en tekst i anførselstegn begynder her og slutter ikke på linjen: sæt det "
            "afsluttende anførselstegn"
        ),
    ),
    (r"the YAML tag '([^']*)'", lambda m: f"YAML-mærket '{m.group(1)}' er ikke tilladt"),
    (r"duplicate key '([^']*)'", lambda m: f"nøglen '{m.group(1)}' står to gange"),
    (r"key .* must be text|a key must be text", lambda m: "en nøgle skal være tekst"),
    (r"invalid value '([^']*)'", lambda m: f"værdien '{m.group(1)}' kan ikke læses"),
    (
        r"YAML syntax: found character '\\t'",
        lambda m: "tabulator i indrykningen: ryk ind med mellemrum",
    ),
    (
        r"YAML syntax: mapping values are not allowed",
        lambda m: "et kolon for meget: sæt teksten i anførselstegn, hvis den selv har ': '",
    ),
    (
        r"YAML syntax: could not find expected ':'",
        lambda m: "der mangler et kolon efter en nøgle",
    ),
    (
        r"YAML syntax: (expected <block end>|did not find expected)",
        lambda m: "indrykningen passer ikke med linjerne over: ryk ind med lige mange mellemrum",
    ),
    (
        r"raw HTML is not allowed in content text: ('.*')",
        lambda m: f"HTML er ikke tilladt i teksten: {m.group(1)}",
    ),
    (r"images are not allowed", lambda m: "billeder er ikke tilladt i teksten"),
    (
        r"link '(.*)': only https://",
        lambda m: f"linket '{m.group(1)}': kun https://-, http://- og mailto:-links er tilladt",
    ),
]


def file_message(message: str) -> str:
    """A loader or text-format message (English, for authors) in Danish for a trainer."""
    for pattern, danish in _FILE_MESSAGES:
        if m := re.match(pattern, message):
            return danish(m)
    return (
        "filen kan ikke læses her: tjek indrykningen (mellemrum, ikke tabulator), kolon efter "
        "hver nøgle og anførselstegn om tekst med : eller #"
    )
