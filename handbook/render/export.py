"""JSON export of what the planner page (/planlaeg/) needs: modules → days → blocks, tools,
courses.

The export is an allowlist: explicit models with only the fields the page uses, built by
hand from the Handbook, never `model_dump()` of the content model. A field added to the
content model later is not published until someone adds it here. Course runs (cohort,
venue, trainers) are never part of it.

The file is written by the build next to the page (docs/planlaeg/planner-data.json) with
sorted keys and no whitespace, so it is byte-identical across builds of the same content.
Its JSON Schema is published as schemas/planner-data.schema.json.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..content import outputs
from ..content.book import Handbook
from ..content.model import (
    AREA_LABELS,
    AUDIENCE_LABELS,
    TOOL_KIND_LABELS,
    USE_LABELS,
    Block,
    Tool,
)
from ..content.pages import (
    course_page,
    day_page,
    module_page,
    page_address,
    tool_page,
)
from ..text import to_html
from .common import BLOCK_KIND_LABELS

SCHEMA_VERSION = 1

SCHEMA_NAME = "planner-data"  # schemas/planner-data.schema.json


class Export(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlannerBlockSource(Export):
    """The block's text fields as written in the content (the content text format), so the
    page can copy a block into a run file's `insert_*` change when it is moved or renamed."""

    description: str | None = None
    questions: list[str] = Field(default_factory=list)
    trainer_notes: str | None = None


class PlannerBlock(Export):
    key: str = Field(description="Stable block key (Day.block_keys()), used by run changes.")
    title: str = Field(description="Title as written in the content.")
    kind: str = Field(description="Block kind (a key of `block_kinds`).")
    minutes: int
    description: str = Field(description="HTML (the content text format); may be empty.")
    trainer_notes: str = Field(description="HTML for the trainer's run sheet; may be empty.")
    tools: list[str] = Field(description="Tool ids (keys of `tools`).")
    source: PlannerBlockSource


class PlannerDay(Export):
    id: str
    ref: str = Field(description="'<module-id>/<day-id>', as in a run file's `day`.")
    title: str
    page: str = Field(description="Address of the day's page, relative to the site root.")
    blocks: list[PlannerBlock]
    homework: list[str] = Field(
        default_factory=list, description="Titles of the homework handed out on the day."
    )


class PlannerModule(Export):
    id: str
    number: str
    title: str
    page: str
    days: list[PlannerDay]


class PlannerCourse(Export):
    id: str
    title: str
    page: str
    days: list[str] = Field(description="Day refs of the course's modules, in teaching order.")


class PlannerWorksheet(Export):
    title: str
    pdf: str = Field(description="The worksheet's PDF, relative to the site root.")


class PlannerTool(Export):
    id: str
    title: str
    label: str | None
    kind: str = Field(description="Tool kind (a key of `tool_kinds`).")
    tags: list[str] = Field(description="'area:…', 'audience:…' and 'use:…' (keys of `tags`).")
    parent: str | None = Field(description="Id of the model the tool is part of.")
    page: str
    worksheets: list[PlannerWorksheet] = Field(
        default_factory=list, description="The tool's worksheets (their PDFs are built)."
    )
    card_pdf: str = Field(
        description="Where the tool's own card PDF is published, relative to the site root "
        "(the page says so when the file is not there)."
    )


class PlannerLabel(Export):
    id: str
    label: str


class PlannerExport(Export):
    """Everything the planner page reads (docs/planlaeg/planner-data.json)."""

    schema_version: Literal[1]
    block_kinds: list[PlannerLabel] = Field(description="Block kinds in their usual order.")
    tool_kinds: list[PlannerLabel]
    tags: list[PlannerLabel] = Field(description="Tag filter choices in display order.")
    modules: list[PlannerModule]
    courses: list[PlannerCourse]
    tools: dict[str, PlannerTool]


def _html(text: str | None) -> str:
    return str(to_html(text)) if text else ""


def _block(key: str, block: Block) -> PlannerBlock:
    return PlannerBlock(
        key=key,
        title=block.title,
        kind=block.kind,
        minutes=block.minutes,
        description=_html(block.description),
        trainer_notes=_html(block.trainer_notes),
        tools=list(block.tools),
        source=PlannerBlockSource(
            description=block.description,
            questions=list(block.questions),
            trainer_notes=block.trainer_notes,
        ),
    )


# Where the build publishes one tool's card as its own PDF, under the site's pdf/ folder.
TOOL_CARD_PDF = "redskaber/{tool_id}.pdf"


def _tool(tool: Tool, sheets: dict[tuple[str, int], str]) -> PlannerTool:
    tags = [
        *(f"area:{a}" for a in tool.tags.area),
        *(f"audience:{a}" for a in tool.tags.audience),
        *(f"use:{u}" for u in tool.tags.use),
    ]
    return PlannerTool(
        id=tool.id or "",
        title=tool.title,
        label=tool.label,
        kind=tool.kind,
        tags=tags,
        parent=tool.part_of,
        page=page_address(tool_page(tool.id or "")),
        # The build's own file names (its PDF plan, outputs.py), so the page never guesses.
        worksheets=[
            PlannerWorksheet(title=sheet.title, pdf="pdf/" + sheets[(tool.id or "", i)])
            for i, sheet in enumerate(tool.worksheets)
        ],
        card_pdf="pdf/" + TOOL_CARD_PDF.format(tool_id=tool.id or ""),
    )


def planner_export(book: Handbook) -> PlannerExport:
    sheets = {
        (out.tool_id, out.worksheet_index): out.filename
        for out in outputs.plan(book)
        if out.kind == "worksheet" and out.tool_id
    }
    modules = []
    for module in book.modules.values():
        mid = module.id or ""
        homework = {h.id: h for h in module.homework}
        days = [
            PlannerDay(
                id=day.id,
                ref=f"{mid}/{day.id}",
                title=day.title,
                page=page_address(day_page(mid, day.id)),
                blocks=[_block(k, b) for k, b in zip(day.block_keys(), day.blocks, strict=True)],
                homework=[homework[h].title for h in day.homework_out if h in homework],
            )
            for day in module.days
        ]
        if days:
            modules.append(
                PlannerModule(
                    id=mid,
                    number=module.number,
                    title=module.title,
                    page=page_address(module_page(mid)),
                    days=days,
                )
            )
    courses = [
        PlannerCourse(
            id=course.id or "",
            title=course.title,
            page=page_address(course_page(course.id or "")),
            days=[f"{m}/{d.id}" for m in course.modules for d in book.modules[m].days],
        )
        for course in book.courses.values()
    ]
    tags = [
        *(PlannerLabel(id=f"area:{k}", label=v) for k, v in AREA_LABELS.items()),
        *(PlannerLabel(id=f"audience:{k}", label=v) for k, v in AUDIENCE_LABELS.items()),
        *(PlannerLabel(id=f"use:{k}", label=v) for k, v in USE_LABELS.items()),
    ]
    return PlannerExport(
        schema_version=SCHEMA_VERSION,
        block_kinds=[PlannerLabel(id=k, label=v) for k, v in BLOCK_KIND_LABELS.items()],
        tool_kinds=[PlannerLabel(id=k, label=v) for k, v in TOOL_KIND_LABELS.items()],
        tags=tags,
        modules=modules,
        courses=[c for c in courses if c.days],
        tools={tid: _tool(tool, sheets) for tid, tool in sorted(book.tools.items())},
    )


def planner_json(book: Handbook) -> str:
    """The export as stable, compact JSON text (sorted keys, no whitespace)."""
    data = planner_export(book).model_dump(mode="json")
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def schema() -> dict:
    """JSON Schema of the export (published in schemas/ by handbook/schemas.py)."""
    return PlannerExport.model_json_schema()
