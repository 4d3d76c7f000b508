"""Ressourceberegner: the guide's capacity arithmetic (002, the tool Kapacitetsudnyttelse).

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


# --- the page's form --------------------------------------------------------------------
# The fields the reader can change, in form order. The page renders its inputs, help texts
# and limits from this list, and ressourceberegner.js reads the limits from the page, so a
# field's rules live here only.

DEFAULT_PER_DAY = 5


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    help: str
    default: float
    minimum: float = 0
    maximum: float | None = None
    whole: bool = False  # only whole numbers
    positive: bool = False  # must be greater than the minimum, not equal to it


FIELDS: tuple[Field, ...] = (
    Field(
        "citizens",
        "Antal borgere",
        "Hvor mange borgere teamet har i målgruppen lige nu. Et helt tal.",
        GUIDE_EXAMPLE.citizens,
        whole=True,
    ),
    Field(
        "days_per_week",
        "Dage med samtaler pr. uge",
        "De dage om ugen, hvor medarbejderne holder samtaler (højst 7). Resten af ugen går "
        "til telefon, mails, administration og virksomhedsarbejde.",
        GUIDE_EXAMPLE.days_per_week,
        maximum=7,
        positive=True,
    ),
    Field(
        "weeks_per_fte",
        "Uger pr. årsværk",
        "Uger om året, hvor et årsværk holder samtaler, når ferie, interne møder og "
        "kurser er trukket fra – typisk 43-44 (højst 52).",
        GUIDE_EXAMPLE.weeks_per_fte,
        maximum=52,
        positive=True,
    ),
    Field(
        "intensive_pct",
        "Andel med intensiveret indsats (%)",
        "Den del af borgerne, der skal ses oftere end rettidigt, i procent fra 0 til 100, "
        "fx 12,5. Resten ses rettidigt, fire gange om året.",
        round(GUIDE_EXAMPLE.intensive_share * 100, 2),
        maximum=100,
    ),
    Field(
        "per_day",
        "Samtaler pr. dag pr. medarbejder",
        "Hvor mange samtaler én medarbejder holder på en samtaledag. Bruges til at regne "
        "årsværk ud i de to første tabeller (højst 20).",
        DEFAULT_PER_DAY,
        maximum=20,
        positive=True,
    ),
)

_THOUSANDS = re.compile(r"[1-9]\d{0,2}(\.\d{3})+")


def parse_number(text: str) -> float:
    """A number as a Danish reader types it: "12,5", "1.000", "1.000,5", "1 000"; "12.5" too.

    A comma is the decimal mark; dots are thousands separators when a comma is present or
    they group digits in threes ("1.000"); otherwise a single dot is a decimal point.
    Raises ValueError with a message for the reader.
    """
    s = re.sub(r"[\s\u00a0\u202f]", "", text).replace("\u2212", "-")
    if not s:
        raise ValueError("Skriv et tal.")
    if "," in s:
        s = s.replace(".", "").replace(",", ".", 1)
    elif _THOUSANDS.fullmatch(s.lstrip("-")):
        s = s.replace(".", "")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", s):
        raise ValueError("Skriv et tal, fx 12 eller 12,5.")
    return float(s)


def danish_number(value: float) -> str:
    """12.5 → "12,5"; 1000 → "1.000"."""
    whole, _, decimals = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{decimals}" if decimals else whole


def check_field(field: Field, text: str) -> float:
    """The value of one form field, or ValueError with the message the page shows."""
    value = parse_number(text)
    if field.whole and value != int(value):
        raise ValueError("Skriv et helt tal.")
    if value < field.minimum or (field.positive and value == field.minimum):
        more = "større end" if field.positive else "mindst"
        raise ValueError(f"Skal være {more} {danish_number(field.minimum)}.")
    if field.maximum is not None and value > field.maximum:
        raise ValueError(f"Må højst være {danish_number(field.maximum)}.")
    return value


_COUNT_WORDS = {1: "ét", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "syv", 8: "otte"}


def count_word(n: int) -> str:
    """Small counts as Danish words, as running text writes them: 5 → "fem"."""
    return _COUNT_WORDS.get(n, str(n))
