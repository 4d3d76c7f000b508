"""The run sheet's checklist for the day before a course day: what to print, how many
copies, and how to set up the room. A content decision (which materials a day needs
follows from its blocks, tools and homework), so it lives with the model, not in print."""

from __future__ import annotations

from .book import Handbook
from .model import Run
from .plan import RunDayView
from .timeplan import clock


def _copies(run: Run) -> str:
    return f"{run.cohort.size} kopier" if run.cohort.size else "én kopi pr. deltager"


def day_checklist(
    book: Handbook, run: Run, view: RunDayView, pack_file: str
) -> tuple[list[str], list[str]]:
    """What to print (and how many copies) and how to set up the room, the day before."""
    copies = _copies(run)
    prints: list[str] = []
    if view.number == 1:
        prints.append(f"Deltagermappen ({pack_file}): {copies}, hvis den ikke er sendt ud.")
    seen: set[str] = set()
    for block in view.day.blocks:
        for tid in block.tools:
            tool = book.tools[tid]
            if tid in seen:
                continue
            seen.add(tid)
            for sheet in tool.worksheets:
                prints.append(f"Skemaet «{sheet.title}» ({tool.title}): {copies}.")
    for item in view.homework_out:
        prints.append(
            f"Hjemmeopgaven «{item.homework.title}» (står i deltagermappen): {copies} "
            "til dem, der ikke har mappen med."
        )
    if not prints:
        prints.append("Intet ud over deltagermappen.")

    kinds = {b.kind for b in view.day.blocks}
    venue = run.venue.name + (f", {run.venue.address}" if run.venue.address else "")
    end = view.end if view.end is not None else view.finish
    room = [
        f"Lokale: {venue}, booket {clock(view.start)}–{clock(end)}. Mød ind kl. "
        f"{clock(max(view.start - 30, 0))} og gør klar."
    ]
    if view.number == 1:
        size = f" ({run.cohort.size} deltagere)" if run.cohort.size else ""
        room.append(f"Navneskilte og deltagerliste{size}.")
    if kinds & {"oplæg", "velkomst"}:
        room.append("Projektor og lærred, testet med din computer og dine slides.")
    if kinds & {"øvelse", "rollespil", "case"}:
        pairs = f" ({run.cohort.size // 2} par)" if run.cohort.size else ""
        room.append(f"Borde og stole, så deltagerne kan arbejde i par og små grupper{pairs}.")
    if kinds & {"drøftelse", "opsamling", "evaluering"}:
        room.append("Flipover og tusser til drøftelser og opsamling.")
    breaks = [start for start, _, b in view.schedule if b.kind == "pause"]
    lunch = [start for start, _, b in view.schedule if b.kind == "frokost"]
    if breaks or lunch:
        food = []
        if breaks:
            food.append("kaffe, te og vand til pauserne kl. " + " og ".join(breaks))
        if lunch:
            food.append("frokost kl. " + " og ".join(lunch))
        room.append("Forplejning bestilt: " + "; ".join(food) + ".")
    if "evaluering" in kinds:
        room.append("Evalueringsskemaet eller linket til evalueringen klar.")
    for item in view.homework_followup:
        room.append(
            f"Mind holdet om at tage hjemmeopgaven «{item.homework.title}» med "
            f"(udleveret kursusdag {item.given})."
        )
    return prints, room
