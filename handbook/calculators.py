"""Ressourceberegner: the guide's capacity arithmetic (002, the tool Kapacitetsudnyttelse).

Conversations per year follow from the number of citizens and how often each is seen;
one årsværk (full-time equivalent) holds `per_day × days_per_week × weeks` conversations.
The same arithmetic runs in the browser (docs/javascripts/ressourceberegner.js); the tests
check both against the guide's worked example.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Conversations per citizen per year for each frequency the guide uses.
RETTIDIG = 4  # the legal minimum ("rettidighed"): every third month
GENERAL_FREQUENCIES = {"Rettidighed (hver 3. måned)": 4, "Hver anden måned": 6, "Hver måned": 12}
INTENSIVE_FREQUENCIES = {"To gange om måneden": 24, "Hver måned": 12, "Hver anden måned": 6}


@dataclass(frozen=True)
class Inputs:
    citizens: int  # Antal borgere
    days_per_week: int  # Antal dage med samtaler (pr. uge)
    weeks_per_fte: int  # Antal uger på et årsværk (typisk 43-44)
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
        Scenario(label, freq, 0, 0, round(inputs.citizens * freq))
        for label, freq in GENERAL_FREQUENCIES.items()
    ]


def intensified(inputs: Inputs) -> list[Scenario]:
    """A share seen more often; the rest at the legal minimum."""
    intensive_citizens = inputs.citizens * inputs.intensive_share
    timely = round((inputs.citizens - intensive_citizens) * RETTIDIG)
    rows = []
    for label, freq in INTENSIVE_FREQUENCIES.items():
        intensive = round(intensive_citizens * freq)
        rows.append(Scenario(label, freq, intensive, timely, intensive + timely))
    return rows


def capacity(inputs: Inputs, per_day: int, fte: float) -> int:
    """Conversations a year that `fte` årsværk hold at `per_day` conversations a day."""
    return round(per_day * inputs.days_per_week * inputs.weeks_per_fte * fte)


def capacity_table(inputs: Inputs, max_per_day: int = 8, max_fte: int = 9) -> list[list[int]]:
    """The guide's Årsværk table: rows = conversations per day, columns = årsværk."""
    return [
        [capacity(inputs, per_day, fte) for fte in range(1, max_fte + 1)]
        for per_day in range(1, max_per_day + 1)
    ]


def fte_needed(inputs: Inputs, conversations: int, per_day: int) -> float:
    """Årsværk needed for `conversations` a year at `per_day`, rounded up to one decimal."""
    per_fte = capacity(inputs, per_day, 1)
    if per_fte == 0:
        raise ValueError("no capacity: days per week, weeks and conversations per day must be > 0")
    return math.ceil(conversations / per_fte * 10) / 10


# The guide's worked example (002, Faneblad 1 – Ressourceberegner).
GUIDE_EXAMPLE = Inputs(citizens=330, days_per_week=3, weeks_per_fte=44, intensive_share=0.30)
