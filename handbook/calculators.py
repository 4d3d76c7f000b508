"""Calculators shown on tool pages: the Ressourceberegner and the Fejlmatchberegner.

Ressourceberegner: the guide's capacity arithmetic (002, the tool Kapacitetsudnyttelse).

Conversations per year follow from the number of citizens and how often each is seen;
one årsværk (full-time equivalent) holds `per_day × days_per_week × weeks` conversations.
The same arithmetic runs in the browser (docs/javascripts/ressourceberegner.js); the tests
check both against the guide's worked example.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Conversations per citizen per year for each frequency the guide uses.
RETTIDIG = 4  # the legal minimum ("rettidighed"): every third month
GENERAL_FREQUENCIES = {"Rettidighed (hver 3. måned)": 4, "Hver anden måned": 6, "Hver måned": 12}
INTENSIVE_FREQUENCIES = {"To gange om måneden": 24, "Hver måned": 12, "Hver anden måned": 6}


def _round(x: float) -> int:
    """Half up, as the page's JavaScript (Math.round) and a spreadsheet round."""
    return math.floor(x + 0.5)


@dataclass(frozen=True)
class Inputs:
    citizens: int  # Antal borgere
    days_per_week: float  # Antal dage med samtaler (pr. uge)
    weeks_per_fte: float  # Antal uger på et årsværk (typisk 43-44)
    intensive_share: float  # Andel med behov for intensiveret indsats (0-1)

    def __post_init__(self) -> None:
        if self.citizens < 0 or self.days_per_week < 0 or self.weeks_per_fte < 0:
            raise ValueError("numbers must not be negative")
        if not 0 <= self.intensive_share <= 1:
            raise ValueError("intensive_share must be between 0 and 1")
        if self.days_per_week > 7:
            raise ValueError("a week has at most 7 days")


@dataclass(frozen=True)
class Scenario:
    label: str
    per_citizen: int
    intensive: int  # conversations with the intensive group
    timely: int  # conversations with the rest, at the legal minimum
    total: int


def general(inputs: Inputs) -> list[Scenario]:
    """The whole group seen at one frequency."""
    return [
        Scenario(label, freq, 0, 0, _round(inputs.citizens * freq))
        for label, freq in GENERAL_FREQUENCIES.items()
    ]


def intensified(inputs: Inputs) -> list[Scenario]:
    """A share seen more often; the rest at the legal minimum."""
    intensive_citizens = inputs.citizens * inputs.intensive_share
    timely = _round((inputs.citizens - intensive_citizens) * RETTIDIG)
    rows = []
    for label, freq in INTENSIVE_FREQUENCIES.items():
        intensive = _round(intensive_citizens * freq)
        rows.append(Scenario(label, freq, intensive, timely, intensive + timely))
    return rows


def capacity(inputs: Inputs, per_day: int, fte: float) -> int:
    """Conversations a year that `fte` årsværk hold at `per_day` conversations a day."""
    return _round(per_day * inputs.days_per_week * inputs.weeks_per_fte * fte)


def capacity_table(inputs: Inputs, max_per_day: int = 8, max_fte: int = 9) -> list[list[int]]:
    """The guide's Årsværk table: rows = conversations per day, columns = årsværk."""
    return [
        [capacity(inputs, per_day, fte) for fte in range(1, max_fte + 1)]
        for per_day in range(1, max_per_day + 1)
    ]


def fte_needed(inputs: Inputs, conversations: int, per_day: int) -> float:
    """Årsværk needed for `conversations` a year at `per_day`, rounded up to one decimal."""
    per_fte = per_day * inputs.days_per_week * inputs.weeks_per_fte  # not rounded: exact
    if per_fte <= 0:
        raise ValueError("no capacity: days per week, weeks and conversations per day must be > 0")
    return math.ceil(conversations / per_fte * 10) / 10


# The guide's worked example (002, Faneblad 1 – Ressourceberegner).
GUIDE_EXAMPLE = Inputs(citizens=330, days_per_week=3, weeks_per_fte=44, intensive_share=0.30)


# --- Fejlmatchberegner ------------------------------------------------------------------
# What failed matches cost, on the user's own figures. The source (000, Modul 3) shows a
# worked example without figures, so nothing here is a fact: there are no default values.
# The page script docs/javascripts/fejlmatchberegner.js reads the fields' bounds from the
# form this module describes and repeats the arithmetic; the tests compare the two.


@dataclass(frozen=True)
class CalcField:
    name: str
    label: str
    help: str
    minimum: float = 0
    maximum: float = 1_000_000
    integer: bool = False
    required: bool = True
    default: float | None = None  # the value the form starts with (None: empty)
    positive: bool = False  # must be greater than the minimum, not equal to it


# Field names become named properties of the <form>: none may shadow a DOM property such
# as `matches`, `action` or `elements` (tests/test_fejlmatch.py checks this).
FEJLMATCH_FIELDS: tuple[CalcField, ...] = (
    CalcField(
        "match_count",
        "Antal match om året",
        "Hvor mange borgere I formidler til job eller praktik om året. Skriv et helt tal.",
        maximum=100_000,
        integer=True,
    ),
    CalcField(
        "fail_pct",
        "Andel fejlmatch (%)",
        "Hvor mange procent af matchene der ikke holder, fx fordi jobbet eller praktikken "
        "stopper før tid. Mellem 0 og 100.",
        maximum=100,
    ),
    CalcField(
        "hours_per_match",
        "Jeres timer pr. match",
        "Konsulenttimer til afdækning, udsøgning, formidling og opfølgning på ét match.",
        maximum=1_000,
    ),
    CalcField(
        "extra_hours",
        "Ekstra timer pr. fejlmatch",
        "Den ekstra tid, et fejlmatch koster jer: opfølgning, ny udsøgning og ny formidling.",
        maximum=1_000,
    ),
    CalcField(
        "hour_cost",
        "Jeres pris pr. konsulenttime (kr.)",
        "Hvad en konsulenttime koster jer med løn og andre udgifter. Brug jeres eget tal.",
        maximum=100_000,
    ),
    CalcField(
        "company_hours",
        "Virksomhedens timer pr. fejlmatch",
        "Kan udelades. Virksomhedens tid til fx samtaler, oplæring og administration, der går "
        "tabt, når et match ikke holder.",
        maximum=10_000,
        required=False,
    ),
    CalcField(
        "company_hour_cost",
        "Virksomhedens pris pr. time (kr.)",
        "Kan udelades. Et skøn over, hvad en time koster virksomheden.",
        maximum=100_000,
        required=False,
    ),
    CalcField(
        "target_pct",
        "Mål for andel fejlmatch (%)",
        "Kan udelades. Den andel, I vil ned på; beregneren viser, hvad I sparer. Skal være "
        "lavere end den nuværende andel.",
        maximum=100,
        required=False,
    ),
)

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_decimal(text: str) -> float | None:
    """A number as a Danish user types it: '12,5', '1.500', '1.500,5', '12.5', ' 7 '.

    Comma is the decimal sign; dots are thousands separators when they group digits in
    threes, otherwise a single dot is read as a decimal point. None for anything else.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if s.startswith("-"):
        sign, s = -1.0, s[1:]
    else:
        sign = 1.0
    if not s:
        return None
    if "," in s:
        whole, _, frac = s.partition(",")
        if "," in frac or not frac.isdigit() or not whole:
            return None
        if "." in whole:
            if not _GROUPED.match(whole):
                return None
            whole = whole.replace(".", "")
        if not whole.isdigit():
            return None
        return sign * float(f"{whole}.{frac}")
    if _GROUPED.match(s):
        return sign * float(s.replace(".", ""))
    whole, dot, frac = s.partition(".")
    if not whole.isdigit() or (dot and not frac.isdigit()):
        return None
    return sign * float(s)


def _fmt_bound(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".") if x == int(x) else str(x).replace(".", ",")


def validate_fejlmatch(raw: dict[str, str]) -> tuple[dict[str, float | None], dict[str, str]]:
    """Parse the form's texts. Returns the values (None = left empty) and one Danish
    message per field that is wrong."""
    values: dict[str, float | None] = {}
    errors: dict[str, str] = {}
    for f in FEJLMATCH_FIELDS:
        text = raw.get(f.name, "").strip()
        if not text:
            values[f.name] = None
            if f.required:
                errors[f.name] = "Udfyld feltet."
            continue
        n = parse_decimal(text)
        values[f.name] = n
        if n is None:
            errors[f.name] = "Skriv et tal, fx 12,5."
        elif f.integer and n != int(n):
            errors[f.name] = "Skriv et helt tal."
        elif n < f.minimum or n > f.maximum:
            errors[f.name] = (
                f"Skriv et tal mellem {_fmt_bound(f.minimum)} og {_fmt_bound(f.maximum)}."
            )
    pair = ("company_hours", "company_hour_cost")
    given = [name for name in pair if raw.get(name, "").strip()]
    if len(given) == 1:
        missing = pair[1] if given[0] == pair[0] else pair[0]
        errors[missing] = "Udfyld også dette felt, eller lad begge virksomhedsfelter stå tomme."
    target, fail = values.get("target_pct"), values.get("fail_pct")
    comparable = not {"target_pct", "fail_pct"} & errors.keys()
    if comparable and target is not None and fail is not None and target >= fail:
        errors["target_pct"] = "Målet skal være lavere end den nuværende andel fejlmatch."
    return values, errors


@dataclass(frozen=True)
class FejlmatchResult:
    failed: float  # failed matches a year
    own_hours: float  # your hours spent on them
    own_cost: float  # kr.
    company_cost: float | None  # kr.; None when the company's figures are left out
    total: float  # kr.
    per_failed: float  # kr. per failed match
    saving: float | None  # kr. a year at the target share; None without a target


def fejlmatch(values: dict[str, float | None]) -> FejlmatchResult:
    """The cost of failed matches. `values` must have passed validate_fejlmatch."""
    v = values
    failed = v["match_count"] * v["fail_pct"] / 100
    hours_each = v["hours_per_match"] + v["extra_hours"]
    own_each = hours_each * v["hour_cost"]
    company_each = None
    if v.get("company_hours") is not None and v.get("company_hour_cost") is not None:
        company_each = v["company_hours"] * v["company_hour_cost"]
    per_failed = own_each + (company_each or 0)
    saving = None
    if v.get("target_pct") is not None:
        saving = (failed - v["match_count"] * v["target_pct"] / 100) * per_failed
    return FejlmatchResult(
        failed=failed,
        own_hours=failed * hours_each,
        own_cost=failed * own_each,
        company_cost=None if company_each is None else failed * company_each,
        total=failed * per_failed,
        per_failed=per_failed,
        saving=saving,
    )


# --- the page's form --------------------------------------------------------------------
# The fields the reader can change, in form order. The page renders its inputs, help texts
# and limits from this list, and ressourceberegner.js reads the limits from the page, so a
# field's rules live here only.

DEFAULT_PER_DAY = 5


FIELDS: tuple[CalcField, ...] = (
    CalcField(
        "citizens",
        "Antal borgere",
        "Hvor mange borgere teamet har i målgruppen lige nu. Et helt tal.",
        default=GUIDE_EXAMPLE.citizens,
        integer=True,
    ),
    CalcField(
        "days_per_week",
        "Dage med samtaler pr. uge",
        "De dage om ugen, hvor medarbejderne holder samtaler (højst 7). Resten af ugen går "
        "til telefon, mails, administration og virksomhedsarbejde.",
        default=GUIDE_EXAMPLE.days_per_week,
        maximum=7,
        positive=True,
    ),
    CalcField(
        "weeks_per_fte",
        "Uger pr. årsværk",
        "Uger om året, hvor et årsværk holder samtaler, når ferie, interne møder og "
        "kurser er trukket fra – typisk 43-44 (højst 52).",
        default=GUIDE_EXAMPLE.weeks_per_fte,
        maximum=52,
        positive=True,
    ),
    CalcField(
        "intensive_pct",
        "Andel med intensiveret indsats (%)",
        "Den del af borgerne, der skal ses oftere end rettidigt, i procent fra 0 til 100, "
        "fx 12,5. Resten ses rettidigt, fire gange om året.",
        default=round(GUIDE_EXAMPLE.intensive_share * 100, 2),
        maximum=100,
    ),
    CalcField(
        "per_day",
        "Samtaler pr. dag pr. medarbejder",
        "Hvor mange samtaler én medarbejder holder på en samtaledag. Bruges til at regne "
        "årsværk ud i de to første tabeller (højst 20).",
        default=DEFAULT_PER_DAY,
        maximum=20,
        positive=True,
    ),
)


def parse_number(text: str) -> float:
    """A number as a Danish reader types it ("12,5", "1.000", "12.5"; see parse_decimal),
    or ValueError with the message the Ressourceberegner shows next to the field."""
    if not text.strip():
        raise ValueError("Skriv et tal.")
    value = parse_decimal(text)
    if value is None:
        raise ValueError("Skriv et tal, fx 12 eller 12,5.")
    return value


def danish_number(value: float) -> str:
    """12.5 → "12,5"; 1000 → "1.000"."""
    whole, _, decimals = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{decimals}" if decimals else whole


def check_field(field: CalcField, text: str) -> float:
    """The value of one form field, or ValueError with the message the page shows."""
    value = parse_number(text)
    if field.integer and value != int(value):
        raise ValueError("Skriv et helt tal.")
    if value < field.minimum or (field.positive and value == field.minimum):
        more = "større end" if field.positive else "mindst"
        raise ValueError(f"Skal være {more} {danish_number(field.minimum)}.")
    if value > field.maximum:
        raise ValueError(f"Må højst være {danish_number(field.maximum)}.")
    return value


_COUNT_WORDS = {1: "ét", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "syv", 8: "otte"}


def count_word(n: int) -> str:
    """Small counts as Danish words, as running text writes them: 5 → "fem"."""
    return _COUNT_WORDS.get(n, str(n))
