"""The one content model: every YAML file in content/ is validated into these types.

Keys are English, text is Danish. Text fields accept inline Markdown (bold, italics,
links). The same objects feed the site renderer (Markdown) and the print renderer (HTML).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from ..text import slugify

# --- vocabularies ----------------------------------------------------------------------

Audience = Literal[
    "sagsbehandler",
    "jobkonsulent",
    "virksomhedskonsulent",
    "a-kasse",
    "leder",
    "fagkonsulent",
    "borger",
]
Area = Literal[
    "samtalen",
    "virksomhedskontakt",
    "samarbejde",
    "jobsoegning",
    "organisering",
    "implementering",
    "supervision",
]
Use = Literal["drift", "styring"]

AUDIENCE_LABELS: dict[str, str] = {
    "sagsbehandler": "Sagsbehandlere",
    "jobkonsulent": "Jobkonsulenter",
    "virksomhedskonsulent": "Virksomhedskonsulenter",
    "a-kasse": "A-kasser",
    "leder": "Ledere",
    "fagkonsulent": "Fagkonsulenter",
    "borger": "Borgeren selv",
}
AREA_LABELS: dict[str, str] = {
    "samtalen": "Samtalen",
    "virksomhedskontakt": "Virksomhedskontakten",
    "samarbejde": "Samarbejde jobcenter og a-kasse",
    "jobsoegning": "Jobsøgning",
    "organisering": "Organisering",
    "implementering": "Implementering",
    "supervision": "Supervision og sparring",
}
USE_LABELS: dict[str, str] = {"drift": "Drift", "styring": "Styring"}
LABELS_BY_KIND: dict[str, dict[str, str]] = {
    "audience": AUDIENCE_LABELS,
    "area": AREA_LABELS,
    "use": USE_LABELS,
}

ModuleType = Literal["kompetenceudvikling", "forankring", "implementering", "leder", "analyse"]
MODULE_TYPE_LABELS: dict[str, str] = {
    "kompetenceudvikling": "Kompetenceudvikling",
    "forankring": "Forankring",
    "implementering": "Implementering",
    "leder": "Lederforløb",
    "analyse": "Analyse",
}

BlockKind = Literal[
    "velkomst",
    "oplæg",
    "øvelse",
    "drøftelse",
    "case",
    "rollespil",
    "opsamling",
    "evaluering",
    "pause",
    "frokost",
]

ToolKind = Literal["model", "redskab", "teknik", "skema", "borgermateriale"]
TOOL_KIND_LABELS: dict[str, str] = {
    "model": "Model",
    "redskab": "Redskab",
    "teknik": "Teknik",
    "skema": "Skema",
    "borgermateriale": "Materiale til borgeren",
}

ArticleKind = Literal["oversigt", "definition", "organisering", "case"]
ARTICLE_KIND_LABELS: dict[str, str] = {
    "oversigt": "Oversigt",
    "definition": "Definitioner",
    "organisering": "Organiseringsmodeller",
    "case": "Cases fra kommuner",
}

SourceDoc = Literal["000", "001", "002", "003", "004"]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
LineRange = Annotated[str, StringConstraints(pattern=r"^\d+(-\d+)?$")]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a key must not silently drop content."""

    # strict: `minutes: true` or `minutes: "30"` is an error, not 1 or 30.
    model_config = ConfigDict(extra="forbid", frozen=False, strict=True)


# --- shared parts ------------------------------------------------------------------------


class SourceRef(Strict):
    doc: SourceDoc = Field(description="Source document number, e.g. '001'.")
    lines: LineRange = Field(description="Line or line range in the source, e.g. '568-601'.")


class Provenance(Strict):
    """Where the text rests: on source documents, or on general professional practice.

    Readers see one statement made from these fields, the same on the site and in print
    (handbook.render.common.provenance_statement): what rests on which source, and what is
    the handbook's own suggestion.
    """

    sources: list[SourceRef] = Field(default_factory=list)
    practice_based: bool = Field(
        default=False,
        description="True when the sources only name the item and its content is the "
        "handbook's own, written from general professional practice.",
    )
    own_parts: list[Text] = Field(
        default_factory=list,
        description="In an item built on the sources: the parts that are the handbook's own "
        "suggestion, as readers should see them named, e.g. 'spørgsmålene', 'skemaet'.",
    )
    notes: str | None = Field(
        default=None,
        description="Editorial notes: merges, contradictions between sources, choices made.",
    )

    @model_validator(mode="after")
    def _has_basis(self) -> Provenance:
        if not self.sources and not self.practice_based:
            raise ValueError("give 'sources' or set 'practice_based: true'")
        if self.practice_based and self.own_parts:
            raise ValueError(
                "'own_parts' names the handbook's own parts of an item built on the sources; "
                "with 'practice_based: true' all of it is the handbook's own: give one of them"
            )
        return self


def _version_text(value: Any) -> Any:
    """YAML reads an unquoted 2026.4 as a number (and 2026.10 as 2026.1): say how to write it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f'write the version in quotes, e.g. "{value}"')
    return value


def _date_text(value: Any) -> Any:
    """Only a date or ISO date text: lax pydantic would read a number as a Unix timestamp."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise ValueError("write the date as YYYY-MM-DD, e.g. 2027-03-03")
    return value


# A release version: year and number of the release that year, e.g. "2026.4".
ReleaseVersion = Annotated[
    str,
    BeforeValidator(_version_text),
    StringConstraints(pattern=r"^\d{4}\.[1-9]\d*$"),
    Field(description='Release version "YYYY.N" in quotes, e.g. "2026.4".'),
]


class ChangeNote(Strict):
    """One entry of an item's `changes:` (newest first): what changed, for the reader."""

    date: Annotated[dt.date, BeforeValidator(_date_text), Field(strict=False)]
    version: ReleaseVersion
    note: Text = Field(description="A short Danish note of what changed for the reader.")


def _newest_first(notes: list[ChangeNote]) -> list[ChangeNote]:
    for i in range(1, len(notes)):
        if notes[i].date > notes[i - 1].date:
            raise ValueError("'changes' are listed newest first: put the newest note on top")
    return notes


ChangeNotes = Annotated[
    list[ChangeNote],
    AfterValidator(_newest_first),
    Field(
        default_factory=list,
        description="Change notes, newest first: {date, version, note} per substantive edit.",
    ),
]


class Step(Strict):
    title: str | None = None
    text: Text


class QuestionGroup(Strict):
    heading: Text
    questions: list[Text] = Field(min_length=1)


class Execution(Strict):
    intro: str | None = None
    steps: list[Step] = Field(default_factory=list)
    question_groups: list[QuestionGroup] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> Execution:
        if not (self.intro or self.steps or self.question_groups):
            raise ValueError("give at least one of 'intro', 'steps', 'question_groups'")
        return self


# checkbox: tick any number of options; choice: exactly one option (radio buttons in the
# fillable PDF); scale: one point on a scale.
# A worksheet records what its task needs about a person, never these: age, gender, ethnic
# origin, nationality, religion, sexual orientation (special categories and grounds of
# discrimination). Group-level risk factors belong in a card's text, not on a form.
PROTECTED_TRAITS = re.compile(
    r"\balder\b|\b(over|under)\s+\d+\s*år\b|\bfødsels(dato|år)\b|\bkøn\b|etnisk|herkomst|"
    r"nationalitet|statsborgerskab|oprindelsesland|religi|trosretning|hudfarve|seksuel",
    re.IGNORECASE,
)

# Nor does it ask about a person's health (a special category of personal data): a form
# asks what the task needs ("which jobs are possible now"), never why. Checked in what a
# field asks (label and options); its `help` may name health, to say what not to write.
HEALTH = re.compile(
    r"helbred|sygdom|\bsyg(e)?\b|sygemeld|diagnos|handicap|funktionsnedsæt|psykisk|"
    r"psykiatri|misbrug|alkohol|medicin|lægeerklær|lægelig|gravid|personlige\s+forhold",
    re.IGNORECASE,
)

FieldKind = Literal["text", "lines", "checkbox", "choice", "scale", "date", "number"]


class WorksheetField(Strict):
    label: Text
    kind: FieldKind = "lines"
    lines: int = Field(default=3, ge=1, le=30, description="Write-in lines for 'lines'.")
    options: list[Text] = Field(
        default_factory=list,
        description="Choices for 'checkbox' (any number), 'choice' (exactly one) and 'scale'.",
    )
    help: str | None = None

    @model_validator(mode="after")
    def _options(self) -> WorksheetField:
        if self.kind in ("checkbox", "choice", "scale") and not self.options:
            raise ValueError(f"a '{self.kind}' field needs 'options'")
        if re.search(r"\bcpr\b", self.label, re.IGNORECASE):
            raise ValueError("worksheets must not collect CPR numbers")
        for text in (self.label, self.help or "", *self.options):
            if found := PROTECTED_TRAITS.search(text):
                raise ValueError(
                    f"worksheets must not record age, gender, ethnic origin, nationality or "
                    f"religion ('{found.group(0)}' in '{text}'); group-level risk factors "
                    "belong in the card's text"
                )
        for text in (self.label, *self.options):
            if found := HEALTH.search(text):
                raise ValueError(
                    f"worksheets must not ask about health ('{found.group(0)}' in '{text}'); "
                    "ask only what the task needs and say in 'help' what not to write "
                    "(no diagnoses or health details)"
                )
        return self


class WorksheetSection(Strict):
    heading: Text
    intro: str | None = None
    fields: list[WorksheetField] = Field(min_length=1)


class Worksheet(Strict):
    """A printable form: named fields laid out to be filled in by hand or in a PDF viewer."""

    title: Text
    intro: str | None = None
    sections: list[WorksheetSection] = Field(min_length=1)


# --- tool card ---------------------------------------------------------------------------


class Tags(Strict):
    audience: list[Audience] = Field(default_factory=list)
    area: list[Area] = Field(min_length=1)
    use: list[Use] = Field(default_factory=list)


class Card(Strict):
    """Short forms for the A6 card deck (handbook/render/cards.py), for a card whose own text
    does not fit a face of the card; `check` says which field needs one."""

    summary: Text | None = Field(
        default=None, description="What it is, short (front). Default: the tool's summary."
    )
    value: list[Text] | None = Field(
        default=None, description="What it brings, short (front). Default: the tool's value."
    )
    steps: list[Text] | None = Field(
        default=None,
        description="How, short (back). Default: the step titles (or the first questions).",
    )
    duration: Text | None = Field(default=None, description="E.g. '20-30 minutter'.")
    group_size: Text | None = Field(default=None, description="E.g. 'To og to' or '4-6 personer'.")


class Tool(Strict):
    """A tool card (content/tools/<id>.yml): definition, value, execution."""

    id: Id | None = Field(default=None, description="Defaults to the file name.")
    title: Text
    kind: ToolKind = "redskab"
    summary: Text = Field(description="One or two sentences for lists and search results.")
    part_of: Id | None = Field(
        default=None, description="Id of the model or tool this one belongs to."
    )
    order: int = Field(default=0, description="Position among the siblings in its model.")
    label: str | None = Field(
        default=None, description="Short marker shown before the title, e.g. 'A' or '1'."
    )
    tags: Tags
    keywords: list[Text] = Field(
        default_factory=list,
        description="Everyday words, synonyms, other spellings and the parts of compound words "
        "a reader may search for ('virksomhedsbesøg', 'besøg'); shown on the page as "
        "'Søgeord' and weighted like a heading by the site search.",
    )
    definition: Text
    value: list[Text] = Field(min_length=1)
    execution: Execution
    implementation: list[Text] = Field(default_factory=list)
    experiences: list[Text] = Field(
        default_factory=list, description="Practitioners' experiences, summarised."
    )
    worksheets: list[Worksheet] = Field(default_factory=list)
    calculator: Literal["ressourceberegner", "fejlmatchberegner"] | None = Field(
        default=None, description="Interactive calculator shown on the tool's page."
    )
    related: list[Id] = Field(default_factory=list)
    card: Card | None = Field(
        default=None, description="Short forms for the A6 card deck, where the card needs them."
    )
    provenance: Provenance
    changes: ChangeNotes


# --- homework, days, modules, courses ----------------------------------------------------


class Homework(Strict):
    id: Id
    title: Text
    purpose: Text
    steps: list[Text] = Field(min_length=1)
    reflection_questions: list[Text] = Field(min_length=1)
    tools: list[Id] = Field(default_factory=list)
    followed_up_in: Id | None = Field(
        default=None,
        description="Day id (in this module) whose opening follows the homework up.",
    )
    followup_note: str | None = Field(
        default=None, description="Where follow-up happens when it is not a day here."
    )


MAX_DAY_MINUTES = 12 * 60


class Block(Strict):
    id: Id | None = Field(
        default=None,
        description="Stable key for course runs that change this block; defaults to the "
        "slug of the title ('Frokost' → 'frokost'; a repeated title gets '-2', '-3').",
    )
    title: Text
    kind: BlockKind
    minutes: int = Field(gt=0, le=480)
    description: str | None = None
    questions: list[Text] = Field(default_factory=list, description="Discussion questions.")
    tools: list[Id] = Field(default_factory=list)
    trainer_notes: str | None = Field(
        default=None, description="For the trainer only; never printed for participants."
    )


class Day(Strict):
    id: Id
    title: Text
    purpose: Text
    blocks: list[Block] = Field(min_length=1)
    homework_out: list[Id] = Field(default_factory=list)
    homework_followup: list[Id] = Field(default_factory=list)
    trainer_notes: str | None = None
    notes: str | None = None
    changes: ChangeNotes

    @model_validator(mode="after")
    def _fits_a_day(self) -> Day:
        total = sum(b.minutes for b in self.blocks)
        if total > MAX_DAY_MINUTES:
            raise ValueError(
                f"the blocks add up to {total} minutes; a teaching day can hold at most "
                f"{MAX_DAY_MINUTES // 60} hours ({MAX_DAY_MINUTES} minutes)"
            )
        return self

    def block_keys(self) -> list[str]:
        """The stable key of each block, in order (see Block.id)."""
        return block_keys(self.blocks)


def block_keys(blocks: list[Block]) -> list[str]:
    keys: list[str] = []
    for block in blocks:
        base = block.id or slugify(block.title)
        key, n = base, 1
        while key in keys:
            n += 1
            key = f"{base}-{n}"
        keys.append(key)
    return keys


class Activity(Strict):
    """A part of a module that is not a teaching day: a meeting, a phase, a session type."""

    title: Text
    when: str | None = None
    description: Text
    steps: list[Step] = Field(default_factory=list)
    questions: list[Text] = Field(default_factory=list)
    tools: list[Id] = Field(default_factory=list)
    trainer_notes: str | None = None


class Module(Strict):
    id: Id | None = None
    number: str = Field(description="Shown number, e.g. '2' (a string so 'A' works).")
    title: Text
    type: ModuleType
    audience: list[Audience] = Field(min_length=1)
    format: Text = Field(description="Extent, e.g. '3 undervisningsdage'.")
    purpose: Text
    background: str | None = None
    learning_goals: list[Text] = Field(min_length=1)
    days: list[Day] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    homework: list[Homework] = Field(default_factory=list)
    tools: list[Id] = Field(default_factory=list, description="Tools beyond those in days.")
    provenance: Provenance
    changes: ChangeNotes

    @model_validator(mode="after")
    def _has_content(self) -> Module:
        if not self.days and not self.activities:
            raise ValueError("a module needs 'days' or 'activities'")
        return self


class Course(Strict):
    id: Id | None = None
    title: Text
    subtitle: str | None = None
    year: int | None = None
    audience: list[Audience] = Field(min_length=1)
    purpose: Text
    description: str | None = None
    goals: list[Text] = Field(default_factory=list)
    methods: list[Text] = Field(default_factory=list, description="Teaching formats.")
    modules: list[Id] = Field(min_length=1)
    provenance: Provenance


# --- glossary, guide articles, cookbook, packs -----------------------------------------


class Term(Strict):
    term: Text
    abbreviation_of: str | None = None
    definition: Text
    see_also: list[Id] = Field(default_factory=list, description="Tool ids.")


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)


class Section(Strict):
    heading: Text
    text: str | None = None
    items: list[Text] = Field(default_factory=list)


class Article(Strict):
    """A guide page (content/guide/<id>.yml): definitions, organisation models, cases."""

    id: Id | None = None
    title: Text
    kind: ArticleKind
    order: int = 0
    summary: Text
    sections: list[Section] = Field(default_factory=list)
    strengths: list[Text] = Field(default_factory=list)
    weaknesses: list[Text] = Field(default_factory=list)
    tools: list[Id] = Field(default_factory=list)
    related: list[Id] = Field(default_factory=list, description="Other article ids.")
    provenance: Provenance
    changes: ChangeNotes


class Chapter(Strict):
    """A chapter of the leaders' implementation cookbook (content/cookbook/<id>.yml)."""

    id: Id | None = None
    order: int
    title: Text
    summary: Text
    why: Text
    decisions: list[Text] = Field(min_length=1, description="What leaders must decide.")
    steps: list[Step] = Field(min_length=1)
    checklist: list[Text] = Field(min_length=1)
    pitfalls: list[Text] = Field(min_length=1)
    sections: list[Section] = Field(default_factory=list)
    worksheets: list[Worksheet] = Field(default_factory=list)
    tools: list[Id] = Field(default_factory=list)
    modules: list[Id] = Field(default_factory=list)
    articles: list[Id] = Field(default_factory=list)
    provenance: Provenance
    changes: ChangeNotes


class Pack(Strict):
    """A trainer's own participant pack (content/packs/<id>.yml): chosen days and tools."""

    id: Id | None = None
    title: Text
    subtitle: str | None = None
    days: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]] = Field(
        default_factory=list, description="'<module-id>/<day-id>' in teaching order."
    )
    tools: list[Id] = Field(default_factory=list, description="Extra tool cards.")
    include_glossary: bool = True

    @model_validator(mode="after")
    def _not_empty(self) -> Pack:
        if not self.days and not self.tools:
            raise ValueError("a pack needs 'days' or 'tools'")
        return self


# --- course runs (runs/<id>.yml, outside content/: cohort data is never published) -----

DayRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]


def _clock_text(value: Any) -> Any:
    """YAML 1.1 reads an unquoted 15:00 as the number 900 (base 60): say how to write it."""
    if isinstance(value, int) and not isinstance(value, bool):
        hours, mins = divmod(value, 60)
        raise ValueError(
            f'write the time in quotes, e.g. "{hours:02d}:{mins:02d}" (without quotes YAML '
            f"reads it as the number {value})"
        )
    return value


Clock = Annotated[
    str,
    BeforeValidator(_clock_text),
    StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(description='Clock time "HH:MM", 24-hour, in quotes.'),
]


# An ISO date; written unquoted (YAML reads it as a date) or quoted.
RunDate = Annotated[
    dt.date,
    BeforeValidator(_date_text),
    Field(strict=False, description="ISO date, e.g. 2027-03-03."),
]


def clock_minutes(value: str) -> int:
    """'08:30' → 510 (minutes after midnight)."""
    hours, mins = value.split(":")
    return int(hours) * 60 + int(mins)


class Cohort(Strict):
    organisations: list[Text] = Field(min_length=1, description="Who the participants are from.")
    size: int | None = Field(
        default=None, gt=0, le=500, description="Participants; copies to print per worksheet."
    )


class Venue(Strict):
    name: Text
    address: str | None = None


class ToolSwap(Strict):
    model_config = ConfigDict(populate_by_name=False)

    from_: Id = Field(alias="from", description="Tool id in the block today.")
    to: Id = Field(description="Tool id to use instead.")


def _block_or_key(value: Any) -> str:
    return "new-block" if isinstance(value, dict) else "block-key"


# Names of union branches that pydantic puts into an error's location; not keys in a file.
UNION_TAGS = frozenset({"block-key", "new-block"})


class RunBlock(Block):
    """A block a run adds (an own day's block, or an insert): a module block, plus who leads it."""

    trainer: Text | None = Field(
        default=None, description="Who leads the block: one of the run's trainers (a name)."
    )


class RunChange(Strict):
    """One local change of a module day, applied in order. Exactly one of:
    `skip: <key>`; `block: <key>` with `minutes`, `add_tools` and/or `swap_tool`;
    `insert_after: <key>` or `insert_before: <key>` with `block:` a new block."""

    skip: Id | None = Field(default=None, description="Key of a block to leave out.")
    block: (
        Annotated[
            Annotated[Id, Tag("block-key")] | Annotated[RunBlock, Tag("new-block")],
            Discriminator(_block_or_key),
        ]
        | None
    ) = Field(
        default=None,
        description="Key of the block to change, or (with insert_after/insert_before) a "
        "new block with the same fields as a module block.",
    )
    minutes: int | None = Field(default=None, gt=0, le=480)
    add_tools: list[Id] = Field(default_factory=list)
    swap_tool: ToolSwap | None = None
    insert_after: Id | None = Field(default=None, description="Key of a block.")
    insert_before: Id | None = Field(default=None, description="Key of a block.")
    trainer: Text | None = Field(
        default=None, description="Who leads the block: one of the run's trainers (a name)."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> RunChange:
        adjust = (
            self.minutes is not None
            or self.add_tools
            or self.swap_tool is not None
            or self.trainer is not None
        )
        insert = self.insert_after is not None or self.insert_before is not None
        if self.skip is not None:
            if self.block is not None or adjust or insert:
                raise ValueError("'skip' stands alone: put other changes in their own item")
        elif insert:
            if self.insert_after is not None and self.insert_before is not None:
                raise ValueError("give 'insert_after' or 'insert_before', not both")
            if not isinstance(self.block, Block):
                raise ValueError(
                    "an insert needs 'block:' with the new block (title, kind, minutes …)"
                )
            if adjust:
                raise ValueError(
                    "'minutes', 'add_tools', 'swap_tool' and 'trainer' go in the new block itself"
                )
        elif self.block is None:
            raise ValueError("give 'skip', 'block' or 'insert_after'/'insert_before'")
        elif isinstance(self.block, Block):
            raise ValueError(
                "a new block needs 'insert_after' or 'insert_before'; to change a block, "
                "'block' is its key"
            )
        elif not adjust:
            raise ValueError(
                f"say what changes in '{self.block}': 'minutes', 'add_tools', 'swap_tool' or "
                "'trainer'"
            )
        return self

    @property
    def kind(self) -> Literal["skip", "insert", "change"]:
        if self.skip is not None:
            return "skip"
        return "insert" if isinstance(self.block, Block) else "change"


class RunDay(Strict):
    """One day of a run: a module day (`day`) with local changes, or an own day (`blocks`)."""

    day: DayRef | None = Field(
        default=None, description="'<module-id>/<day-id>'; omit for an own day with 'blocks'."
    )
    date: RunDate
    start: Clock = "09:00"
    end: Clock = Field(description='Booked end, e.g. "15:00".')
    title: Text | None = Field(default=None, description="Own title instead of the day's.")
    changes: list[RunChange] = Field(default_factory=list)
    blocks: list[RunBlock] = Field(default_factory=list, description="Only for an own day.")

    @model_validator(mode="after")
    def _module_or_own(self) -> RunDay:
        if self.day is not None and self.blocks:
            raise ValueError("give 'day' (a module day) or 'blocks' (an own day), not both")
        if self.day is None:
            if not self.blocks:
                raise ValueError("give 'day' (a module day) or 'blocks' (an own day)")
            if self.changes:
                raise ValueError("'changes' apply to a module day; edit an own day's blocks")
            if self.title is None:
                raise ValueError("an own day needs a 'title'")
        if clock_minutes(self.end) <= clock_minutes(self.start):
            raise ValueError(f"the booked end {self.end} must come after the start {self.start}")
        return self


class Run(Strict):
    """A course run (runs/<id>.yml): one cohort's concrete course with dates and a venue."""

    id: Id | None = Field(default=None, description="Defaults to the file name.")
    title: Text
    course: Id | None = Field(default=None, description="Course id, for the cover.")
    cohort: Cohort
    venue: Venue
    trainers: list[Text] = Field(default_factory=list, description="Names only.")
    days: list[RunDay] = Field(min_length=1)


# Folder in content/ → model; one YAML file per item (the glossary is one file).
COLLECTIONS: dict[str, type[Strict]] = {
    "courses": Course,
    "modules": Module,
    "tools": Tool,
    "guide": Article,
    "cookbook": Chapter,
    "packs": Pack,
}


# The five source documents (shared/sources), by the number a provenance entry names.
SOURCE_NAMES = {
    "000": "Kursuskoncept Virksomhedsservice (2016)",
    "001": "Kompetenceudviklingsforløb (2015)",
    "002": "Langtidsledighed – en guide til organisering, implementering og redskaber (2013)",
    "003": "Undervisningsdag for ledelsen (slides)",
    "004": "Kompetenceudviklingsforløb Samtalen (2016)",
}
